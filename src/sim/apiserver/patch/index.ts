/**
 * Patch application and creation: JSON merge patch (RFC 7386), strategic merge patch with the Kubernetes merge
 * keys and directives, JSON patch (RFC 6902), a simplified server-side apply, and the patches kubectl creates
 * (the three-way merge of `kubectl apply`, the two-way diff of `kubectl edit`).
 *
 * `info` / `kindInfo` is {group, version, kind}: it selects the schema that knows which lists merge by which key.
 * All functions return new values and leave their arguments alone; failures throw PatchError with the
 * upstream error text.
 */
export { PatchError } from './errors';
export { applyMergePatch, createMergePatch } from './merge';
export { applyStrategicMergePatch } from './strategic';
export { applyJsonPatch } from './jsonpatch';
export { applyApplyPatch } from './apply';
export { createThreeWayMergePatch, createTwoWayMergePatch } from './diff';
export type { KindInfo } from './meta';
