/**
 * Discovery and resource mapping, as kubectl builds them from the server (client-go discovery +
 * restmapper): aggregated discovery (/api, /apis as APIGroupDiscoveryList) with a fallback to the legacy
 * per-group-version documents. Short names and categories come from the server, never from a built-in list.
 */
import { DISCOVERY_ACCEPT, type RestClient } from './rest';

export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
}

export class ResourceTypeError extends Error {}

interface AggregatedResource {
  resource: string;
  responseKind?: { group?: string; version?: string; kind: string };
  scope?: string;
  singularResource?: string;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: { subresource: string }[];
}

export class Discovery {
  /** In server order: core first, then groups in the order /apis lists them (preferred version first). */
  readonly resources: ApiResource[] = [];
  readonly groupVersions: string[] = [];
  private loaded = false;

  constructor(private readonly rest: RestClient) {}

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const root of ['/api', '/apis']) {
      const body = this.rest.call<Record<string, unknown>>({ method: 'GET', path: root, query: { timeout: '32s' }, headers: { accept: DISCOVERY_ACCEPT } });
      if (body?.kind === 'APIGroupDiscoveryList') this.addAggregated(body as { items: { metadata: { name?: string }; versions: { version: string; resources: AggregatedResource[] }[] }[] });
      else if (body?.kind === 'APIVersions') for (const v of (body.versions as string[]) ?? []) this.addLegacy('', v);
      else if (body?.kind === 'APIGroupList') {
        for (const g of (body.groups as { name: string; versions: { version: string }[]; preferredVersion?: { version: string } }[]) ?? []) {
          const pref = g.preferredVersion?.version ?? g.versions[0]?.version;
          const ordered = [...g.versions].sort((a, b) => (a.version === pref ? -1 : b.version === pref ? 1 : 0));
          for (const v of ordered) this.addLegacy(g.name, v.version);
        }
      }
    }
  }

  private addAggregated(list: { items: { metadata: { name?: string }; versions: { version: string; resources: AggregatedResource[] }[] }[] }): void {
    for (const g of list.items ?? []) {
      const group = g.metadata?.name ?? '';
      for (const v of g.versions ?? []) {
        // client-go drops a Stale version (an aggregated API whose backend is down) from groups and resources;
        // kubectl api-resources still exits 0 (checked against kubectl 1.31 while metrics-server starts).
        if ((v as { freshness?: string }).freshness === 'Stale') continue;
        this.groupVersions.push(group ? `${group}/${v.version}` : v.version);
        for (const r of v.resources ?? []) {
          this.resources.push({
            group,
            version: v.version,
            resource: r.resource,
            kind: r.responseKind?.kind ?? '',
            singular: r.singularResource ?? r.responseKind?.kind?.toLowerCase() ?? '',
            namespaced: r.scope === 'Namespaced',
            shortNames: r.shortNames ?? [],
            categories: r.categories ?? [],
            verbs: r.verbs ?? [],
            subresources: (r.subresources ?? []).map((s) => s.subresource),
          });
        }
      }
    }
  }

  private addLegacy(group: string, version: string): void {
    const gv = group ? `${group}/${version}` : version;
    this.groupVersions.push(gv);
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const body = this.rest.call<{ resources?: { name: string; singularName?: string; namespaced: boolean; kind: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[] }>({ method: 'GET', path });
    const subs = new Map<string, string[]>();
    for (const r of body.resources ?? []) {
      const [base, sub] = r.name.split('/');
      if (sub) subs.set(base, [...(subs.get(base) ?? []), sub]);
    }
    for (const r of body.resources ?? []) {
      if (r.name.includes('/')) continue;
      this.resources.push({
        group,
        version,
        resource: r.name,
        kind: r.kind,
        singular: r.singularName || r.kind.toLowerCase(),
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        categories: r.categories ?? [],
        verbs: r.verbs ?? [],
        subresources: subs.get(r.name) ?? [],
      });
    }
  }

  /**
   * Resolves what the user typed: plural, singular, short name or Kind, optionally qualified as
   * `resource.group` or `resource.version.group` (restmapper's fully-qualified forms).
   */
  find(typed: string): ApiResource | undefined {
    this.load();
    const lower = typed.toLowerCase();
    const matches = (r: ApiResource, name: string) =>
      r.resource === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name;
    const preferred = (list: ApiResource[]) => list[0];
    // Unqualified first: the preferred version of the first group serving it (core wins).
    const plain = this.resources.filter((r) => matches(r, lower));
    if (plain.length) return preferred(plain);
    const parts = lower.split('.');
    for (let i = 1; i < parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const rest = parts.slice(i).join('.');
      const byGroup = this.resources.filter((r) => matches(r, name) && r.group === rest);
      if (byGroup.length) return preferred(byGroup);
      const [ver, ...g] = parts.slice(i);
      const inGroup = this.resources.filter((r) => matches(r, name) && r.group === g.join('.'));
      // A short name loses its version on the way through the mapper: `hpa.v1.autoscaling` is the preferred
      // version (checked against kubectl 1.31); plural, singular and kind keep it.
      const byVersion = inGroup.filter((r) => r.version === ver && !r.shortNames.includes(name));
      if (byVersion.length) return byVersion[0];
      if (inGroup.some((r) => r.version === ver)) return preferred(inGroup);
    }
    return undefined;
  }

  /** find() or throw the error kubectl prints for an unknown type. */
  require(typed: string): ApiResource {
    const r = this.find(typed);
    if (!r) throw new ResourceTypeError(`the server doesn't have a resource type "${typed}"`);
    return r;
  }

  /** Resources in a category (`all`), in discovery order. */
  category(name: string): ApiResource[] {
    this.load();
    const seen = new Set<string>();
    return this.resources.filter((r) => {
      if (!r.categories.includes(name)) return false;
      const k = `${r.group}/${r.resource}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  byKind(group: string, kind: string, version?: string): ApiResource | undefined {
    this.load();
    return this.resources.find((r) => r.group === group && r.kind === kind && (!version || r.version === version));
  }

  byResource(group: string, resource: string): ApiResource | undefined {
    this.load();
    return this.resources.find((r) => r.group === group && r.resource === resource);
  }
}

/** `deployment.apps`, `pod`: how kubectl names a kind in success lines and `-o name`. */
export function kindGroup(r: { kind: string; group: string }): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** `deployments.apps`, `pods`: the qualified resource in server messages. */
export function resourceGroup(r: { resource: string; group: string }): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export function resourcePathFor(r: ApiResource, namespace: string | undefined, name?: string, sub?: string): string {
  let p = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  if (r.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${r.resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (sub) p += `/${sub}`;
  return p;
}
