/**
 * Seeds manifests through the API, as `kubectl create` would: POST each document to its collection, and when
 * it exists already, merge-patch it (a seed may update an object it created in an earlier step, e.g. to set a
 * broken image after a good rollout).
 */
import { parseAllDocuments } from 'yaml';
import type { ApiHandler, KubeObject } from '../sim/apiserver/types';
import { ApiClient, isAlreadyExists } from '../sim/client/client';
import { gvr } from '../sim/client/resources';
import { pluralOf } from './source';

/** Kinds without a namespace among those a seed may create (core and common groups). */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'CustomResourceDefinition', 'IngressClass']);

export function applyManifests(handler: ApiHandler, text: string): string[] {
  const client = new ApiClient(handler, 'kubelab-lab-seed');
  const done: string[] = [];
  for (const doc of parseAllDocuments(text) as unknown as { toJS(): unknown }[]) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj) continue;
    const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
    const r = gvr(group, version, pluralOf(obj.kind!));
    const ns = CLUSTER_SCOPED.has(obj.kind!) ? undefined : (obj.metadata.namespace ?? 'default');
    // Each request gets its own copy: an in-process server may fill in fields (uid, defaults) on the body it receives.
    try {
      client.create(r, ns, structuredClone(obj), { fieldManager: 'kubelab-lab-seed' });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      client.patch(r, ns, obj.metadata.name!, 'merge', structuredClone(obj), { fieldManager: 'kubelab-lab-seed' });
    }
    done.push(`${r.resource}/${obj.metadata.name}`);
  }
  return done;
}
