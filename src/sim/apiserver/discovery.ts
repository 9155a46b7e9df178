/**
 * Discovery documents built from the registry.
 * - Aggregated (apidiscovery.k8s.io v2 and v2beta1, same body, different apiVersion): `/api` holds the core group
 *   (one item whose metadata has no name), `/apis` every named group. Shape from
 *   staging/src/k8s.io/api/apidiscovery/v2/types.go; resources sorted by name, as the aggregator does
 *   (apiserver pkg/endpoints/discovery/aggregated/handler.go).
 * - Legacy: `/api` APIVersions, `/apis` APIGroupList, `/apis/<g>` APIGroup, `/api/v1` and `/apis/<g>/<v>`
 *   APIResourceList with subresources as `pods/log` entries (apiserver pkg/endpoints/discovery/).
 */
import type { Registry, ResourceInfo } from './registry';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function aggregatedResource(ri: ResourceInfo) {
  const out: Record<string, unknown> = {
    resource: ri.resource,
    responseKind: { group: ri.group, version: ri.version, kind: ri.kind },
    scope: ri.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: ri.singular,
    verbs: ri.verbs,
  };
  if (ri.shortNames?.length) out.shortNames = ri.shortNames;
  if (ri.categories?.length) out.categories = ri.categories;
  if (ri.subresources?.length) {
    out.subresources = [...ri.subresources]
      .sort((a, b) => byName(a.name, b.name))
      .map((s) => ({
        subresource: s.name,
        responseKind: { group: s.group ?? ri.group, version: s.version ?? ri.version, kind: s.kind ?? ri.kind },
        verbs: s.verbs,
      }));
  }
  return out;
}

function groupItem(registry: Registry, group: string, versions: string[]) {
  return {
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((v) => ({
      version: v,
      resources: registry
        .all()
        .filter((ri) => ri.group === group && ri.version === v)
        .sort((a, b) => byName(a.resource, b.resource))
        .map(aggregatedResource),
      freshness: 'Current',
    })),
  };
}

export function aggregatedDiscovery(registry: Registry, core: boolean, version: 'v2' | 'v2beta1') {
  const groups = registry.groups().filter((g) => (core ? g.group === '' : g.group !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => groupItem(registry, g.group, g.versions)),
  };
}

export function legacyApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, versions: string[]) {
  const gvs = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

export function legacyGroupList(registry: Registry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.group !== '')
      .map((g) => apiGroup(g.group, g.versions)),
  };
}

export function legacyGroup(registry: Registry, group: string) {
  const g = registry.groups().find((x) => x.group === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.versions) } : undefined;
}

export function legacyResourceList(registry: Registry, group: string, version: string) {
  const ris = registry
    .all()
    .filter((ri) => ri.group === group && ri.version === version)
    .sort((a, b) => byName(a.resource, b.resource));
  if (ris.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const ri of ris) {
    const e: Record<string, unknown> = { name: ri.resource, singularName: ri.singular, namespaced: ri.namespaced, kind: ri.kind, verbs: ri.verbs };
    if (ri.shortNames?.length) e.shortNames = ri.shortNames;
    if (ri.categories?.length) e.categories = ri.categories;
    resources.push(e);
    for (const s of [...(ri.subresources ?? [])].sort((a, b) => byName(a.name, b.name))) {
      const se: Record<string, unknown> = { name: `${ri.resource}/${s.name}`, singularName: '', namespaced: ri.namespaced };
      if (s.group !== undefined && s.group !== ri.group) se.group = s.group;
      if (s.version !== undefined && (s.group !== ri.group || s.version !== ri.version)) se.version = s.version;
      se.kind = s.kind ?? ri.kind;
      se.verbs = s.verbs;
      resources.push(se);
    }
  }
  // The core list has no apiVersion field; named groups' lists do (a long-standing quirk of the legacy handler).
  return group === ''
    ? { kind: 'APIResourceList', groupVersion: version, resources }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
}
