/**
 * GET nodes/{name}/proxy/{path}: the API server forwards to the node's kubelet (pkg/registry/core/node/rest/proxy.go
 * → the kubelet's :10250 server). Only the kubelet paths a connector serves answer; an unknown node is a 404 Status,
 * a node without a registered kubelet a dial error.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import type { ApiResponse, Status } from '../types';

export function handleNodeProxy(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const name = req.info.name!;
  if (!ctx.store.get(req.ri.storageKey, '', name)) {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `nodes "${name}" not found`, reason: 'NotFound', details: { name, kind: 'nodes' }, code: 404 };
    return jsonResponse(404, s);
  }
  const path = '/' + req.info.rest.join('/');
  const conn = ctx.nodes.get(name);
  const r = conn?.proxy?.(path) ?? { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error trying to reach service: dial tcp: lookup ${name}: no such host`, code: 500 } as Status };
  if ('error' in r) return jsonResponse(r.error.code, r.error);
  return { status: r.status, headers: { 'content-type': r.contentType }, body: r.text };
}
