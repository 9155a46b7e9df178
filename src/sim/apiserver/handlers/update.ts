/**
 * PUT of an object, its status or a namespace's finalize (apiserver pkg/endpoints/handlers/update.go).
 * The body's name must be the URL's; an empty resourceVersion is an unconditional update; a stale one is a 409.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, fail, notFound } from '../errors';
import type { ApiResponse } from '../types';
import { allowsCreateOnUpdate } from '../strategy';
import { checkDecodes, checkTypeMeta, checkUnknownFields, decodeBody, isDryRun, warningHeader } from './common';
import { createObject, updateObject } from './write';

export function handleUpdate(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const { ri, info } = req;
  const obj = decodeBody(req);
  checkTypeMeta(ri, obj);
  checkDecodes(req, ri, obj);
  const warnings = checkUnknownFields(req, ri, obj);
  const dryRun = isDryRun(req);
  const name = info.name!;
  if (obj.metadata.name !== name) fail(badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`));
  if (ri.namespaced && obj.metadata.namespace && obj.metadata.namespace !== (info.namespace ?? '')) {
    fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const old = ctx.store.getCopy(ri.storageKey, info.namespace ?? '', name);
  if (!old) {
    if (allowsCreateOnUpdate(ri) && !info.subresource) {
      delete obj.metadata.resourceVersion;
      const res = createObject(ctx, req, ri, obj, { dryRun, strictServiceAccounts });
      return jsonResponse(res.code, res.obj, warningHeader(warnings));
    }
    fail(notFound(ri, name));
  }
  const res = updateObject(ctx, ri, old!, obj, info.subresource, { dryRun, strictServiceAccounts }, obj.metadata.resourceVersion || undefined);
  return jsonResponse(res.code, res.obj, warningHeader(warnings));
}
