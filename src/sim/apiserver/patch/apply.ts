/**
 * Server-side apply (application/apply-patch+yaml), simplified: the applied configuration is merged onto the
 * live object (or becomes the object when there is none). Structs merge field by field; lists marked
 * x-kubernetes-list-type=map merge by their list-map keys, `set` lists take the union, other lists are
 * replaced. Not modelled: field ownership in managedFields, removal of fields this manager applied before,
 * and conflicts between managers (structured-merge-diff does those upstream).
 */
import { clone, deepEqual, isObject, type JsonObject } from './json';
import { kindRoot, type KindInfo } from './meta';
import { childField, elementNode, isList, isMap, type SchemaNode } from '../schema';

export function applyApplyPatch(target: unknown, patch: unknown, info?: KindInfo): unknown {
  if (!isObject(target) || Object.keys(target).length === 0) return clone(patch);
  return mergeValue(clone(target), patch, kindRoot(info));
}

function mergeValue(live: unknown, applied: unknown, node: SchemaNode | undefined): unknown {
  if (isObject(applied)) {
    const out: JsonObject = isObject(live) ? live : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) {
        delete out[k];
        continue;
      }
      const child = isMap(node) ? elementNode(node) : childField(node, k);
      out[k] = mergeValue(out[k], v, child);
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const listType = node?.field?.lt;
    const items = isList(node) ? elementNode(node) : undefined;
    if (listType === 'set' && Array.isArray(live)) {
      const out = live.slice();
      for (const v of applied) if (!out.some((x) => deepEqual(x, v))) out.push(clone(v));
      return out;
    }
    const keys = node?.field?.lk;
    if (listType === 'map' && keys && Array.isArray(live)) {
      const out = live.slice();
      for (const e of applied) {
        // A list-map key that is absent matches an element where it is absent too (e.g. protocol defaulted later).
        const idx = out.findIndex((x) => isObject(x) && isObject(e) && keys.every((k) => e[k] === undefined || deepEqual(x[k], e[k])));
        if (idx >= 0) out[idx] = mergeValue(out[idx], e, items);
        else out.push(clone(e));
      }
      return out;
    }
    return clone(applied);
  }
  return applied;
}
