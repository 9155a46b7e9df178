/**
 * Virtual time for the whole simulated world.
 *
 * Nothing in the core reads the wall clock: every delay (a controller's requeue, an image pull, a probe period,
 * a watch event's delivery) is a timer on this clock. Tests advance it by hand; the browser and `kubelab shell`
 * drive it from real time through a RealTimeDriver whose wall functions are handed in from outside the core.
 *
 * Timers fire in (due time, insertion order) so the same script always runs the same way.
 */

import { loadsInFlight } from './lazy';

export type TimerId = number;

interface Timer {
  id: TimerId;
  due: number;
  seq: number;
  fn: () => void;
}

/** 2026-11-25T09:00:00Z: a fixed, plausible start so ages and timestamps read naturally. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 25, 9, 0, 0);

export interface ClockSnapshot {
  now: number;
  nextId: number;
  seq: number;
}

export class VirtualClock {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private timers = new Map<TimerId, Timer>();
  /** Sorted lazily: timers are few per tick and advance() re-scans. */
  private heap: Timer[] = [];

  constructor(startMs: number = DEFAULT_EPOCH_MS) {
    this.current = startMs;
  }

  /** Milliseconds since the Unix epoch, in virtual time. */
  now(): number {
    return this.current;
  }

  /** RFC 3339 with second precision, the way Kubernetes serialises metav1.Time. */
  nowRFC3339(): string {
    // Every write stamps a time and many happen in one instant: format each instant once.
    if (this.stampMs !== this.current) this.stamp();
    return this.stampSec!;
  }

  /** RFC 3339 with microseconds, as metav1.MicroTime (events.k8s.io eventTime, lease renewTime). */
  nowMicro(): string {
    if (this.stampMs !== this.current) this.stamp();
    return this.stampMicro!;
  }

  private stampMs?: number;
  private stampSec?: string;
  private stampMicro?: string;

  private stamp(): void {
    const iso = new Date(this.current).toISOString();
    this.stampMs = this.current;
    this.stampSec = iso.replace(/\.\d{3}Z$/, 'Z');
    this.stampMicro = iso.replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    const t: Timer = { id, due: this.current + Math.max(0, delayMs), seq: this.seq++, fn };
    this.timers.set(id, t);
    this.push(t);
    return id;
  }

  clearTimeout(id: TimerId | undefined): void {
    if (id === undefined) return;
    this.timers.delete(id);
  }

  /** Number of timers still scheduled. */
  pending(): number {
    return this.timers.size;
  }

  /** Due time of the earliest timer, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    this.compact();
    return this.heap.length ? this.heap[0].due : undefined;
  }

  /**
   * Move time forward by `ms`, firing every timer that falls due on the way, each at its own due time
   * (so a timer scheduled by a timer fires too if it is due before the end). Stops early while a load started by
   * a timer is in flight (see holdsForLoads).
   * Returns the number of timers fired.
   */
  advance(ms: number): number {
    return this.advanceTo(this.current + Math.max(0, ms));
  }

  /**
   * Stop at the end of the current instant while code loads on first use (./lazy): a timer callback that starts a
   * load (the kubelet creating a container whose shell is not in yet) must not see later instants run before the
   * load is in, or a first use would differ from a cached one. advanceTo then returns early, at the instant it
   * reached; the drivers wait for the load and call it again. A synchronous caller that cannot wait turns it off.
   */
  holdsForLoads = true;

  advanceTo(target: number, maxFires = 5_000_000): number {
    let fired = 0;
    let held = false;
    for (;;) {
      this.compact();
      const t = this.heap[0];
      if (!t || t.due > target) break;
      if (t.due > this.current && this.holdsForLoads && loadsInFlight()) {
        held = true;
        break;
      }
      this.pop();
      this.timers.delete(t.id);
      if (t.due > this.current) this.current = t.due;
      t.fn();
      if (++fired >= maxFires) throw new Error('VirtualClock: timer storm (more than ' + maxFires + ' timers in one advance)');
    }
    if (!held && target > this.current) this.current = target;
    return fired;
  }

  /** Fire everything that is due now without moving time. */
  runDue(): number {
    return this.advanceTo(this.current);
  }

  snapshot(): ClockSnapshot {
    return { now: this.current, nextId: this.nextId, seq: this.seq };
  }

  /**
   * Restores time and counters. Timers are closures and are not serialised: after a restore every
   * component re-arms its own timers from its restored state (see Cluster.restore).
   */
  restore(s: ClockSnapshot): void {
    this.current = s.now;
    this.nextId = s.nextId;
    this.seq = s.seq;
    this.timers.clear();
    this.heap = [];
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  /** Drop cancelled timers from the top of the heap. */
  private compact(): void {
    while (this.heap.length && !this.timers.has(this.heap[0].id)) this.pop();
  }
}

/**
 * Drives a VirtualClock from real time with a speed factor (0 = paused, 1 = real time, 10 = fast-forward).
 * The wall-clock functions are injected so this file stays free of ambient time.
 */
export interface WallTime {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export class RealTimeDriver {
  private handle: unknown;
  private lastWall = 0;
  /** Virtual milliseconds owed but not yet advanced (below one). */
  private carry = 0;
  speed = 1;

  constructor(private clock: VirtualClock, private wall: WallTime, private tickMs = 50) {}

  start(): void {
    if (this.handle !== undefined) return;
    this.lastWall = this.wall.now();
    this.handle = this.wall.setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.handle === undefined) return;
    this.wall.clearInterval(this.handle);
    this.handle = undefined;
  }

  setSpeed(speed: number): void {
    this.tick();
    this.speed = Math.max(0, speed);
  }

  /**
   * Advances virtual time by the wall time elapsed since the last tick, times the speed. Wall time spent while
   * code loads on first use (./lazy) is dropped: the world waits for the download, as for any other work.
   */
  tick(): void {
    const w = this.wall.now();
    const elapsed = w - this.lastWall;
    this.lastWall = w;
    if (loadsInFlight()) return;
    if (!(this.speed > 0 && elapsed > 0)) return;
    // Virtual time moves in whole milliseconds, as in every test and replay: the browser's wall clock
    // (performance.now) is fractional, and a fractional "now" breaks whatever needs an integer instant (event
    // names take UnixNano from it). The remainder is carried to the next tick, so no time is lost.
    this.carry += elapsed * this.speed;
    const step = Math.floor(this.carry);
    this.carry -= step;
    if (step > 0) this.clock.advance(step);
  }
}
