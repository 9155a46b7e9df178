/**
 * The simulated kube-apiserver: one `handle(request) → response` function over the Kubernetes REST protocol.
 * Only this module (and the handlers it calls) touch the store. Routing follows the real server:
 * non-resource paths (/version, /healthz, /readyz, /livez, discovery), then resource requests by verb
 * (apiserver pkg/endpoints/installer.go maps GET/POST/PUT/PATCH/DELETE on collection and item paths).
 * Nothing throws out of handle(): every failure is a Status with the real code, reason and message.
 */
import type { VirtualClock } from '../clock';
import type { Random } from '../random';
import { Store, type StoreSnapshot } from '../store';
import type { ResourceRequest, ServerContext } from './context';
import { jsonResponse } from './context';
import { aggregatedDiscovery, legacyApiVersions, legacyGroup, legacyGroupList, legacyResourceList } from './discovery';
import { internalError, methodNotSupported, pathNotFound, StatusError } from './errors';
import { negotiateDiscovery } from './negotiation';
import { openApiDocument, openApiIndex } from './openapi-routes';
import { parseRequestPath, splitQuery, type RequestInfo } from './path';
import { Registry, type ResourceInfo } from './registry';
import { DEFAULT_VERSION_INFO, type VersionInfo } from './version';
import { WatchHub } from './watch';
import { CrdSync } from './crd';
import { EventTtl, type EventTtlSnapshot } from './event-ttl';
import type { ApiHandler, ApiRequest, ApiResponse, NodeConnector, Status } from './types';
import { handleGet, handleList } from './handlers/read';
import { handleWatch } from './handlers/watch';
import { handleCreate } from './handlers/create';
import { handleUpdate } from './handlers/update';
import { handlePatch } from './handlers/patch';
import { handleDelete, handleDeleteCollection } from './handlers/delete';
import { handleSubresource } from './handlers/subresources';
import { handleReview, REVIEW_RESOURCES } from './handlers/reviews';
import { handleBindingCollection } from './handlers/pod-writes';
import { markStale, serviceUnavailable, type AggregatedApi } from './aggregator';
import { apiServices } from './apiservices';
import { RequestAuthorizer } from './authorization';

export interface ApiServerOptions {
  clock: VirtualClock;
  random: Random;
  version?: Partial<VersionInfo>;
  /** How many changes the watch history keeps (default 5,000). */
  historyLimit?: number;
  /** `serverAddressByClientCIDRs` of the legacy /api document (the k3d server node's address). */
  serverAddress?: string;
  /** Refuse pods whose namespace has no "default" ServiceAccount yet, as the real admission does. Default false. */
  strictServiceAccounts?: boolean;
  /** How long an Event lives after its last write (the API server's --event-ttl, default 1h). */
  eventTtlMs?: number;
}

export interface ApiServerSnapshot {
  store: StoreSnapshot;
  /** When each Event expires (virtual ms). */
  eventExpiry?: EventTtlSnapshot;
}

const WATCH_TRUE = new Set(['true', '1']);

export class ApiServer implements ApiHandler {
  readonly store: Store;
  readonly registry = new Registry();
  readonly version: VersionInfo;
  private readonly ctx: ServerContext;
  private readonly hub = new WatchHub();
  private readonly serverAddress: string;
  private readonly strictServiceAccounts: boolean;
  private readonly crds: CrdSync;
  private readonly eventTtl: EventTtl;
  /** APIServices served by another component (group/version → backend). */
  private readonly aggregated = new Map<string, AggregatedApi>();
  /** Authentication, impersonation and RBAC in front of every request. */
  readonly authorizer: RequestAuthorizer;

  constructor(opts: ApiServerOptions) {
    this.store = new Store(opts.historyLimit);
    this.version = { ...DEFAULT_VERSION_INFO, ...(opts.version ?? {}) };
    this.serverAddress = opts.serverAddress ?? '172.18.0.2:6443';
    this.strictServiceAccounts = opts.strictServiceAccounts ?? false;
    this.ctx = { clock: opts.clock, random: opts.random, store: this.store, registry: this.registry, hub: this.hub, nodes: new Map() };
    this.ctx.apiServices = () =>
      apiServices({
        registry: this.registry,
        aggregated: [...this.aggregated.values()],
        // the cluster's start: kube-system is created first (survives a restore, unlike a time taken here)
        startedAt: this.store.get('/namespaces', '', 'kube-system')?.metadata.creationTimestamp ?? opts.clock.nowRFC3339(),
      });
    this.crds = new CrdSync(this.registry, this.store);
    this.eventTtl = new EventTtl(opts.clock, this.store, opts.eventTtlMs);
    this.authorizer = new RequestAuthorizer(this.store);
    this.store.subscribe((ev) => {
      this.crds.onStoreEvent(ev);
      this.eventTtl.onStoreEvent(ev);
      this.hub.dispatch(ev);
    });
  }

