/**
 * A shared informer: list once, then watch from the list's resourceVersion, keeping a local cache that
 * handlers read. The same pattern as client-go's, so controllers are written the way kube-controller-manager's are.
 * On 410 Gone (history compacted) it relists.
 */
import type { ApiStream, KubeObject, WatchEvent } from '../apiserver/types';
import { ApiError, type ApiClient, type ListOptions } from './client';
import type { GVR } from './resources';

export interface InformerHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export const objectKey = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!);

export class Informer<T extends KubeObject = KubeObject> {
  private cache = new Map<string, T>();
  private handlers: InformerHandlers<T>[] = [];
  private stream?: ApiStream<WatchEvent>;
  private started = false;

  constructor(
    private client: ApiClient,
    readonly resource: GVR,
    private namespace?: string,
    private opts: ListOptions = {},
  ) {}

  addHandlers(h: InformerHandlers<T>): void {
    this.handlers.push(h);
    if (this.started) for (const o of this.cache.values()) h.add?.(o);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.relist();
  }

  stop(): void {
    this.started = false;
    this.stream?.close();
    this.stream = undefined;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  private relist(): void {
    const list = this.client.list<T>(this.resource, this.namespace, this.opts);
    const seen = new Set<string>();
    for (const o of list.items) {
      const k = objectKey(o);
      seen.add(k);
      const old = this.cache.get(k);
      this.cache.set(k, o);
      if (!old) this.handlers.forEach((h) => h.add?.(o));
      else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.handlers.forEach((h) => h.update?.(old, o));
    }
    for (const [k, o] of [...this.cache]) {
      if (!seen.has(k)) {
        this.cache.delete(k);
        this.handlers.forEach((h) => h.delete?.(o));
      }
    }
    this.watchFrom(list.metadata.resourceVersion);
  }

  private watchFrom(resourceVersion?: string): void {
    if (!this.started) return;
    this.stream = this.client.watch(this.resource, this.namespace, { ...this.opts, resourceVersion });
    this.stream.subscribe(
      (ev) => this.onEvent(ev),
      () => {
        // The server ended the watch (timeout or 410): start again from a fresh list.
        if (this.started) this.relist();
      },
    );
  }

  private onEvent(ev: WatchEvent): void {
    if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') {
      if (ev.type === 'ERROR') {
        this.stream?.close();
        if (this.started) this.relist();
      }
      return;
    }
    const o = ev.object as T;
    const k = objectKey(o);
    const old = this.cache.get(k);
    if (ev.type === 'DELETED') {
      this.cache.delete(k);
      this.handlers.forEach((h) => h.delete?.(o));
    } else {
      this.cache.set(k, o);
      if (old) this.handlers.forEach((h) => h.update?.(old, o));
      else this.handlers.forEach((h) => h.add?.(o));
    }
  }
}

export { ApiError };
