/**
 * curl, wget, nslookup and ping on the learner's machine (./programs). Their code loads the first time one of them
 * runs: none is needed for the prompt, and the load completes before the program reads or writes anything.
 */
import type { Program } from '../types';
import type { ClusterNetwork } from '../../sim/network/index';
import { onDemand } from '../../sim/lazy';

/** The world's side: the networks of the running clusters, in creation order. */
export interface HostNetwork {
  networks(): ClusterNetwork[];
}

/** The program names, known without loading the module (which, type, completion). */
export const NET_PROGRAMS = ['curl', 'wget', 'nslookup', 'ping'] as const;

const programs = onDemand(() => import('./programs'));

export function createNetPrograms(world: Partial<HostNetwork>): Record<string, Program> {
  let made: Record<string, Program> | undefined;
  const out: Record<string, Program> = {};
  for (const name of NET_PROGRAMS) {
    out[name] = async (ctx) => {
      made ??= (await programs()).createNetPrograms(world);
      return made[name](ctx);
    };
  }
  return out;
}
