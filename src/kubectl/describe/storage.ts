/**
 * StorageClass, PersistentVolume and PersistentVolumeClaim describers (kubectl pkg/describe/describe.go
 * describeStorageClass, describePersistentVolume, describePersistentVolumeClaim; pkg/util/storage/storage.go).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, L2, describeEvents, formatLabels, labelsMultiline, annotationsMultiline, timeOrZero, type CoreEvent } from './writer';
import { ageSince } from '../printers/duration';

const boolPtr = (v: unknown) => (v === undefined || v === null ? '<unset>' : v ? 'True' : 'False');

export function describeStorageClass(sc: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${sc.metadata.name}\n`);
  w.write(L0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(L0, `Annotations:\t${formatLabels(ann)}\n`);
  w.write(L0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(L0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(L0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const opts: string[] = sc.mountOptions ?? [];
  if (!opts.length) w.write(L0, 'MountOptions:\t<none>\n');
  else {
    w.write(L0, 'MountOptions:\n');
    for (const o of opts) w.write(L1, `${o}\n`);
  }
  if (sc.reclaimPolicy != null) w.write(L0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode != null) w.write(L0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies != null) {
    // printAllowedTopologies
    const terms: { matchLabelExpressions?: { key: string; values?: string[] }[] }[] = sc.allowedTopologies;
    w.write(L0, 'AllowedTopologies:\t');
    if (!terms.length) w.write(L0, '<none>\n');
    else {
      w.write(L0, '\n');
      terms.forEach((t, i) => {
        w.write(L1, `Term ${i}:\t`);
        const exprs = t.matchLabelExpressions ?? [];
        if (!exprs.length) w.write(L0, '<none>\n');
        exprs.forEach((e, j) => {
          if (j) w.write(L1, '\t');
          w.write(L0, `${e.key} in${e.values?.length ? ` [${e.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, whatever order the object lists them. */
function accessModes(modes: string[] | undefined): string {
  const m = modes ?? [];
  return [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']]
    .filter(([full]) => m.includes(full))
    .map(([, short]) => short)
    .join(',');
}

const goList = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

function status(o: KubeObject, now: number): string {
  return o.metadata.deletionTimestamp ? `Terminating (lasts ${ageSince(o.metadata.deletionTimestamp, now)})` : o.status?.phase ?? '';
}

function nodeAffinity(w: PrefixWriter, affinity: Any): void {
  w.write(L0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.write(L0, '<none>\n');
    return;
  }
  w.write(L0, '\n');
  const terms: Any[] = affinity.required.nodeSelectorTerms ?? [];
  w.write(L1, 'Required Terms:\t');
  if (!terms.length) {
    w.write(L0, '<none>\n');
    return;
  }
  w.write(L0, '\n');
  terms.forEach((t, i) => {
    w.write(L2, `Term ${i}:\t`);
    const reqs: Any[] = t.matchExpressions ?? [];
    if (!reqs.length) w.write(L0, '<none>\n');
    reqs.forEach((r, j) => {
      if (j) w.write(L2, '\t');
      w.write(L0, `${r.key} ${String(r.operator ?? '').toLowerCase()}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
    });
  });
}

export function describePersistentVolume(pv: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const spec: Any = pv.spec ?? {};
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(L0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(L0, `StorageClass:\t${pv.metadata.annotations?.[BETA_CLASS] ?? spec.storageClassName ?? ''}\n`);
  w.write(L0, `Status:\t${status(pv, now)}\n`);
  w.write(L0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(L0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(L0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode != null) w.write(L0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(L0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  nodeAffinity(w, spec.nodeAffinity);
  w.write(L0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(L0, 'Source:\n');
  if (spec.hostPath) w.write(L2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  else if (spec.local) w.write(L2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`);
  else if (spec.nfs) w.write(L2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ''}\n    Path:\t${spec.nfs.path ?? ''}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`);
  else w.write(L1, '<unknown>\n');
  describeEvents(w, events, now);
  return w.toString();
}

/** `pods` are the namespace's pods; those mounting the claim (or owning it) are listed as Used By. */
export function describePersistentVolumeClaim(pvc: KubeObject, pods: KubeObject[], events: CoreEvent[] | undefined, now: number): string {
  const spec: Any = pvc.spec ?? {};
  const users: KubeObject[] = pods.filter((p) => ((p.spec?.volumes ?? []) as Any[]).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !users.includes(owner)) users.push(owner);
  }
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${pvc.metadata.name}\n`);
  w.write(L0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(L0, `StorageClass:\t${pvc.metadata.annotations?.[BETA_CLASS] ?? spec.storageClassName ?? ''}\n`);
  w.write(L0, `Status:\t${status(pvc, now)}\n`);
  w.write(L0, `Volume:\t${spec.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(L0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  // Capacity and access modes come from the status once the claim names a volume.
  const bound = !!spec.volumeName;
  w.write(L0, `Capacity:\t${bound ? pvc.status?.capacity?.storage ?? '0' : ''}\n`);
  w.write(L0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode != null) w.write(L0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(L0, 'DataSource:\n');
    if (spec.dataSource.apiGroup != null) w.write(L1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(L1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(L1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
  w.write(L0, 'Used By:\t');
  if (!users.length) w.write(L0, '<none>\n');
  users
    .map((p) => p.metadata.name!)
    .sort()
    .forEach((n, i) => w.write(L0, `${i ? '\t' : ''}${n}\n`));
  const conds: Any[] = pvc.status?.conditions ?? [];
  if (conds.length) {
    w.write(L0, 'Conditions:\n');
    w.write(L1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(L1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(L1, `${c.type} \t${c.status} \t${timeOrZero(c.lastProbeTime)} \t${timeOrZero(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
