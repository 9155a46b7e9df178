/**
 * A request's authorizer attributes, as RequestInfoFactory derives them
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): the verb from the method (GET on a
 * collection is list, with watch=true watch; DELETE on a collection is deletecollection), and for
 * /api/v1/namespaces/{name} the namespace is the name itself.
 */
import type { RequestInfo } from '../path';
import type { Attributes } from './rules';

const WATCH = new Set(['true', '1']);

export function requestAttributes(method: string, info: RequestInfo, query: Record<string, string | undefined>): Attributes {
  const base = { apiGroup: info.group, apiVersion: info.version, path: info.path };
  if (!info.isResourceRequest) {
    return { ...base, verb: method.toLowerCase(), resourceRequest: false, resource: '', subresource: '', namespace: '', name: '' };
  }
  let verb: string;
  switch (method) {
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = info.name === undefined ? 'deletecollection' : 'delete';
      break;
    default:
      verb = info.name === undefined ? 'list' : 'get';
      if (WATCH.has(query.watch ?? '') && !info.subresource) verb = 'watch';
  }
  let namespace = info.namespace ?? '';
  if (info.resource === 'namespaces' && info.name !== undefined) namespace = info.name;
  return { ...base, verb, resourceRequest: true, resource: info.resource, subresource: info.subresource ?? '', namespace, name: info.name ?? '' };
}

/** responsewriters.forbiddenMessage (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go). */
export function forbiddenMessage(username: string, a: Attributes): string {
  if (!a.resourceRequest) return `User ${JSON.stringify(username)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (a.namespace) return `User ${JSON.stringify(username)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} in the namespace ${JSON.stringify(a.namespace)}`;
  return `User ${JSON.stringify(username)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} at the cluster scope`;
}
