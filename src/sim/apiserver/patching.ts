/**
 * Applies a PATCH body by content type with the functions of ./patch (merge, strategic merge with the kind's
 * merge keys, JSON patch, apply), and maps their failures to one error type for the handlers.
 * Content types: apiserver pkg/endpoints/handlers/patch.go (the four patch types it accepts).
 */
import { applyApplyPatch, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type KindInfo } from './patch';
import type { KubeObject } from './types';

export type PatchKind = 'merge' | 'strategic' | 'json' | 'apply';

export const PATCH_MEDIA_TYPES: Record<string, PatchKind> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export class PatchFailure extends Error {}

export function applyPatch(kind: PatchKind, target: KubeObject, patch: unknown, info: KindInfo): KubeObject {
  try {
    switch (kind) {
      case 'merge':
        requireObject(patch);
        return applyMergePatch(target, patch) as KubeObject;
      case 'strategic':
        requireObject(patch);
        return applyStrategicMergePatch(target, patch, info) as KubeObject;
      case 'apply':
        requireObject(patch);
        return applyApplyPatch(target, patch, info) as KubeObject;
      case 'json':
        return applyJsonPatch(target, patch) as KubeObject;
    }
  } catch (e) {
    throw new PatchFailure(e instanceof Error ? e.message : String(e));
  }
}

/** A merge-type patch must be a JSON object (the decoder's error for anything else). */
function requireObject(p: unknown): void {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) {
    throw new PatchFailure(`json: cannot unmarshal ${Array.isArray(p) ? 'array' : p === null ? 'null' : typeof p} into Go value of type map[string]interface {}`);
  }
}
