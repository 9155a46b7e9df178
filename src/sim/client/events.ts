/**
 * An event recorder like client-go's tools/record: writes core/v1 Events through the API and folds repeats of
 * the same (object, type, reason, message, source) into one Event whose count and lastTimestamp grow
 * (tools/record/events_cache.go EventCorrelator). Names are `<object>.<unix nanos in hex>` as in
 * tools/record/event.go makeEvent.
 */
import type { KubeObject } from '../apiserver/types';
import type { VirtualClock } from '../clock';
import { isAlreadyExists, type ApiClient } from './client';
import { R } from './resources';

export type EventType = 'Normal' | 'Warning';

/**
 * Event names need nanosecond uniqueness across every recorder of a cluster, as UnixNano gives the real ones:
 * within one virtual millisecond each event takes the next nanosecond. Kept per clock, so two worlds in one
 * process do not influence each other's names.
 */
const instants = new WeakMap<VirtualClock, { ms: number; n: number }>();
function uniqueNanos(clock: VirtualClock): bigint {
  const ms = clock.now();
  let st = instants.get(clock);
  if (!st || st.ms !== ms) instants.set(clock, (st = { ms, n: 0 }));
  return BigInt(ms) * 1_000_000n + BigInt(st.n++);
}

export interface EventRecorderSnapshot {
  seen: [string, { name: string; namespace: string; count: number }][];
  /** Unused since names became unique per clock; kept so older snapshots still restore. */
  seq?: number;
}

export class EventRecorder {
  private seen = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(
    private client: ApiClient,
    private clock: VirtualClock,
    /** source.component, e.g. "deployment-controller", "kubelet", "default-scheduler". */
    readonly component: string,
    /** source.host (kubelets set their node name). */
    readonly host?: string,
  ) {}

  /** `fieldPath` names a container (`spec.containers{nginx}`), as the kubelet's container events do. */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    try {
      this.record(obj, type, reason, message, fieldPath);
    } catch {
      // Events are best effort, as in client-go: a failed write (namespace terminating, …) is dropped.
    }
  }

  private record(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    const key = [this.component, this.host ?? '', obj.kind, namespace, m.name, m.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const now = this.clock.nowRFC3339();
    const prev = this.seen.get(key);
    if (prev) {
      prev.count++;
      // most recently used goes to the back of the LRU
      this.seen.delete(key);
      this.seen.set(key, prev);
      try {
        this.client.patch(R.events, prev.namespace, prev.name, 'strategic', { count: prev.count, lastTimestamp: now });
        return;
      } catch {
        this.seen.delete(key); // the Event expired or was deleted: start a new one
      }
    }
    const name = `${m.name}.${uniqueNanos(this.clock).toString(16)}`;
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    try {
      this.client.create(R.events, namespace, ev);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      // restored mid-instant: take the next nanosecond
      ev.metadata.name = `${m.name}.${uniqueNanos(this.clock).toString(16)}`;
      this.client.create(R.events, namespace, ev);
    }
    this.seen.set(key, { name: ev.metadata.name!, namespace, count: 1 });
    // client-go keeps the correlation cache in an LRU of 4096 entries (events_cache.go maxLruCacheEntries).
    if (this.seen.size > 4096) this.seen.delete(this.seen.keys().next().value!);
  }

  snapshot(): EventRecorderSnapshot {
    return { seen: [...this.seen].map(([k, v]) => [k, { ...v }]) };
  }

  restore(s: EventRecorderSnapshot): void {
    this.seen = new Map(s.seen.map(([k, v]) => [k, { ...v }]));
  }
}
