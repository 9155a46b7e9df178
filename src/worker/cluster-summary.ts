/**
 * A small picture of the cluster for the map: nodes holding their pods (with the STATUS kubectl would print),
 * Services with their endpoint addresses, and the latest events. Read through the API like any client, and sent
 * to the page as a few hundred bytes instead of whole objects.
 */
import type { ApiHandler, KubeObject } from '../sim/apiserver/types';
import { ApiClient } from '../sim/client/client';
import { R } from '../sim/client/resources';
import type { ClusterSummary, MapPod } from './protocol';

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const MAX_EVENTS = 8;

interface TableLike {
  kind?: string;
  columnDefinitions?: Array<{ name: string }>;
  rows?: Array<{ cells: unknown[]; object?: KubeObject }>;
}

type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };

export function summarizeCluster(api: ApiHandler | undefined): ClusterSummary {
  const empty: ClusterSummary = { nodes: [], unscheduled: [], services: [], events: [] };
  if (!api) return empty;
  const client = new ApiClient(api, 'kubelab-map');
  let nodes: Obj[];
  let pods: Obj[];
  try {
    nodes = client.list<Obj>(R.nodes).items;
    pods = client.list<Obj>(R.pods).items;
  } catch {
    return empty;
  }
  const statusByPod = podStatusColumn(client);
  const toMapPod = (p: Obj): MapPod => {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const statuses = (p.status?.containerStatuses ?? []) as Array<{ ready?: boolean }>;
    return {
      name: p.metadata.name ?? '',
      namespace: p.metadata.namespace ?? '',
      status: statusByPod.get(key) ?? p.status?.phase ?? 'Unknown',
      ready: statuses.length > 0 && statuses.every((c) => c.ready),
    };
  };
  const summary: ClusterSummary = {
    nodes: nodes.map((n) => {
      const labels = n.metadata.labels ?? {};
      const roles = Object.keys(labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort()
        .join(',');
      const ready = ((n.status?.conditions ?? []) as Array<{ type: string; status: string }>).some((c) => c.type === 'Ready' && c.status === 'True');
      return {
        name: n.metadata.name ?? '',
        ready,
        roles: roles || '<none>',
        pods: pods.filter((p) => p.spec?.nodeName === n.metadata.name).map(toMapPod),
      };
    }),
    unscheduled: pods.filter((p) => !p.spec?.nodeName).map(toMapPod),
    services: [],
    events: [],
  };
  try {
    const services = client.list<Obj>(R.services).items;
    const endpoints = client.list<Obj>(R.endpoints).items;
    summary.services = services
      .filter((s) => s.metadata.namespace !== 'kube-system')
      .map((s) => {
        const ep = endpoints.find((e) => e.metadata.namespace === s.metadata.namespace && e.metadata.name === s.metadata.name) as
          | (Obj & { subsets?: Array<{ addresses?: Array<{ ip: string; targetRef?: { name?: string } }> }> })
          | undefined;
        const addrs = (ep?.subsets ?? []).flatMap((ss) => (ss.addresses ?? []).map((a) => a.targetRef?.name ?? a.ip));
        return { name: s.metadata.name ?? '', namespace: s.metadata.namespace ?? '', type: s.spec?.type ?? 'ClusterIP', endpoints: addrs };
      });
  } catch {
    // Services are optional for the picture.
  }
  try {
    const events = client.list<Obj & Record<string, any>>(R.events).items;
    const stamp = (e: Record<string, any>) => String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');
    summary.events = events
      .sort((a, b) => stamp(a).localeCompare(stamp(b)))
      .slice(-MAX_EVENTS)
      .map((e) => `${e.type ?? ''} ${e.reason ?? ''} ${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}: ${e.message ?? ''}`.trim());
  } catch {
    // No events yet.
  }
  return summary;
}

/** The pods Table's STATUS column (CrashLoopBackOff, ContainerCreating, Terminating …), keyed by namespace/name. */
function podStatusColumn(client: ApiClient): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const res = client.raw({ method: 'GET', path: '/api/v1/pods', headers: { accept: TABLE_ACCEPT } });
    const table = res.body as TableLike;
    if (res.status >= 400 || table?.kind !== 'Table') return out;
    const col = (table.columnDefinitions ?? []).findIndex((c) => c.name === 'Status');
    const nameCol = (table.columnDefinitions ?? []).findIndex((c) => c.name === 'Name');
    if (col < 0) return out;
    for (const row of table.rows ?? []) {
      const meta = row.object?.metadata;
      const name = meta?.name ?? String(row.cells[nameCol] ?? '');
      out.set(`${meta?.namespace ?? ''}/${name}`, String(row.cells[col]));
    }
  } catch {
    // Fall back to the phase.
  }
  return out;
}
