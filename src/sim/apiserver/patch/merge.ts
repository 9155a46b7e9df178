/**
 * JSON merge patch (RFC 7386), as the API server applies application/merge-patch+json: objects merge
 * recursively, null deletes a key, anything else (lists included) replaces.
 */
import { clone, isObject } from './json';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** The merge patch that turns `from` into `to` (a two-way diff; lists are replaced whole). */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (!isObject(from) || !isObject(to)) return clone(to);
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (!(k in from)) patch[k] = clone(v);
    else if (isObject(from[k]) && isObject(v)) {
      const sub = createMergePatch(from[k], v) as Record<string, unknown>;
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (JSON.stringify(from[k]) !== JSON.stringify(v)) patch[k] = clone(v);
  }
  return patch;
}
