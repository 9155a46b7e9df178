/**
 * A small in-memory API server for controller tests: the REST shape of ApiHandler (paths, verbs, watch from a
 * resourceVersion delivered on the clock, generateName, uid, generation, finalizers and deletionTimestamp,
 * propagationPolicy finalizers, namespace finalize, graceful pod deletion, status subresource). It lets the
 * controllers be exercised through the API before and independently of the real ApiServer.
 */
import type { ApiHandler, ApiRequest, ApiResponse, ApiStream, KubeObject, Status, WatchEvent } from '../../../../src/sim/apiserver/types';
import type { VirtualClock } from '../../../../src/sim/clock';
import { K8S_NAME_ALPHABET, type Random } from '../../../../src/sim/random';

const KINDS: Record<string, [string, string, boolean]> = {
  pods: ['v1', 'Pod', true],
  services: ['v1', 'Service', true],
  endpoints: ['v1', 'Endpoints', true],
  namespaces: ['v1', 'Namespace', false],
  nodes: ['v1', 'Node', false],
  events: ['v1', 'Event', true],
  configmaps: ['v1', 'ConfigMap', true],
  secrets: ['v1', 'Secret', true],
  serviceaccounts: ['v1', 'ServiceAccount', true],
  persistentvolumeclaims: ['v1', 'PersistentVolumeClaim', true],
  endpointslices: ['discovery.k8s.io/v1', 'EndpointSlice', true],
  deployments: ['apps/v1', 'Deployment', true],
  replicasets: ['apps/v1', 'ReplicaSet', true],
  daemonsets: ['apps/v1', 'DaemonSet', true],
  statefulsets: ['apps/v1', 'StatefulSet', true],
  controllerrevisions: ['apps/v1', 'ControllerRevision', true],
  jobs: ['batch/v1', 'Job', true],
  cronjobs: ['batch/v1', 'CronJob', true],
};

interface Parsed {
  resource: string;
  namespace?: string;
  name?: string;
  sub?: string;
}

function parse(path: string): Parsed | undefined {
  const segs: string[] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segs[0] === 'api') segs.splice(0, 2);
  else if (segs[0] === 'apis') segs.splice(0, 3);
  else return undefined;
  if ((segs[0] as string) === 'namespaces' && segs.length >= 3 && !['finalize', 'status'].includes(segs[2])) {
    return { namespace: segs[1], resource: segs[2], name: segs[3], sub: segs[4] };
  }
  return { resource: segs[0], name: segs[1], sub: segs[2] };
}

const status = (code: number, reason: string, message: string): ApiResponse => ({
  status: code,
  headers: {},
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } satisfies Status,
});

function merge(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch as object)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

export class FakeApiServer implements ApiHandler {
  private objects = new Map<string, Map<string, KubeObject>>();
  private rv = 1;
  private history: { rv: number; resource: string; ev: WatchEvent }[] = [];
  private watchers = new Set<{ resource: string; namespace?: string; push: (e: WatchEvent) => void }>();
  /** Count of requests per "VERB resource" for assertions. */
  readonly calls = new Map<string, number>();

  constructor(
    private clock: VirtualClock,
    private random: Random,
  ) {}

  private table(resource: string): Map<string, KubeObject> {
    let t = this.objects.get(resource);
    if (!t) this.objects.set(resource, (t = new Map()));
    return t;
  }

  /** Direct read for test assertions (not used by components). */
  all(resource: string, namespace?: string): KubeObject[] {
    return [...this.table(resource).values()].filter((o) => namespace === undefined || o.metadata.namespace === namespace).map((o) => structuredClone(o));
  }

