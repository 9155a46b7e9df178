/**
 * pods/log, pods/exec (and attach), pods/portforward: the API server checks the pod and container, then
 * proxies to the kubelet of the pod's node (here: the NodeConnector that kubelet registered).
 * Texts from pkg/registry/core/pod/strategy.go (LogLocation, ExecLocation, validateContainer):
 * - `pod x does not have a host assigned` (400) for a pod not scheduled yet;
 * - `container c is not valid for pod x` (400);
 * - `a container name must be specified for pod x, choose one of: [a b]` (400) when several containers exist
 *   and none is named (exec; logs default to the only container).
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, fail, invalid, notFound, serviceUnavailable } from '../errors';
import { validatePodLogOptions } from '../validation';
import type { ApiResponse, ExecOptions, KubeObject, LogOptions, NodeConnector } from '../types';

const POD = { group: '', resource: 'pods' };

function podAndNode(ctx: ServerContext, req: ResourceRequest): { pod: KubeObject; connector: NodeConnector } {
  const ns = req.info.namespace ?? '';
  const name = req.info.name!;
  const pod = ctx.store.get('/pods', ns, name);
  if (!pod) fail(notFound(POD, name));
  const node = pod!.spec?.nodeName as string | undefined;
  if (!node) fail(badRequest(`pod ${name} does not have a host assigned`));
  const connector = ctx.nodes.get(node!);
  // The kubelet is unreachable (node stopped): the proxy cannot dial it.
  if (!connector) fail(serviceUnavailable(`the kubelet on node ${JSON.stringify(node)} is not reachable`));
  return { pod: pod!, connector: connector! };
}

function containerNames(pod: KubeObject, kinds: ('containers' | 'initContainers' | 'ephemeralContainers')[]): string[] {
  return kinds.flatMap((k) => ((pod.spec?.[k] ?? []) as { name: string }[]).map((c) => c.name));
}

/** Resolves the container the request names, or the only one; fails with the real texts otherwise. */
function pickContainer(pod: KubeObject, requested: string | undefined): string {
  const name = pod.metadata.name!;
  const all = containerNames(pod, ['containers', 'initContainers', 'ephemeralContainers']);
  if (requested) {
    if (!all.includes(requested)) fail(badRequest(`container ${requested} is not valid for pod ${name}`));
    return requested;
  }
  const main = containerNames(pod, ['containers']);
  if (main.length === 1) return main[0];
  // kubectl defaults the container itself (annotation kubectl.kubernetes.io/default-container or the first);
  // the server insists on a name.
  const init = containerNames(pod, ['initContainers']);
  const eph = containerNames(pod, ['ephemeralContainers']);
  let msg = `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`;
  if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
  if (eph.length) msg += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
  return fail(badRequest(msg));
}

const bool = (v: string | undefined) => v === 'true' || v === '1';
const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

export function handleLog(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const q = req.query;
  for (const k of ['tailLines', 'sinceSeconds', 'limitBytes'] as const) {
    const v = int(q[k]);
    // The query parameter codec's int64 conversion fails with strconv's text (apimachinery runtime/conversion.go).
    if (v !== undefined && !Number.isInteger(v)) fail(badRequest(`strconv.ParseInt: parsing ${JSON.stringify(q[k])}: invalid syntax`));
  }
  // Options are validated before the pod is looked up (pkg/registry/core/pod/rest/log.go).
  const optErrs = validatePodLogOptions({ tailLines: int(q.tailLines), limitBytes: int(q.limitBytes), sinceSeconds: int(q.sinceSeconds), sinceTime: q.sinceTime || undefined });
  if (optErrs.length) fail(invalid({ group: '', kind: 'PodLogOptions' }, req.info.name ?? '', optErrs));
  const { pod, connector } = podAndNode(ctx, req);
  const container = pickContainer(pod, q.container);
  const opts: LogOptions = {
    container,
    follow: bool(q.follow),
    previous: bool(q.previous),
    timestamps: bool(q.timestamps),
    tailLines: int(q.tailLines),
    sinceSeconds: int(q.sinceSeconds),
    limitBytes: int(q.limitBytes),
  };
  const res = connector.containerLogs(pod.metadata.namespace ?? '', pod.metadata.name!, opts);
  if ('error' in res) return jsonResponse(res.error.code, res.error);
  if ('stream' in res) return { status: 200, headers: { 'content-type': 'text/plain' }, stream: res.stream };
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: res.text };
}

function parseCommand(v: string | undefined): string[] {
  if (!v) return [];
  if (v.startsWith('[')) {
    try {
      const a = JSON.parse(v);
      if (Array.isArray(a)) return a.map(String);
    } catch {
      // a single command that happens to start with '['
    }
  }
  return [v];
}

export function handleExec(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { pod, connector } = podAndNode(ctx, req);
  const q = req.query;
  const container = pickContainer(pod, q.container);
  const command = parseCommand(q.command);
  if (req.info.subresource === 'exec' && command.length === 0) fail(badRequest('you must specify at least 1 command'));
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') fail(badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`));
  const opts: ExecOptions = { container, command, stdin: bool(q.stdin), tty: bool(q.tty) };
  const res = connector.exec(pod.metadata.namespace ?? '', pod.metadata.name!, opts);
  if ('error' in res) return jsonResponse(res.error.code, res.error);
  return { status: 101, headers: {}, exec: res };
}

export function handlePortForward(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { pod, connector } = podAndNode(ctx, req);
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name!;
  return { status: 101, headers: {}, portForward: (port: number) => connector.portForward(ns, name, port) };
}