  /**
   * Runs `fn` with object uids drawn from `random` instead of the server's stream. The system objects k3s writes
   * at start (the RBAC bootstrap policy) use it, so adding them does not shift every later name of a seeded world.
   */
  withRandom<T>(random: Random, fn: () => T): T {
    const saved = this.ctx.random;
    this.ctx.random = random;
    try {
      return fn();
    } finally {
      this.ctx.random = saved;
    }
  }

  registerNode(nodeName: string, connector: NodeConnector): void {
    this.ctx.nodes.set(nodeName, connector);
  }

  /** Registers an aggregated API (an APIService backed by a component such as metrics-server). */
  aggregate(api: AggregatedApi): void {
    for (const ri of api.resources) this.registry.remove(ri.group, ri.version, ri.resource);
    for (const ri of api.resources) this.registry.add(ri);
    this.aggregated.set(`${api.group}/${api.version}`, api);
  }

  unregisterNode(nodeName: string): void {
    this.ctx.nodes.delete(nodeName);
  }

  /** Number of open watch streams (for tests and diagnostics). */
  watchCount(): number {
    return this.hub.count();
  }

  snapshot(): ApiServerSnapshot {
    return { store: this.store.snapshot(), eventExpiry: this.eventTtl.snapshot() };
  }

  /**
   * Replaces all state. Open watches end (their clients relist, as after an apiserver restart). Restore the
   * clock first: VirtualClock.restore drops every timer, and this re-arms the Event expiry timers.
   */
  restore(s: ApiServerSnapshot): void {
    this.hub.endAll('restore');
    this.store.restore(s.store);
    this.crds.rebuild();
    this.eventTtl.restore(s.eventExpiry);
  }

  handle(req: ApiRequest): ApiResponse {
    try {
      return this.route(req);
    } catch (e) {
      if (e instanceof StatusError) return statusResponse(e.status);
      return statusResponse(internalError(e instanceof Error ? e.message : String(e)));
    }
  }

  private route(req: ApiRequest): ApiResponse {
    const split = splitQuery(req.path);
    const query: Record<string, string | undefined> = { ...split.query, ...(req.query ?? {}) };
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const info = parseRequestPath(split.path);
    const admitted = this.authorizer.admit(req.method, info, query, headers);
    if ('error' in admitted) return statusResponse(admitted.error);
    const agg = info.group ? this.aggregated.get(`${info.group}/${info.version}`) : undefined;
    if (agg) {
      if (!agg.available()) return serviceUnavailable();
      if (info.isResourceRequest) return agg.handle({ ...req, path: split.path, query, headers });
    }
    if (!info.isResourceRequest) return this.nonResource(req.method, info, headers);

    const ri = this.registry.lookup(info.group, info.version, info.resource);
    if (!ri) return statusResponse(pathNotFound());
    // Namespaced resources live under /namespaces/{ns} (or are listed across namespaces); cluster-scoped never.
    if (ri.namespaced && info.name !== undefined && info.namespace === undefined) return statusResponse(pathNotFound());
    if (!ri.namespaced && info.namespace !== undefined && ri.resource !== 'namespaces') return statusResponse(pathNotFound());
    if (info.subresource && !ri.subresources?.some((s) => s.name === info.subresource)) return statusResponse(pathNotFound());

    const rr: ResourceRequest = { method: req.method, info, ri, query, headers, body: req.body, user: admitted.user };
    if (info.subresource && info.subresource !== 'status' && info.subresource !== 'finalize') {
      return handleSubresource(this.ctx, rr, this.strictServiceAccounts);
    }
    const watch = WATCH_TRUE.has(query.watch ?? '');
    const verbs = ri.verbs;
    const need = (verb: string, action: string) => {
      if (!verbs.includes(verb)) throw new StatusError(methodNotSupported(ri, action));
    };
    if (info.name === undefined) {
      switch (req.method) {
        case 'GET':
          need(watch ? 'watch' : 'list', watch ? 'watch' : 'list');
          return watch ? handleWatch(this.ctx, rr) : handleList(this.ctx, rr);
        case 'POST':
          need('create', 'create');
          if (REVIEW_RESOURCES.has(`${ri.group}/${ri.resource}`)) return handleReview(this.ctx, rr);
          if (ri.storageKey === '/bindings') return handleBindingCollection(this.ctx, rr);
          return handleCreate(this.ctx, rr, this.strictServiceAccounts);
        case 'DELETE':
          need('deletecollection', 'deletecollection');
          return handleDeleteCollection(this.ctx, rr);
        default:
          return statusResponse(methodNotAllowed());
      }
    }
    const sub = info.subresource;
    const subVerbs = sub ? (ri.subresources!.find((s) => s.name === sub)!.verbs ?? []) : verbs;
    const needSub = (verb: string, action: string) => {
      if (!subVerbs.includes(verb)) throw new StatusError(methodNotSupported(ri, action));
    };
    switch (req.method) {
      case 'GET':
        if (watch && !sub) {
          need('watch', 'watch');
          return handleWatch(this.ctx, rr);
        }
        needSub('get', 'get');
        return handleGet(this.ctx, rr);
      case 'PUT':
        needSub('update', 'update');
        return handleUpdate(this.ctx, rr, this.strictServiceAccounts);
      case 'PATCH':
        needSub('patch', 'patch');
        return handlePatch(this.ctx, rr, this.strictServiceAccounts);
      case 'DELETE':
        if (sub) return statusResponse(methodNotAllowed());
        need('delete', 'delete');
        return handleDelete(this.ctx, rr);
      default:
        return statusResponse(methodNotAllowed());
    }
  }

