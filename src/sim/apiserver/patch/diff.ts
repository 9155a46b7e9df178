/**
 * Creating strategic merge patches, as kubectl does (apimachinery pkg/util/strategicpatch/patch.go):
 * createThreeWayMergePatch is what `kubectl apply` sends — the delta from the live object to the file
 * (additions and changes only) merged with the deletions from the last-applied configuration to the file — so
 * fields dropped from the file are removed while fields set by others are kept. createTwoWayMergePatch is what
 * `kubectl edit`/`patch --local` style diffs produce.
 * Lists with a merge key are diffed element by element after sorting by the key's `%v` string
 * (diffListsOfMaps), deletions become `{$patch: delete, <key>: v}`, and a `$setElementOrder/<list>` is added
 * whenever the list changed; scalar merge lists use `$deleteFromPrimitiveList/<list>`; structs tagged
 * retainKeys get a `$retainKeys` list. Keys are sorted as json.Marshal writes them.
 */
import { deepEqual, goString, isObject, jsonKind, sortKeys, type JsonObject } from './json';
import { itemsOf, kindRoot, lookup, type KindInfo } from './meta';
import type { SchemaNode } from '../schema';
import { PatchError } from './errors';

interface DiffOptions {
  ignoreDeletions?: boolean;
  ignoreChangesAndAdditions?: boolean;
  setElementOrder?: boolean;
  buildRetainKeys?: boolean;
}

const strKey = (v: unknown) => goString(v);

function diffMaps(original: JsonObject, modified: JsonObject, node: SchemaNode | undefined, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const [key, modV] of Object.entries(modified)) {
    if (opts.buildRetainKeys && modV !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modV;
      continue;
    }
    const origV = original[key];
    if (jsonKind(origV) !== jsonKind(modV)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modV;
      continue;
    }
    if (isObject(origV) && isObject(modV)) {
      const meta = lookup(node, key);
      if (meta.replace) {
        if (!opts.ignoreChangesAndAdditions && !deepEqual(origV, modV)) patch[key] = modV;
        continue;
      }
      const sub = diffMaps(origV, modV, meta.node, { ...opts, buildRetainKeys: meta.retainKeys });
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(origV) && Array.isArray(modV)) {
      diffSlice(key, origV, modV, patch, node, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(origV, modV)) {
      patch[key] = modV;
    }
  }
  if (!opts.ignoreDeletions) for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  const hasDroppedField = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasDroppedField)) patch.$retainKeys = retainKeys.sort();
  return patch;
}

function diffSlice(key: string, original: unknown[], modified: unknown[], patch: JsonObject, node: SchemaNode | undefined, opts: DiffOptions): void {
  const meta = lookup(node, key);
  if (!meta.merge) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const [add, del, order] = diffLists(original, modified, itemsOf(meta.node), meta.mergeKey, { ...opts, buildRetainKeys: meta.retainKeys });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = del;
  if (order.length > 0) patch[`$setElementOrder/${key}`] = order;
}

function diffLists(original: unknown[], modified: unknown[], items: SchemaNode | undefined, mergeKey: string | undefined, opts: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const sample = modified.length > 0 ? modified[0] : original[0];
  if (Array.isArray(sample)) throw new PatchError('lists of lists are not supported');
  if (isObject(sample)) {
    if (!mergeKey) throw new PatchError(`map: ${goString(sample)} does not contain declared merge key: `);
    let [patchList, deleteList] = diffListsOfMaps(original, modified, items, mergeKey, opts);
    patchList = normalizeOrder(patchList, modified, (v) => (isObject(v) ? strKey(v[mergeKey]) : strKey(v)));
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    let order: unknown[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))) {
      order = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
    return [patchList, [], order];
  }
  let [patchList, deleteList] = diffListsOfScalars(original, modified, opts);
  patchList = normalizeOrder(patchList, modified, strKey);
  let order: unknown[] = [];
  if (opts.setElementOrder && ((!opts.ignoreDeletions && deleteList.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))) order = modified;
  return [patchList, deleteList, order];
}

function sortedByKey(list: unknown[], mergeKey: string): JsonObject[] {
  return list
    .map((v) => {
      if (!isObject(v) || !(mergeKey in v)) throw new PatchError(`map: ${goString(v)} does not contain declared merge key: ${mergeKey}`);
      return v;
    })
    .sort((a, b) => (strKey(a[mergeKey]) < strKey(b[mergeKey]) ? -1 : strKey(a[mergeKey]) > strKey(b[mergeKey]) ? 1 : 0));
}

