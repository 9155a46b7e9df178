/**
 * Rows of the remaining printers in pkg/printers/internalversion/printers.go: nodes, namespaces, events,
 * configmaps, secrets, serviceaccounts, persistent volumes and claims, storage and priority classes, leases,
 * RBAC objects, quotas, webhooks. The default convertor (name + RFC 3339 "Created At") lives here too.
 */
import type { KubeObject } from '../types';
import { parseTimestamp, translateTimestampSince } from './duration';
import { apiServiceCells } from '../apiservices';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Printer = (o: KubeObject, nowMs: number) => unknown[];

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata.creationTimestamp, now);
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

/** time.Time.UTC().Format(time.RFC3339): second precision, `Z`. */
export function rfc3339(ts: unknown): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const nodes: Printer = (o, now) => {
  const status: string[] = [];
  const ready = (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (o.spec?.unschedulable) status.push('SchedulingDisabled');
  // findNodeRoles: node-role.kubernetes.io/<role> keys plus the legacy kubernetes.io/role value, sorted.
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  const info = o.status?.nodeInfo ?? {};
  const addr = (type: string) => (o.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
  return [
    o.metadata.name,
    status.join(','),
    roles.size > 0 ? [...roles].sort().join(',') : '<none>',
    age(o, now),
    info.kubeletVersion ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
};

const namespaces: Printer = (o, now) => [o.metadata.name, o.status?.phase ?? '', age(o, now)];

/** Core v1 and events.k8s.io/v1 events share one printer (printEvent works on the internal type). */
const events: Printer = (o, now) => {
  const first = o.firstTimestamp ?? o.deprecatedFirstTimestamp;
  const lastTs = o.lastTimestamp ?? o.deprecatedLastTimestamp;
  let firstSeen = translateTimestampSince(first, now);
  if (parseTimestamp(first) === undefined) firstSeen = translateTimestampSince(o.eventTime, now);
  let lastSeen = translateTimestampSince(lastTs, now);
  if (parseTimestamp(lastTs) === undefined) lastSeen = firstSeen;
  let count: number = o.count ?? o.deprecatedCount ?? 0;
  if (o.series) {
    lastSeen = translateTimestampSince(o.series.lastObservedTime, now);
    count = o.series.count ?? 0;
  } else if (count === 0) count = 1;
  const involved = o.involvedObject ?? o.regarding ?? {};
  const kind = String(involved.kind ?? '').toLowerCase();
  const target = involved.name ? `${kind}/${involved.name}` : kind;
  const src = o.source ?? o.deprecatedSource ?? {};
  const component = src.component || o.reportingController || '';
  const host = src.host || o.reportingInstance || '';
  const source = host ? `${component}, ${host}` : component;
  return [lastSeen, o.type ?? '', o.reason ?? '', target, involved.fieldPath ?? '', source, String(o.message ?? o.note ?? '').trim(), firstSeen, count, o.metadata.name];
};

const configmaps: Printer = (o, now) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, now)];

const secrets: Printer = (o, now) => {
  // stringData is folded into data on write; count the union in case the caller has not folded it yet.
  const keys = new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})]);
  return [o.metadata.name, o.type ?? '', keys.size, age(o, now)];
};

const serviceaccounts: Printer = (o, now) => [o.metadata.name, (o.secrets ?? []).length, age(o, now)];

/** helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP. */
function accessModes(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function storageClassOf(o: KubeObject): string {
  return o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';
}

const persistentvolumes: Printer = (o, now) => {
  const spec = o.spec ?? {};
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
  return [
    o.metadata.name,
    spec.capacity?.storage ?? '0',
    accessModes(spec.accessModes),
    spec.persistentVolumeReclaimPolicy ?? '',
    phase,
    claim,
    storageClassOf(o),
    spec.volumeAttributesClassName || '<unset>',
    o.status?.reason ?? '',
    age(o, now),
    spec.volumeMode ?? '<unset>',
  ];
};

const persistentvolumeclaims: Printer = (o, now) => {
  const spec = o.spec ?? {};
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModes(o.status?.accessModes);
    capacity = o.status?.capacity?.storage ?? '0';
  }
  return [o.metadata.name, phase, spec.volumeName ?? '', capacity, modes, storageClassOf(o), spec.volumeAttributesClassName || '<unset>', age(o, now), spec.volumeMode ?? '<unset>'];
};

const leases: Printer = (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', age(o, now)];

const storageclasses: Printer = (o, now) => {
  const a = o.metadata.annotations ?? {};
  const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  return [
    isDefault ? `${o.metadata.name} (default)` : o.metadata.name,
    o.provisioner ?? '',
    o.reclaimPolicy ?? 'Delete',
    o.volumeBindingMode ?? 'Immediate',
    o.allowVolumeExpansion ?? false,
    age(o, now),
  ];
};

const priorityclasses: Printer = (o, now) => [o.metadata.name, n(o.value), o.globalDefault ?? false, age(o, now), o.preemptionPolicy ?? ''];

const runtimeclasses: Printer = (o, now) => [o.metadata.name, o.handler ?? '', age(o, now)];

const createdAt: Printer = (o) => [o.metadata.name, rfc3339(o.metadata.creationTimestamp)];

function bindingSubjects(o: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of o.subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

const rolebindings: Printer = (o, now) => [o.metadata.name, `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, age(o, now), ...bindingSubjects(o)];

/**
 * printResourceQuota: `resource: used/hard` pairs for the resources of spec.hard, sorted, split into requests and
 * limits; used and hard come from the status (a zero Quantity, "0", until the controller has counted).
 */
const resourcequotas: Printer = (o, now) => {
  const spec: Record<string, string> = o.spec?.hard ?? {};
  const hard: Record<string, string> = o.status?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const k of Object.keys(spec).sort()) {
    const text = `${k}: ${used[k] ?? '0'}/${hard[k] ?? '0'}`;
    if (k.startsWith('limits.')) lim.push(text);
    else req.push(text);
  }
  return [o.metadata.name, age(o, now), req.join(', '), lim.join(', ')];
};

const apiservices: Printer = (o, now) => [...apiServiceCells(o), age(o, now)];

const webhooks: Printer = (o, now) => [o.metadata.name, (o.webhooks ?? []).length, age(o, now)];

const csinodes: Printer = (o, now) => [o.metadata.name, (o.spec?.drivers ?? []).length, age(o, now)];

export const CLUSTER_PRINTERS: Record<string, Printer> = {
  apiservices,
  nodes,
  namespaces,
  events,
  configmaps,
  secrets,
  serviceaccounts,
  persistentvolumes,
  persistentvolumeclaims,
  leases,
  storageclasses,
  priorityclasses,
  runtimeclasses,
  roles: createdAt,
  clusterroles: createdAt,
  limitranges: createdAt,
  rolebindings,
  clusterrolebindings: rolebindings,
  resourcequotas,
  mutatingwebhookconfigurations: webhooks,
  validatingwebhookconfigurations: webhooks,
  csinodes,
};

export const defaultPrinter: Printer = createdAt;
