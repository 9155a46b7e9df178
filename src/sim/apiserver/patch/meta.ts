/**
 * Patch metadata lookups over the generated schema (the LookupPatchMeta of apimachinery strategicpatch):
 * for a struct and a key, the child's schema, its patch strategies (merge, replace, retainKeys) and merge key.
 * A node without schema (unknown field, free-form object) has no metadata: lists replace, maps merge.
 */
import { childField, elementNode, isList, isMap, rootNode, type SchemaNode } from '../schema';

export interface PatchMeta {
  /** The schema of the value under the key (for lists: of the list itself). */
  node?: SchemaNode;
  merge: boolean;
  replace: boolean;
  retainKeys: boolean;
  mergeKey?: string;
}

export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  resource?: string;
}

export function kindRoot(info: KindInfo | undefined): SchemaNode | undefined {
  return info ? rootNode(info.group, info.version, info.kind) : undefined;
}

/** Metadata of `key` inside the struct or map at `node`. */
export function lookup(node: SchemaNode | undefined, key: string): PatchMeta {
  if (!node) return { merge: false, replace: false, retainKeys: false };
  if (isMap(node)) return { node: elementNode(node), merge: false, replace: false, retainKeys: false };
  const child = childField(node, key);
  const strategies = (child?.field?.ps ?? '').split(',').filter(Boolean);
  return {
    node: child,
    merge: strategies.includes('merge'),
    replace: strategies.includes('replace'),
    retainKeys: strategies.includes('retainKeys'),
    mergeKey: child?.field?.pk,
  };
}

/** The element schema of a list node. */
export function itemsOf(node: SchemaNode | undefined): SchemaNode | undefined {
  return isList(node) ? elementNode(node) : undefined;
}
