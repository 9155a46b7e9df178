/**
 * GET of one object, of a list, and the representations a read may ask for (object, Table, metadata only).
 * Upstream: apiserver pkg/endpoints/handlers/get.go (GetResource, ListResource), response.go (transformObject:
 * Table and PartialObjectMetadata conversion). Lists are in key order and carry the store's current revision.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { fail, notAcceptable, notFound } from '../errors';
import { ACCEPTED_MEDIA_TYPES, negotiateObject, type Representation } from '../negotiation';
import { apiVersionOf, type ResourceInfo } from '../registry';
import { buildTable } from '../tables';
import { printedShape } from '../conversion';
import type { ApiResponse, KubeObject } from '../types';
import { output, parseSelection, warningHeader } from './common';
import { paginate } from '../pagination';
import { COMPONENT_STATUS_WARNING, componentStatuses } from '../component-statuses';

export function representation(req: ResourceRequest): Representation {
  const rep = negotiateObject(req.headers.accept);
  if (!rep) fail(notAcceptable(ACCEPTED_MEDIA_TYPES));
  return rep!;
}

function partial(o: KubeObject, version: string) {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
}

/** Table of objects that already carry apiVersion/kind. */
export function asTable(ctx: ServerContext, ri: ResourceInfo, objs: KubeObject[], rv: string, includeObject: string | undefined) {
  const shaped = objs.map((o) => printedShape(ri, o));
  const t = buildTable(ri.group, ri.resource, shaped, ctx.clock.now(), includeObject ?? 'Metadata');
  // cells from the printed shape, embedded objects in the requested version
  t.rows.forEach((row, i) => {
    if (shaped[i] !== objs[i] && row.object !== undefined) row.object = includeObject === 'Object' ? objs[i] : { ...(row.object as object), metadata: objs[i].metadata };
  });
  t.metadata = { ...t.metadata, resourceVersion: rv };
  return t;
}

export function handleGet(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { ri, info } = req;
  const rep = representation(req);
  const stored = isComputed(ri) ? computed(ctx, ri).find((o) => o.metadata.name === info.name) : ctx.store.get(ri.storageKey, info.namespace ?? '', info.name!);
  if (!stored) fail(notFound(ri, info.name!));
  const o = output(ri, stored!);
  const h = computedWarning(ri);
  if (rep.as === 'Table') return jsonResponse(200, asTable(ctx, ri, [o], o.metadata.resourceVersion ?? '', req.query.includeObject), h);
  if (rep.as === 'PartialObjectMetadata') return jsonResponse(200, partial(o, rep.version), h);
  return jsonResponse(200, o, h);
}

export function handleList(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { ri, info } = req;
  const rep = representation(req);
  const sel = parseSelection(req);
  const rv = String(ctx.store.revision());
  let items: KubeObject[] = [];
  const source = isComputed(ri) ? computed(ctx, ri) : ctx.store.list(ri.storageKey, ri.namespaced ? info.namespace : undefined);
  const h = computedWarning(ri);
  for (const s of source) {
    if (sel.matches(s)) items.push(output(ri, s));
  }
  const page = paginate(items, req.query, Number(rv));
  items = page.items;
  const more = page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {};
  if (rep.as === 'Table') {
    const t = asTable(ctx, ri, items, rv, req.query.includeObject);
    t.metadata = { ...t.metadata, ...more };
    return jsonResponse(200, t, h);
  }
  if (rep.as === 'PartialObjectMetadata') {
    return jsonResponse(200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata: { resourceVersion: rv, ...more },
      items: items.map((o) => partial(o, rep.version)),
    }, h);
  }
  // Items of a typed list carry no apiVersion/kind on the wire: the list's kind says what they are.
  // (client-go's unstructured decoder fills them in again; kubectl -o json shows them for that reason.)
  for (const o of items) {
    delete o.apiVersion;
    delete o.kind;
  }
  return jsonResponse(200, { kind: `${ri.kind}List`, apiVersion: apiVersionOf(ri), metadata: { resourceVersion: rv, ...more }, items }, h);
}

const isComputed = (ri: ResourceInfo) => ri.storageKey === '/componentstatuses' || ri.storageKey === 'apiregistration.k8s.io/apiservices';
const computed = (ctx: ServerContext, ri: ResourceInfo): KubeObject[] =>
  ri.storageKey === '/componentstatuses' ? componentStatuses() : isComputed(ri) ? (ctx.apiServices?.() ?? []) : [];
function computedWarning(ri: ResourceInfo): Record<string, string> {
  return ri.storageKey === '/componentstatuses' ? warningHeader([COMPONENT_STATUS_WARNING]) : {};
}
