/**
 * A rate-limited, delaying work queue like client-go's: keys are deduplicated, processed one at a time on the
 * virtual clock, and can be re-added after a delay. Its pending work is plain data (key → due time), so a
 * component can snapshot it and, after a restore, re-arm exactly the same timers: restore → continue behaves
 * as if the snapshot never happened.
 */
import type { TimerId, VirtualClock } from '../clock';

export interface WorkQueueSnapshot {
  /** key → due time (ms, virtual) */
  due: [string, number][];
  failures: [string, number][];
}

export class WorkQueue {
  private due = new Map<string, number>();
  private timers = new Map<string, TimerId>();
  private failures = new Map<string, number>();
  private processing = false;

  constructor(
    private clock: VirtualClock,
    /** Called with a key when it is due; throw or return false to requeue with back-off. */
    private process: (key: string) => boolean | void,
    /** Per-item exponential back-off: base 5 ms doubling to 1000 s, as client-go's default controller rate limiter. */
    private backoff = { baseMs: 5, maxMs: 1_000_000 },
  ) {}

  /** Process `key` as soon as possible (after the current call returns). */
  add(key: string): void {
    this.addAfter(key, 0);
  }

  /** Process `key` after `delayMs`, unless it is already due sooner. */
  addAfter(key: string, delayMs: number): void {
    const at = this.clock.now() + Math.max(0, delayMs);
    const cur = this.due.get(key);
    if (cur !== undefined && cur <= at) return;
    this.schedule(key, at);
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.backoff.baseMs * 2 ** n, this.backoff.maxMs));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  len(): number {
    return this.due.size;
  }

  /** Cancels all pending work (component shutdown). */
  shutDown(): void {
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
    this.due.clear();
  }

  snapshot(): WorkQueueSnapshot {
    return { due: [...this.due], failures: [...this.failures] };
  }

  restore(s: WorkQueueSnapshot): void {
    this.shutDown();
    this.failures = new Map(s.failures);
    for (const [k, at] of s.due) this.schedule(k, at);
  }

  private schedule(key: string, at: number): void {
    const old = this.timers.get(key);
    if (old !== undefined) this.clock.clearTimeout(old);
    this.due.set(key, at);
    this.timers.set(
      key,
      this.clock.setTimeout(() => this.run(key), at - this.clock.now()),
    );
  }

  private run(key: string): void {
    this.timers.delete(key);
    this.due.delete(key);
    if (this.processing) {
      // A process() call scheduled more work for now: run it after the current one, still at this instant.
      this.schedule(key, this.clock.now());
      return;
    }
    this.processing = true;
    let ok: boolean | void = true;
    try {
      ok = this.process(key);
    } catch {
      ok = false;
    } finally {
      this.processing = false;
    }
    if (ok === false) this.addRateLimited(key);
  }
}
