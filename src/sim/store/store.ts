/**
 * The cluster's storage, standing in for etcd (kine/SQLite on k3s): objects keyed by resource, namespace and
 * name; one global revision counter that every write bumps and that becomes metadata.resourceVersion; a bounded
 * history of changes so a watch can resume from any revision still held.
 *
 * Only the API server uses this module (tests/sim/imports.test.ts keeps it so). The store does no validation:
 * it trusts its caller and only enforces "exists / does not exist / revision matches".
 *
 * Upstream: apiserver pkg/storage/etcd3/store.go (keys, revisions, the DELETED object carrying the delete's
 * revision), pkg/storage/cacher/watch_cache.go (a bounded window of events; older starts get
 * `too old resource version: X (Y)` where Y is the oldest revision held minus one).
 */
import type { KubeObject } from '../apiserver/types';
import { deepClone } from './clone';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  /** The revision this change created. */
  rev: number;
  type: StoreEventType;
  /** 'group/resource' ('' group for core), e.g. '/pods', 'apps/deployments'. */
  resource: string;
  namespace: string;
  name: string;
  /** The object after the change; for DELETED the last state, with resourceVersion set to the delete's revision. */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED), for selector transitions in watches. */
  prev?: KubeObject;
}

export interface StoreSnapshot {
  rev: number;
  objects: Record<string, KubeObject[]>;
}

export type StoreListener = (ev: StoreEvent) => void;

export class StoreError extends Error {
  constructor(
    readonly code: 'NotFound' | 'AlreadyExists' | 'Conflict',
    message: string,
  ) {
    super(message);
  }
}

/** Default number of changes kept for watch resumption (the watch cache holds 100 to 102,400 in the real server). */
export const DEFAULT_HISTORY_LIMIT = 5000;

const keyOf = (namespace: string, name: string) => (namespace ? `${namespace}/${name}` : name);

class Table {
  readonly objects = new Map<string, KubeObject>();
  private sorted: string[] | undefined;

  keys(): string[] {
    // etcd returns a range sorted by key; the key ends in namespace/name, so that is the order of a list.
    if (!this.sorted) this.sorted = [...this.objects.keys()].sort(compareKeys);
    return this.sorted;
  }

  set(key: string, obj: KubeObject): void {
    if (!this.objects.has(key)) this.sorted = undefined;
    this.objects.set(key, obj);
  }

  delete(key: string): void {
    if (this.objects.delete(key)) this.sorted = undefined;
  }
}

