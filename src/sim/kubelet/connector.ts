/**
 * The kubelet's side of pods/log, pods/exec and pods/portforward (its HTTP server on :10250 in a real node;
 * the API server proxies to it). Error texts are the kubelet's (kuberuntime_container.go, server/server.go)
 * and the API server's log REST checks (pkg/registry/core/pod/strategy.go LogLocation).
 */
import type { ExecOptions, ExecSession, LogOptions, NodeConnector, PortForwardConnection, Status } from '../apiserver/types';

import type { Shell } from '../images/sh';
import { containerShell, loadContainerShell } from '../images/container-shell';
import type { ContainerRuntime } from './container';
import type { Kubelet, PodWorker } from './kubelet';
import { followStream } from './logs';

function badRequest(message: string): { error: Status } {
  return { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 } };
}
function notFound(message: string): { error: Status } {
  return { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', code: 404 } };
}
function internal(message: string): { error: Status } {
  return { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 } };
}

/** The API server's proxy to a kubelet whose node is down: a dial error, no reason (kubectl: "Error from server: …"). */
function unreachable(message: string): { error: Status } {
  return { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } };
}

export class KubeletConnector implements NodeConnector {
  constructor(private kubelet: Kubelet) {}

  /** The kubelet's HTTP paths other than pods' (only the resource metrics metrics-server scrapes; others 404). */
  proxy(path: string): { status: number; contentType: string; text: string } | { error: Status } {
    const down = this.down();
    if (down) return unreachable(`Get "https://${this.kubelet.config.internalIP}:10250${path}": ${down}`);
    if (path === '/metrics/resource') return { status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', text: this.kubelet.resourceMetrics() };
    return { status: 404, contentType: 'text/plain; charset=utf-8', text: '404 page not found\n' };
  }

  private down(): string | undefined {
    return this.kubelet.running ? undefined : `dial tcp ${this.kubelet.config.internalIP}:10250: connect: no route to host`;
  }

  private pick(namespace: string, pod: string, container: string | undefined): { w: PodWorker; c: ContainerRuntime } | { error: Status } {
    const w = this.kubelet.podByName(namespace, pod);
    if (!w) return notFound(`pods "${pod}" not found`);
    const all = [...w.init, ...w.containers];
    if (!container) {
      if (w.containers.length === 1 && !w.init.length) return { w, c: w.containers[0] };
      if (w.containers.length === 1) return { w, c: w.containers[0] };
      const names = w.containers.map((c) => c.name).join(' ');
      const init = w.init.length ? ` or one of the init containers: [${w.init.map((c) => c.name).join(' ')}]` : '';
      return badRequest(`a container name must be specified for pod ${pod}, choose one of: [${names}]${init}`);
    }
    const c = all.find((x) => x.name === container);
    if (!c) return badRequest(`container ${container} is not valid for pod ${pod}`);
    return { w, c };
  }

  containerLogs(namespace: string, pod: string, opts: LogOptions): { text: string } | { stream: import('../apiserver/types').ApiStream<string> } | { error: Status } {
    const hit = this.pick(namespace, pod, opts.container);
    if ('error' in hit) return hit;
    const { c } = hit;
    const down = this.down();
    if (down) return unreachable(`Get "https://${this.kubelet.config.internalIP}:10250/containerLogs/${namespace}/${pod}/${c.name}": ${down}`);
    const render = { timestamps: opts.timestamps, tailLines: opts.tailLines, limitBytes: opts.limitBytes, sinceMs: opts.sinceSeconds !== undefined ? this.kubelet_now() - opts.sinceSeconds * 1000 : undefined };
    if (opts.previous) {
      const prev = c.isTerminated || c.isRunning ? c.prevLog : c.log;
      if (!prev || (!c.isRunning && !c.isTerminated && !('terminated' in c.lastState))) return badRequest(`previous terminated container "${c.name}" in pod "${pod}" not found`);
      return { text: prev.render(render) };
    }
    if (!c.log) {
      const reason = 'waiting' in c.state ? c.state.waiting.reason : 'ContainerCreating';
      // kubelet_pods.go validateContainerLogStatus: the two pull failures get their own wording.
      const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
      return badRequest(`container "${c.name}" in pod "${pod}" is waiting to start: ${why}`);
    }
    const text = c.log.render(render);
    if (opts.follow && c.isRunning) return { stream: followStream(text, c.log, !!opts.timestamps) };
    return { text };
  }

  private kubelet_now(): number {
    return this.kubelet.nowMs();
  }

  exec(namespace: string, pod: string, opts: ExecOptions): ExecSession | { error: Status } {
    const hit = this.pick(namespace, pod, opts.container);
    if ('error' in hit) return hit;
    const { w, c } = hit;
    const down = this.down();
    if (down) return unreachable(`error dialing backend: ${down}`);
    if (!c.isRunning) return badRequest(`unable to upgrade connection: container not found ("${c.name}")`);
    const argv = opts.command;
    if (!argv.length) return badRequest('you must specify at least one command for the container');
    const binaries = c.image?.entry.binaries ?? [];
    const bin = argv[0];
    const has = binaries.includes('*') || binaries.includes(bin.split('/').pop()!) || binaries.includes(bin);
    if (!has) {
      const id = this.kubelet.randomHex(64);
      return internal(`error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": executable file not found in $PATH: unknown`);
    }
    return new ExecRun(this.kubelet, w, c, argv, opts);
  }

  portForward(namespace: string, pod: string, port: number): PortForwardConnection | { error: Status } {
    const w = this.kubelet.podByName(namespace, pod);
    if (!w) return notFound(`pods "${pod}" not found`);
    const kubelet = this.kubelet;
    return {
      request(data: string): string | undefined {
        const hit = w.podIP ? kubelet.findListener(w.podIP, port) : undefined;
        if (!hit) return undefined;
        const [head] = data.split('\r\n\r\n');
        const lines = head.split(/\r?\n/);
        const [method, path] = lines[0].split(' ');
        const headers: Record<string, string> = {};
        for (const l of lines.slice(1)) {
          const i = l.indexOf(':');
          if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
        }
        // port-forwarded traffic enters the pod's network namespace on localhost
        const a = kubelet.answer(hit.w, hit.c, { method: method ?? 'GET', path: path ?? '/', host: headers.host ?? `localhost:${port}`, clientIP: '127.0.0.1', userAgent: headers['user-agent'] });
        const hdrs = Object.entries(a.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
        return `HTTP/1.1 ${a.status} ${a.statusText}\r\n${hdrs}\r\n${a.body}`;
      },
    };
  }
}

/** A running `kubectl exec`: a shell or a single command in the container, paced on the virtual clock. */
class ExecRun implements ExecSession {
  private outCbs: ((s: 'stdout' | 'stderr', d: string) => void)[] = [];
  private exitCbs: ((code: number) => void)[] = [];
  private pending: { s: 'stdout' | 'stderr'; d: string }[] = [];
  private done = false;
  private code = 0;
  private shell?: Shell;
  private buffer = '';
  private interactive: boolean;
  private busy = false;
  private queue: string[] = [];
  /** A command (not an interactive shell) run with stdin gets all of it once the client closes stdin (`tar xmf -`). */
  private stdinText?: string;
  private stdinClosed = false;
  private waitingForStdin = false;

  constructor(
    private kubelet: Kubelet,
    private w: PodWorker,
    private c: ContainerRuntime,
    private argv: string[],
    private opts: ExecOptions,
  ) {
    const base = argv[0].split('/').pop()!;
    this.interactive = ['sh', 'bash', 'ash'].includes(base) && argv.length === 1 && !!opts.stdin;
    // (with a terminal the command starts at once and reads keys as they come; here it only needs them whole)
    // Only a command that reads stdin waits for it: `printenv` under `kubectl exec -i` with a stdin that never
    // closes runs and ends at once, as in a real container.
    if (opts.stdin && !opts.tty && !this.interactive && readsStdin(argv)) this.stdinText = '';
    const ctx = kubelet.makeProcessContext(w, c);
    const make = () => {
      const m = containerShell();
      if (m && !this.shell) this.shell = new m.Shell(ctx, { binaries: c.image?.entry.binaries ?? ['*'], argv0: base });
      return !!this.shell;
    };
    // The shell's code loads on first use (../images/container-shell). The exec request comes from outside the
    // clock, which stands still until the load is in: stdin written meanwhile waits in the queue, and the shell
    // then runs it at the same virtual instant as it would have with the code cached.
    if (!make()) {
      void loadContainerShell().then(
        () => make() && this.drain(),
        () => undefined,
      );
    }
    const start = () => {
      if (this.done) return;
      // Time was moved past the load without waiting for it: start once the code is in.
      if (!make()) {
        void loadContainerShell().then(start, () => this.exit(126));
        return;
      }
      if (this.interactive) this.prompt();
      else if (this.stdinText !== undefined && !this.stdinClosed) this.waitingForStdin = true;
      else this.runCommand();
    };
    // Start after the caller has registered its callbacks.
    kubelet.later(0, start);
  }

  private runCommand(): void {
    this.runGen(this.shell!.runArgv(this.argv, this.stdinText), (code) => this.exit(code));
  }

  private prompt(): void {
    if (!this.opts.tty) return;
    const debianLike = !(this.c.image?.entry.binaries ?? []).includes('*');
    // busybox ash's PS1 is '\w \$ ', Debian bash's '\u@\h:\w\$ ': both show the working directory.
    const dir = this.shell?.cwd() ?? '/';
    const cwd = dir === '/root' ? '~' : dir;
    this.emit('stdout', debianLike ? `root@${this.w.pod.metadata.name}:${cwd}# ` : `${cwd} # `);
  }

  private emit(s: 'stdout' | 'stderr', d: string): void {
    if (!d) return;
    // A terminal turns \n into \r\n.
    if (this.opts.tty) d = d.replace(/\r?\n/g, '\r\n');
    if (this.outCbs.length) for (const cb of this.outCbs) cb(s, d);
    else this.pending.push({ s, d });
  }

  private runGen(gen: Generator<import('../images/process').ProcessAction, number, void>, onDone: (code: number) => void): void {
    const step = () => {
      if (this.done) return;
      for (let i = 0; i < 10_000; i++) {
        const r = gen.next();
        if (r.done) return onDone(r.value);
        const a = r.value;
        if (a.type === 'out') this.emit(a.stream, a.text);
        else if (a.type === 'sleep') {
          if (a.ms !== Infinity) this.kubelet.later(a.ms, step);
          return;
        } else return;
      }
      this.kubelet.later(1, step);
    };
    step();
  }

  private exit(code: number): void {
    if (this.done) return;
    this.done = true;
    this.code = code;
    for (const cb of this.exitCbs) cb(code);
  }

  write(data: string): void {
    if (this.done) return;
    if (!this.interactive) {
      if (this.stdinText !== undefined && !this.stdinClosed) this.stdinText += data;
      return;
    }
    if (this.opts.tty) this.emit('stdout', data.replace(/\r/g, '\n'));
    this.buffer += data.replace(/\r\n?/g, '\n');
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      this.queue.push(this.buffer.slice(0, i));
      this.buffer = this.buffer.slice(i + 1);
    }
    this.drain();
  }

  private drain(): void {
    if (this.busy || this.done || !this.shell) return;
    const line = this.queue.shift();
    if (line === undefined) return;
    this.busy = true;
    let exited = false;
    const gen = (function* (sh: Shell, src: string) {
      const code = yield* sh.runScript(src);
      return code;
    })(this.shell!, line);
    if (/^\s*exit\b/.test(line)) exited = true;
    this.runGen(gen, (code) => {
      this.busy = false;
      if (exited) return this.exit(code);
      this.prompt();
      this.drain();
    });
  }

  closeStdin(): void {
    if (this.interactive) this.kubelet.later(0, () => this.exit(this.code));
    else if (this.stdinText !== undefined && !this.stdinClosed) {
      this.stdinClosed = true;
      if (this.waitingForStdin) this.kubelet.later(0, () => this.runCommand());
    }
  }

  onOutput(cb: (stream: 'stdout' | 'stderr', data: string) => void): void {
    this.outCbs.push(cb);
    for (const p of this.pending.splice(0)) cb(p.s, p.d);
  }

  onExit(cb: (code: number) => void): void {
    if (this.done) cb(this.code);
    else this.exitCbs.push(cb);
  }

  close(): void {
    this.done = true;
  }
}

/** Programs that read stdin when no file operand is given (the filters a learner pipes into an exec). */
const FILTERS = new Set(['cat', 'wc', 'head', 'tail', 'sort', 'uniq', 'tee', 'base64', 'md5sum', 'sha256sum', 'gzip', 'gunzip', 'xargs', 'dd', 'od', 'xxd', 'rev', 'nl']);
/** Filters whose first operand is a script or pattern, not a file. */
const SCRIPTED = new Set(['grep', 'egrep', 'fgrep', 'sed', 'awk', 'jq']);

/**
 * Whether an exec's command reads its stdin. The container's programs take stdin whole when they start, so one that
 * reads it must wait until the client closes it; one that does not must not wait, or it would hang on a stdin that
 * never closes. Decided from the command line: filters without file operands, `tar` extracting or listing from
 * `-`, `read`, and shell scripts that use one of these.
 */
export function readsStdin(argv: string[]): boolean {
  const base = argv[0].split('/').pop()!;
  const operands = argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  if (base === 'tr') return true;
  if (FILTERS.has(base)) return operands.length === 0 || operands.includes('-');
  if (SCRIPTED.has(base)) return operands.length <= 1 || operands.slice(1).includes('-');
  if (base === 'tar') {
    const mode = argv.slice(1).join(' ');
    const extracts = /(^|\s)-?[a-zA-Z]*[xt]/.test(mode) || /--(extract|list|get)\b/.test(mode);
    const fromFile = /(^|\s)-?[a-zA-Z]*f\s*(\S+)/.exec(mode);
    return extracts && (!fromFile || fromFile[2] === '-');
  }
  if (['sh', 'bash', 'ash'].includes(base)) {
    const c = argv.indexOf('-c');
    if (c < 0) return true; // a script on stdin
    const script = argv[c + 1] ?? '';
    return /(^|[\s;|&(])read\b|<&0|(^|[|;&]\s*)(cat|wc|tee|base64|tr|sort|head|tail)(\s*($|[|;&>])|\s+-(\s|$))|\btar\s+-?[a-z]*[xt]/.test(script);
  }
  return false;
}
