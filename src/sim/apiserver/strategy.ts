/**
 * Per-resource rules the generic handlers consult: the registry strategies of pkg/registry/<group>/<resource>/
 * strategy.go (PrepareForCreate, PrepareForUpdate, status strategies) and storage.go options.
 */
import type { KubeObject } from './types';
import type { ResourceInfo } from './registry';
import { establishCrd } from './crd';

/** Resources whose strategy sets metadata.generation = 1 on create and bumps it when the spec changes. */
const GENERATION = new Set([
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies',
  'policy/poddisruptionbudgets',
  'apiextensions.k8s.io/customresourcedefinitions',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingadmissionpolicies',
  'admissionregistration.k8s.io/validatingadmissionpolicybindings',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
  'autoscaling/horizontalpodautoscalers',
  '/replicationcontrollers',
]);

/** Resources whose DELETE answers with the object rather than a Success Status (storage.go ReturnDeletedObject). */
const RETURN_DELETED_OBJECT = new Set([
  '/pods',
  '/services',
  '/namespaces',
  '/persistentvolumes',
  '/persistentvolumeclaims',
  'apiextensions.k8s.io/customresourcedefinitions',
]);

/** Resources that an update may create (strategy AllowCreateOnUpdate true). */
const CREATE_ON_UPDATE = new Set(['/endpoints', 'coordination.k8s.io/leases', '/events', 'discovery.k8s.io/endpointslices']);

export const tracksGeneration = (ri: ResourceInfo) => GENERATION.has(ri.storageKey) || ri.custom === true;
export const returnsDeletedObject = (ri: ResourceInfo) => RETURN_DELETED_OBJECT.has(ri.storageKey);
export const allowsCreateOnUpdate = (ri: ResourceInfo) => CREATE_ON_UPDATE.has(ri.storageKey);
export const hasStatusSubresource = (ri: ResourceInfo) => !!ri.subresources?.some((s) => s.name === 'status');

/** The part of the object whose change bumps generation: spec, or everything but metadata/status. */
function generationSubject(ri: ResourceInfo, o: KubeObject): unknown {
  if (hasStatusSubresource(ri) || 'spec' in o) return o.spec;
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!deepEqual(aa[i], bb[i])) return false;
    return true;
  }
  // Keys holding undefined count as absent (they do not survive serialisation). Counting instead of filtering
  // key arrays keeps this allocation-free: it runs on every update to decide whether anything changed.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    const v = ra[k];
    if (v === undefined) continue;
    na++;
    if (!deepEqual(v, rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (rb[k] !== undefined) nb++;
  return na === nb;
}

export function specChanged(ri: ResourceInfo, oldObj: KubeObject, newObj: KubeObject): boolean {
  return !deepEqual(generationSubject(ri, oldObj), generationSubject(ri, newObj));
}

/**
 * Pod QoS class (pkg/apis/core/helper/qos/qos.go): Guaranteed when every container has cpu and memory limits
 * equal to its requests; BestEffort when no container requests or limits anything; Burstable otherwise.
 */
export function podQOSClass(pod: KubeObject): string {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])] as { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    const relevant = (m: Record<string, string>) => Object.keys(m).filter((k) => k === 'cpu' || k === 'memory');
    if (relevant(req).length || relevant(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** PrepareForCreate: what the strategy resets or sets before the object is stored. */
export function prepareForCreate(ri: ResourceInfo, obj: KubeObject, nowRFC3339: string): void {
  switch (ri.storageKey) {
    case '/pods':
      obj.status = { phase: 'Pending', qosClass: podQOSClass(obj) };
      return;
    case '/namespaces':
      obj.spec = { ...(obj.spec ?? {}), finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      return;
    case '/nodes':
    case '/events':
      return;
    case 'apiextensions.k8s.io/customresourcedefinitions':
      establishCrd(obj, nowRFC3339);
      return;
    case '/persistentvolumeclaims':
      obj.status = { phase: 'Pending' };
      return;
    case '/persistentvolumes':
      // lastPhaseTransitionTime: PersistentVolumeLastPhaseTransitionTime, on by default since v1.29, GA in v1.31.
      obj.status = { phase: 'Pending', lastPhaseTransitionTime: nowRFC3339 };
      return;
    case '/services':
      obj.status = { loadBalancer: {} };
      return;
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
      obj.status = ri.storageKey === 'apps/statefulsets' ? { replicas: 0, availableReplicas: 0 } : {};
      return;
    case 'apps/daemonsets':
      obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      return;
    default:
      // Custom resources drop status on create; built-in kinds start from an empty one.
      if (ri.custom && hasStatusSubresource(ri)) delete obj.status;
      else if (hasStatusSubresource(ri)) obj.status = {};
  }
}
