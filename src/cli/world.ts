/**
 * Builds the simulated world for the CLI. The world module (src/sim/world.ts: `createWorld({ seed, empty })`)
 * creates the k3d cluster `mini-cluster` (1 server, 3 agents) unless `empty`. Until it exists the CLI still works
 * with a machine that has no cluster, and says so once on stderr.
 */
import { VirtualClock } from '../sim/clock';
import type { ShellWorld } from '../shell/session';
import { loadSchemaDocs } from '../sim/apiserver/schema';

export interface CliWorld extends ShellWorld {
  snapshot?(): unknown;
}

export async function loadWorld(seed: number, empty: boolean, warn: (text: string) => void): Promise<CliWorld> {
  // The API server's OpenAPI documents (kubectl explain) carry field descriptions only once they are loaded;
  // read them while the world module loads.
  const docs = loadSchemaDocs();
  const spec = '../sim/world';
  let mod: { createWorld?: (o: { seed: number; empty?: boolean }) => CliWorld | Promise<CliWorld> } | undefined;
  try {
    mod = await import(/* @vite-ignore */ spec);
  } catch {
    mod = undefined;
  }
  await docs;
  if (mod?.createWorld) return await mod.createWorld({ seed, empty });
  if (!empty) warn('kubelab: the simulated world is not available in this build; starting without a cluster\n');
  return { clock: new VirtualClock(), resolveServer: () => undefined };
}
