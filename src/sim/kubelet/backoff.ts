/**
 * client-go util/flowcontrol/backoff.go as the kubelet uses it for image pulls (10 s → 300 s, MaxImageBackOff)
 * and container restarts (10 s → 300 s, MaxContainerBackOff): the delay doubles on each Next, and an entry whose
 * last update is older than 2 × max is forgotten (the back-off resets).
 */
export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  readonly entries = new Map<string, BackoffEntry>();
  constructor(readonly initialMs = 10_000, readonly maxMs = 300_000) {}

  /** Records a failure at `at`: first 10 s, then doubling to the cap. */
  next(key: string, at: number): void {
    const e = this.entries.get(key);
    if (!e || at - e.lastUpdate > 2 * this.maxMs) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: at });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.maxMs), lastUpdate: at });
  }

  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** IsInBackOffSinceUpdate: still inside the window that started at the last failure. */
  inBackoffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** IsInBackOffSince(eventTime): inside the window measured from `since` (a container's finishedAt). */
  inBackoffSince(key: string, since: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * this.maxMs) return false;
    return now - since < e.backoffMs;
  }

  /** When the window that `since` opened closes. */
  endOf(key: string, since: number): number {
    return since + this.get(key);
  }

  gc(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * this.maxMs) this.entries.delete(k);
  }
}
