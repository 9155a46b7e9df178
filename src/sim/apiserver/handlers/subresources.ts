/**
 * Subresources other than status/finalize: dispatch to their own modules.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { fail, methodNotSupported, pathNotFound } from '../errors';
import type { ApiResponse } from '../types';
import { handleScale } from './scale';
import { handleBinding, handleEviction } from './pod-writes';
import { handleExec, handleLog, handlePortForward } from './pod-connect';
import { handleEphemeralContainers } from './ephemeral';
import { handleTokenRequest } from './reviews';
import { handleNodeProxy } from './node-proxy';

export function handleSubresource(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const sub = req.info.subresource!;
  const verbs = req.ri.subresources?.find((s) => s.name === sub)?.verbs ?? [];
  const verb = ({ GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[req.method];
  if (!verbs.includes(verb)) fail(methodNotSupported({ group: req.ri.group, resource: `${req.ri.resource}/${sub}` }, verb));
  switch (sub) {
    case 'scale':
      return handleScale(ctx, req, strictServiceAccounts);
    case 'binding':
      return handleBinding(ctx, req);
    case 'eviction':
      return handleEviction(ctx, req);
    case 'log':
      return handleLog(ctx, req);
    case 'exec':
    case 'attach':
      return handleExec(ctx, req);
    case 'portforward':
      return handlePortForward(ctx, req);
    case 'token':
      return handleTokenRequest(ctx, req);
    case 'proxy':
      if (req.ri.resource === 'nodes' && req.method === 'GET') return handleNodeProxy(ctx, req);
      break;
    case 'ephemeralcontainers':
      return handleEphemeralContainers(ctx, req, strictServiceAccounts);
  }
  return fail(pathNotFound());
}
