/**
 * The field selectors each resource supports and how each reads its value from an object.
 * Upstream: pkg/apis/core/v1/conversion.go (AddFieldLabelConversionFuncs for pods, nodes, events, secrets,
 * namespaces, replicationcontrollers, services), pkg/apis/apps/v1/conversion.go (replicasets: status.replicas),
 * pkg/apis/batch/v1/conversion.go (jobs: status.successful), pkg/apis/certificates/v1 (spec.signerName),
 * and pkg/registry/core/pod/strategy.go ToSelectableFields (spec.nodeName etc.). Every resource supports
 * metadata.name and metadata.namespace. Values are strings; booleans print as "true"/"false", numbers in decimal.
 */
import type { KubeObject } from '../types';
import type { FieldRequirement } from './fields';

type Getter = (o: KubeObject) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));
const path =
  (...keys: string[]): Getter =>
  (o) => {
    let cur: unknown = o;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object') return '';
      cur = (cur as Record<string, unknown>)[k];
    }
    return str(cur);
  };

const COMMON: Record<string, Getter> = {
  'metadata.name': (o) => o.metadata.name ?? '',
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

const EVENT: Record<string, Getter> = {
  'involvedObject.kind': path('involvedObject', 'kind'),
  'involvedObject.namespace': path('involvedObject', 'namespace'),
  'involvedObject.name': path('involvedObject', 'name'),
  'involvedObject.uid': path('involvedObject', 'uid'),
  'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
  reason: path('reason'),
  reportingComponent: path('reportingComponent'),
  source: path('source', 'component'),
  type: path('type'),
};

const BY_STORAGE_KEY: Record<string, Record<string, Getter>> = {
  '/pods': {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => String(Boolean(o.spec?.hostNetwork)),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.podIPs': (o) => (Array.isArray(o.status?.podIPs) ? o.status.podIPs.map((p: { ip?: string }) => p.ip ?? '').join(',') : ''),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  '/nodes': { 'spec.unschedulable': (o) => String(Boolean(o.spec?.unschedulable)) },
  '/events': EVENT,
  '/secrets': { type: path('type') },
  '/namespaces': { 'status.phase': path('status', 'phase') },
  '/replicationcontrollers': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  'apps/replicasets': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  'batch/jobs': { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
  'certificates.k8s.io/certificatesigningrequests': { 'spec.signerName': path('spec', 'signerName') },
};

/** Returns the getter for a field label, or undefined when the resource does not support it. */
export function fieldGetter(storageKey: string, label: string): Getter | undefined {
  return COMMON[label] ?? BY_STORAGE_KEY[storageKey]?.[label];
}

/** The first unsupported label in a parsed selector, if any. */
export function unsupportedField(storageKey: string, reqs: FieldRequirement[]): string | undefined {
  for (const r of reqs) if (!fieldGetter(storageKey, r.field)) return r.field;
  return undefined;
}

export function matchFields(storageKey: string, reqs: FieldRequirement[], o: KubeObject): boolean {
  for (const r of reqs) {
    const g = fieldGetter(storageKey, r.field);
    if (!g) return false;
    const v = g(o);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
