/**
 * kubectl exec and attach (pkg/cmd/exec/exec.go, pkg/cmd/attach): POST pods/{name}/exec, then pump stdin
 * (raw keys from the terminal with -it, or the whole stdin) and stream stdout/stderr until the remote exits.
 * A non-zero remote code prints `command terminated with exit code N` and becomes kubectl's exit code.
 */
import type { ExecSession, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError, ExitCode } from '../cli/errors';
import { StatusError } from '../client/rest';
import { pickContainer, resolvePod } from './podutil';

export async function runExec(k: Kctx): Promise<number> {
  const dash = k.f.p.dashAt;
  const before = dash >= 0 ? k.args.slice(0, dash) : k.args;
  const cmd = dash >= 0 ? k.args.slice(dash) : [];
  if (!before.length && !k.f.list('filename').length) throw new KubectlError('pod, type/name or --filename must be specified');
  if (dash < 0 && before.length > 1) throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', k.cmdPath);
  if (!cmd.length) throw new KubectlError('you must specify at least one command for the container');
  const ns = k.namespace;
  const { pod } = resolvePod(k, before[0], ns);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = pickContainer(k, pod, k.f.str('container'), k.f.bool('quiet'));
  const stdin = k.f.bool('stdin');
  let tty = k.f.bool('tty');
  if (tty && !stdin) {
    k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  if (tty && !k.ctx.terminal) {
    k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  return execSession(k, pod, container, cmd, stdin, tty);
}

export async function execSession(k: Kctx, pod: KubeObject, container: string, cmd: string[], stdin: boolean, tty: boolean): Promise<number> {
  const ns = pod.metadata.namespace ?? k.namespace;
  const res = k.rest().request({
    method: 'POST',
    path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata.name!)}/exec`,
    query: { command: JSON.stringify(cmd), container, stdin: stdin ? 'true' : undefined, stdout: 'true', stderr: tty ? undefined : 'true', tty: tty ? 'true' : undefined },
  });
  if (res.status >= 400 || !res.exec) {
    if (res.status >= 400) {
      const st = res.body as { message?: string };
      if (res.status === 404 || res.status === 403) throw new StatusError(res.body as never, res.status, 'POST', '');
      throw new KubectlError(`unable to upgrade connection: ${st?.message ?? 'error'}`);
    }
    throw new KubectlError('unable to upgrade connection: exec is not supported by this server');
  }
  const session: ExecSession = res.exec;
  const code = await pump(k, session, stdin, tty);
  if (code !== 0 && code !== 130) {
    k.err(`command terminated with exit code ${code}\n`);
    throw new ExitCode(code);
  }
  return code;
}

async function pump(k: Kctx, session: ExecSession, stdin: boolean, tty: boolean): Promise<number> {
  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      resolve(code);
    };
    session.onOutput((stream, data) => (stream === 'stdout' ? k.out(data) : k.err(data)));
    session.onExit((code) => finish(code));
    k.ctx.signal.onAbort(() => {
      if (done) return;
      session.close();
      finish(130);
    });
    if (stdin) {
      if (tty && k.ctx.terminal) {
        const term = k.ctx.terminal;
        session.resize?.(term.columns, term.rows);
        term.onResize((c, r) => session.resize?.(c, r));
        void (async () => {
          while (!done) {
            const key = await term.readKey();
            if (done) break;
            session.write(key);
          }
        })();
      } else {
        void k.ctx.stdin.readAll().then((text) => {
          if (done) return;
          if (text) session.write(text);
          session.closeStdin();
        });
      }
    }
  });
}

/** `run -it` and `attach`: wait for the pod to run, then attach to its first container. */
export async function attachPod(k: Kctx, name: string, o: { tty: boolean; rm: boolean }): Promise<number> {
  const ns = k.namespace;
  let pod: KubeObject | undefined;
  for (let i = 0; i < 600; i++) {
    pod = k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}` });
    const phase = pod.status?.phase;
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') break;
    if (!(await k.sleep(1000))) return 130;
  }
  if (!pod) return 1;
  const c = pod.spec?.containers?.[0] ?? {};
  let code = 0;
  if (pod.status?.phase === 'Running') {
    k.err(`If you don't see a command prompt, try pressing enter.\n`);
    const cmd = [...(c.command ?? []), ...(c.args ?? [])];
    try {
      code = await execSession(k, pod, c.name, cmd.length ? cmd : ['sh'], true, o.tty && !!k.ctx.terminal);
    } catch (e) {
      if (e instanceof ExitCode) code = e.code;
      else throw e;
    }
  } else {
    // The container already finished: print its log as attach would have streamed it.
    const res = k.rest().request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/log` });
    if (typeof res.body === 'string') k.out(res.body);
  }
  if (o.rm) {
    k.rest().request({ method: 'DELETE', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
    k.out(`pod "${name}" deleted\n`);
  }
  return code;
}

export async function runAttach(k: Kctx): Promise<number> {
  if (!k.args.length) throw new UsageError('expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 0', k.cmdPath);
  const { pod } = resolvePod(k, k.args.join('/'), k.namespace);
  const container = pickContainer(k, pod, k.f.str('container'), k.f.bool('quiet'));
  const c = (pod.spec?.containers ?? []).find((x: { name: string }) => x.name === container) ?? {};
  const cmd = [...(c.command ?? []), ...(c.args ?? [])];
  if (k.f.bool('stdin')) k.err(`If you don't see a command prompt, try pressing enter.\n`);
  return execSession(k, pod, container, cmd.length ? cmd : ['sh'], k.f.bool('stdin'), k.f.bool('tty') && !!k.ctx.terminal);
}
