/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (pkg/api/node.go, pod.go, table.go; k8s.io/metrics types):
 * NodeMetrics (cluster-scoped) and PodMetrics (namespaced), get and list only, label selectors. Items come in
 * name order (namespace, then name, for pods), only for objects with two stored points; pods only while Running.
 * Getting a node or pod that does not exist answers the core NotFound (`pods "x" not found`); one that exists but
 * has no metrics yet answers `podmetrics.metrics.k8s.io "ns/x" not found` / `nodemetrics.metrics.k8s.io "x" not found`.
 * CPU prints as a nanocore Quantity, memory as a binary one (Ki), window as a Go duration; creationTimestamp is
 * the time of the request, as upstream stamps it.
 */
import type { AggregatedApi } from '../apiserver/aggregator';
import type { ResourceInfo } from '../apiserver/registry';
import { matchLabels, parseLabelSelector, type LabelSelector } from '../apiserver/selectors/labels';
import type { ApiRequest, ApiResponse, KubeObject, Status } from '../apiserver/types';
import type { VirtualClock } from '../clock';
import { parseRequestPath } from '../apiserver/path';
import type { MetricsServer } from './server';
import type { Usage } from './storage';

export const GROUP = 'metrics.k8s.io';
export const VERSION = 'v1beta1';
const API_VERSION = `${GROUP}/${VERSION}`;

// metrics-server's storages implement Getter and Lister only (no watch in v0.7) and name no singular.
const res = (resource: string, kind: string, namespaced: boolean): ResourceInfo => ({
  group: GROUP, version: VERSION, resource, kind, singular: '', namespaced, verbs: ['get', 'list'], storageKey: `${GROUP}/${resource}`,
});
export const METRICS_RESOURCES: ResourceInfo[] = [res('nodes', 'NodeMetrics', false), res('pods', 'PodMetrics', true)];

/** A nanocore count as resource.Quantity prints it (DecimalSI, scale -9, canonical suffix). */
export function cpuQuantity(nano: number): string {
  const n = Math.max(0, Math.floor(nano));
  if (n === 0) return '0';
  if (n % 1e9 === 0) return String(n / 1e9);
  if (n % 1e6 === 0) return `${n / 1e6}m`;
  if (n % 1e3 === 0) return `${n / 1e3}u`;
  return `${n}n`;
}

/** Bytes as a BinarySI Quantity: the largest of Ki/Mi/Gi/Ti that divides evenly, else plain bytes. */
export function memoryQuantity(bytes: number): string {
  let v = Math.max(0, Math.round(bytes));
  if (v === 0) return '0';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let i = 0;
  while (i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}

/** time.Duration.String() of a millisecond count (15s, 12.345s, 1m0s). */
export function goDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total - h * 3600 - m * 60) * 1000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function status(code: number, reason: string, message: string, details?: Status['details']): ApiResponse {
  const body: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
  return { status: code, headers: { 'content-type': 'application/json' }, body };
}

const notFound = (group: string, kind: string, name: string) =>
  status(404, 'NotFound', `${group ? `${kind}.${group}` : kind} "${name}" not found`, { name, ...(group ? { group } : {}), kind });

export class MetricsApi implements AggregatedApi {
  readonly group = GROUP;
  readonly version = VERSION;
  readonly resources = METRICS_RESOURCES;

  constructor(
    private server: MetricsServer,
    private clock: VirtualClock,
  ) {}

  available(): boolean {
    return this.server.available();
  }

