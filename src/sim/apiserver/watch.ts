/**
 * Watch streams and their fan-out from the store.
 *
 * Every event reaches a consumer through a clock timer due "now", never inside the request that caused it, so
 * a writer's call returns before any watcher reacts (as over a real connection). Per stream, events keep
 * revision order.
 *
 * Selection follows the watch cache (apiserver pkg/storage/cacher/cache_watcher.go): a change is sent when the
 * old or the new state matches the selectors; an object that starts matching arrives as ADDED, one that stops
 * matching as DELETED (carrying its new state).
 */
import type { VirtualClock } from '../clock';
import type { StoreEvent } from '../store';
import { deepClone } from '../store';
import type { ApiStream, KubeObject, WatchEvent } from './types';

export class WatchStream<T> implements ApiStream<T> {
  private buffer: T[] = [];
  private onItem?: (item: T) => void;
  private onEnd?: (reason?: string) => void;
  private scheduled = false;
  private endReason: string | undefined;
  private ending = false;
  private closed = false;
  /** Called once when the stream stops for any reason (unregisters it from the hub, cancels timers). */
  onClose?: () => void;

  constructor(private clock: VirtualClock) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(item: T): void {
    if (this.closed || this.ending) return;
    this.buffer.push(item);
    this.schedule();
  }

  /** The server ends the stream after what is buffered (timeout, error event). */
  end(reason?: string): void {
    if (this.closed || this.ending) return;
    this.ending = true;
    this.endReason = reason;
    this.schedule();
  }

  subscribe(onItem: (item: T) => void, onEnd?: (reason?: string) => void): void {
    this.onItem = onItem;
    this.onEnd = onEnd;
    this.schedule();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.onClose?.();
  }

  private schedule(): void {
    if (this.scheduled || !this.onItem || this.closed) return;
    if (this.buffer.length === 0 && !this.ending) return;
    this.scheduled = true;
    this.clock.setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.scheduled = false;
    while (this.buffer.length && !this.closed) this.onItem!(this.buffer.shift()!);
    if (this.ending && !this.closed) {
      this.closed = true;
      this.onClose?.();
      this.onEnd?.(this.endReason);
    }
  }
}

export interface WatchFilter {
  namespace?: string;
  /** True when the object is selected (labels and fields). */
  matches: (o: KubeObject) => boolean;
}

/** One registered watcher: filter, output conversion and its stream. */
export interface Watcher {
  storageKey: string;
  filter: WatchFilter;
  /** Turns a selected event into what the client receives (apiVersion/kind, Table wrapping, conversion). */
  encode: (type: WatchEvent['type'], obj: KubeObject) => WatchEvent;
  stream: WatchStream<WatchEvent>;
  /** Events up to this revision were already sent (initial replay). */
  sentUpTo: number;
}

/** Decides what a selected change looks like to a watcher, or undefined when it does not see it. */
export function translate(w: Watcher, ev: StoreEvent): WatchEvent | undefined {
  if (ev.rev <= w.sentUpTo) return undefined;
  if (w.filter.namespace !== undefined && ev.namespace !== w.filter.namespace) return undefined;
  const cur = ev.type === 'DELETED' ? undefined : ev.object;
  const nowMatch = cur ? w.filter.matches(cur) : false;
  const prevMatch = ev.prev ? w.filter.matches(ev.prev) : false;
  switch (ev.type) {
    case 'ADDED':
      return nowMatch ? w.encode('ADDED', deepClone(ev.object)) : undefined;
    case 'MODIFIED':
      if (nowMatch && prevMatch) return w.encode('MODIFIED', deepClone(ev.object));
      if (nowMatch) return w.encode('ADDED', deepClone(ev.object));
      if (prevMatch) return w.encode('DELETED', deepClone(ev.object));
      return undefined;
    case 'DELETED':
      return prevMatch ? w.encode('DELETED', deepClone(ev.object)) : undefined;
  }
}

/** Routes store changes to the watchers of the same storage key. */
export class WatchHub {
  private byKey = new Map<string, Set<Watcher>>();

  add(w: Watcher): void {
    let s = this.byKey.get(w.storageKey);
    if (!s) {
      s = new Set();
      this.byKey.set(w.storageKey, s);
    }
    s.add(w);
    w.stream.onClose = () => s!.delete(w);
  }

  count(): number {
    let n = 0;
    for (const s of this.byKey.values()) n += s.size;
    return n;
  }

  dispatch(ev: StoreEvent): void {
    const s = this.byKey.get(ev.resource);
    if (!s || s.size === 0) return;
    for (const w of s) {
      const out = translate(w, ev);
      if (out) w.stream.push(out);
    }
  }

  /** Ends every watch (after a restore the history is gone; clients relist). */
  endAll(reason: string): void {
    for (const s of this.byKey.values()) for (const w of [...s]) w.stream.end(reason);
  }
}
