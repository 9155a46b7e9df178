/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go, "persistentvolume-
 * binder"): binds claims to volumes and keeps both phases right.
 * - a claim with no class gets the default StorageClass (retroactive default class assignment, GA 1.28);
 * - a matching Available volume (class, access modes, size, selector; smallest first) is bound at once:
 *   claimRef on the volume, volumeName + pv.kubernetes.io/bind-completed on the claim, both phases Bound;
 * - otherwise a WaitForFirstConsumer class waits ("waiting for first consumer to be created before binding")
 *   until the scheduler names a node (volume.kubernetes.io/selected-node), then the external provisioner is
 *   asked through the storage-provisioner annotations (event ExternalProvisioning) and the volume it creates,
 *   pre-bound to the claim, is bound;
 * - a volume whose claim is gone is Released (the provisioner deletes it when the policy is Delete).
 * The scheduler's VolumeBinding plugin normally writes selected-node; while a pod is bound to a node without it,
 * this controller writes it from the pod's node so the same sequence follows.
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { deepCopy } from './util/owner';
import { selectorMatches } from './util/selector';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  isDefaultClass,
  podClaims,
  PVCS,
  PVS,
  quantityBytes,
  STORAGE_CLASSES,
} from './util/storage';

export class PersistentVolumeController extends QueueController {
  private pvcInformer!: Informer;
  private pvInformer!: Informer;
  private scInformer!: Informer;
  private podInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('persistentvolume-controller', ctx);
  }

  register(): void {
    const claim = (c: KubeObject) => this.queue.add(`claim:${c.metadata.namespace}/${c.metadata.name}`);
    const volume = (v: KubeObject) => {
      this.queue.add(`volume:${v.metadata.name}`);
      const ref = v.spec?.claimRef;
      if (ref?.name) this.queue.add(`claim:${ref.namespace}/${ref.name}`);
    };
    this.pvcInformer = this.informers.on(PVCS, { add: claim, update: (_o, c) => claim(c), delete: (c) => this.onClaimDeleted(c) });
    this.pvInformer = this.informers.on(PVS, { add: volume, update: (_o, v) => volume(v), delete: volume });
    this.scInformer = this.informers.on(STORAGE_CLASSES, { add: () => this.pvcInformer.list().forEach(claim), update: () => this.pvcInformer.list().forEach(claim) });
    this.podInformer = this.informers.on(R.pods, { add: (p) => this.onPod(p), update: (_o, p) => this.onPod(p) });
  }

  private onClaimDeleted(c: KubeObject): void {
    for (const v of this.pvInformer.list()) if (v.spec?.claimRef?.uid === c.metadata.uid) this.queue.add(`volume:${v.metadata.name}`);
  }

  private onPod(pod: KubeObject): void {
    if (!pod.spec?.nodeName) return;
    for (const name of podClaims(pod)) this.queue.add(`claim:${pod.metadata.namespace}/${name}`);
  }

  sync(key: string): boolean | void {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    if (kind === 'volume') return this.syncVolume(rest);
    const { namespace, name } = splitKey(rest);
    return this.syncClaim(namespace!, name);
  }

  private classOf(pvc: KubeObject): KubeObject | undefined {
    const n = pvc.spec?.storageClassName;
    return n ? this.scInformer.getByName(undefined, n) : undefined;
  }

  syncClaim(namespace: string, name: string): boolean | void {
    const cached = this.pvcInformer.getByName(namespace, name);
    if (!cached || cached.metadata.deletionTimestamp) return;
    let pvc = withKind(deepCopy(cached), 'v1', 'PersistentVolumeClaim');
    if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === 'yes') return this.syncBoundClaim(pvc);
    // retroactive default StorageClass: only a claim with no class at all (not ""); the real DefaultStorageClass
    // admission would have set it at create, so go on with the updated claim in the same pass
    if (pvc.spec?.storageClassName === undefined || pvc.spec?.storageClassName === null) {
      const dflt = this.scInformer.list().find(isDefaultClass);
      if (dflt && !pvc.spec?.volumeName) {
        pvc = withKind(this.client.update(PVCS, namespace, { ...pvc, spec: { ...pvc.spec, storageClassName: dflt.metadata.name } }), 'v1', 'PersistentVolumeClaim');
      }
    }
    this.ensureClaimPhase(pvc, 'Pending');
    if (pvc.spec?.volumeName) {
      const pv = this.pvInformer.getByName(undefined, pvc.spec.volumeName);
      if (!pv) return;
      if (!pv.spec?.claimRef || pv.spec.claimRef.uid === pvc.metadata.uid) this.bind(pvc, pv);
      return;
    }
    const prebound = this.pvInformer.list().find((v) => v.spec?.claimRef?.uid === pvc.metadata.uid || (v.spec?.claimRef?.name === name && v.spec?.claimRef?.namespace === namespace && !v.spec?.claimRef?.uid));
    if (prebound) return this.bind(pvc, prebound);
    const sc = this.classOf(pvc);
    const wffc = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    const selectedNode = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (!wffc || selectedNode) {
      const match = this.findMatchingVolume(pvc);
      if (match) return this.bind(pvc, match);
    }
    const className = pvc.spec?.storageClassName ?? '';
    if (!className) {
      this.recorder.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (!sc) {
      this.recorder.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (sc.provisioner === 'kubernetes.io/no-provisioner') {
      this.recorder.event(pvc, 'Normal', wffc ? 'WaitForFirstConsumer' : 'FailedBinding', wffc ? 'waiting for first consumer to be created before binding' : 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (wffc && !selectedNode) {
      // In a real cluster this claim is seen before its pod can be bound (VolumeBinding holds the pod), so the
      // wait is always recorded first.
      this.recorder.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      const consumer = this.podInformer.list(namespace).find((p) => p.spec?.nodeName && podClaims(p).includes(name) && !['Succeeded', 'Failed'].includes(p.status?.phase));
      // stands in for the scheduler's VolumeBinding plugin (see the file comment)
      if (consumer) this.client.patch(PVCS, namespace, name, 'merge', { metadata: { annotations: { [ANN_SELECTED_NODE]: consumer.spec.nodeName } } });
      return;
    }
    const a = pvc.metadata.annotations ?? {};
    if (a[ANN_STORAGE_PROVISIONER] !== sc.provisioner || a[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
      this.client.patch(PVCS, namespace, name, 'merge', { metadata: { annotations: { [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner } } });
    }
    this.recorder.event(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  /** findBestMatchForClaim: class, modes, size and selector; the smallest that fits. */
  private findMatchingVolume(pvc: KubeObject): KubeObject | undefined {
    const want = quantityBytes(pvc.spec?.resources?.requests?.storage);
    const modes: string[] = pvc.spec?.accessModes ?? [];
    const className = pvc.spec?.storageClassName ?? '';
    const candidates = this.pvInformer.list().filter((v) => {
      if (v.spec?.claimRef || v.metadata.deletionTimestamp) return false;
      if ((v.status?.phase ?? 'Available') !== 'Available') return false;
      if ((v.spec?.storageClassName ?? '') !== className) return false;
      if ((v.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
      if (!modes.every((m) => (v.spec?.accessModes ?? []).includes(m))) return false;
      if (quantityBytes(v.spec?.capacity?.storage) < want) return false;
      if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, v.metadata.labels)) return false;
      return true;
    });
    candidates.sort((a, b) => quantityBytes(a.spec?.capacity?.storage) - quantityBytes(b.spec?.capacity?.storage) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    return candidates[0];
  }

  private bind(pvc: KubeObject, pv0: KubeObject): void {
    let pv = deepCopy(pv0);
    if (!pv.spec?.claimRef || !pv.spec.claimRef.uid) {
      pv.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion };
      pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      pv = this.client.update(PVS, undefined, pv);
    }
    if (pv.status?.phase !== 'Bound') this.client.updateStatus(PVS, undefined, { ...pv, status: { ...(pv.status ?? {}), phase: 'Bound' } });
    let claim = deepCopy(pvc);
    const ann = { ...(claim.metadata.annotations ?? {}) };
    let changed = false;
    if (claim.spec.volumeName !== pv.metadata.name) {
      claim.spec.volumeName = pv.metadata.name;
      ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
      changed = true;
    }
    if (ann[ANN_BIND_COMPLETED] !== 'yes') {
      ann[ANN_BIND_COMPLETED] = 'yes';
      changed = true;
    }
    if (changed) {
      claim.metadata.annotations = ann;
      claim = this.client.update(PVCS, claim.metadata.namespace, claim);
    }
    this.client.updateStatus(PVCS, claim.metadata.namespace, {
      ...claim,
      status: { ...(claim.status ?? {}), phase: 'Bound', accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity },
    });
  }

  private syncBoundClaim(pvc: KubeObject): void {
    const pv = pvc.spec?.volumeName ? this.pvInformer.getByName(undefined, pvc.spec.volumeName) : undefined;
    if (!pv) {
      if (pvc.status?.phase !== 'Lost') {
        this.client.updateStatus(PVCS, pvc.metadata.namespace, { ...pvc, status: { ...(pvc.status ?? {}), phase: 'Lost' } });
        this.recorder.event(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    if (pvc.status?.phase !== 'Bound') this.bind(pvc, pv);
  }

  private ensureClaimPhase(pvc: KubeObject, phase: string): void {
    if (pvc.status?.phase === phase) return;
    const updated = this.client.updateStatus(PVCS, pvc.metadata.namespace, { ...pvc, status: { ...(pvc.status ?? {}), phase } });
    pvc.metadata.resourceVersion = updated.metadata.resourceVersion;
    pvc.status = updated.status;
  }

  syncVolume(name: string): boolean | void {
    const cached = this.pvInformer.getByName(undefined, name);
    if (!cached) return;
    const pv = withKind(deepCopy(cached), 'v1', 'PersistentVolume');
    const ref = pv.spec?.claimRef;
    let phase: string;
    if (!ref) phase = 'Available';
    else {
      const pvc = this.pvcInformer.getByName(ref.namespace, ref.name);
      // the claim went away (or was replaced): Released, kept or deleted by its reclaim policy's owner; a volume
      // pre-bound by name to a claim that does not exist yet stays Available
      if (!pvc || (ref.uid && pvc.metadata.uid !== ref.uid)) phase = ref.uid ? 'Released' : 'Available';
      else phase = pvc.spec?.volumeName === name ? 'Bound' : 'Available';
    }
    if (pv.status?.phase === phase) return;
    try {
      this.client.updateStatus(PVS, undefined, { ...pv, status: { ...(pv.status ?? {}), phase } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