/** Byte order, as etcd compares keys (not locale order). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Store {
  private rev = 0;
  private tables = new Map<string, Table>();
  private history: StoreEvent[] = [];
  /** Every revision <= this one has left the history window. */
  private compacted = 0;
  private listeners = new Set<StoreListener>();

  constructor(readonly historyLimit: number = DEFAULT_HISTORY_LIMIT) {}

  /** The current (latest) revision. */
  revision(): number {
    return this.rev;
  }

  /** The newest revision no longer in the history window; watches must start at or after it. */
  compactedRevision(): number {
    return this.compacted;
  }

  private table(resource: string): Table {
    let t = this.tables.get(resource);
    if (!t) {
      t = new Table();
      this.tables.set(resource, t);
    }
    return t;
  }

  /** The stored object itself: callers must not mutate it (use getCopy for a private copy). */
  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.objects.get(keyOf(namespace, name));
  }

  getCopy(resource: string, namespace: string, name: string): KubeObject | undefined {
    const o = this.get(resource, namespace, name);
    return o && deepClone(o);
  }

  /** Stored objects in key order (namespace, then name); `namespace` undefined = all namespaces. Do not mutate. */
  list(resource: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(resource);
    if (!t) return [];
    const out: KubeObject[] = [];
    for (const k of t.keys()) {
      const o = t.objects.get(k)!;
      if (namespace === undefined || (o.metadata.namespace ?? '') === namespace) out.push(o);
    }
    return out;
  }

  count(resource: string, namespace?: string): number {
    const t = this.tables.get(resource);
    if (!t) return 0;
    if (namespace === undefined) return t.objects.size;
    let n = 0;
    for (const o of t.objects.values()) if ((o.metadata.namespace ?? '') === namespace) n++;
    return n;
  }

  /** Every resource key that has ever held an object. */
  resources(): string[] {
    return [...this.tables.keys()];
  }

  /** Stores a new object. Takes ownership of `obj`, stamps its resourceVersion and returns it. */
  create(resource: string, obj: KubeObject): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    const t = this.table(resource);
    const key = keyOf(ns, name);
    if (t.objects.has(key)) throw new StoreError('AlreadyExists', `${resource} ${key} already exists`);
    const rev = ++this.rev;
    obj.metadata.resourceVersion = String(rev);
    t.set(key, obj);
    this.record({ rev, type: 'ADDED', resource, namespace: ns, name, object: obj });
    return obj;
  }

  /**
   * Replaces a stored object. Takes ownership of `obj` (returned). When `expectedRV` is given it must equal the stored
   * revision (optimistic concurrency, a compare-and-swap on the key's mod revision in etcd).
   */
  update(resource: string, obj: KubeObject, expectedRV?: string): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    const t = this.table(resource);
    const key = keyOf(ns, name);
    const prev = t.objects.get(key);
    if (!prev) throw new StoreError('NotFound', `${resource} ${key} not found`);
    if (expectedRV !== undefined && prev.metadata.resourceVersion !== expectedRV) {
      throw new StoreError('Conflict', `${resource} ${key} has resourceVersion ${prev.metadata.resourceVersion}, not ${expectedRV}`);
    }
    const rev = ++this.rev;
    obj.metadata.resourceVersion = String(rev);
    t.set(key, obj);
    this.record({ rev, type: 'MODIFIED', resource, namespace: ns, name, object: obj, prev });
    return obj;
  }

  /** Removes an object; returns its last state with the delete's revision as resourceVersion. */
  delete(resource: string, namespace: string, name: string, expectedRV?: string): KubeObject {
    const t = this.table(resource);
    const key = keyOf(namespace, name);
    const prev = t.objects.get(key);
    if (!prev) throw new StoreError('NotFound', `${resource} ${key} not found`);
    if (expectedRV !== undefined && prev.metadata.resourceVersion !== expectedRV) {
      throw new StoreError('Conflict', `${resource} ${key} has resourceVersion ${prev.metadata.resourceVersion}, not ${expectedRV}`);
    }
    const rev = ++this.rev;
    t.delete(key);
    const last = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rev) } };
    this.record({ rev, type: 'DELETED', resource, namespace, name, object: last, prev });
    return last;
  }

  /**
   * The changes after `rev` (exclusive), oldest first, for `resource` (all resources when undefined).
   * Returns 'expired' when some of them have left the window.
   */
  changesSince(rev: number, resource?: string): StoreEvent[] | 'expired' {
    if (rev < this.compacted) return 'expired';
    // history is sorted by rev: binary search for the first event after rev
    const h = this.history;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid].rev <= rev) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < h.length; i++) if (resource === undefined || h[i].resource === resource) out.push(h[i]);
    return out;
  }

  /** Called synchronously after every change, in revision order. The API server's watch fan-out listens here. */
  subscribe(fn: StoreListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private record(ev: StoreEvent): void {
    this.history.push(ev);
    // trim in chunks so a long run does not shift the array on every write
    if (this.history.length > this.historyLimit + 256) {
      const drop = this.history.length - this.historyLimit;
      this.compacted = this.history[drop - 1].rev;
      this.history.splice(0, drop);
    }
    for (const fn of this.listeners) fn(ev);
  }

  /** Plain JSON: the revision and every object. The watch history is not kept: watches after a restore relist. */
  snapshot(): StoreSnapshot {
    const objects: Record<string, KubeObject[]> = {};
    for (const [r, t] of this.tables) {
      if (t.objects.size === 0) continue;
      objects[r] = t.keys().map((k) => deepClone(t.objects.get(k)!));
    }
    return { rev: this.rev, objects };
  }

  restore(s: StoreSnapshot): void {
    this.tables.clear();
    this.history = [];
    this.rev = s.rev;
    this.compacted = s.rev;
    for (const [r, objs] of Object.entries(s.objects)) {
      const t = this.table(r);
      for (const o of objs) {
        const c = deepClone(o);
        t.set(keyOf(c.metadata.namespace ?? '', c.metadata.name!), c);
      }
    }
  }
}
