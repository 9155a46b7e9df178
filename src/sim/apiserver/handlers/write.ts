/**
 * The storage half of create and update, shared by POST, PUT, PATCH and the subresources that write.
 * Order as in the real server: defaulting (done while decoding), mutating admission, the strategy's
 * PrepareForCreate/PrepareForUpdate, validation, then the store write (apiserver pkg/registry/generic/registry/
 * store.go Create/Update, pkg/registry/rest/create.go and update.go).
 * An update that changes nothing is not written (etcd3 GuaranteedUpdate skips identical bytes), so it bumps no
 * resourceVersion and wakes no watcher.
 */
import { deepClone, StoreError } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { alreadyExists, conflict, fail, invalid, notFound, OPTIMISTIC_LOCK_ERROR } from '../errors';
import { admitCreate, admitUpdate, admitValidatingCreate, admitValidatingUpdate } from '../admission';
import { applyDefaults } from '../defaults';
import type { ResourceInfo } from '../registry';
import { deepEqual, hasStatusSubresource, prepareForCreate, specChanged, tracksGeneration } from '../strategy';
import type { KubeObject } from '../types';
import type { FieldError } from '../validation';
import { storageGroupResource, toStorage } from '../conversion';
import { assignNameAndNamespace, output, stampCreateMetadata, validateOrFail } from './common';

export interface WriteOptions {
  dryRun: boolean;
  strictServiceAccounts: boolean;
  /** The old object validation compares against, when it differs from `old` (a subresource's own rules). */
  validateAgainst?: KubeObject;
}

export interface WriteResult {
  obj: KubeObject;
  /** 201 on create, 200 on update. */
  code: number;
}

export function createObject(ctx: ServerContext, req: ResourceRequest, ri: ResourceInfo, obj: KubeObject, opts: WriteOptions): WriteResult {
  const nameErrs = assignNameAndNamespace(ctx, req, obj);
  obj = toStorage(ri, obj);
  const gr = storageGroupResource(ri);
  // uid first: the Job strategy's generated selector (defaulted here) needs it, as FillObjectMetaSystemFields
  // runs before PrepareForCreate in the real registry.
  stampCreateMetadata(ctx, obj, tracksGeneration(ri));
  applyDefaults(gr.group, gr.resource, obj, {});
  let errs: FieldError[] = [];
  errs = admitCreate(ctx, ri, obj, { strictServiceAccounts: opts.strictServiceAccounts });
  prepareForCreate(ri, obj, ctx.clock.nowRFC3339());
  if (!obj.metadata.resourceVersion) delete obj.metadata.resourceVersion;
  validateOrFail(ri, obj, {}, [...nameErrs, ...errs]);
  admitValidatingCreate(ctx, gr, obj, opts.dryRun);
  if (obj.metadata.resourceVersion) fail({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'resourceVersion should not be set on objects to be created', reason: 'BadRequest', code: 400 });
  const ns = obj.metadata.namespace ?? '';
  if (ctx.store.get(ri.storageKey, ns, obj.metadata.name!)) fail(alreadyExists(ri, obj.metadata.name!));
  if (opts.dryRun) return { obj: output(ri, obj), code: 201 };
  let stored: KubeObject;
  try {
    stored = ctx.store.create(ri.storageKey, obj);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'AlreadyExists') fail(alreadyExists(ri, obj.metadata.name!));
    throw e;
  }
  return { obj: output(ri, stored!), code: 201 };
}

/**
 * Replaces `old` by `next` (a private object the caller built). `subresource` is 'status', 'finalize' or
 * undefined for the main resource. `expectedRV` is the client's resourceVersion precondition, if any.
 */
