/// <reference lib="webworker" />
/**
 * The worker entry: one Session exposed with comlink. The wall clock lives here (outside the simulator core) and
 * drives the virtual clock through RealTimeDriver.
 */
import { expose } from 'comlink';
import { Session } from './session';
import { engine, labFactory } from './engines';
import type { WallTime } from '../sim/clock';

const wall: WallTime = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

// Quick start: the first prompt does not wait for the new cluster to settle; commands do.
expose(new Session(engine, wall, labFactory, { quickStart: true }));
