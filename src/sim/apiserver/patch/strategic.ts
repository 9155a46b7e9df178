/**
 * Strategic merge patch, applied as apimachinery pkg/util/strategicpatch/patch.go (mergeMap, mergeSlice) does
 * for application/strategic-merge-patch+json: maps merge; lists whose field is tagged patchStrategy=merge merge
 * by their patchMergeKey (containers by name, ports by containerPort, env by name, volumes by name,
 * volumeMounts by mountPath ...) or, for scalars, as a de-duplicated union (finalizers); other lists replace.
 * Directives: `$patch: replace|delete` (in maps and list elements), `$retainKeys`, `$setElementOrder/<list>`,
 * `$deleteFromPrimitiveList/<list>`. An empty patch list leaves a merged list alone, as upstream.
 */
import { clone, deepEqual, goString, isObject, type JsonObject } from './json';
import { itemsOf, kindRoot, lookup, type KindInfo, type PatchMeta } from './meta';
import type { SchemaNode } from '../schema';
import { PatchError } from './errors';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

/** Applies a strategic merge patch to `target`; `info` names the kind whose schema gives the merge keys. */
export function applyStrategicMergePatch(target: unknown, patch: unknown, info?: KindInfo): unknown {
  if (!isObject(patch)) throw new PatchError('unable to find api field in struct Unknown for the json field "patch"');
  const original = isObject(target) ? clone(target) : {};
  return mergeMap(original, patch, kindRoot(info));
}

function mergeMap(original: JsonObject, patch: JsonObject, node: SchemaNode | undefined): JsonObject {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      const rest = { ...patch };
      delete rest[DIRECTIVE];
      return mergeMap({}, rest, node);
    }
    if (d === 'delete') return {};
    if (d !== 'merge') throw new PatchError(`unknown patch type: ${goString(d)} in map: ${goString(patch)}`);
  }
  if (RETAIN_KEYS in patch) {
    const keep = patch[RETAIN_KEYS];
    if (!Array.isArray(keep)) throw new PatchError(`invalid patch: ${RETAIN_KEYS} must be a list`);
    for (const k of Object.keys(original)) if (!keep.includes(k)) delete original[k];
  }
  const orders: [string, unknown[], unknown[]][] = [];
  for (const [rawKey, patchV] of Object.entries(patch)) {
    if (rawKey === DIRECTIVE || rawKey === RETAIN_KEYS) continue;
    if (rawKey.startsWith(SET_ORDER)) {
      if (!Array.isArray(patchV)) throw new PatchError(`invalid patch: ${rawKey} must be a list`);
      const listKey = rawKey.slice(SET_ORDER.length);
      orders.push([listKey, patchV, Array.isArray(original[listKey]) ? (original[listKey] as unknown[]).slice() : []]);
      continue;
    }
    if (rawKey.startsWith(DELETE_PRIMITIVE)) {
      const k = rawKey.slice(DELETE_PRIMITIVE.length);
      if (!Array.isArray(patchV)) throw new PatchError(`invalid patch: ${rawKey} must be a list`);
      const cur = original[k];
      if (Array.isArray(cur)) original[k] = cur.filter((x) => !patchV.some((p) => deepEqual(p, x)));
      continue;
    }
    const meta = lookup(node, rawKey);
    if (patchV === null) {
      delete original[rawKey];
      continue;
    }
    original[rawKey] = mergeValue(original[rawKey], patchV, meta);
  }
  for (const [k, order, live] of orders) {
    const list = original[k];
    if (Array.isArray(list)) original[k] = enforceOrder(list, order, live, lookup(node, k).mergeKey);
  }
  return original;
}

function mergeValue(orig: unknown, patchV: unknown, meta: PatchMeta): unknown {
  if (isObject(patchV)) {
    if (meta.replace) return mergeMap({}, patchV, meta.node);
    return mergeMap(isObject(orig) ? orig : {}, patchV, meta.node);
  }
  if (Array.isArray(patchV)) {
    if (!meta.merge) return mergeListReplace(patchV, meta);
    return mergeSlice(Array.isArray(orig) ? orig : [], patchV, meta);
  }
  return patchV;
}

