/**
 * pods/binding and pods/eviction.
 * Binding (pkg/registry/core/pod/storage/storage.go BindingREST): sets spec.nodeName and the PodScheduled=True
 * condition; a bound pod answers 409 `Operation cannot be fulfilled on pods/binding "x": pod x is already
 * assigned to node "n"`; a pod being deleted `pod x is being deleted, cannot be assigned to a host`. Success is
 * 201 with a Success Status.
 * Eviction (pkg/registry/core/pod/storage/eviction.go): a pod covered by a PodDisruptionBudget with no
 * disruptions left gets 429 `Cannot evict pod as it would violate the pod's disruption budget.`; otherwise the
 * pod is deleted (gracefully, with the eviction's deleteOptions) and the budget's disruptionsAllowed drops by one.
 * Pending and finished pods bypass budgets. More than one budget is a 500, as upstream.
 */
import { deepClone } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { badRequest, conflict, fail, internalError, notFound, tooManyRequests } from '../errors';
import { matchLabels } from '../selectors/labels';
import type { LabelSelector } from '../selectors/labels';
import type { ApiResponse, KubeObject, Status } from '../types';
import { decodeBody, isDryRun } from './common';
import { deleteObject } from './delete';

const POD = { group: '', resource: 'pods' };
const created = (): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });

export function handleBinding(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { info } = req;
  const ns = info.namespace ?? '';
  const name = info.name!;
  const body = decodeBody(req);
  const target = body.target as { kind?: string; name?: string } | undefined;
  if (!target?.name) fail(badRequest('Binding target must be specified'));
  if (target!.kind && target!.kind !== 'Node') fail(badRequest('invalid binding target kind: must be Node'));
  const pod = ctx.store.getCopy('/pods', ns, name);
  if (!pod) fail(notFound(POD, name));
  const p = pod!;
  const bindingRes = { group: '', resource: 'pods/binding' };
  if (p.metadata.deletionTimestamp) fail(conflict(bindingRes, name, `pod ${name} is being deleted, cannot be assigned to a host`));
  if (p.spec?.nodeName) fail(conflict(bindingRes, name, `pod ${name} is already assigned to node ${JSON.stringify(p.spec.nodeName)}`));
  if (body.metadata?.uid && body.metadata.uid !== p.metadata.uid) {
    fail(conflict(bindingRes, name, `Precondition failed: UID in precondition: ${body.metadata.uid}, UID in object meta: ${p.metadata.uid}`));
  }
  const next = deepClone(p);
  next.spec = { ...(next.spec ?? {}), nodeName: target!.name };
  // The binding also carries annotations onto the pod (setPodHostAndAnnotations).
  if (body.metadata?.annotations) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), ...body.metadata.annotations };
  const conditions: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] = [...(next.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.clock.nowRFC3339() };
  if (i >= 0) {
    if (conditions[i].status !== 'True') conditions[i] = cond;
  } else conditions.push(cond);
  next.status = { ...(next.status ?? {}), conditions };
  if (!isDryRun(req)) ctx.store.update('/pods', next, p.metadata.resourceVersion);
  return jsonResponse(201, created());
}

/** POST /api/v1/namespaces/{ns}/bindings: the older form, naming the pod in the Binding's metadata. */
export function handleBindingCollection(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const body = decodeBody(req);
  const name = body.metadata?.name;
  if (!name) fail(badRequest('name is required'));
  return handleBinding(ctx, { ...req, body, info: { ...req.info, name } });
}

interface Pdb extends KubeObject {
  spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } };
}

function selectorOf(pdb: Pdb): LabelSelector | undefined {
  const s = pdb.spec?.selector;
  if (!s) return undefined;
  const reqs: LabelSelector = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

export function handleEviction(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { info } = req;
  const ns = info.namespace ?? '';
  const name = info.name!;
  const body = decodeBody(req);
  if (body.kind && body.kind !== 'Eviction') fail(badRequest(`${body.kind} in version "v1" cannot be handled as a Eviction`));
  if (body.metadata?.name && body.metadata.name !== name) fail(badRequest(`name in URL does not match name in Eviction object`));
  const pod = ctx.store.get('/pods', ns, name);
  if (!pod) fail(notFound(POD, name));
  const p = pod!;
  const dryRun = isDryRun(req);
  const opts = (body.deleteOptions ?? {}) as { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } };
  const phase = p.status?.phase;
  const bypass = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!p.metadata.deletionTimestamp;
  if (!bypass) {
    const pdbs = ctx.store.list('policy/poddisruptionbudgets', ns).filter((b) => {
      const sel = selectorOf(b as Pdb);
      return sel !== undefined && sel.length > 0 && matchLabels(sel, p.metadata.labels);
    });
    if (pdbs.length > 1) fail(internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
    if (pdbs.length === 1) {
      const pdb = deepClone(pdbs[0]);
      const allowed = Number(pdb.status?.disruptionsAllowed ?? 0);
      if ((pdb.status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) && pdb.status?.observedGeneration !== undefined) {
        const s = tooManyRequests('Cannot evict pod as it would violate the pod\'s disruption budget.', 10);
        s.details = { ...s.details, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget ' + pdb.metadata.name + ' is still being processed by the server.' }] };
        fail(s);
      }
      if (allowed <= 0) {
        const s = tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0);
        const healthy = pdb.status?.currentHealthy ?? 0;
        const desired = pdb.status?.desiredHealthy ?? 0;
        s.details = { causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${desired} healthy pods and has ${healthy} currently` }] };
        fail(s);
      }
      if (!dryRun) {
        pdb.status = { ...(pdb.status ?? {}), disruptionsAllowed: allowed - 1, disruptedPods: { ...(pdb.status?.disruptedPods ?? {}), [name]: ctx.clock.nowRFC3339() } };
        ctx.store.update('policy/poddisruptionbudgets', pdb, pdbs[0].metadata.resourceVersion);
      }
    }
  }
  deleteObject(ctx, req.ri, ns, name, { gracePeriodSeconds: opts.gracePeriodSeconds, preconditions: opts.preconditions }, dryRun);
  return jsonResponse(201, created());
}
