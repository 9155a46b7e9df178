/**
 * DELETE of one object and of a collection (apiserver pkg/endpoints/handlers/delete.go, generic registry
 * store.go Delete/DeleteCollection, pkg/registry/rest/delete.go BeforeDelete).
 * - Preconditions (uid, resourceVersion) fail with 409 `Precondition failed: UID in precondition: …`.
 * - Pods delete gracefully (pkg/registry/core/pod/strategy.go CheckGracefulDelete): the grace period is the
 *   request's, else spec.terminationGracePeriodSeconds, else 30; an unscheduled or finished pod goes at once.
 *   Graceful deletion sets deletionTimestamp = now + grace and deletionGracePeriodSeconds; the kubelet's
 *   final delete with grace 0 removes it.
 * - Finalizers keep an object (with deletionTimestamp) until the last one is removed by an update.
 *   propagationPolicy Foreground and Orphan add the foregroundDeletion / orphan finalizer for the garbage
 *   collector to act on.
 * - Namespaces go Terminating while spec.finalizers is not empty (the namespace controller empties it).
 * - The answer is the object (pods, services, namespaces, PVs, PVCs, CRDs, and anything still present) or a
 *   Success Status naming it.
 */
import { StoreError } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { admitNamespaceDelete } from '../admission';
import { badRequest, conflict, fail, notFound } from '../errors';
import { apiVersionOf, type ResourceInfo } from '../registry';
import { returnsDeletedObject } from '../strategy';
import type { ApiResponse, KubeObject, Status } from '../types';
import { goJsonError, isDryRun, output, parseSelection, summarizeData } from './common';

export interface DeleteOptionsBody {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export function readDeleteOptions(req: ResourceRequest): DeleteOptionsBody {
  let body = req.body;
  if (typeof body === 'string' && body.trim() !== '') {
    try {
      body = JSON.parse(body);
    } catch (e) {
      fail(badRequest(`the object provided is unrecognized (must be of type DeleteOptions): couldn't get version/kind; json parse error: ${goJsonError(body as string, e)} (${summarizeData(body as string)})`));
    }
  }
  const opts: DeleteOptionsBody = body && typeof body === 'object' ? { ...(body as DeleteOptionsBody) } : {};
  if (req.query.gracePeriodSeconds !== undefined && req.query.gracePeriodSeconds !== '') opts.gracePeriodSeconds = Number(req.query.gracePeriodSeconds);
  if (req.query.propagationPolicy) opts.propagationPolicy = req.query.propagationPolicy;
  if (opts.propagationPolicy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    fail(
      invalidDeleteOptions(`propagationPolicy: Unsupported value: ${JSON.stringify(opts.propagationPolicy)}: supported values: "Foreground", "Background", "Orphan", "nil"`),
    );
  }
  if (opts.gracePeriodSeconds !== undefined && !Number.isFinite(opts.gracePeriodSeconds)) fail(badRequest('gracePeriodSeconds must be a number'));
  return opts;
}

function invalidDeleteOptions(msg: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `DeleteOptions.meta.k8s.io "" is invalid: ${msg}`, reason: 'Invalid', code: 422 };
}

function successStatus(ri: ResourceInfo, o: KubeObject): Status {
  const s = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: o.metadata.name, ...(ri.group ? { group: ri.group } : {}), kind: ri.resource, uid: o.metadata.uid },
  };
  return s as unknown as Status;
}

