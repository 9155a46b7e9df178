/**
 * Chunked lists: `limit` and `continue` (apiserver pkg/storage/etcd3/store.go GetList, continue.go).
 * The continue token is base64 JSON {"v":"meta.k8s.io/v1","rv":<list revision>,"start":"<last key>\u0000"},
 * keys being "<namespace>/<name>". A list served with resourceVersion=0 comes from the watch cache and ignores
 * limit. The store keeps no old revisions, so later chunks show the current objects after the start key
 * (the real server would serve the first chunk's revision, or answer 410 once it is compacted).
 */
import { badRequest, fail } from './errors';
import type { KubeObject } from './types';

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? ''));

export function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string' || typeof t.rv !== 'number') throw new Error('bad token');
    return t;
  } catch {
    return fail(badRequest('continue key is not valid: illegal base64 data at input byte 0'));
  }
}

export function encodeContinue(rv: number, lastKey: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` }));
}

export interface Page {
  items: KubeObject[];
  continue?: string;
  remainingItemCount?: number;
}

/** `items` are in key order. */
export function paginate(items: KubeObject[], query: Record<string, string | undefined>, rv: number): Page {
  const limit = Number(query.limit ?? 0);
  let from = 0;
  let listRV = rv;
  if (query.continue) {
    if (query.resourceVersion && query.resourceVersion !== '0') fail(badRequest('specifying resource version is not allowed when using continue'));
    const tok = decodeContinue(query.continue);
    listRV = tok.rv;
    const start = tok.start.replace(/\u0000$/, '');
    from = items.findIndex((o) => keyOf(o) > start);
    if (from < 0) from = items.length;
  }
  if (!(limit > 0) || query.resourceVersion === '0') return { items: items.slice(from) };
  const page = items.slice(from, from + limit);
  const rest = items.length - from - page.length;
  if (rest <= 0) return { items: page };
  return { items: page, continue: encodeContinue(listRV, keyOf(page[page.length - 1])), remainingItemCount: rest };
}
