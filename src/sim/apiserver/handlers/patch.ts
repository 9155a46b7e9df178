/**
 * PATCH (apiserver pkg/endpoints/handlers/patch.go): merge, strategic merge, JSON patch and apply.
 * The patched object goes through the same update path as a PUT, with the stored resourceVersion as the
 * precondition unless the patch itself names one. An apply patch on a missing object creates it (201);
 * other patch types answer 404.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, fail, notFound, requestEntityTooLarge, unsupportedMediaType } from '../errors';
import { mediaTypeOf } from '../negotiation';
import { applyPatch, PATCH_MEDIA_TYPES, PatchFailure } from '../patching';
import type { ApiResponse, KubeObject } from '../types';
import { checkTypeMeta, isDryRun, MAX_REQUEST_BODY_BYTES, warningHeader } from './common';
import { checkPatchUnknownFields } from './patch-fields';
import { createObject, updateObject } from './write';
import { fromStorage } from '../conversion';
import { deepClone } from '../../store';

export function handlePatch(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const { ri, info } = req;
  const ct = mediaTypeOf(req.headers['content-type']);
  const kind = PATCH_MEDIA_TYPES[ct];
  if (!kind) fail(unsupportedMediaType(ct, Object.keys(PATCH_MEDIA_TYPES).filter((t) => !t.endsWith('cbor'))));
  let patch = req.body;
  if (typeof patch === 'string') {
    if (patch.length > MAX_REQUEST_BODY_BYTES) fail(requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`));
    try {
      patch = JSON.parse(patch);
    } catch (e) {
      fail(badRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`));
    }
  } else patch = deepClone(patch);
  const dryRun = isDryRun(req);
  if (kind === 'apply' && !req.query.fieldManager) fail(badRequest('PATCH, PUT and CREATE requests must set a field manager'));
  const name = info.name!;
  const old = ctx.store.getCopy(ri.storageKey, info.namespace ?? '', name);
  const gvk = { group: ri.group, version: ri.version, kind: ri.kind, resource: ri.resource };
  if (!old) {
    if (kind !== 'apply' || info.subresource) fail(notFound(ri, name));
    const obj = deepClone(patch) as KubeObject;
    checkTypeMeta(ri, obj);
    if ((obj.metadata?.name ?? name) !== name) fail(badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`));
    obj.metadata = { ...(obj.metadata ?? {}), name };
    const warnings = checkPatchUnknownFields(req, ri, 'apply', obj, obj);
    const res = createObject(ctx, req, ri, obj, { dryRun, strictServiceAccounts });
    return jsonResponse(201, res.obj, warningHeader(warnings));
  }
  // The patch applies to the object as the client sees it (its group/version's shape).
  const view = fromStorage(ri, deepClone(old!));
  view.apiVersion = ri.group ? `${ri.group}/${ri.version}` : ri.version;
  view.kind = ri.kind;
  let next: KubeObject;
  try {
    next = applyPatch(kind!, view, patch, gvk);
  } catch (e) {
    if (e instanceof PatchFailure) fail(badRequest(e.message));
    throw e;
  }
  if (next === null || typeof next !== 'object' || Array.isArray(next)) fail(badRequest('the patch produced an object that is not a JSON object'));
  next.metadata ??= {};
  checkTypeMeta(ri, next);
  if (next.metadata.name !== name) fail(badRequest(`the name of the object (${next.metadata.name ?? ''}) does not match the name on the URL (${name})`));
  const warnings = checkPatchUnknownFields(req, ri, kind!, patch, next);
  // A resourceVersion written by the patch is a precondition; otherwise the patch applies to what was read.
  const patchedRV = next.metadata.resourceVersion !== view.metadata.resourceVersion ? next.metadata.resourceVersion : undefined;
  const res = updateObject(ctx, ri, old!, next, info.subresource, { dryRun, strictServiceAccounts }, patchedRV || undefined);
  return jsonResponse(200, res.obj, warningHeader(warnings));
}
