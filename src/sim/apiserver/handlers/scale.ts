/**
 * The scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets and
 * replicationcontrollers (pkg/registry/apps/deployment/storage/storage.go ScaleREST and friends):
 * spec.replicas ↔ the parent's spec.replicas; status.replicas and status.selector (the label selector as a
 * string) from the parent. Writing it updates the parent (generation bumps, watchers see the parent change).
 */
import { deepClone } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, conflict, fail, invalid, notFound, OPTIMISTIC_LOCK_ERROR, unsupportedMediaType } from '../errors';
import { mediaTypeOf } from '../negotiation';
import { applyPatch, PATCH_MEDIA_TYPES, PatchFailure } from '../patching';
import type { ApiResponse, KubeObject } from '../types';
import { decodeBody, isDryRun } from './common';
import { updateObject } from './write';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function selectorToString(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    const t =
      e.operator === 'In' ? `${e.key} in (${vals.join(',')})` : e.operator === 'NotIn' ? `${e.key} notin (${vals.join(',')})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text: t });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

function toScale(parent: KubeObject): KubeObject {
  const m = parent.metadata;
  const sel = parent.spec?.selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: parent.spec?.replicas ?? 0 },
    status: {
      replicas: parent.status?.replicas ?? 0,
      // ReplicationControllers keep a plain map as selector.
      selector: sel && (sel.matchLabels || sel.matchExpressions) ? selectorToString(sel) : selectorToString({ matchLabels: sel }),
    },
  };
}

export function handleScale(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const { ri, info } = req;
  const name = info.name!;
  const stored = ctx.store.getCopy(ri.storageKey, info.namespace ?? '', name);
  if (!stored) fail(notFound(ri, name));
  const parent = stored!;
  const current = toScale(parent);
  if (req.method === 'GET') return jsonResponse(200, current);

  let scale: KubeObject;
  if (req.method === 'PUT') {
    scale = decodeBody(req);
    if (scale.kind && scale.kind !== 'Scale') fail(badRequest(`the API version in the data (${scale.apiVersion}) does not match the expected API version (autoscaling/v1)`));
  } else {
    const ct = mediaTypeOf(req.headers['content-type']);
    const kind = PATCH_MEDIA_TYPES[ct];
    if (!kind) fail(unsupportedMediaType(ct, Object.keys(PATCH_MEDIA_TYPES)));
    try {
      const body = typeof req.body === 'string' ? JSON.parse(req.body) : req.body;
      scale = applyPatch(kind!, deepClone(current), body, { group: 'autoscaling', version: 'v1', kind: 'Scale', resource: `${ri.resource}/scale` });
    } catch (e) {
      if (e instanceof PatchFailure || e instanceof SyntaxError) fail(badRequest((e as Error).message));
      throw e;
    }
  }
  const replicas = scale!.spec?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) {
    fail(badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`));
  }
  if ((replicas ?? 0) < 0) {
    fail(invalid({ group: 'autoscaling', kind: 'Scale' }, name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, message: `spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0` }]));
  }
  const rv = scale!.metadata?.resourceVersion;
  if (req.method === 'PUT' && rv && rv !== parent.metadata.resourceVersion) fail(conflict(ri, name, OPTIMISTIC_LOCK_ERROR));
  const next = deepClone(parent);
  next.spec = { ...(next.spec ?? {}), replicas: replicas ?? 0 };
  const res = updateObject(ctx, ri, parent, next, undefined, { dryRun: isDryRun(req), strictServiceAccounts });
  return jsonResponse(200, toScale(res.obj));
}
