/// <reference lib="webworker" />
/**
 * The worker entry: one Session exposed with comlink. The wall clock lives here (outside the simulator core) and
 * drives the virtual clock through RealTimeDriver.
 */
import { expose } from 'comlink';
import { Session } from './session';
import { engine, labFactory } from './engines';
import type { WallTime } from '../sim/clock';
import { loadTimeout, setLoadGuard } from '../sim/lazy';

const wall: WallTime = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

// A chunk that never arrives must not hold the clock and the command for good.
setLoadGuard(loadTimeout(30_000, { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }));

// Quick start: the first prompt does not wait for the new cluster to settle; commands do.
expose(new Session(engine, wall, labFactory, { quickStart: true }));
