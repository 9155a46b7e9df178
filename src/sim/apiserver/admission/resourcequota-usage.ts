/**
 * What an object costs against a ResourceQuota: the evaluators of pkg/quota/v1/evaluator/core (pods.go,
 * services.go, persistent_volume_claims.go) and the generic object counter (staging/src/k8s.io/apiserver/pkg/quota/
 * v1/generic/evaluator.go), shared by the quota admission plugin and the resourcequota controller.
 * - pods: `pods`, `count/pods`, requests.* (also the bare `cpu`, `memory`, `ephemeral-storage`) and limits.*,
 *   the pod's requests being max(sum of containers, largest init container) as resourcehelper.PodRequests adds
 *   them; terminal pods (Succeeded, Failed) and pods past their deletion grace period cost nothing;
 * - services: `services`, `services.nodeports` (ports of NodePort and LoadBalancer services),
 *   `services.loadbalancers`;
 * - persistentvolumeclaims: `persistentvolumeclaims`, `requests.storage` and the per-storage-class
 *   `<class>.storageclass.storage.k8s.io/{persistentvolumeclaims,requests.storage}`;
 * - every resource: `count/<resource>[.<group>]`; configmaps, secrets, replicationcontrollers and resourcequotas
 *   also under their bare name.
 * Scopes (pods only): BestEffort, NotBestEffort, Terminating, NotTerminating; an object of another kind matches
 * only quotas without scopes.
 */
import type { KubeObject } from '../types';
import { add, count, parseQuantity, zero, type Quantity } from './resourcequota-quantity';

export type Usage = Map<string, Quantity>;

const LEGACY_COUNTED = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);
const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];

export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) out.set(k, out.has(k) ? add(out.get(k)!, v) : v);
  return out;
}

/** quota.Mask: only the keys named. */
export function mask(u: Usage, names: Iterable<string>): Usage {
  const out: Usage = new Map();
  for (const n of names) if (u.has(n)) out.set(n, u.get(n)!);
  return out;
}

export const countKey = (resource: string, group: string) => (group ? `count/${resource}.${group}` : `count/${resource}`);

/** Whether a pod still counts (core.QuotaV1Pod). */
export function podCounts(pod: KubeObject, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata?.deletionTimestamp;
  if (del) {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    if (nowMs > Date.parse(del) + grace) return false;
  }
  return true;
}

function sumInto(into: Map<string, Quantity>, list: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (!q) continue;
    into.set(k, into.has(k) ? add(into.get(k)!, q) : q);
  }
}

/** resourcehelper.PodRequests / PodLimits: containers summed, then raised to any larger init container. */
function podResources(pod: KubeObject, field: 'requests' | 'limits'): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) sumInto(total, c?.resources?.[field]);
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries((c?.resources?.[field] ?? {}) as Record<string, unknown>)) {
      const q = parseQuantity(v);
      if (q && (!total.has(k) || q.milli > total.get(k)!.milli)) total.set(k, q);
    }
  }
  sumInto(total, field === 'requests' ? pod.spec?.overhead : undefined);
  return total;
}

/** podComputeUsageHelper: what one pod (or one container's requests/limits) adds. */
export function computeUsage(requests: Map<string, Quantity>, limits: Map<string, Quantity>): Usage {
  const u: Usage = new Map([
    ['pods', count(1)],
    ['count/pods', count(1)],
  ]);
  for (const r of COMPUTE) {
    const q = requests.get(r);
    if (q) {
      u.set(r, q);
      u.set(`requests.${r}`, q);
    }
    const l = limits.get(r);
    if (l) u.set(`limits.${r}`, l);
  }
  for (const [k, q] of requests) if (k.startsWith('hugepages-')) u.set(`requests.${k}`, q);
  return u;
}

function podUsage(pod: KubeObject, nowMs: number): Usage {
  if (!podCounts(pod, nowMs)) return new Map();
  return computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits'));
}

