/** POST to a collection (apiserver pkg/endpoints/handlers/create.go). Answers 201 with the stored object. */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import type { ApiResponse } from '../types';
import { checkDecodes, checkTypeMeta, checkUnknownFields, decodeBody, isDryRun, warningHeader } from './common';
import { createObject } from './write';

export function handleCreate(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const obj = decodeBody(req);
  checkTypeMeta(req.ri, obj);
  checkDecodes(req, req.ri, obj);
  const warnings = checkUnknownFields(req, req.ri, obj);
  const dryRun = isDryRun(req);
  const res = createObject(ctx, req, req.ri, obj, { dryRun, strictServiceAccounts });
  return jsonResponse(res.code, res.obj, warningHeader(warnings));
}
