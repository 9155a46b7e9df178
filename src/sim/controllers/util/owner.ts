/** ownerReferences helpers (apimachinery metav1.GetControllerOf, pkg/controller ControllerRefManager). */
import type { KubeObject, OwnerReference } from '../../apiserver/types';

export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller);
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function isControlledBy(o: KubeObject, owner: KubeObject): boolean {
  return controllerRef(o)?.uid === owner.metadata.uid;
}

export function deepCopy<T>(o: T): T {
  return structuredClone(o);
}
