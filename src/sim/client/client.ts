/**
 * A typed REST client over an ApiHandler, the simulator's client-go. Controllers, the scheduler and kubelets
 * use only this (or the raw handler) to reach the cluster: they never see the store.
 */
import type { ApiHandler, ApiRequest, ApiResponse, ApiStream, KubeList, KubeObject, Status, WatchEvent } from '../apiserver/types';
import { resourcePath, type GVR } from './resources';

export class ApiError extends Error {
  constructor(public readonly status: Status, public readonly code: number) {
    super(status.message ?? `request failed with status ${code}`);
    this.name = 'ApiError';
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown) => e instanceof ApiError && e.code === 409;
export const isAlreadyExists = (e: unknown) => e instanceof ApiError && e.status.reason === 'AlreadyExists';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  force?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export class ApiClient {
  constructor(
    readonly handler: ApiHandler,
    /** Identifies the component, as client-go's user agent does ("kube-controller-manager", "kubelet"). */
    readonly userAgent = 'kubelab',
  ) {}

  raw(req: ApiRequest): ApiResponse {
    return this.handler.handle({ ...req, headers: { 'user-agent': this.userAgent, ...(req.headers ?? {}) } });
  }

  private call<T>(req: ApiRequest): T {
    const res = this.raw(req);
    if (res.status >= 400) throw new ApiError(res.body as Status, res.status);
    return res.body as T;
  }

  get<T extends KubeObject = KubeObject>(r: GVR, namespace: string | undefined, name: string, subresource?: string): T {
    return this.call<T>({ method: 'GET', path: resourcePath(r, namespace, name, subresource) });
  }

  /** Returns undefined instead of throwing on 404. */
  tryGet<T extends KubeObject = KubeObject>(r: GVR, namespace: string | undefined, name: string): T | undefined {
    try {
      return this.get<T>(r, namespace, name);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  list<T extends KubeObject = KubeObject>(r: GVR, namespace?: string, opts: ListOptions = {}): KubeList<T> {
    const list = this.call<KubeList<T>>({ method: 'GET', path: resourcePath(r, namespace), query: { ...opts } });
    // Items of a typed list carry no apiVersion/kind on the wire; fill them in from the list's kind, as
    // client-go's unstructured decoder does, so listed and watched objects look alike.
    const kind = list.kind?.endsWith('List') ? list.kind.slice(0, -4) : undefined;
    if (kind) for (const o of list.items) if (!o.kind) Object.assign(o, { apiVersion: list.apiVersion, kind });
    return list;
  }

  create<T extends KubeObject = KubeObject>(r: GVR, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}, subresource?: string): T {
    const name = subresource ? obj.metadata.name : undefined;
    return this.call<T>({ method: 'POST', path: resourcePath(r, namespace, name, subresource), query: writeQuery(opts), body: obj });
  }

  update<T extends KubeObject = KubeObject>(r: GVR, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): T {
    return this.call<T>({ method: 'PUT', path: resourcePath(r, namespace, obj.metadata.name!), query: writeQuery(opts), body: obj });
  }

  updateStatus<T extends KubeObject = KubeObject>(r: GVR, namespace: string | undefined, obj: KubeObject): T {
    return this.call<T>({ method: 'PUT', path: resourcePath(r, namespace, obj.metadata.name!, 'status'), body: obj });
  }

  patch<T extends KubeObject = KubeObject>(
    r: GVR,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: string } = {},
  ): T {
    return this.call<T>({
      method: 'PATCH',
      path: resourcePath(r, namespace, name, opts.subresource),
      query: writeQuery(opts),
      headers: { 'content-type': PATCH_CONTENT_TYPES[type] },
      body: patch,
    });
  }

  delete(r: GVR, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | Status {
    const { dryRun, ...body } = opts;
    return this.call<KubeObject | Status>({
      method: 'DELETE',
      path: resourcePath(r, namespace, name),
      query: dryRun ? { dryRun: 'All' } : {},
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...body },
    });
  }

  /** Opens a watch. Events arrive later, on the virtual clock, never inside this call. */
  watch(r: GVR, namespace: string | undefined, opts: ListOptions = {}): ApiStream<WatchEvent> {
    const res = this.raw({ method: 'GET', path: resourcePath(r, namespace), query: { ...opts, watch: 'true' } });
    if (res.status >= 400 || !res.stream) throw new ApiError(res.body as Status, res.status);
    return res.stream as ApiStream<WatchEvent>;
  }
}

function writeQuery(opts: WriteOptions): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  if (opts.dryRun) q.dryRun = 'All';
  if (opts.fieldManager) q.fieldManager = opts.fieldManager;
  if (opts.force) q.force = 'true';
  return q;
}
