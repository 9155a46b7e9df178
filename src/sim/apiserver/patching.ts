/**
 * Applies a PATCH body by content type. Merge patch comes from ./patch; strategic merge, JSON patch and apply
 * are taken from ./patch as soon as it exports them (applyStrategicMergePatch, applyJsonPatch, applyApplyPatch);
 * until then strategic and apply fall back to a merge patch without directives and JSON patch to the small
 * RFC 6902 implementation below.
 * Error texts: apiserver pkg/endpoints/handlers/patch.go (jsonPatcher, smpPatcher).
 */
import * as patchModule from './patch';
import type { KubeObject } from './types';

export type PatchKind = 'merge' | 'strategic' | 'json' | 'apply';

export const PATCH_MEDIA_TYPES: Record<string, PatchKind> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export class PatchFailure extends Error {}

type PatchFn = (target: unknown, patch: unknown, ctx?: { group: string; version: string; kind: string; resource: string }) => unknown;
const fromModule = (name: string): PatchFn | undefined => {
  const fn = (patchModule as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as PatchFn) : undefined;
};

export function applyPatch(kind: PatchKind, target: KubeObject, patch: unknown, gvk: { group: string; version: string; kind: string; resource: string }): KubeObject {
  try {
    switch (kind) {
      case 'merge':
        requireObject(patch);
        return patchModule.applyMergePatch(target, patch) as KubeObject;
      case 'strategic': {
        requireObject(patch);
        const fn = fromModule('applyStrategicMergePatch');
        return (fn ? fn(target, patch, gvk) : patchModule.applyMergePatch(target, stripDirectives(patch))) as KubeObject;
      }
      case 'apply': {
        requireObject(patch);
        const fn = fromModule('applyApplyPatch');
        return (fn ? fn(target, patch, gvk) : patchModule.applyMergePatch(target, patch)) as KubeObject;
      }
      case 'json': {
        const fn = fromModule('applyJsonPatch');
        return (fn ? fn(target, patch, gvk) : jsonPatch(target, patch)) as KubeObject;
      }
    }
  } catch (e) {
    if (e instanceof PatchFailure) throw e;
    throw new PatchFailure(e instanceof Error ? e.message : String(e));
  }
}

function requireObject(p: unknown): void {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new PatchFailure('unable to find api field in struct Unknown for the json field "patch"');
}

function stripDirectives(p: unknown): unknown {
  if (Array.isArray(p)) return p.map(stripDirectives);
  if (p === null || typeof p !== 'object') return p;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

/** RFC 6902 with RFC 6901 pointers; errors worded as evanphx/json-patch words them. */
function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchFailure('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = JSON.parse(JSON.stringify(target));
  const parse = (path: string): string[] => {
    if (path === '') return [];
    if (!path.startsWith('/')) throw new PatchFailure(`add operation does not apply: doc is missing path: "${path}": missing value`);
    return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  };
  const parentOf = (path: string, op: string): [Record<string, unknown> | unknown[], string] => {
    const parts = parse(path);
    const last = parts.pop();
    if (last === undefined) throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    let cur: unknown = doc;
    for (const p of parts) {
      if (cur === null || typeof cur !== 'object') throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      cur = Array.isArray(cur) ? cur[Number(p)] : (cur as Record<string, unknown>)[p];
    }
    if (cur === null || typeof cur !== 'object') throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return [cur as Record<string, unknown> | unknown[], last];
  };
  const get = (path: string, op: string): unknown => {
    let cur: unknown = doc;
    for (const p of parse(path)) {
      if (cur === null || typeof cur !== 'object') throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      const next = Array.isArray(cur) ? cur[Number(p)] : (cur as Record<string, unknown>)[p];
      if (next === undefined) throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      cur = next;
    }
    return cur;
  };
  const remove = (path: string, op: string): unknown => {
    const [parent, key] = parentOf(path, op);
    if (Array.isArray(parent)) {
      const i = Number(key);
      if (!(i >= 0 && i < parent.length)) throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      return parent.splice(i, 1)[0];
    }
    if (!(key in parent)) throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    const v = parent[key];
    delete parent[key];
    return v;
  };
  const add = (path: string, value: unknown, op: string): void => {
    if (path === '') {
      doc = value;
      return;
    }
    const [parent, key] = parentOf(path, op);
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key);
      if (!(i >= 0 && i <= parent.length)) throw new PatchFailure(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      parent.splice(i, 0, value);
    } else parent[key] = value;
  };
  for (const raw of ops as Record<string, unknown>[]) {
    const op = String(raw.op ?? '');
    const path = String(raw.path ?? '');
    switch (op) {
      case 'add':
        add(path, clone(raw.value), op);
        break;
      case 'remove':
        remove(path, op);
        break;
      case 'replace': {
        get(path, op);
        if (path === '') doc = clone(raw.value);
        else {
          const [parent, key] = parentOf(path, op);
          if (Array.isArray(parent)) parent[Number(key)] = clone(raw.value);
          else parent[key] = clone(raw.value);
        }
        break;
      }
      case 'move': {
        const v = remove(String(raw.from ?? ''), op);
        add(path, v, op);
        break;
      }
      case 'copy':
        add(path, clone(get(String(raw.from ?? ''), op)), op);
        break;
      case 'test':
        if (JSON.stringify(get(path, op)) !== JSON.stringify(raw.value)) throw new PatchFailure(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchFailure(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

const clone = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
