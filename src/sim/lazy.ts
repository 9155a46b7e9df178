/**
 * Code and data loaded on first use (help pages, explain's field descriptions, rarely used shell programs, the
 * container shell, controllers of kinds nothing makes at boot), so the browser's terminal reaches its prompt with
 * a smaller worker chunk.
 *
 * Loading is real I/O (a network fetch in the browser, a file read in Node): it must not let virtual time pass,
 * or the first use of a lazily loaded command would see a different clock than the next one, and the cluster
 * would move on while a chunk downloads. Every driver of virtual time (RealTimeDriver, the CLI's drive/settle,
 * the worker's and the lab host's loops) therefore holds the clock while loadsInFlight() is non-zero, and the
 * clock itself stops at the end of the current instant when a timer starts a load (VirtualClock.holdsForLoads).
 */

let inFlight = 0;
let started = 0;
const waiters: (() => void)[] = [];

/** How many on-demand loads are under way. */
export function loadsInFlight(): number {
  return inFlight;
}

/** Resolves once no on-demand load is in flight (at once when none is). */
export function loadsSettled(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

/** How many on-demand loads have started in this process (the size test checks common commands start none). */
export function loadsStarted(): number {
  return started;
}

/** Wraps every load; the host that owns a wall clock sets one to bound how long a load may take. */
export type LoadGuard = <T>(load: Promise<T>) => Promise<T>;
let guard: LoadGuard | undefined;

/** Installs (or, with undefined, removes) the guard every later load goes through. */
export function setLoadGuard(g: LoadGuard | undefined): void {
  guard = g;
}

/**
 * A guard that fails a load still pending after `ms` wall milliseconds. A fetch that never answers would otherwise
 * hold the virtual clock and the command for good; failed, it prints an error and the next use retries. The timer
 * functions come from the host: the simulator itself has no wall clock.
 */
export function loadTimeout(ms: number, timer: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void }): LoadGuard {
  return <T>(load: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const handle = timer.set(() => reject(new Error(`loading a part of the simulator took longer than ${ms / 1000} s; run the command again`)), ms);
      load.then(
        (v) => {
          timer.clear(handle);
          resolve(v);
        },
        (e: unknown) => {
          timer.clear(handle);
          reject(e);
        },
      );
    });
}

/**
 * A loader that runs `load` once, on the first call, and counts it as in flight until it settles. A failed load
 * is forgotten so the next call retries (a dropped connection must not break the command for the session).
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending) return pending;
    inFlight++;
    started++;
    const p = (guard ? guard(load()) : load()).finally(() => {
      inFlight--;
      if (inFlight === 0) for (const w of waiters.splice(0)) w();
    });
    pending = p;
    p.catch(() => {
      if (pending === p) pending = undefined;
    });
    return p;
  };
}

/** The default export of a JSON module as bundlers and Node hand it over. */
export function jsonDefault<T>(mod: unknown): T {
  const m = mod as { default?: T };
  return (m.default ?? mod) as T;
}
