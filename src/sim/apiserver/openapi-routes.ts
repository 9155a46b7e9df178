/**
 * /openapi/v3 (index of group/versions) and /openapi/v3/<api|apis/...> (one document), built by ./schema.
 * kubectl reads them for `explain` and to learn that the server does strict field validation (it then sends
 * fieldValidation=Strict instead of validating client-side against /openapi/v2, which is not served).
 */
import { openApiV3, openApiV3Index } from './schema';
import { apiVersionOf, type Registry } from './registry';

export function openApiIndex(registry: Registry): unknown {
  const gvs: string[] = [];
  for (const g of registry.groups()) for (const v of g.versions) gvs.push(apiVersionOf({ group: g.group, version: v }));
  return openApiV3Index(gvs);
}

/** `rest` is the path after /openapi/v3/, e.g. 'api/v1' or 'apis/apps/v1'. */
export function openApiDocument(registry: Registry, rest: string): unknown | undefined {
  const parts = rest.split('/').filter(Boolean);
  let group = '';
  let version: string;
  if (parts[0] === 'api' && parts.length === 2) version = parts[1];
  else if (parts[0] === 'apis' && parts.length === 3) {
    group = parts[1];
    version = parts[2];
  } else return undefined;
  const resources = registry
    .all()
    .filter((ri) => ri.group === group && ri.version === version && ri.verbs.includes('patch'))
    .map((ri) => ({ resource: ri.resource, kind: ri.kind, namespaced: ri.namespaced }));
  return openApiV3(apiVersionOf({ group, version }), resources);
}
