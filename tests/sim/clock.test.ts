import { describe, expect, it } from 'vitest';
import { RealTimeDriver, VirtualClock } from '../../src/sim/clock';
import { Random } from '../../src/sim/random';

describe('VirtualClock', () => {
  it('fires timers in due order, then insertion order, at their own due time', () => {
    const c = new VirtualClock(1000);
    const seen: string[] = [];
    c.setTimeout(() => seen.push(`b@${c.now()}`), 20);
    c.setTimeout(() => seen.push(`a@${c.now()}`), 10);
    c.setTimeout(() => seen.push(`c@${c.now()}`), 20);
    const cancelled = c.setTimeout(() => seen.push('never'), 5);
    c.clearTimeout(cancelled);
    expect(c.advance(15)).toBe(1);
    expect(c.now()).toBe(1015);
    c.advance(100);
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(c.now()).toBe(1115);
  });

  it('runs timers scheduled by timers within the same advance', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    c.setTimeout(() => c.setTimeout(() => seen.push(c.now()), 5), 5);
    c.advance(10);
    expect(seen).toEqual([10]);
  });

  it('is driven by injected wall time with a speed factor', () => {
    const c = new VirtualClock(0);
    let wall = 0;
    let tick: (() => void) | undefined;
    const d = new RealTimeDriver(c, { now: () => wall, setInterval: (fn) => (tick = fn), clearInterval: () => (tick = undefined) });
    d.start();
    wall = 100;
    tick!();
    expect(c.now()).toBe(100);
    d.setSpeed(10);
    wall = 200;
    tick!();
    expect(c.now()).toBe(1100);
    d.setSpeed(0);
    wall = 900;
    tick!();
    expect(c.now()).toBe(1100);
  });
});

describe('Random', () => {
  it('is reproducible from a seed and from a saved state', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    const saved = a.state();
    const next = a.uuid();
    expect(new Random(saved).uuid()).toBe(next);
    expect(next).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Random(43).nextUint32()).not.toBe(new Random(42).nextUint32());
  });
});
