/**
 * Turns a command's resource arguments (TYPE NAME…, TYPE/NAME…, -f, -l, --all) into objects to act on,
 * like cli-runtime's resource.Builder: names are not fetched unless asked, selectors list.
 */
import type { KubeList, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { resourcePathFor, type ApiResource } from '../client/discovery';
import { parseResourceArgs } from './args';
import { ManifestError, readManifests, type Manifest } from './manifests';
import { withTypeMeta } from '../cmd/common';

export interface Info {
  r: ApiResource;
  ns?: string;
  name: string;
  /** The manifest (from -f) or the listed object (from -l/--all). */
  obj?: KubeObject;
  source?: string;
}

export interface BuildOptions {
  /** Allow TYPE alone with a selector or --all (delete, label, annotate…). */
  selector?: boolean;
  /** Without names, a selector or --all: list everything of the type (get-like). */
  listWhenNoNames?: boolean;
  /** The namespace everywhere (-A). */
  allNamespaces?: boolean;
  /**
   * ContinueOnError (apply): errors met while reading or mapping -f documents are gathered here and the objects
   * read before them are still returned, as Infos() does.
   */
  errors?: unknown[];
}

export async function buildInfos(k: Kctx, args: string[], o: BuildOptions = {}): Promise<Info[]> {
  const infos: Info[] = [];
  const files = k.f.p.values.has('filename') ? k.f.list('filename') : [];
  if (files.length) {
    let manifests: Manifest[];
    let readError: ManifestError | undefined;
    try {
      manifests = await readManifests(k, files, k.f.p.values.has('recursive') && k.f.bool('recursive'));
    } catch (e) {
      if (!(o.errors && e instanceof ManifestError)) throw e;
      manifests = e.before;
      readError = e;
    }
    for (const m of manifests) {
      const [group, version] = m.obj.apiVersion!.includes('/') ? m.obj.apiVersion!.split('/') : ['', m.obj.apiVersion!];
      const r = k.discovery().byKind(group, m.obj.kind!, version) ?? k.discovery().byKind(group, m.obj.kind!);
      if (!r) {
        const err = new KubectlError(
          `resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`,
        );
        if (!o.errors) throw err;
        o.errors.push(err);
        continue;
      }
      infos.push({ r, ns: r.namespaced ? (m.obj.metadata.namespace as string | undefined) ?? k.namespace : undefined, name: m.obj.metadata.name ?? '', obj: m.obj, source: m.source });
    }
    if (readError) o.errors!.push(readError);
    return infos;
  }
  const selector = k.f.p.values.has('selector') ? k.f.str('selector') : '';
  const fieldSelector = k.f.p.values.has('field-selector') ? k.f.str('field-selector') : '';
  const all = k.f.p.values.has('all') && k.f.bool('all');
  for (const a of parseResourceArgs(args)) {
    const types = a.type === 'all' ? k.discovery().category('all') : [k.discovery().require(a.type)];
    for (const r of types) {
      const ns = r.namespaced ? (o.allNamespaces ? undefined : k.namespace) : undefined;
      if (a.names.length) {
        for (const n of a.names) infos.push({ r, ns: r.namespaced ? k.namespace : undefined, name: n });
        continue;
      }
      if (!selector && !fieldSelector && !all && !o.listWhenNoNames) throw new KubectlError('resource(s) were provided, but no name was specified');
      const query: Record<string, string> = { limit: '500' };
      if (selector) query.labelSelector = selector;
      if (fieldSelector) query.fieldSelector = fieldSelector;
      const l = k.rest().call<KubeList>({ method: 'GET', path: resourcePathFor(r, ns), query });
      for (const item of l.items ?? []) infos.push({ r, ns: item.metadata.namespace, name: item.metadata.name!, obj: withTypeMeta(item, r) });
    }
  }
  return infos;
}

export function fetchInfo(k: Kctx, i: Info): KubeObject {
  return withTypeMeta(k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(i.r, i.ns, i.name) }), i.r);
}
