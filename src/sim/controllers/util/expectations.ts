/**
 * ControllerExpectations (pkg/controller/controller_utils.go): after a controller creates or deletes pods it waits
 * until its informer has seen those changes before syncing the same owner again, so it never double-creates on a
 * stale cache. Expectations expire after 5 minutes (ExpectationsTimeout) in case a watch event is lost.
 */
import type { VirtualClock } from '../../clock';

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  at: number;
  /** UIDs of pods whose deletion is awaited (UIDTrackingControllerExpectations): counted once, on either event. */
  uids?: string[];
}

export type ExpectationsSnapshot = [string, Expectation][];

export class Expectations {
  private m = new Map<string, Expectation>();
  constructor(private clock: VirtualClock) {}

  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.m.set(key, { add: n, del: 0, at: this.clock.now() });
  }

  expectDeletions(key: string, uids: string[]): void {
    this.m.set(key, { add: 0, del: uids.length, at: this.clock.now(), uids: [...uids] });
  }

  creationObserved(key: string): void {
    const e = this.m.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, uid?: string): void {
    const e = this.m.get(key);
    if (!e) return;
    if (e.uids && uid !== undefined) {
      const i = e.uids.indexOf(uid);
      if (i < 0) return;
      e.uids.splice(i, 1);
    }
    e.del--;
  }

  delete(key: string): void {
    this.m.delete(key);
  }

  snapshot(): ExpectationsSnapshot {
    return structuredClone([...this.m]);
  }

  restore(s: ExpectationsSnapshot): void {
    this.m = new Map(structuredClone(s));
  }
}
