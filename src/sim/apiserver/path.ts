/**
 * Splits a request path into what the handlers need, as apiserver's RequestInfoFactory does
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): api prefix, group, version,
 * namespace, resource, name, subresource. `/api/v1/namespaces/x` is the namespace x itself, and
 * `/api/v1/namespaces/x/status|finalize` its subresources.
 */

export interface RequestInfo {
  /** false for /version, /healthz, /api, /apis and discovery documents. */
  isResourceRequest: boolean;
  /** The raw path without the query string. */
  path: string;
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path segments after the subresource (proxy paths). */
  rest: string[];
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function splitQuery(path: string): { path: string; query: Record<string, string> } {
  const i = path.indexOf('?');
  if (i < 0) return { path, query: {} };
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(path.slice(i + 1))) query[k] = v;
  return { path: path.slice(0, i), query };
}

function decode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRequestPath(rawPath: string): RequestInfo {
  let end = rawPath.length;
  while (end > 0 && rawPath.charCodeAt(end - 1) === 47 /* / */) end--;
  const path = end === rawPath.length ? rawPath || '/' : rawPath.slice(0, end) || '/';
  const parts: string[] = [];
  for (const p of path.split('/')) if (p !== '') parts.push(decode(p));
  const info: RequestInfo = { isResourceRequest: false, path, group: '', version: '', resource: '', rest: [] };
  let i: number;
  if (parts[0] === 'api') {
    if (parts.length < 2) return info;
    info.version = parts[1];
    i = 2;
  } else if (parts[0] === 'apis') {
    if (parts.length < 3) {
      if (parts.length === 2) info.group = parts[1];
      return info;
    }
    info.group = parts[1];
    info.version = parts[2];
    i = 3;
  } else {
    return info;
  }
  const rest = parts.slice(i);
  if (rest.length === 0) return info;
  info.isResourceRequest = true;
  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      info.namespace = rest[1];
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
        rest.splice(0, 2);
      }
    }
  }
  info.resource = rest[0];
  if (rest.length > 1) info.name = rest[1];
  if (rest.length > 2) info.subresource = rest[2];
  if (rest.length > 3) info.rest = rest.slice(3);
  // /api/v1/namespaces/x addresses the namespace object: its own namespace is empty
  if (info.resource === 'namespaces') info.namespace = undefined;
  return info;
}
