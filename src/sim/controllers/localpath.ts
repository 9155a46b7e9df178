/**
 * k3s's local-path provisioner (rancher/local-path-provisioner, provisioner "rancher.io/local-path"), the
 * external provisioner behind the default `local-path` StorageClass. It is not part of kube-controller-manager
 * (it runs as the kube-system/local-path-provisioner pod); it lives here beside the PV controller it answers.
 * For a claim that names it in volume.kubernetes.io/storage-provisioner and has a selected node it records
 * Provisioning "External provisioner is provisioning volume for claim \"ns/name\"", then (after its helper pod
 * has made the directory) creates PV `pvc-<claim uid>` pre-bound to the claim, pinned to the node, at
 * /var/lib/rancher/k3s/storage/pvc-<uid>_<ns>_<name> (a `local` volume when the class says defaultVolumeType:
 * local, else hostPath DirectoryOrCreate), and records ProvisioningSucceeded. Released volumes with the Delete
 * policy are removed after their directory is cleaned up. Events come from
 * `rancher.io/local-path_<provisioner pod>_<uuid>`.
 */
import type { KubeObject } from '../apiserver/types';
import { isAlreadyExists, isNotFound } from '../client/client';
import { EventRecorder } from '../client/events';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, ANN_BETA_STORAGE_PROVISIONER, PVCS, PVS, PV_PROTECTION, STORAGE_CLASSES } from './util/storage';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_ROOT = '/var/lib/rancher/k3s/storage';
/** The helper pod's mkdir / rm -rf, end to end. */
const HELPER_MS = 2000;

export class LocalPathProvisioner extends QueueController {
  private pvcInformer!: Informer;
  private pvInformer!: Informer;
  private scInformer!: Informer;
  private podInformer!: Informer;
  private identity?: string;
  private recorders = new Map<string, EventRecorder>();
  /** Claims whose Provisioning event was recorded and whose volume is being made (uid → due time). */
  private pending = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super('local-path-provisioner', ctx);
  }

  register(): void {
    this.pvcInformer = this.informers.on(PVCS, { add: (c) => this.enqueue(c), update: (_o, c) => this.enqueue(c) });
    this.pvInformer = this.informers.on(PVS, { add: (v) => this.queue.add(`pv:${v.metadata.name}`), update: (_o, v) => this.queue.add(`pv:${v.metadata.name}`) });
    this.scInformer = this.informers.informer(STORAGE_CLASSES);
    this.podInformer = this.informers.informer(R.pods);
  }

  /** The event source: `rancher.io/local-path_<pod>_<uuid>`, fixed once the provisioner pod is known. */
  private source(): EventRecorder {
    if (!this.identity) {
      const pod = this.podInformer.list('kube-system').find((p) => p.metadata.labels?.app === 'local-path-provisioner');
      this.identity = `${LOCAL_PATH_PROVISIONER}_${pod?.metadata.name ?? 'local-path-provisioner'}_${this.random.uuid()}`;
    }
    let r = this.recorders.get(this.identity);
    if (!r) this.recorders.set(this.identity, (r = new EventRecorder(this.client, this.clock, this.identity)));
    return r;
  }

  sync(key: string): boolean | void {
    if (key.startsWith('pv:')) return this.syncVolume(key.slice(3));
    const { namespace, name } = splitKey(key);
    const cached = this.pvcInformer.getByName(namespace, name);
    if (!cached || cached.metadata.deletionTimestamp || cached.spec?.volumeName) return;
    const pvc = withKind(cached, 'v1', 'PersistentVolumeClaim');
    const a = pvc.metadata.annotations ?? {};
    if ((a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER]) !== LOCAL_PATH_PROVISIONER) return;
    const node = a[ANN_SELECTED_NODE];
    if (!node) return;
    const pvName = `pvc-${pvc.metadata.uid}`;
    if (this.pvInformer.getByName(undefined, pvName)) return;
    const uid = pvc.metadata.uid!;
    const due = this.pending.get(uid);
    const now = this.clock.now();
    if (due === undefined) {
      this.source().event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${name}"`);
      this.pending.set(uid, now + HELPER_MS);
      this.enqueueAfter(pvc, HELPER_MS);
      return;
    }
    if (now < due) {
      this.enqueueAfter(pvc, due - now);
      return;
    }
    const sc = this.scInformer.getByName(undefined, pvc.spec?.storageClassName ?? '');
    const path = `${LOCAL_PATH_ROOT}/${pvName}_${namespace}_${name}`;
    const source = sc?.metadata.annotations?.defaultVolumeType === 'local' ? { local: { path } } : { hostPath: { path, type: 'DirectoryOrCreate' } };
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: { 'local.path.provisioner/selected-node': node, [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER },
        finalizers: [PV_PROTECTION],
      },
      spec: {
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace, resourceVersion: pvc.metadata.resourceVersion, uid },
        ...source,
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: sc?.reclaimPolicy ?? 'Delete',
        storageClassName: pvc.spec?.storageClassName,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    };
    try {
      this.client.create(PVS, undefined, pv);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    this.pending.delete(uid);
    this.source().event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  /** Released volumes with the Delete policy: clean the directory, then delete the PV. */
  private syncVolume(name: string): boolean | void {
    const pv = this.pvInformer.getByName(undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
    if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    const key = `pv:${name}`;
    const due = this.pending.get(key);
    const now = this.clock.now();
    if (due === undefined) {
      this.pending.set(key, now + HELPER_MS);
      this.queue.addAfter(key, HELPER_MS);
      return;
    }
    if (now < due) {
      this.queue.addAfter(key, due - now);
      return;
    }
    this.pending.delete(key);
    try {
      this.client.delete(PVS, undefined, name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  protected override saveState(): unknown {
    return { identity: this.identity, pending: [...this.pending], recorders: [...this.recorders].map(([k, r]) => [k, r.snapshot()]) };
  }

  protected override loadState(s: unknown): void {
    const st = s as { identity?: string; pending: [string, number][]; recorders: [string, ReturnType<EventRecorder['snapshot']>][] } | undefined;
    if (!st) return;
    this.identity = st.identity;
    this.pending = new Map(st.pending);
    this.recorders = new Map(st.recorders.map(([k, snap]) => {
      const r = new EventRecorder(this.client, this.clock, k);
      r.restore(snap);
      return [k, r];
    }));
  }
}
