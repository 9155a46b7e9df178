/**
 * Pod predicates and the scale-down ranking of kube-controller-manager
 * (pkg/api/v1/pod/util.go IsPodReady/IsPodAvailable, pkg/controller/controller_utils.go FilterActivePods and
 * ActivePodsWithRanks.Less).
 */
import type { KubeObject } from '../../apiserver/types';

export type Pod = KubeObject;

export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const v = Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
}

export function podCondition(pod: Pod, type: string): { status?: string; lastTransitionTime?: string } | undefined {
  return (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** FilterActivePods: not terminal and not being deleted (a terminating pod is replaced at once). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** Ready for at least minReadySeconds, counted from the Ready condition's lastTransitionTime. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const t = parseTime(podCondition(pod, 'Ready')?.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** The seconds until a ready pod becomes available, or undefined when it is not ready or already available. */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(pod) || !minReadySeconds) return undefined;
  const t = parseTime(podCondition(pod, 'Ready')?.lastTransitionTime);
  if (t === undefined) return undefined;
  const left = t + minReadySeconds * 1000 - now;
  return left >= 0 ? left / 1000 : undefined;
}

function maxContainerRestarts(pod: Pod): number {
  let m = 0;
  for (const c of pod.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount ?? 0);
  return m;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

/** Durations bucketed by powers of two (LogarithmicScaleDown, on by default since 1.22 beta, GA 1.31). */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6; // nanoseconds, as Go's time.Duration
  return d <= 0 ? -1 : Math.floor(Math.log2(d));
}

/**
 * Order for choosing scale-down victims: the pods that sort first are deleted first.
 * rank = number of related pods on the same node (doubled-up pods go first).
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, now: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  // 1. unassigned < assigned
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  // 2. Pending < Unknown < Running
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  // 3. not ready < ready
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  // 4. lower pod-deletion-cost < higher
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  // 5. doubled up < not doubled up
  if (rankA !== rankB) return rankB - rankA;
  // 6. ready for less time < ready for longer
  if (ra && rb) {
    const ta = parseTime(podCondition(a, 'Ready')?.lastTransitionTime);
    const tb = parseTime(podCondition(b, 'Ready')?.lastTransitionTime);
    if (ta !== tb) {
      if (ta === undefined) return -1;
      if (tb === undefined) return 1;
      const diff = logRank(ta, now) - logRank(tb, now);
      if (diff !== 0) return diff;
      return uidOrder(a, b);
    }
  }
  // 7. more restarts < fewer restarts
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xb - xa;
  // 8. newer < older
  const ka = parseTime(a.metadata.creationTimestamp ?? undefined);
  const kb = parseTime(b.metadata.creationTimestamp ?? undefined);
  if (ka !== kb) {
    if (ka === undefined) return -1;
    if (kb === undefined) return 1;
    const diff = logRank(ka, now) - logRank(kb, now);
    if (diff !== 0) return diff;
    return uidOrder(a, b);
  }
  return 0;
}

function uidOrder(a: Pod, b: Pod): number {
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** Sorts pods so that the first `n` are the ones to delete; related pods rank doubled-up nodes. */
export function rankPodsForDeletion(pods: Pod[], related: Pod[], now: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName;
    if (n) onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((p) => ({ p, rank: p.spec?.nodeName ? (onNode.get(p.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.p, y.p, x.rank, y.rank, now));
  return ranked.map((x) => x.p);
}