export function updateObject(
  ctx: ServerContext,
  ri: ResourceInfo,
  old: KubeObject,
  next: KubeObject,
  subresource: string | undefined,
  opts: WriteOptions,
  expectedRV?: string,
): WriteResult {
  const name = old.metadata.name!;
  next = toStorage(ri, next);
  if (expectedRV && expectedRV !== old.metadata.resourceVersion) fail(conflict(ri, name, OPTIMISTIC_LOCK_ERROR));
  let obj: KubeObject;
  if (subresource === 'status') {
    // The status strategy keeps everything but status (ResetObjectMetaForStatus and the spec copy).
    obj = deepClone(old);
    obj.status = next.status;
  } else if (subresource === 'finalize') {
    obj = deepClone(old);
    obj.spec = { ...(obj.spec ?? {}), finalizers: next.spec?.finalizers ?? [] };
  } else {
    obj = next;
    const errs = carryMetadata(old, obj);
    if (errs.length) fail(invalid({ group: ri.group, kind: ri.kind }, name, errs));
    if (hasStatusSubresource(ri) && ri.storageKey !== '/nodes') obj.status = deepClone(old.status);
    if (ri.storageKey === '/nodes' && obj.status === undefined) obj.status = deepClone(old.status);
    if (ri.storageKey === '/namespaces') obj.spec = { ...(obj.spec ?? {}), finalizers: deepClone(old.spec?.finalizers ?? []) };
    const gr = storageGroupResource(ri);
    applyDefaults(gr.group, gr.resource, obj, { old });
    const admErrs = admitUpdate(ctx, ri, obj, old);
    if (admErrs.length) fail(invalid({ group: ri.group, kind: ri.kind }, name, admErrs));
  }
  if (old.metadata.generation !== undefined) {
    obj.metadata.generation = old.metadata.generation;
    if (tracksGeneration(ri) && subresource === undefined && specChanged(ri, old, obj)) obj.metadata.generation = old.metadata.generation + 1;
  }
  validateOrFail(ri, obj, { old: opts.validateAgainst ?? old, subresource });
  if (subresource === undefined) admitValidatingUpdate(ctx, storageGroupResource(ri), obj, old, opts.dryRun);
  obj.metadata.resourceVersion = old.metadata.resourceVersion;

  if (unchanged(old, obj)) return { obj: output(ri, old), code: 200 };

  // The last finalizer of an object being deleted is gone: the delete completes now (pods only once their
  // grace period was cut to zero by the kubelet's final delete).
  const m = obj.metadata;
  if (m.deletionTimestamp && !(m.finalizers?.length) && (ri.storageKey !== '/pods' || m.deletionGracePeriodSeconds === 0) && namespaceFinalized(ri, obj)) {
    if (opts.dryRun) return { obj: output(ri, obj), code: 200 };
    const gone = ctx.store.delete(ri.storageKey, m.namespace ?? '', m.name!);
    return { obj: output(ri, gone), code: 200 };
  }
  if (opts.dryRun) return { obj: output(ri, obj), code: 200 };
  let stored: KubeObject;
  try {
    stored = ctx.store.update(ri.storageKey, obj, old.metadata.resourceVersion);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'Conflict') fail(conflict(ri, name, OPTIMISTIC_LOCK_ERROR));
    if (e instanceof StoreError && e.code === 'NotFound') fail(notFound(ri, name));
    throw e;
  }
  return { obj: output(ri, stored!), code: 200 };
}

const namespaceFinalized = (ri: ResourceInfo, o: KubeObject) => ri.storageKey !== '/namespaces' || !(o.spec?.finalizers?.length);

/**
 * Whether an update would store the same object: everything but apiVersion/kind and metadata.resourceVersion/
 * managedFields compared. Written without copying either object, as it runs on every update.
 */
function unchanged(a: KubeObject, b: KubeObject): boolean {
  return sameExcept(a, b, TOP_IGNORED) && sameExcept(a.metadata ?? {}, b.metadata ?? {}, META_IGNORED);
}

const TOP_IGNORED = new Set(['apiVersion', 'kind', 'metadata']);
const META_IGNORED = new Set(['resourceVersion', 'managedFields']);

function sameExcept(a: Record<string, unknown>, b: Record<string, unknown>, ignored: Set<string>): boolean {
  let na = 0;
  for (const k in a) {
    if (ignored.has(k) || a[k] === undefined) continue;
    na++;
    if (!deepEqual(a[k], b[k])) return false;
  }
  let nb = 0;
  for (const k in b) if (!ignored.has(k) && b[k] !== undefined) nb++;
  return na === nb;
}

/**
 * Server-owned metadata survives an update (rest.BeforeUpdate, ValidateObjectMetaUpdate): uid and
 * creationTimestamp are immutable; deletion fields and generation belong to the server; no finalizer may be
 * added once deletion started.
 */
function carryMetadata(old: KubeObject, obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const om = old.metadata;
  if (m.uid && m.uid !== om.uid) {
    errs.push({ type: 'FieldValueInvalid', field: 'metadata.uid', value: m.uid, message: `metadata.uid: Invalid value: ${JSON.stringify(m.uid)}: field is immutable` });
  }
  m.uid = om.uid;
  m.creationTimestamp = om.creationTimestamp;
  m.namespace = om.namespace;
  if (om.namespace === undefined) delete m.namespace;
  if (om.deletionTimestamp) {
    m.deletionTimestamp = om.deletionTimestamp;
    m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    const added = (m.finalizers ?? []).filter((f: string) => !(om.finalizers ?? []).includes(f));
    if (added.length) {
      errs.push({
        type: 'FieldValueForbidden',
        field: 'metadata.finalizers',
        message: `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f: string) => JSON.stringify(f)).join(', ')}}`,
      });
    }
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  return errs;
}