function diffListsOfMaps(original: unknown[], modified: unknown[], items: SchemaNode | undefined, mergeKey: string, opts: DiffOptions): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const o = sortedByKey(original, mergeKey);
  const m = sortedByKey(modified, mergeKey);
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const ok = i < o.length ? strKey(o[i][mergeKey]) : undefined;
    const mk = j < m.length ? strKey(m[j][mergeKey]) : undefined;
    if (ok !== undefined && mk !== undefined && ok === mk) {
      const sub = diffMaps(o[i], m[j], items, opts);
      if (Object.keys(sub).length > 0) {
        sub[mergeKey] = m[j][mergeKey];
        patch.push(sub);
      }
      i++;
      j++;
    } else if (ok === undefined || (mk !== undefined && ok > mk)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ $patch: 'delete', [mergeKey]: o[i][mergeKey] });
      i++;
    }
  }
  return [patch, deletions];
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): [unknown[], unknown[]] {
  const uniq = (l: unknown[]) => [...new Map(l.map((v) => [strKey(v), v])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const o = uniq(original);
  const m = uniq(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    if (i < o.length && j < m.length && o[i][0] === m[j][0]) {
      i++;
      j++;
    } else if (i >= o.length || (j < m.length && o[i][0] > m[j][0])) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j][1]);
      j++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[i][1]);
      i++;
    }
  }
  return [add, del];
}

/** normalizeSliceOrder: the patch elements in the order they have in `modified`. */
function normalizeOrder(list: unknown[], modified: unknown[], keyOf: (v: unknown) => string): unknown[] {
  const index = new Map(modified.map((v, i) => [keyOf(v), i]));
  return list.slice().sort((a, b) => (index.get(keyOf(a)) ?? 0) - (index.get(keyOf(b)) ?? 0));
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return original.every((v, i) => isObject(v) && isObject(modified[i]) && deepEqual(v[mergeKey], (modified[i] as JsonObject)[mergeKey]));
}

/**
 * Merges the deletions patch and the delta patch into one (mergeMap of patch onto patch): maps recurse, merge
 * lists combine their elements by merge key, directive lists are taken as they are.
 */
function mergePatches(a: JsonObject, b: JsonObject, node: SchemaNode | undefined): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (!(k in out) || k.startsWith('$')) {
      out[k] = v;
      continue;
    }
    const cur = out[k];
    const meta = lookup(node, k);
    if (isObject(cur) && isObject(v)) out[k] = mergePatches(cur, v, meta.node);
    else if (Array.isArray(cur) && Array.isArray(v) && meta.merge && meta.mergeKey) {
      // The delta's elements come first (merged with a deletion of the same key), then the remaining
      // deletions: mergeSlice's ordering when a patch is merged onto a patch.
      const key = meta.mergeKey;
      const rest = cur.slice();
      const merged: unknown[] = [];
      for (const e of v) {
        const idx = rest.findIndex((x) => isObject(x) && isObject(e) && deepEqual(x[key], e[key]));
        if (idx >= 0 && isObject(e)) merged.push(mergePatches(rest.splice(idx, 1)[0] as JsonObject, e, itemsOf(meta.node)));
        else merged.push(e);
      }
      out[k] = [...merged, ...rest];
    } else out[k] = v;
  }
  return out;
}

/**
 * The patch `kubectl apply` sends. `original` is the last-applied configuration (or undefined), `modified`
 * the new configuration (with its own last-applied annotation), `current` the live object.
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown, kindInfo?: KindInfo): JsonObject {
  const node = kindRoot(kindInfo);
  const orig = isObject(original) ? original : {};
  const mod = isObject(modified) ? modified : {};
  const cur = isObject(current) ? current : {};
  const delta = diffMaps(cur, mod, node, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(orig, mod, node, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return sortKeys(mergePatches(deletions, delta, node));
}

/** The two-way strategic merge patch from `original` to `modified` (CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(original: unknown, modified: unknown, kindInfo?: KindInfo): JsonObject {
  const node = kindRoot(kindInfo);
  return sortKeys(diffMaps(isObject(original) ? original : {}, isObject(modified) ? modified : {}, node, { setElementOrder: true }));
}
