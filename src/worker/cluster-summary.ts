/**
 * A small picture of the cluster for the map: nodes holding their pods (with the STATUS kubectl would print and a
 * colour class), Services with the pods behind their ready endpoints, and the latest events. Built from plain
 * object lists, so the watch-fed map (cluster-watch.ts) and a one-off read (summarizeCluster) share it, and sent
 * to the page as a few hundred bytes instead of whole objects.
 */
import type { ApiHandler, KubeObject } from '../sim/apiserver/types';
import { ApiClient } from '../sim/client/client';
import { R } from '../sim/client/resources';
import { printPod } from '../sim/apiserver/tables/pods';
import type { ClusterSummary, MapEventLine, MapNode, MapPod, MapPodState, MapService } from './protocol';

export const MAX_EVENTS = 8;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any>; [k: string]: any };

export interface ClusterObjects {
  nodes: Obj[];
  pods: Obj[];
  services: Obj[];
  endpointSlices: Obj[];
  events: Obj[];
}

export const EMPTY_SUMMARY: ClusterSummary = { nodes: [], unscheduled: [], services: [], events: [] };

/** STATUS words of a pod that is stuck failing: image pulls, crash loops, bad configs (kubelet's waiting reasons). */
const FAILING = /BackOff|Err|Error|Invalid|OOMKilled|ContainerCannotRun|DeadlineExceeded|Evicted|Unknown|NodeLost/;

/** The map's colour for a pod, from the STATUS column (printPod's reason), the phase and readiness. */
export function podState(status: string, phase: string | undefined, ready: boolean, deleting: boolean): MapPodState {
  if (deleting && status === 'Terminating') return 'terminating';
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed') return 'failed';
  if (FAILING.test(status)) return 'error';
  if (status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:')) return 'creating';
  if (phase === 'Pending' || status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (phase === 'Running') return ready ? 'ready' : 'running';
  return 'pending';
}

function mapPod(p: Obj, now: number): MapPod {
  let status: string;
  try {
    // The same printer the API server's Table uses: the map says what `kubectl get pods` says.
    status = String(printPod(p, now).cells[2] ?? '');
  } catch {
    status = String(p.status?.phase ?? 'Unknown');
  }
  if (!status) status = String(p.status?.phase ?? 'Unknown');
  const statuses = (p.status?.containerStatuses ?? []) as Array<{ ready?: boolean }>;
  const ready = statuses.length > 0 && statuses.every((c) => c.ready);
  return {
    name: p.metadata.name ?? '',
    namespace: p.metadata.namespace ?? '',
    status,
    ready,
    state: podState(status, p.status?.phase, ready, !!p.metadata.deletionTimestamp),
  };
}

/** The learner's pods first, then the system's; by name within each. */
function byNamespaceThenName(a: MapPod, b: MapPod): number {
  const sys = (p: MapPod) => (p.namespace === 'kube-system' ? 1 : 0);
  return sys(a) - sys(b) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function mapNode(n: Obj, pods: MapPod[]): MapNode {
  const labels = n.metadata.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort()
    .join(',');
  const cond = ((n.status?.conditions ?? []) as Array<{ type: string; status: string }>).find((c) => c.type === 'Ready');
  const ready = cond?.status === 'True';
  // printers.go printNode: Ready / NotReady / Unknown, then SchedulingDisabled for a cordoned node.
  let status = cond ? (ready ? 'Ready' : 'NotReady') : 'Unknown';
  if (n.spec?.unschedulable) status += ',SchedulingDisabled';
  return { name: n.metadata.name ?? '', ready, status, roles: roles || '<none>', pods };
}

/** printers.go makePortString: port[:nodePort]/protocol, comma separated. */
function portString(svc: Obj): string {
  const ports = (svc.spec?.ports ?? []) as Array<{ port: number; nodePort?: number; protocol?: string }>;
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function mapService(svc: Obj, slices: Obj[]): MapService {
  const ready: string[] = [];
  const notReady: string[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    for (const ep of (slice.endpoints ?? []) as Array<{ addresses?: string[]; conditions?: { ready?: boolean }; targetRef?: { kind?: string; name?: string } }>) {
      const who = ep.targetRef?.name ?? ep.addresses?.[0] ?? '';
      if (!who || seen.has(who)) continue;
      seen.add(who);
      // discovery/v1: a nil ready condition means ready.
      (ep.conditions?.ready === false ? notReady : ready).push(who);
    }
  }
  return {
    name: svc.metadata.name ?? '',
    namespace: svc.metadata.namespace ?? '',
    type: svc.spec?.type ?? 'ClusterIP',
    ports: portString(svc),
    endpoints: ready.sort(),
    notReady: notReady.sort(),
  };
}

/** When an event last happened: series/lastTimestamp, eventTime, then creation; revision order breaks ties. */
function eventOrder(a: Obj, b: Obj): number {
  const when = (e: Obj) => String(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');
  const rv = (e: Obj) => Number(e.metadata?.resourceVersion ?? 0);
  return cmp(when(a), when(b)) || rv(a) - rv(b);
}

function mapEvent(e: Obj): MapEventLine {
  const kind = String(e.involvedObject?.kind ?? e.regarding?.kind ?? '').toLowerCase();
  const name = String(e.involvedObject?.name ?? e.regarding?.name ?? '');
  return { type: String(e.type ?? ''), reason: String(e.reason ?? ''), object: `${kind}/${name}`, message: String(e.message ?? e.note ?? '') };
}

/** The picture from object lists: workload Services only (kube-system's are the cluster's own plumbing). */
export function buildSummary(o: ClusterObjects, now: number): ClusterSummary {
  const podsByNode = new Map<string, MapPod[]>();
  const unscheduled: MapPod[] = [];
  for (const p of o.pods) {
    const mp = mapPod(p, now);
    const node = p.spec?.nodeName as string | undefined;
    if (!node) unscheduled.push(mp);
    else {
      let list = podsByNode.get(node);
      if (!list) podsByNode.set(node, (list = []));
      list.push(mp);
    }
  }
  const nodes = [...o.nodes]
    .sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''))
    .map((n) => mapNode(n, (podsByNode.get(n.metadata.name ?? '') ?? []).sort(byNamespaceThenName)));
  const slicesByService = new Map<string, Obj[]>();
  for (const s of o.endpointSlices) {
    const svc = s.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${s.metadata.namespace}/${svc}`;
    let list = slicesByService.get(key);
    if (!list) slicesByService.set(key, (list = []));
    list.push(s);
  }
  const services = o.services
    .filter((s) => s.metadata.namespace !== 'kube-system')
    .sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''))
    .map((s) => mapService(s, slicesByService.get(`${s.metadata.namespace}/${s.metadata.name}`) ?? []));
  const events = [...o.events].sort(eventOrder).slice(-MAX_EVENTS).map(mapEvent);
  return { nodes, unscheduled: unscheduled.sort(byNamespaceThenName), services, events };
}

/** One read of the whole picture through the API (list calls), for a caller that does not keep a map open. */
export function summarizeCluster(api: ApiHandler | undefined, now = 0): ClusterSummary {
  if (!api) return structuredClone(EMPTY_SUMMARY);
  const client = new ApiClient(api, 'kubelab-map');
  const list = (r: (typeof R)[keyof typeof R]): Obj[] => {
    try {
      return client.list<Obj>(r).items;
    } catch {
      return [];
    }
  };
  return buildSummary(
    { nodes: list(R.nodes), pods: list(R.pods), services: list(R.services), endpointSlices: list(R.endpointslices), events: list(R.events) },
    now,
  );
}
