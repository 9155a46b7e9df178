/**
 * The worker's heavy chunk: a Session over the simulated world (cluster, shell, kubectl), graded by the lab engine.
 * The worker entry loads it when the learner first reaches for the terminal (dormant-session.ts).
 */
import { Session } from './session';
import { engine, labFactory } from './engines';
import type { WallTime } from '../sim/clock';

export function worldSession(wall: WallTime): Session {
  // Quick start: the first command's wait covers the new cluster settling, not the prompt.
  return new Session(engine, wall, labFactory, { quickStart: true });
}
