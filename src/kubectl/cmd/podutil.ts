/**
 * Picking a pod and a container as kubectl does (polymorphichelpers/attachablepodforobject.go,
 * cmd/util/podcmd/podcmd.go): `TYPE/NAME` resolves through the controller's selector to the first
 * pod by kubectl's "best pod" order; several containers → `Defaulted container "a" out of: a, b`.
 */
import type { KubeObject, KubeList } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { resourcePathFor } from '../client/discovery';

export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | Record<string, string> | undefined): string {
  if (!sel) return '';
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  if (!('matchLabels' in s) && !('matchExpressions' in s)) {
    return Object.keys(sel).sort().map((k) => `${k}=${(sel as Record<string, string>)[k]}`).join(',');
  }
  const parts: string[] = [];
  for (const k of Object.keys(s.matchLabels ?? {}).sort()) parts.push(`${k}=${s.matchLabels![k]}`);
  for (const e of s.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

function podRank(p: KubeObject): number[] {
  // Running and ready pods first, then newer (ActivePods ordering, simplified to its main keys).
  const phase = p.status?.phase;
  const ready = (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  return [p.spec?.nodeName ? 0 : 1, phase === 'Running' ? 0 : phase === 'Pending' ? 1 : 2, ready ? 0 : 1];
}

type Pod = KubeObject;
const readyCondition = (p: Pod) => (p.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready') as { status: string; lastTransitionTime?: string } | undefined;
const isReady = (p: Pod) => readyCondition(p)?.status === 'True';
const ms = (t: string | null | undefined) => (t ? Date.parse(t) : 0);
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: { restartCount?: number }) => c.restartCount ?? 0));
/** afterOrZero(t1, t2): t1 is zero, or later than t2 (podutils.go). */
const afterOrZero = (t1: number, t2: number) => (t1 === 0 || t2 === 0 ? t1 === 0 : t1 > t2);

/**
 * podutils.ByLogging (k8s.io/kubectl/pkg/util/podutils): the pod `logs TYPE/NAME` reads first — assigned,
 * Running < Unknown < Pending, ready, ready for longer, more restarts, older. Go's sort.Sort on so few pods is an
 * insertion sort, so ties keep the list's order.
 */
export function byLogging(a: Pod, b: Pod): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase ?? ''] ?? 3;
  const rb = rank[b.status?.phase ?? ''] ?? 3;
  if (ra !== rb) return ra - rb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  const ta = ms(readyCondition(a)?.lastTransitionTime);
  const tb = ms(readyCondition(b)?.lastTransitionTime);
  if (isReady(a) && isReady(b) && ta !== tb) return afterOrZero(tb, ta) ? -1 : 1;
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b) ? -1 : 1;
  const ca = ms(a.metadata.creationTimestamp);
  const cb = ms(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca) ? -1 : 1;
  return 0;
}

export interface PodTarget {
  pod: KubeObject;
  /** How many pods matched (for `Found N pods, using pod/x`). */
  found: number;
}

/** Resolves `name`, `pod/name` or `deploy/name` (and other controllers) to one pod. */
export function resolvePod(k: Kctx, arg: string, ns: string, order?: (a: Pod, b: Pod) => number): PodTarget {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    return { pod: k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(arg)}` }), found: 1 };
  }
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const r = k.discovery().require(type);
  if (r.resource === 'pods') return resolvePod(k, name, ns);
  const owner = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(r, ns, name) });
  let selector = '';
  if (r.resource === 'services') selector = selectorString(owner.spec?.selector ?? {});
  else selector = selectorString(owner.spec?.selector);
  if (!selector) throw new KubectlError(`cannot attach to ${r.kind}: selector for ${r.kind} is empty`);
  const list = k.rest().call<KubeList>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, query: { labelSelector: selector } });
  const pods = [...(list.items ?? [])].sort(order ?? ((a, b) => {
    const ra = podRank(a);
    const rb = podRank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  }));
  if (!pods.length) throw new KubectlError(`timed out waiting for the condition`);
  return { pod: pods[0], found: pods.length };
}

/** The container to use; prints the "Defaulted container" notice on stderr when choosing among several. */
export function pickContainer(k: Kctx, pod: KubeObject, requested: string, quiet = false): string {
  const containers: { name: string }[] = pod.spec?.containers ?? [];
  if (requested) return requested;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  if (containers.length > 1 && !quiet) {
    k.err(`Defaulted container "${containers[0].name}" out of: ${[...containers, ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => ({ name: `${c.name} (init)` })), ...(pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => ({ name: `${c.name} (ephem)` }))].map((c) => c.name).join(', ')}\n`);
  }
  return containers[0]?.name ?? '';
}
