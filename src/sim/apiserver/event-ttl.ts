/**
 * Events expire: the API server stores each Event with an etcd lease of --event-ttl (1h by default, and k3s
 * keeps the default), renewed on every write (pkg/registry/core/event/storage/storage.go TTLFunc). When the
 * lease runs out the object disappears and watchers see it DELETED. Here a clock timer per Event plays the
 * lease; due times are part of the snapshot so a restored cluster expires Events at the same instants.
 */
import type { TimerId, VirtualClock } from '../clock';
import type { Store, StoreEvent } from '../store';

export const EVENT_TTL_MS = 60 * 60 * 1000;

export type EventTtlSnapshot = [key: string, due: number][];

export class EventTtl {
  private due = new Map<string, { at: number; timer: TimerId }>();

  constructor(
    private clock: VirtualClock,
    private store: Store,
    readonly ttlMs: number = EVENT_TTL_MS,
  ) {}

  onStoreEvent(ev: StoreEvent): void {
    if (ev.resource !== '/events') return;
    const key = `${ev.namespace}/${ev.name}`;
    this.cancel(key);
    if (ev.type !== 'DELETED') this.arm(key, this.clock.now() + this.ttlMs);
  }

  snapshot(): EventTtlSnapshot {
    return [...this.due.entries()].map(([k, v]) => [k, v.at]);
  }

  /** Re-arms from a snapshot; Events without a recorded due time get a full TTL from now. */
  restore(s: EventTtlSnapshot | undefined): void {
    for (const k of [...this.due.keys()]) this.cancel(k);
    const known = new Map(s ?? []);
    for (const e of this.store.list('/events')) {
      const key = `${e.metadata.namespace ?? ''}/${e.metadata.name}`;
      this.arm(key, known.get(key) ?? this.clock.now() + this.ttlMs);
    }
  }

  private arm(key: string, at: number): void {
    const timer = this.clock.setTimeout(() => {
      this.due.delete(key);
      const i = key.indexOf('/');
      const ns = key.slice(0, i);
      const name = key.slice(i + 1);
      if (this.store.get('/events', ns, name)) this.store.delete('/events', ns, name);
    }, at - this.clock.now());
    this.due.set(key, { at, timer });
  }

  private cancel(key: string): void {
    const d = this.due.get(key);
    if (d) this.clock.clearTimeout(d.timer);
    this.due.delete(key);
  }
}
