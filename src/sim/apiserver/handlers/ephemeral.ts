/**
 * pods/ephemeralcontainers (what `kubectl debug` patches): reads return the Pod; writes may change only
 * spec.ephemeralContainers, and only by adding containers (pkg/registry/core/pod/strategy.go
 * podEphemeralContainersStrategy; validation ValidatePodEphemeralContainersUpdate: existing ones are immutable).
 */
import { deepClone } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, fail, invalid, notFound, unsupportedMediaType } from '../errors';
import { mediaTypeOf } from '../negotiation';
import { applyPatch, PATCH_MEDIA_TYPES, PatchFailure } from '../patching';
import type { ApiResponse, KubeObject } from '../types';
import { decodeBody, isDryRun, output } from './common';
import { updateObject } from './write';
import { deepEqual } from '../strategy';
import { applyDefaults } from '../defaults';

export function handleEphemeralContainers(ctx: ServerContext, req: ResourceRequest, strictServiceAccounts: boolean): ApiResponse {
  const { ri, info } = req;
  const name = info.name!;
  const stored = ctx.store.getCopy('/pods', info.namespace ?? '', name);
  if (!stored) fail(notFound(ri, name));
  const pod = stored!;
  if (req.method === 'GET') return jsonResponse(200, output(ri, pod));
  let next: KubeObject;
  if (req.method === 'PUT') {
    next = decodeBody(req);
  } else {
    const kind = PATCH_MEDIA_TYPES[mediaTypeOf(req.headers['content-type'])];
    if (!kind) fail(unsupportedMediaType('', Object.keys(PATCH_MEDIA_TYPES)));
    try {
      const view = output(ri, pod);
      next = applyPatch(kind!, view, typeof req.body === 'string' ? JSON.parse(req.body) : deepClone(req.body), { group: '', version: 'v1', kind: 'Pod' });
    } catch (e) {
      if (e instanceof PatchFailure || e instanceof SyntaxError) fail(badRequest((e as Error).message));
      throw e;
    }
  }
  const before = (pod.spec?.ephemeralContainers ?? []) as { name: string }[];
  const after = (next!.spec?.ephemeralContainers ?? []) as { name: string }[];
  for (let i = 0; i < before.length; i++) {
    const same = after.find((c) => c.name === before[i].name);
    if (!same || !deepEqual(same, before[i])) {
      fail(invalid({ group: '', kind: 'Pod' }, name, [{ type: 'FieldValueForbidden', field: 'spec.ephemeralContainers', message: 'spec.ephemeralContainers: Forbidden: existing ephemeral containers may not be changed' }]));
    }
  }
  const updated = deepClone(pod);
  updated.spec = { ...(updated.spec ?? {}), ephemeralContainers: after };
  // The general pod update rules forbid spec changes; this subresource's one rule was checked above, so the
  // update is validated as if the ephemeral containers had always been there.
  applyDefaults('', 'pods', updated, { old: pod });
  const validateAgainst = deepClone(pod);
  validateAgainst.spec = { ...(validateAgainst.spec ?? {}), ephemeralContainers: deepClone(updated.spec.ephemeralContainers) };
  const res = updateObject(ctx, ri, pod, updated, 'ephemeralcontainers', { dryRun: isDryRun(req), strictServiceAccounts, validateAgainst }, next!.metadata?.resourceVersion !== pod.metadata.resourceVersion ? next!.metadata?.resourceVersion : undefined);
  return jsonResponse(200, res.obj);
}
