/**
 * kubectl port-forward (pkg/cmd/portforward, client-go tools/portforward): binds local ports on the
 * learner's machine through host.listen and relays each connection to the pod over pods/portforward,
 * printing `Handling connection for N`; runs until Ctrl-C.
 */
import type { KubeObject, PortForwardConnection, Status } from '../../sim/apiserver/types';
import type { HostHttpRequest, HostHttpResponse } from '../../shell/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError } from '../cli/errors';
import { StatusError } from '../client/rest';
import { resolvePod } from './podutil';

interface Mapping {
  local: number;
  remote: number | string;
}

function parsePorts(specs: string[]): Mapping[] {
  return specs.map((s) => {
    const [a, b] = s.split(':');
    if (b === undefined) return { local: Number(a), remote: /^\d+$/.test(a) ? Number(a) : a };
    return { local: a === '' ? 0 : Number(a), remote: /^\d+$/.test(b) ? Number(b) : b };
  });
}

/** The container port a service/pod port name or number refers to. */
function resolveRemote(k: Kctx, target: string, pod: KubeObject, remote: number | string): number {
  const ports = (pod.spec?.containers ?? []).flatMap((c: { ports?: { name?: string; containerPort: number }[] }) => c.ports ?? []);
  if (target.startsWith('svc/') || target.startsWith('service/') || target.startsWith('services/')) {
    const svcName = target.slice(target.indexOf('/') + 1);
    const svc = k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(k.namespace)}/services/${encodeURIComponent(svcName)}` });
    const sp = (svc.spec?.ports ?? []).find((p: { port: number; name?: string }) => p.port === remote || p.name === remote);
    if (!sp) throw new KubectlError(`Service ${svcName} does not have a service port ${remote}`);
    const tp = sp.targetPort ?? sp.port;
    if (typeof tp === 'number') return tp;
    const named = ports.find((p: { name?: string }) => p.name === tp);
    if (!named) throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${tp}'`);
    return named.containerPort;
  }
  if (typeof remote === 'number') return remote;
  const named = ports.find((p: { name?: string }) => p.name === remote);
  if (!named) throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
  return named.containerPort;
}

function toRaw(req: HostHttpRequest, port: number): string {
  const headers = { Host: `localhost:${port}`, ...req.headers };
  return `${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([a, b]) => `${a}: ${b}`)
    .join('\r\n')}\r\n\r\n${req.body ?? ''}`;
}

function fromRaw(raw: string): HostHttpResponse {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + (raw[split] === '\r' ? 4 : 2)) : '';
  const [status, ...lines] = head.split(/\r?\n/);
  const m = /^HTTP\/[\d.]+ (\d+)\s*(.*)$/.exec(status);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return { status: m ? Number(m[1]) : 200, statusText: m?.[2], headers, body };
}

export async function runPortForward(k: Kctx): Promise<number> {
  if (k.args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward', k.cmdPath);
  const [target, ...portSpecs] = k.args;
  const { pod } = resolvePod(k, target, k.namespace);
  if (pod.status?.phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Unknown'}`);
  const mappings = parsePorts(portSpecs).map((m) => ({ ...m, remote: resolveRemote(k, target, pod, m.remote) }));
  if (!k.ctx.host.listen) throw new KubectlError('port forwarding is not available in this terminal');
  const res = k.rest().request({ method: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace!)}/pods/${encodeURIComponent(pod.metadata.name!)}/portforward` });
  if (res.status >= 400 || !res.portForward) {
    if (res.status >= 400) throw new StatusError(res.body as Status, res.status, 'POST', '');
    throw new KubectlError('error upgrading connection: unable to upgrade connection');
  }
  const open = res.portForward;
  const listeners: { close(): void }[] = [];
  const addresses = (k.f.list('address').length ? k.f.list('address') : ['localhost']).flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '[::1]'] : [a]));
  for (const m of mappings) {
    const local = m.local || 30000 + (m.remote as number);
    const l = k.ctx.host.listen(local, (req) => {
      k.out(`Handling connection for ${local}\n`);
      const conn = open(m.remote as number) as PortForwardConnection | { error: Status };
      if ('error' in conn) {
        k.err(`E1125 00:00:00.000000   12345 portforward.go:413] "Unhandled Error" err="an error occurred forwarding ${local} -> ${m.remote}: ${conn.error.message ?? ''}"\n`);
        return undefined;
      }
      const raw = conn.request(toRaw(req, local));
      return raw === undefined ? undefined : fromRaw(raw);
    });
    if ('error' in l) {
      for (const x of listeners) x.close();
      throw new KubectlError(`Unable to listen on port ${local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${local}: bind: address already in use]`);
    }
    listeners.push(l);
    for (const a of addresses) k.out(`Forwarding from ${a}:${local} -> ${m.remote}\n`);
  }
  await new Promise<void>((resolve) => {
    if (k.ctx.signal.aborted) return resolve();
    k.ctx.signal.onAbort(() => resolve());
  });
  for (const l of listeners) l.close();
  return 130;
}
