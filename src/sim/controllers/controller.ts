/**
 * What every controller shares: the API client, virtual time, seeded randomness, the shared informers, an event
 * recorder named like the real component, and a WorkQueue whose pending keys are plain data for snapshots.
 */
import type { KubeObject } from '../apiserver/types';
import type { VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { EventRecorder, type EventRecorderSnapshot } from '../client/events';
import { objectKey } from '../client/informer';
import { WorkQueue, type WorkQueueSnapshot } from '../client/workqueue';
import type { Random } from '../random';
import type { SharedInformers } from './informers';

export interface ControllerContext {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
  informers: SharedInformers;
}

export interface ControllerSnapshot {
  queue: WorkQueueSnapshot;
  events: EventRecorderSnapshot;
  state?: unknown;
}

export abstract class QueueController {
  readonly queue: WorkQueue;
  readonly recorder: EventRecorder;
  readonly client: ApiClient;
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly informers: SharedInformers;

  constructor(
    readonly name: string,
    ctx: ControllerContext,
  ) {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.random = ctx.random;
    this.informers = ctx.informers;
    this.recorder = new EventRecorder(ctx.client, ctx.clock, name);
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
  }

  /** Registers informer handlers; called once before the informers start. */
  abstract register(): void;

  /** Reconciles one key; return false (or throw) to retry with back-off. */
  abstract sync(key: string): boolean | void;

  enqueue(o: KubeObject): void {
    this.queue.add(objectKey(o));
  }

  enqueueAfter(o: KubeObject, ms: number): void {
    this.queue.addAfter(objectKey(o), ms);
  }

  stop(): void {
    this.queue.shutDown();
  }

  /** Controller-specific state beyond the queue (expectations, back-off records). */
  protected saveState(): unknown {
    return undefined;
  }

  protected loadState(_s: unknown): void {}

  snapshot(): ControllerSnapshot {
    return { queue: this.queue.snapshot(), events: this.recorder.snapshot(), state: structuredClone(this.saveState()) };
  }

  restore(s: ControllerSnapshot): void {
    this.queue.restore(s.queue);
    this.recorder.restore(s.events);
    this.loadState(structuredClone(s.state));
  }
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** Informer items may lack apiVersion/kind (list items do on a real server); events need them. */
export function withKind<T extends KubeObject>(o: T, apiVersion: string, kind: string): T {
  return o.kind && o.apiVersion ? o : ({ ...o, apiVersion, kind } as T);
}