/** Deletes (or starts deleting) one stored object; returns the response body. */
export function deleteObject(ctx: ServerContext, ri: ResourceInfo, namespace: string, name: string, opts: DeleteOptionsBody, dryRun: boolean): { body: unknown; code: number } {
  const old = ctx.store.getCopy(ri.storageKey, namespace, name);
  if (!old) fail(notFound(ri, name));
  const o = old!;
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== o.metadata.uid) {
    fail(conflict(ri, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${o.metadata.uid}`));
  }
  if (pre?.resourceVersion && pre.resourceVersion !== o.metadata.resourceVersion) {
    fail(conflict(ri, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${o.metadata.resourceVersion}`));
  }
  if (ri.storageKey === '/namespaces') admitNamespaceDelete(name);

  const now = ctx.clock.now();
  const m = o.metadata;
  const write = (next: KubeObject) => {
    if (dryRun) return output(ri, next);
    try {
      return output(ri, ctx.store.update(ri.storageKey, next, old!.metadata.resourceVersion));
    } catch (e) {
      if (e instanceof StoreError) fail(conflict(ri, name, 'the object has been modified; please apply your changes to the latest version and try again'));
      throw e;
    }
  };
  const remove = () => {
    if (dryRun) return { body: returnsDeletedObject(ri) ? output(ri, o) : successStatus(ri, o), code: 200 };
    const gone = ctx.store.delete(ri.storageKey, namespace, name);
    return { body: returnsDeletedObject(ri) ? output(ri, gone) : successStatus(ri, gone), code: 200 };
  };
  const bumpGeneration = () => {
    if (m.generation !== undefined) m.generation = m.generation + 1;
  };

  // Namespaces: first delete marks Terminating; the namespace controller finalizes and deletes again.
  if (ri.storageKey === '/namespaces') {
    const hasSpecFinalizers = (o.spec?.finalizers ?? []).length > 0;
    if (hasSpecFinalizers || (m.finalizers ?? []).length > 0) {
      if (m.deletionTimestamp) return { body: output(ri, o), code: 200 };
      m.deletionTimestamp = ctx.clock.nowRFC3339();
      m.deletionGracePeriodSeconds = 0;
      o.status = { ...(o.status ?? {}), phase: 'Terminating' };
      return { body: write(o), code: 200 };
    }
    return remove();
  }

  // Orphan and Foreground hand the dependents to the garbage collector through a finalizer.
  const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : opts.orphanDependents === false ? 'Background' : undefined);
  const gcFinalizer = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;

  let grace = 0;
  if (ri.storageKey === '/pods') {
    grace = opts.gracePeriodSeconds ?? o.spec?.terminationGracePeriodSeconds ?? 30;
    if (grace < 0) grace = 1;
    const phase = o.status?.phase;
    if (!o.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  }

  if (m.deletionTimestamp) {
    // Already being deleted: only a shorter grace period changes anything (a force delete ends it).
    const remaining = m.deletionGracePeriodSeconds ?? 0;
    const finalizers = m.finalizers ?? [];
    if (grace === 0 && ri.storageKey === '/pods' && finalizers.length === 0) return remove();
    if (ri.storageKey === '/pods' && grace < remaining) {
      m.deletionGracePeriodSeconds = grace;
      m.deletionTimestamp = new Date(now + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { body: write(o), code: 200 };
    }
    return { body: output(ri, o), code: 200 };
  }

  const finalizers = [...(m.finalizers ?? [])];
  if (gcFinalizer && !finalizers.includes(gcFinalizer)) finalizers.push(gcFinalizer);
  if (grace > 0 || finalizers.length > 0) {
    m.finalizers = finalizers.length ? finalizers : m.finalizers;
    m.deletionTimestamp = new Date(now + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    m.deletionGracePeriodSeconds = grace;
    bumpGeneration();
    return { body: write(o), code: 200 };
  }
  return remove();
}

export function handleDelete(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const opts = readDeleteOptions(req);
  const dryRun = isDryRun(req) || (opts.dryRun ?? []).includes('All');
  const res = deleteObject(ctx, req.ri, req.info.namespace ?? '', req.info.name!, opts, dryRun);
  return jsonResponse(res.code, res.body);
}

/** DELETE on a collection: deletes every selected object, answers with the list of what it deleted. */
export function handleDeleteCollection(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const opts = readDeleteOptions(req);
  const dryRun = isDryRun(req) || (opts.dryRun ?? []).includes('All');
  const sel = parseSelection(req);
  const ri = req.ri;
  const items: unknown[] = [];
  for (const s of [...ctx.store.list(ri.storageKey, ri.namespaced ? req.info.namespace : undefined)]) {
    if (!sel.matches(s)) continue;
    const r = deleteObject(ctx, ri, s.metadata.namespace ?? '', s.metadata.name!, opts, dryRun);
    const body = r.body as KubeObject;
    items.push(body.kind === 'Status' ? output(ri, s) : body);
  }
  return jsonResponse(200, { kind: `${ri.kind}List`, apiVersion: apiVersionOf(ri), metadata: { resourceVersion: String(ctx.store.revision()) }, items });
}
