/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go): activeQ (ready to try, ordered by
 * priority then arrival), backoffQ (failed recently: 1 s doubling to 10 s per attempt), and unschedulablePods
 * (wait for a cluster event, or leave after 5 min via the 30 s leftover flush). Plain data throughout.
 */
export interface QueuedPod {
  key: string;
  priority: number;
  /** Arrival order, for FIFO among equal priorities. */
  seq: number;
  attempts: number;
  /** When it last failed (unschedulablePods timestamp). */
  since?: number;
  /** When its back-off ends. */
  backoffUntil?: number;
}

export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const UNSCHEDULABLE_MAX_MS = 5 * 60_000;
export const FLUSH_LEFTOVER_PERIOD_MS = 30_000;

export class SchedulingQueue {
  active = new Map<string, QueuedPod>();
  backoff = new Map<string, QueuedPod>();
  unschedulable = new Map<string, QueuedPod>();
  private seq = 0;

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key);
  }

  add(key: string, priority: number): void {
    if (this.has(key)) return;
    this.active.set(key, { key, priority, seq: this.seq++, attempts: 0 });
  }

  remove(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
  }

  /** Highest priority, then earliest arrival. */
  pop(): QueuedPod | undefined {
    let best: QueuedPod | undefined;
    for (const q of this.active.values()) if (!best || q.priority > best.priority || (q.priority === best.priority && q.seq < best.seq)) best = q;
    if (best) this.active.delete(best.key);
    return best;
  }

  markUnschedulable(q: QueuedPod, now: number): void {
    q.attempts++;
    q.since = now;
    q.backoffUntil = now + Math.min(POD_INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1), POD_MAX_BACKOFF_MS);
    this.unschedulable.set(q.key, q);
  }

  /** Requeue after a transient error (bind conflict): straight to backoff. */
  markError(q: QueuedPod, now: number): void {
    q.attempts++;
    q.backoffUntil = now + Math.min(POD_INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1), POD_MAX_BACKOFF_MS);
    this.backoff.set(q.key, q);
  }

  /** A cluster event that may make pods schedulable: move them to active, or to backoff if still backing off. */
  moveAllToActiveOrBackoff(now: number, filter?: (key: string) => boolean): void {
    for (const [k, q] of [...this.unschedulable]) {
      if (filter && !filter(k)) continue;
      this.unschedulable.delete(k);
      this.toActiveOrBackoff(q, now);
    }
  }

  private toActiveOrBackoff(q: QueuedPod, now: number): void {
    q.seq = this.seq++;
    if ((q.backoffUntil ?? 0) > now) this.backoff.set(q.key, q);
    else this.active.set(q.key, q);
  }

  /** Moves due back-offs to active and stale unschedulable pods (≥ 5 min) on the flush grid. */
  flush(now: number, flushDue: boolean): void {
    for (const [k, q] of [...this.backoff]) {
      if ((q.backoffUntil ?? 0) <= now) {
        this.backoff.delete(k);
        q.seq = this.seq++;
        this.active.set(k, q);
      }
    }
    if (flushDue) {
      for (const [k, q] of [...this.unschedulable]) {
        if (now - (q.since ?? now) >= UNSCHEDULABLE_MAX_MS) {
          this.unschedulable.delete(k);
          this.toActiveOrBackoff(q, now);
        }
      }
    }
  }

  nextBackoffDue(): number | undefined {
    let min: number | undefined;
    for (const q of this.backoff.values()) if (min === undefined || q.backoffUntil! < min) min = q.backoffUntil;
    return min;
  }

  earliestUnschedulableSince(): number | undefined {
    let min: number | undefined;
    for (const q of this.unschedulable.values()) if (min === undefined || q.since! < min) min = q.since;
    return min;
  }
}