  handle(req: ApiRequest): ApiResponse {
    const p = parse(req.path);
    if (!p || !KINDS[p.resource]) return status(404, 'NotFound', 'the server could not find the requested resource');
    const k = `${req.method} ${p.resource}${p.sub ? '/' + p.sub : ''}`;
    this.calls.set(k, (this.calls.get(k) ?? 0) + 1);
    const [apiVersion, kind, namespaced] = KINDS[p.resource];
    const ns = namespaced ? p.namespace : undefined;
    const key = (name: string) => (ns ? `${ns}/${name}` : name);
    const t = this.table(p.resource);
    const notFound = () => status(404, 'NotFound', `${p.resource} "${p.name}" not found`);
    switch (req.method) {
      case 'GET': {
        if (p.name) {
          const o = t.get(key(p.name));
          return o ? { status: 200, headers: {}, body: structuredClone(o) } : notFound();
        }
        if (req.query?.watch === 'true') return this.watch(p.resource, ns, Number(req.query.resourceVersion ?? 0));
        const items = [...t.values()].filter((o) => !ns || o.metadata.namespace === ns).map((o) => structuredClone(o));
        return { status: 200, headers: {}, body: { apiVersion, kind: kind + 'List', metadata: { resourceVersion: String(this.rv) }, items } };
      }
      case 'POST': {
        const o = structuredClone(req.body as KubeObject);
        o.apiVersion = apiVersion;
        o.kind = kind;
        const m = o.metadata;
        if (!m.name && m.generateName) {
          do m.name = m.generateName.slice(0, 58) + this.random.string(5, K8S_NAME_ALPHABET);
          while (t.has(key(m.name)));
        }
        if (!m.name) return status(422, 'Invalid', `${kind} is invalid: metadata.name: Required value: name or generateName is required`);
        if (t.has(key(m.name))) return status(409, 'AlreadyExists', `${p.resource} "${m.name}" already exists`);
        if (ns) {
          const nsObj = this.table('namespaces').get(ns);
          if (nsObj?.metadata.deletionTimestamp && p.resource !== 'events')
            return status(403, 'Forbidden', `${p.resource} "${m.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
          m.namespace = ns;
        }
        m.uid = this.random.uuid();
        m.creationTimestamp = this.clock.nowRFC3339();
        if (!['pods', 'events', 'endpoints', 'endpointslices', 'namespaces', 'nodes', 'services', 'configmaps', 'secrets', 'serviceaccounts'].includes(p.resource)) m.generation = 1;
        if (p.resource === 'namespaces') {
          o.spec = { finalizers: ['kubernetes'] };
          o.status = { phase: 'Active' };
        }
        if (p.resource === 'pods') o.status = o.status ?? { phase: 'Pending', qosClass: 'BestEffort' };
        this.write(p.resource, o, 'ADDED');
        return { status: 201, headers: {}, body: structuredClone(o) };
      }
      case 'PUT': {
        const cur = t.get(key(p.name!));
        if (!cur) return notFound();
        const o = structuredClone(req.body as KubeObject);
        if (o.metadata.resourceVersion && o.metadata.resourceVersion !== cur.metadata.resourceVersion)
          return status(409, 'Conflict', `Operation cannot be fulfilled on ${p.resource} "${p.name}": the object has been modified; please apply your changes to the latest version and try again`);
        let next: KubeObject;
        if (p.sub === 'status') next = { ...structuredClone(cur), status: o.status };
        else if (p.sub === 'finalize') next = { ...structuredClone(cur), spec: o.spec };
        else {
          next = { ...o, apiVersion, kind, status: cur.status };
          next.metadata = { ...o.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp, namespace: cur.metadata.namespace, deletionTimestamp: cur.metadata.deletionTimestamp };
          if (cur.metadata.generation !== undefined)
            next.metadata.generation = JSON.stringify(o.spec) !== JSON.stringify(cur.spec) ? cur.metadata.generation + 1 : cur.metadata.generation;
        }
        return this.finishWrite(p.resource, next);
      }
      case 'PATCH': {
        const cur = t.get(key(p.name!));
        if (!cur) return notFound();
        const body = req.body as KubeObject;
        if (body?.metadata?.uid && body.metadata.uid !== cur.metadata.uid) return status(409, 'Conflict', `Precondition failed: UID in precondition: ${body.metadata.uid}, UID in object meta: ${cur.metadata.uid}`);
        const next = merge(structuredClone(cur), body) as KubeObject;
        if (cur.metadata.generation !== undefined && JSON.stringify(next.spec) !== JSON.stringify(cur.spec)) next.metadata.generation = cur.metadata.generation + 1;
        return this.finishWrite(p.resource, next);
      }
      case 'DELETE': {
        const cur = t.get(key(p.name!));
        if (!cur) return notFound();
        const opts = (req.body ?? {}) as { propagationPolicy?: string; gracePeriodSeconds?: number; preconditions?: { uid?: string } };
        if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata.uid) return status(409, 'Conflict', 'Precondition failed');
        const next = structuredClone(cur);
        const fin = new Set(next.metadata.finalizers ?? []);
        if (opts.propagationPolicy === 'Foreground') fin.add('foregroundDeletion');
        if (opts.propagationPolicy === 'Orphan') fin.add('orphan');
        if (p.resource === 'namespaces') {
          if (!next.metadata.deletionTimestamp) {
            next.metadata.deletionTimestamp = this.clock.nowRFC3339();
            next.metadata.deletionGracePeriodSeconds = 0;
            next.status = { phase: 'Terminating' };
            if (fin.size) next.metadata.finalizers = [...fin];
            this.write(p.resource, next, 'MODIFIED');
          }
          return { status: 200, headers: {}, body: structuredClone(next) };
        }
        const grace = opts.gracePeriodSeconds ?? next.spec?.terminationGracePeriodSeconds ?? 30;
        const graceful = p.resource === 'pods' && !!next.spec?.nodeName && grace > 0 && !['Succeeded', 'Failed'].includes(next.status?.phase);
        if (fin.size || graceful) {
          if (!next.metadata.deletionTimestamp) {
            next.metadata.deletionTimestamp = new Date(this.clock.now() + (graceful ? grace * 1000 : 0)).toISOString().replace(/\.\d{3}Z$/, 'Z');
            next.metadata.deletionGracePeriodSeconds = graceful ? grace : 0;
          } else if (graceful && grace === 0) {
            t.delete(key(p.name!));
            this.write(p.resource, next, 'DELETED');
            return { status: 200, headers: {}, body: structuredClone(next) };
          }
          if (fin.size) next.metadata.finalizers = [...fin];
          this.write(p.resource, next, 'MODIFIED');
          return { status: 200, headers: {}, body: structuredClone(next) };
        }
        t.delete(key(p.name!));
        this.write(p.resource, next, 'DELETED');
        return { status: 200, headers: {}, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: p.name, kind: p.resource, uid: cur.metadata.uid } } };
      }
    }
    return status(405, 'MethodNotAllowed', 'method not allowed');
  }

  private finishWrite(resource: string, next: KubeObject): ApiResponse {
    const m = next.metadata;
    const t = this.table(resource);
    const k = m.namespace ? `${m.namespace}/${m.name}` : m.name!;
    const done = m.deletionTimestamp && !(m.finalizers ?? []).length && (resource !== 'namespaces' || !(next.spec?.finalizers ?? []).length);
    if (done && !(resource === 'pods' && next.spec?.nodeName && !['Succeeded', 'Failed'].includes(next.status?.phase) && (m.deletionGracePeriodSeconds ?? 0) > 0)) {
      t.delete(k);
      this.write(resource, next, 'DELETED');
      return { status: 200, headers: {}, body: structuredClone(next) };
    }
    if (m.finalizers && !m.finalizers.length) delete m.finalizers;
    this.write(resource, next, 'MODIFIED');
    return { status: 200, headers: {}, body: structuredClone(next) };
  }

  private write(resource: string, o: KubeObject, type: WatchEvent['type']): void {
    o.metadata.resourceVersion = String(++this.rv);
    const t = this.table(resource);
    const k = o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
    if (type !== 'DELETED') t.set(k, o);
    const ev: WatchEvent = { type, object: structuredClone(o) };
    this.history.push({ rv: this.rv, resource, ev });
    for (const w of this.watchers) if (w.resource === resource && (!w.namespace || w.namespace === o.metadata.namespace)) w.push(structuredClone(ev));
  }

  private watch(resource: string, namespace: string | undefined, from: number): ApiResponse {
    const clock = this.clock;
    const watchers = this.watchers;
    const history = this.history;
    let onItem: ((e: WatchEvent) => void) | undefined;
    let closed = false;
    const w = {
      resource,
      namespace,
      push: (e: WatchEvent) => {
        clock.setTimeout(() => {
          if (!closed && onItem) onItem(e);
        }, 0);
      },
    };
    const stream: ApiStream<WatchEvent> = {
      subscribe(cb) {
        onItem = cb;
        for (const h of history) if (h.rv > from && h.resource === resource && (!namespace || h.ev.object.metadata.namespace === namespace)) w.push(structuredClone(h.ev));
        watchers.add(w);
      },
      close() {
        closed = true;
        watchers.delete(w);
      },
    };
    return { status: 200, headers: {}, stream };
  }
}