  handle(req: ApiRequest): ApiResponse {
    const info = parseRequestPath(req.path);
    const ri = METRICS_RESOURCES.find((r) => r.resource === info.resource);
    if (!ri || info.subresource || (ri.namespaced && info.name !== undefined && info.namespace === undefined) || (!ri.namespaced && info.namespace !== undefined)) {
      return status(404, 'NotFound', 'the server could not find the requested resource');
    }
    const verb = req.method !== 'GET' ? ({ POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: info.name ? 'delete' : 'deletecollection' } as Record<string, string>)[req.method] ?? 'unknown' : ['true', '1'].includes(req.query?.watch ?? '') ? 'watch' : info.name ? 'get' : 'list';
    if (verb !== 'get' && verb !== 'list') return status(405, 'MethodNotAllowed', `${ri.resource}.${GROUP} is forbidden: the server does not allow this method on the requested resource`);
    let selector: LabelSelector = [];
    try {
      selector = parseLabelSelector(req.query?.labelSelector ?? '');
    } catch (e) {
      return status(400, 'BadRequest', (e as Error).message);
    }
    const now = this.clock.nowRFC3339();
    const table = /as=Table/.test(req.headers?.accept ?? '');
    if (ri.resource === 'nodes') {
      if (info.name) {
        const node = this.server.nodeInformer.getByName(undefined, info.name);
        if (!node) return notFound('', 'nodes', info.name);
        const m = this.nodeMetrics(node, now);
        if (!m) return notFound(GROUP, 'nodemetrics', info.name);
        return this.reply(table, [m], false);
      }
      const items = this.server.nodeInformer
        .list()
        .filter((n) => matchLabels(selector, n.metadata.labels))
        .sort((a, b) => cmp(a.metadata.name!, b.metadata.name!))
        .map((n) => this.nodeMetrics(n, now))
        .filter((m): m is KubeObject => !!m);
      return this.reply(table, items, true, 'NodeMetricsList');
    }
    if (info.name) {
      const ns = info.namespace!;
      const pod = this.server.pod(ns, info.name);
      if (!pod) return notFound('', 'pods', info.name);
      const m = this.podMetrics(pod, now);
      if (!m) return notFound(GROUP, 'podmetrics', `${ns}/${info.name}`);
      return this.reply(table, [m], false);
    }
    const items = this.server.podInformer
      .list(info.namespace)
      .filter((p) => matchLabels(selector, p.metadata.labels))
      .sort((a, b) => cmp(a.metadata.namespace!, b.metadata.namespace!) || cmp(a.metadata.name!, b.metadata.name!))
      .map((p) => this.podMetrics(p, now))
      .filter((m): m is KubeObject => !!m);
    return this.reply(table, items, true, 'PodMetricsList');
  }

  private nodeMetrics(node: KubeObject, now: string): KubeObject | undefined {
    const u = this.server.nodes.get(node.metadata.name!);
    if (!u) return undefined;
    return {
      kind: 'NodeMetrics',
      apiVersion: API_VERSION,
      metadata: { name: node.metadata.name, creationTimestamp: now, ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
      timestamp: rfc3339(u.timestamp),
      window: goDurationMs(u.windowMs),
      usage: { cpu: cpuQuantity(u.cpu), memory: memoryQuantity(u.memory) },
    };
  }

  private podMetrics(pod: KubeObject, now: string): KubeObject | undefined {
    if (pod.status?.phase !== 'Running') return undefined;
    const m = this.server.pods.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!m) return undefined;
    return {
      kind: 'PodMetrics',
      apiVersion: API_VERSION,
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: now, ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
      timestamp: rfc3339(m.timestamp),
      window: goDurationMs(m.windowMs),
      containers: m.containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
    };
  }

  private reply(table: boolean, items: KubeObject[], list: boolean, listKind = ''): ApiResponse {
    const headers = { 'content-type': 'application/json' };
    if (table) return { status: 200, headers, body: toTable(items) };
    if (!list) return { status: 200, headers, body: items[0] };
    // items of a typed list carry no kind/apiVersion
    const bare = items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    return { status: 200, headers, body: { kind: listKind, apiVersion: API_VERSION, metadata: {}, items: bare } };
  }
}

const usageOf = (u: Usage) => ({ cpu: cpuQuantity(u.cpu), memory: memoryQuantity(u.memory) });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** metrics-server's table.go: Name, one column per resource (sorted), Window; pods sum their containers. */
function toTable(items: KubeObject[]) {
  const rows = items.map((o) => {
    let cpu = o.usage?.cpu;
    let memory = o.usage?.memory;
    if (o.kind === 'PodMetrics') {
      let c = 0;
      let m = 0;
      for (const x of o.containers ?? []) {
        c += nanoOf(x.usage.cpu);
        m += bytesOfQ(x.usage.memory);
      }
      cpu = cpuQuantity(c);
      memory = memoryQuantity(m);
    }
    return { cells: [o.metadata.name, cpu, memory, o.window], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: items.length
      ? [
          { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
          { name: 'cpu', type: 'string', format: 'quantity', description: '', priority: 0 },
          { name: 'memory', type: 'string', format: 'quantity', description: '', priority: 0 },
          { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
        ]
      : [],
    rows,
  };
}

function nanoOf(q: string): number {
  const m = /^(\d+)(n|u|m)?$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * ({ n: 1, u: 1e3, m: 1e6 }[m[2] ?? ''] ?? 1e9);
}

function bytesOfQ(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 }[m[2] ?? ''] ?? 1);
}