/** A non-merging list: the patch value, with directives inside its maps resolved against nothing. */
function mergeListReplace(patch: unknown[], meta: PatchMeta): unknown[] {
  const items = itemsOf(meta.node);
  return patch.map((v) => (isObject(v) ? mergeMap({}, v, items) : clone(v)));
}

function mergeSlice(original: unknown[], patch: unknown[], meta: PatchMeta): unknown[] {
  if (patch.length === 0) return original;
  const items = itemsOf(meta.node);
  if (!isObject(patch[0])) {
    // Scalars: append and de-duplicate, keeping first occurrences (deduplicateScalars).
    const merged: unknown[] = [];
    for (const v of [...original, ...patch]) if (!merged.some((x) => deepEqual(x, v))) merged.push(v);
    return enforceOrder(merged, patch, original, undefined);
  }
  const key = meta.mergeKey;
  // `$patch: replace` as an element replaces the whole list with the other elements.
  if (patch.some((e) => isObject(e) && e[DIRECTIVE] === 'replace')) {
    return patch.filter((e) => !(isObject(e) && e[DIRECTIVE] === 'replace')).map((e) => (isObject(e) ? mergeMap({}, e, items) : e));
  }
  if (!key) return mergeListReplace(patch, meta);
  const merged = original.slice();
  const kept: unknown[] = [];
  for (const e of patch) {
    if (!isObject(e)) throw new PatchError(`unable to merge a non-map element ${goString(e)} into a list of maps`);
    const directive = e[DIRECTIVE];
    if (!(key in e)) throw new PatchError(`map: ${goString(e)} does not contain declared merge key: ${key}`);
    if (directive === 'delete') {
      for (let i = merged.length - 1; i >= 0; i--) if (isObject(merged[i]) && deepEqual((merged[i] as JsonObject)[key], e[key])) merged.splice(i, 1);
      continue;
    }
    if (directive !== undefined && directive !== 'merge') throw new PatchError(`unknown patch type: ${goString(directive)} in map: ${goString(e)}`);
    const body = { ...e };
    delete body[DIRECTIVE];
    kept.push(body);
    const idx = merged.findIndex((o) => isObject(o) && deepEqual(o[key], e[key]));
    if (idx >= 0) merged[idx] = mergeMap(merged[idx] as JsonObject, body, items);
    else merged.push(mergeMap({}, body, items));
  }
  return enforceOrder(merged, kept, original, key);
}

/** Position of `item` in `list`, by merge key for maps and by value for scalars. */
function indexIn(list: unknown[], item: unknown, mergeKey: string | undefined): number {
  if (mergeKey) return list.findIndex((x) => isObject(x) && isObject(item) && deepEqual(x[mergeKey], item[mergeKey]));
  return list.findIndex((x) => deepEqual(x, item));
}

/**
 * The order upstream enforces after a merge (normalizeElementOrder + mergeSortedSlice): the items named by the
 * patch (or by `$setElementOrder`) in that order, the server-only items in their live order, interleaved so
 * that a server-only item goes before a patch item only when the live list already had it before that item.
 */
function enforceOrder(merged: unknown[], order: unknown[], live: unknown[], mergeKey: string | undefined): unknown[] {
  const patchItems = merged.filter((v) => indexIn(order, v, mergeKey) >= 0);
  const serverOnly = merged.filter((v) => indexIn(order, v, mergeKey) < 0);
  patchItems.sort((a, b) => indexIn(order, a, mergeKey) - indexIn(order, b, mergeKey));
  serverOnly.sort((a, b) => indexIn(live, a, mergeKey) - indexIn(live, b, mergeKey));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = indexIn(live, serverOnly[i], mergeKey);
      const ri = indexIn(live, patchItems[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}
