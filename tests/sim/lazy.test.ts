// On-demand loading (src/sim/lazy.ts): one load per loader, retried after a failure, and virtual time held while a
// load is in flight by every driver (the CLI's drive, the browser's RealTimeDriver).
import { describe, expect, test } from 'vitest';
import { loadsInFlight, loadsStarted, loadTimeout, onDemand, setLoadGuard } from '../../src/sim/lazy';
import { RealTimeDriver, VirtualClock, type WallTime } from '../../src/sim/clock';
import { drive } from '../../src/cli/driver';

/** A load that resolves after `turns` macrotasks, like a file read or a fetch. */
function slowLoad<T>(value: T, turns: number): () => Promise<T> {
  return () =>
    new Promise<T>((resolve) => {
      let n = 0;
      const step = () => (++n >= turns ? resolve(value) : setImmediate(step));
      setImmediate(step);
    });
}

describe('onDemand', () => {
  test('loads once, counts the load while in flight, and shares the result', async () => {
    let calls = 0;
    const started = loadsStarted();
    const get = onDemand(async () => {
      calls++;
      return slowLoad('module', 3)();
    });
    const a = get();
    const b = get();
    expect(loadsInFlight()).toBe(1);
    expect(await a).toBe('module');
    expect(await b).toBe('module');
    expect(await get()).toBe('module');
    expect(calls).toBe(1);
    expect(loadsInFlight()).toBe(0);
    expect(loadsStarted() - started).toBe(1);
  });

  test('a failed load is retried on the next call', async () => {
    let calls = 0;
    const get = onDemand(async () => {
      if (++calls === 1) throw new Error('network down');
      return 42;
    });
    await expect(get()).rejects.toThrow('network down');
    expect(loadsInFlight()).toBe(0);
    expect(await get()).toBe(42);
    expect(calls).toBe(2);
  });
});

describe('a load that never settles', () => {
  test('fails after the guard\'s wall-clock bound, releases the clock, and is retried on the next call', async () => {
    // The host's timer, driven by hand: the bound passes when the test says so.
    const timers: (() => void)[] = [];
    setLoadGuard(loadTimeout(30_000, { set: (fn) => timers.push(fn), clear: () => {} }));
    try {
      let calls = 0;
      const hang = onDemand(() => {
        calls++;
        return calls === 1 ? new Promise<string>(() => {}) : Promise.resolve('loaded');
      });
      const before = loadsInFlight();
      const first = hang();
      expect(loadsInFlight()).toBe(before + 1);
      expect(timers).toHaveLength(1);
      timers[0]();
      await expect(first).rejects.toThrow('loading a part of the simulator took longer than 30 s; run the command again');
      expect(loadsInFlight()).toBe(before);
      await expect(hang()).resolves.toBe('loaded');
      expect(calls).toBe(2);
    } finally {
      setLoadGuard(undefined);
    }
  });

  test('a load that settles in time is untouched by the guard, and its timer is cleared', async () => {
    const cleared: unknown[] = [];
    setLoadGuard(loadTimeout(30_000, { set: () => 'h1', clear: (h) => cleared.push(h) }));
    try {
      await expect(onDemand(slowLoad(42, 3))()).resolves.toBe(42);
      await expect(onDemand(() => Promise.reject(new Error('Failed to fetch')))()).rejects.toThrow('Failed to fetch');
      expect(cleared).toEqual(['h1', 'h1']);
    } finally {
      setLoadGuard(undefined);
    }
  });
});

describe('virtual time stands still while code loads', () => {
  test('drive() fires no timer until the load is in, then runs the command to its end', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    for (let t = 1000; t <= 5000; t += 1000) clock.setTimeout(() => fired.push(clock.now()), t);
    const get = onDemand(slowLoad((ms: number) => new Promise<void>((r) => clock.setTimeout(r, ms)), 200));
    let seenAtLoad = -1;
    const work = (async () => {
      const sleep = await get();
      seenAtLoad = clock.now();
      await sleep(2500);
      return clock.now();
    })();
    const end = await drive(clock, work);
    expect(seenAtLoad).toBe(0);
    expect(end).toBe(2500);
    expect(fired).toEqual([1000, 2000]);
  });

  test('the real-time driver drops wall time spent loading', async () => {
    const clock = new VirtualClock(0);
    let wallNow = 0;
    const wall: WallTime = { now: () => wallNow, setInterval: () => 0, clearInterval: () => {} };
    const driver = new RealTimeDriver(clock, wall);
    driver.start();
    const get = onDemand(slowLoad('x', 5));
    const p = get();
    wallNow = 300;
    driver.tick();
    expect(clock.now()).toBe(0);
    await p;
    wallNow = 400;
    driver.tick();
    expect(clock.now()).toBe(100);
  });
});
