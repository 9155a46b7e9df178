/**
 * CustomResourceDefinitions make new resources servable (apiextensions-apiserver pkg/apiserver/
 * customresource_handler.go): every served version of an established CRD becomes a registry entry, with
 * status (and scale) subresources when the version declares them. Custom resources are stored under
 * '<group>/<plural>' and are plain JSON: no defaulting or validation beyond metadata.
 * The apiextensions controllers that run inside the real API server (naming, establishing) are folded in here:
 * a stored CRD gets acceptedNames and the NamesAccepted/Established conditions when it is created.
 * Deleting a CRD deletes its custom resources (the customresourcecleanup finalizer's job).
 */
import type { Store, StoreEvent } from '../store';
import type { Registry, ResourceInfo, SubresourceInfo } from './registry';
import type { KubeObject } from './types';

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: object; scale?: object };
}

export const isCustomResource = (ri: ResourceInfo) => ri.custom === true;

export function crdResources(crd: KubeObject): ResourceInfo[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return [];
  const versions = ((spec.versions ?? []) as CrdVersion[]).filter((v) => v.served !== false);
  // Storage version first, then the others as listed: the preferred version is the first one.
  return versions.map((v) => {
    const subresources: SubresourceInfo[] = [];
    if (v.subresources?.scale) subresources.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
    if (v.subresources?.status) subresources.push({ name: 'status', verbs: ['get', 'patch', 'update'] });
    const ri: ResourceInfo = {
      group: spec.group,
      version: v.name,
      resource: names.plural,
      kind: names.kind,
      singular: names.singular || String(names.kind).toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      verbs: ALL,
      storageKey: `${spec.group}/${names.plural}`,
      custom: true,
    };
    if (names.shortNames?.length) ri.shortNames = names.shortNames;
    if (names.categories?.length) ri.categories = names.categories;
    if (subresources.length) ri.subresources = subresources;
    return ri;
  });
}

/** The status the naming and establishing controllers would write right after creation. */
export function establishCrd(crd: KubeObject, nowRFC3339: string): void {
  const names = crd.spec?.names ?? {};
  const accepted: Record<string, unknown> = { plural: names.plural, singular: names.singular || String(names.kind ?? '').toLowerCase(), kind: names.kind, listKind: names.listKind || `${names.kind}List` };
  if (names.shortNames) accepted.shortNames = names.shortNames;
  if (names.categories) accepted.categories = names.categories;
  crd.status = {
    acceptedNames: accepted,
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: nowRFC3339, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: nowRFC3339, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions: ((crd.spec?.versions ?? []) as CrdVersion[]).filter((v) => v.storage).map((v) => v.name),
  };
}

/** Keeps the registry in step with the stored CRDs. */
export class CrdSync {
  private owned = new Map<string, ResourceInfo[]>();

  constructor(
    private registry: Registry,
    private store: Store,
  ) {}

  onStoreEvent(ev: StoreEvent): void {
    if (ev.resource !== CRD_KEY) return;
    this.drop(ev.name);
    if (ev.type === 'DELETED') {
      const [first] = crdResources(ev.object);
      if (first) for (const o of [...this.store.list(first.storageKey)]) this.store.delete(first.storageKey, o.metadata.namespace ?? '', o.metadata.name!);
      return;
    }
    this.addFrom(ev.object);
  }

  rebuild(): void {
    for (const name of [...this.owned.keys()]) this.drop(name);
    for (const crd of this.store.list(CRD_KEY)) this.addFrom(crd);
  }

  private addFrom(crd: KubeObject): void {
    const ris = crdResources(crd).filter((ri) => !this.registry.lookup(ri.group, ri.version, ri.resource));
    for (const ri of ris) this.registry.add(ri);
    this.owned.set(crd.metadata.name!, ris);
  }

  private drop(name: string): void {
    for (const ri of this.owned.get(name) ?? []) this.registry.remove(ri.group, ri.version, ri.resource);
    this.owned.delete(name);
  }
}
