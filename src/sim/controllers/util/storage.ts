/** Storage resources and the annotations the volume controllers and provisioners agree on (pkg/controller/volume). */
import { gvr } from '../../client/resources';
import type { KubeObject } from '../../apiserver/types';

export const PVCS = gvr('', 'v1', 'persistentvolumeclaims');
export const PVS = gvr('', 'v1', 'persistentvolumes');
export const STORAGE_CLASSES = gvr('storage.k8s.io', 'v1', 'storageclasses');

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

export function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** resource.Quantity for storage sizes, in bytes (enough for Ki/Mi/Gi/Ti and k/M/G/T suffixes). */
export function quantityBytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([KMGTPE]i?|[kmgtpe])?$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  const bin: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const dec: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3 };
  return n * (bin[unit] ?? dec[unit] ?? 1);
}

/** Claims a pod mounts (volumes[].persistentVolumeClaim.claimName). */
export function podClaims(pod: KubeObject): string[] {
  return (pod.spec?.volumes ?? []).map((v: { persistentVolumeClaim?: { claimName?: string } }) => v.persistentVolumeClaim?.claimName).filter(Boolean) as string[];
}
