/// <reference lib="webworker" />
/**
 * The worker entry: a small front (dormant-session.ts) exposed with comlink, which draws the first prompt and loads
 * the simulated cluster when the learner reaches for the terminal. The wall clock lives here (outside the simulator
 * core) and drives the virtual clock through RealTimeDriver.
 */
import { expose } from 'comlink';
import { DormantSession } from './dormant-session';
import { FRESH_PROMPT } from '../shell/prompt';
import type { WallTime } from '../sim/clock';
import { loadTimeout, setLoadGuard } from '../sim/lazy';

const wall: WallTime = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

// A chunk that never arrives must not hold the clock and the command for good.
const guard = loadTimeout(30_000, { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) });
setLoadGuard(guard);

expose(new DormantSession(async () => (await guard(import('./world-session'))).worldSession(wall), FRESH_PROMPT));
