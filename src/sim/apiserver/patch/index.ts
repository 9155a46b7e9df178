/**
 * Patch application: JSON merge patch (RFC 7386), strategic merge patch, JSON patch (RFC 6902), apply.
 * (Initial version: merge patch only; the others land with the api-machinery work.)
 */

export class PatchError extends Error {}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
