/**
 * GET …?watch=true: a stream of WatchEvents.
 * - resourceVersion unset, "" or "0": the current state first, as ADDED events (sorted), then changes.
 * - resourceVersion N: every change after N still in the history, then live changes; N older than the history
 *   gives one ERROR event with a 410 Expired Status `too old resource version: N (M)` and the stream ends
 *   (apiserver pkg/storage/cacher/watch_cache.go; the cacher answers with an error watcher, not an HTTP error).
 * - timeoutSeconds ends the stream after that much virtual time.
 * - A Table Accept wraps each event's object in a one-row Table (handlers/watch.go with a Table encoder).
 * Bookmarks are optional for clients (allowWatchBookmarks) and are not sent.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { badRequest, fail, resourceExpired } from '../errors';
import { apiVersionOf } from '../registry';
import type { ApiResponse, KubeObject, WatchEvent } from '../types';
import { translate, WatchStream, type Watcher } from '../watch';
import { deepClone } from '../../store';
import { fromStorage } from '../conversion';
import { parseSelection } from './common';
import { asTable, representation } from './read';

export function handleWatch(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { ri, info } = req;
  const rep = representation(req);
  const sel = parseSelection(req);
  const namespace = ri.namespaced ? info.namespace : undefined;
  // A watch on /…/pods/NAME is a watch filtered to that name (the old watch-by-name form).
  const nameFilter = info.name;
  const matches = nameFilter ? (o: KubeObject) => o.metadata.name === nameFilter && sel.matches(o) : sel.matches;

  const rvParam = req.query.resourceVersion ?? '';
  let startRV: number | undefined;
  if (rvParam !== '' && rvParam !== '0') {
    if (!/^\d+$/.test(rvParam)) fail(badRequest(`invalid resource version: ${rvParam}`));
    startRV = Number(rvParam);
  }

  const apiVersion = apiVersionOf(ri);
  const includeObject = req.query.includeObject;
  const encode = (type: WatchEvent['type'], stored: KubeObject): WatchEvent => {
    const obj: KubeObject = { apiVersion: undefined, kind: undefined, ...fromStorage(ri, stored) };
    obj.apiVersion = apiVersion;
    obj.kind = ri.kind;
    if (rep.as === 'Table') {
      return { type, object: asTable(ctx, ri, [obj], obj.metadata.resourceVersion ?? '', includeObject) as unknown as KubeObject };
    }
    if (rep.as === 'PartialObjectMetadata') {
      return { type, object: { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${rep.version}`, metadata: obj.metadata } };
    }
    return { type, object: obj };
  };

  const stream = new WatchStream<WatchEvent>(ctx.clock);
  const current = ctx.store.revision();
  const w: Watcher = { storageKey: ri.storageKey, filter: { namespace, matches }, encode, stream, sentUpTo: current };

  if (startRV === undefined) {
    for (const s of ctx.store.list(ri.storageKey, namespace)) {
      if (matches(s)) stream.push(encode('ADDED', deepClone(s)));
    }
  } else {
    const changes = ctx.store.changesSince(startRV, ri.storageKey);
    if (changes === 'expired') {
      const status = resourceExpired(`too old resource version: ${startRV} (${ctx.store.compactedRevision()})`);
      stream.push({ type: 'ERROR', object: status as unknown as KubeObject });
      stream.end('expired');
      return { status: 200, headers: { 'content-type': 'application/json' }, stream };
    }
    const replay: Watcher = { ...w, sentUpTo: startRV };
    for (const ev of changes) {
      const out = translate(replay, ev);
      if (out) stream.push(out);
    }
  }
  ctx.hub.add(w);

  const timeout = req.query.timeoutSeconds;
  if (timeout !== undefined && timeout !== '' && /^\d+$/.test(timeout)) {
    const id = ctx.clock.setTimeout(() => stream.end('timeout'), Number(timeout) * 1000);
    const prev = stream.onClose;
    stream.onClose = () => {
      ctx.clock.clearTimeout(id);
      prev?.();
    };
  }
  return { status: 200, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, stream };
}

