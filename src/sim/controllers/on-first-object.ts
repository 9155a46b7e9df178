/**
 * Controllers that have nothing to do until the first object of their kind exists (no k3s system component makes
 * a CronJob, StatefulSet or PodDisruptionBudget) are separate chunks: the manager runs a
 * small stand-in that watches for the first such object, loads the controller's module, and starts the controller
 * one virtual millisecond later (it then lists, as any late-started controller does, and sees the object).
 *
 * Why the millisecond: the load starts inside a watch delivery, and the clock stops at the end of that instant
 * while the load is in flight (VirtualClock.holdsForLoads), so a start in a later instant is the same whether the
 * module was cached or not. Starting in the same instant could not be: the cached start would run among that
 * instant's other timers, the loaded one after them.
 *
 * The HPA controller is not among them although no system component makes an HPA: it reads what metrics-server
 * scraped every 15 s, and a start one millisecond after the HPA's creation moves its 15 s passes past the scrapes
 * they used to follow (the HPA walkthrough in tests/sim/metrics.test.ts then reads stale usage).
 */
import type { GVR } from '../client/resources';
import { onDemand } from '../lazy';
import { QueueController, type ControllerContext, type ControllerSnapshot } from './controller';

export type ControllerFactory = (ctx: ControllerContext) => QueueController;

interface Entry {
  triggers: GVR[];
  importer: () => Promise<ControllerFactory>;
  load: () => Promise<ControllerFactory>;
  factory?: ControllerFactory;
}

const ENTRIES = new Map<string, Entry>();

/** A load that remembers the factory once it is in (onDemand counts it in flight meanwhile). */
function loaderOf(e: Entry): () => Promise<ControllerFactory> {
  return onDemand(async () => (e.factory = await e.importer()));
}

function entry(name: string, triggers: GVR[], importer: () => Promise<ControllerFactory>): void {
  const e = { triggers, importer } as Entry;
  e.load = loaderOf(e);
  ENTRIES.set(name, e);
}

const g = (group: string, version: string, resource: string): GVR => ({ group, version, resource });

entry('cronjob-controller', [g('batch', 'v1', 'cronjobs')], async () => {
  const m = await import('./cronjob');
  return (c) => new m.CronJobController(c);
});
entry('statefulset-controller', [g('apps', 'v1', 'statefulsets')], async () => {
  const m = await import('./statefulset');
  return (c) => new m.StatefulSetController(c);
});
entry('disruption-controller', [g('policy', 'v1', 'poddisruptionbudgets')], async () => {
  const m = await import('./disruption');
  return (c) => new m.DisruptionController(c);
});

/** Whether the manager starts this controller on its first object. */
export function startedOnFirstObject(name: string): boolean {
  return ENTRIES.has(name);
}

/**
 * Loads every such controller now (a test set-up that drives the clock synchronously, which cannot wait for a
 * load), or forgets them all (so the next start is a real load again).
 */
export async function preloadControllers(): Promise<void> {
  for (const e of ENTRIES.values()) e.factory ??= await e.importer();
}
export function forgetControllers(names: string[] = [...ENTRIES.keys()]): void {
  for (const n of names) {
    const e = ENTRIES.get(n);
    if (!e) continue;
    e.factory = undefined;
    e.load = loaderOf(e);
  }
}

/** The stand-in the manager runs under the controller's name until the controller itself starts. */
export class StartOnFirstObject extends QueueController {
  private inner?: QueueController;
  private triggered = false;
  private stopped = false;

  constructor(
    name: string,
    private ctx: ControllerContext,
  ) {
    super(name, ctx);
  }

  /** The controller, once started. */
  get controller(): QueueController | undefined {
    return this.inner;
  }

  register(): void {
    const e = ENTRIES.get(this.name)!;
    for (const r of e.triggers) {
      this.informers.on(r, { add: () => this.trigger(), update: () => this.trigger() });
    }
  }

  sync(): void {}

  private trigger(): void {
    if (this.triggered || this.stopped) return;
    this.triggered = true;
    const e = ENTRIES.get(this.name)!;
    if (!e.factory) void e.load().catch(() => undefined);
    this.clock.setTimeout(() => this.start(), 1);
  }

  private start(): void {
    if (this.stopped || this.inner) return;
    const e = ENTRIES.get(this.name)!;
    if (!e.factory) {
      // Time was moved past the load without waiting for it (a synchronous caller): start once it is in.
      e.load().then(
        () => this.start(),
        () => this.clock.setTimeout(() => this.start(), 1_000),
      );
      return;
    }
    this.inner = e.factory(this.ctx);
    this.inner.register();
  }

  override stop(): void {
    this.stopped = true;
    super.stop();
    this.inner?.stop();
  }

  override snapshot(): ControllerSnapshot {
    return this.inner ? this.inner.snapshot() : super.snapshot();
  }

  override restore(s: ControllerSnapshot): void {
    if (this.inner) this.inner.restore(s);
    else super.restore(s);
  }
}