function serviceUsage(svc: KubeObject): Usage {
  const u: Usage = new Map([['services', count(1)]]);
  const type = svc.spec?.type ?? 'ClusterIP';
  const ports = (svc.spec?.ports ?? []).length;
  if (type === 'NodePort' || type === 'LoadBalancer') u.set('services.nodeports', count(ports));
  else u.set('services.nodeports', count(0));
  u.set('services.loadbalancers', count(type === 'LoadBalancer' ? 1 : 0));
  return u;
}

function claimUsage(pvc: KubeObject): Usage {
  const u: Usage = new Map([['persistentvolumeclaims', count(1)]]);
  const storage = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? zero();
  u.set('requests.storage', storage);
  const sc = pvc.spec?.storageClassName;
  if (sc) {
    u.set(`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, count(1));
    u.set(`${sc}.storageclass.storage.k8s.io/requests.storage`, storage);
  }
  return u;
}

/** The usage of one object of `group`/`resource`. */
export function objectUsage(group: string, resource: string, obj: KubeObject, nowMs: number): Usage {
  let u: Usage;
  if (group === '' && resource === 'pods') u = podUsage(obj, nowMs);
  else if (group === '' && resource === 'services') u = serviceUsage(obj);
  else if (group === '' && resource === 'persistentvolumeclaims') u = claimUsage(obj);
  else u = new Map();
  if (group === '' && LEGACY_COUNTED.has(resource)) u.set(resource, count(1));
  if (!(group === '' && resource === 'pods' && u.size === 0)) u.set(countKey(resource, group), count(1));
  return u;
}

/** Resource names of a quota this group/resource can charge (evaluator.MatchingResources). */
export function matchingResources(group: string, resource: string, names: string[]): string[] {
  return names.filter((n) => chargedBy(group, resource, n));
}

function chargedBy(group: string, resource: string, name: string): boolean {
  if (name === countKey(resource, group)) return true;
  if (group !== '') return false;
  switch (resource) {
    case 'pods':
      return name === 'pods' || COMPUTE.includes(name) || /^(requests|limits)\./.test(name) && !name.endsWith('.storage') || name.startsWith('requests.hugepages-');
    case 'services':
      return name === 'services' || name === 'services.nodeports' || name === 'services.loadbalancers';
    case 'persistentvolumeclaims':
      return name === 'persistentvolumeclaims' || name === 'requests.storage' || /\.storageclass\.storage\.k8s\.io\/(persistentvolumeclaims|requests\.storage)$/.test(name);
    default:
      return LEGACY_COUNTED.has(resource) && name === resource;
  }
}

/** Pod QoS BestEffort: no container sets any request or limit. */
function isBestEffort(pod: KubeObject): boolean {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return all.every((c) => !Object.keys(c?.resources?.requests ?? {}).length && !Object.keys(c?.resources?.limits ?? {}).length);
}

/** Whether the quota's scopes select the object (evaluator.Matches). */
export function scopesMatch(quota: KubeObject, group: string, resource: string, obj: KubeObject): boolean {
  const scopes: string[] = quota.spec?.scopes ?? [];
  if (!scopes.length) return true;
  if (group !== '' || resource !== 'pods') return false;
  return scopes.every((s) => {
    switch (s) {
      case 'BestEffort':
        return isBestEffort(obj);
      case 'NotBestEffort':
        return !isBestEffort(obj);
      case 'Terminating':
        return obj.spec?.activeDeadlineSeconds != null;
      case 'NotTerminating':
        return obj.spec?.activeDeadlineSeconds == null;
      default:
        return false;
    }
  });
}

/** The resources a quota with these scopes can track: BestEffort quotas only count pods. */
export function scopedNames(quota: KubeObject, names: string[]): string[] {
  const scopes: string[] = quota.spec?.scopes ?? [];
  if (scopes.includes('BestEffort')) return names.filter((n) => n === 'pods' || n === 'count/pods');
  return names;
}
