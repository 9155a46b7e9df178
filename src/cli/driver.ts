/**
 * Runs a promise to completion in virtual time: flush the microtask queue, then move the clock to the next timer,
 * until the promise settles. Used by `kubelab run`, tests and benchmarks (the browser drives the clock from real
 * time instead). A command that would wait forever (`kubectl get pods -w`, `while true; do sleep 1; done`) is
 * stopped with Ctrl-C after `budgetMs` of virtual time; one that waits on nothing at all is stopped at once.
 */
import type { VirtualClock } from '../sim/clock';
import { loadsInFlight } from '../sim/lazy';

export interface DriveOptions {
  /** Virtual milliseconds after which `interrupt` is called (Ctrl-C). */
  budgetMs?: number;
  /** Called once when the budget is spent or nothing is left to wait for. */
  interrupt?: () => void;
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function drive<T>(clock: VirtualClock, work: Promise<T>, opts: DriveOptions = {}): Promise<T> {
  let done = false;
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  work.then(
    (value) => {
      done = true;
      result = { ok: true, value };
    },
    (error) => {
      done = true;
      result = { ok: false, error };
    },
  );
  const start = clock.now();
  const budget = opts.budgetMs ?? Infinity;
  let interrupted = false;
  let idleFlushes = 0;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    opts.interrupt?.();
  };
  for (;;) {
    await flush();
    if (done) break;
    // Code loading on first use is real I/O: virtual time stands still until it is in.
    if (loadsInFlight()) continue;
    const next = clock.nextDue();
    if (next === undefined) {
      // nothing scheduled: the command waits on something time cannot bring (or is about to finish)
      if (++idleFlushes > 50) interrupt();
      if (idleFlushes > 10_000) throw new Error('drive: the command neither finished nor reacted to Ctrl-C');
      continue;
    }
    idleFlushes = 0;
    if (!interrupted && next - start > budget) {
      clock.advanceTo(start + budget);
      interrupt();
      continue;
    }
    clock.advanceTo(next);
  }
  if (!result!.ok) throw result!.error;
  return result!.value;
}

/** Lets the world run for `ms` of virtual time with nothing else going on (settling a new cluster, `sleep`). */
export async function settle(clock: VirtualClock, ms: number): Promise<void> {
  const end = clock.now() + ms;
  for (;;) {
    await flush();
    if (loadsInFlight()) continue;
    const next = clock.nextDue();
    if (next === undefined || next > end) break;
    clock.advanceTo(next);
  }
  clock.advanceTo(end);
  await flush();
}