  private nonResource(method: string, info: RequestInfo, headers: Record<string, string | undefined>): ApiResponse {
    const p = info.path;
    if (method !== 'GET') return statusResponse(p === '/' ? pathNotFound() : methodNotAllowed());
    switch (p) {
      case '/version':
        return jsonResponse(200, this.version);
      case '/healthz':
      case '/readyz':
      case '/livez':
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: 'ok' };
      case '/api':
      case '/apis': {
        const d = negotiateDiscovery(headers.accept);
        if (d) {
          const doc = aggregatedDiscovery(this.registry, p === '/api', d.version);
          markStale(doc, [...this.aggregated.values()].filter((a) => !a.available()));
          return { status: 200, headers: { 'content-type': d.contentType }, body: doc };
        }
        return jsonResponse(200, p === '/api' ? legacyApiVersions(this.serverAddress) : legacyGroupList(this.registry));
      }
    }
    // /openapi/v2 carries no definitions here (the schemas live in /openapi/v3). kubectl only reads it when v3 has
    // no answer — an unknown kind in `apply -f` — and then, finding nothing, skips client-side validation and
    // reports the missing REST mapping, as against k3s (cli-runtime query_param_verifier.go, kubectl validation).
    if (p === '/openapi/v2') {
      if ((headers.accept ?? '').includes('protobuf'))
        return { status: 200, headers: { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' }, body: '' };
      return jsonResponse(200, { swagger: '2.0', info: { title: 'Kubernetes', version: this.version.gitVersion }, paths: {}, definitions: {} });
    }
    if (p === '/openapi/v3') return jsonResponse(200, openApiIndex(this.registry));
    if (p.startsWith('/openapi/v3/')) {
      const doc = openApiDocument(this.registry, p.slice('/openapi/v3/'.length));
      return doc ? jsonResponse(200, doc) : statusResponse(pathNotFound());
    }
    // /api/v1, /apis/<g>, /apis/<g>/<v>
    if (info.version) {
      const list = legacyResourceList(this.registry, info.group, info.version);
      return list ? jsonResponse(200, list) : statusResponse(pathNotFound());
    }
    if (info.group) {
      const g = legacyGroup(this.registry, info.group);
      return g ? jsonResponse(200, g) : statusResponse(pathNotFound());
    }
    return statusResponse(pathNotFound());
  }

  /** Resource info by group/version/resource, for components that build paths (kubectl's REST mapper uses discovery). */
  resourceInfo(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.registry.lookup(group, version, resource);
  }
}

/** The mux's answer for a method no route has (go-restful: 405 with a Status). */
function methodNotAllowed(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405 };
}

export function statusResponse(s: Status): ApiResponse {
  return jsonResponse(s.code, s);
}
