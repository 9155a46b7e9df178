/**
 * A LabHost over the real simulated world and the learner's shell, for `kubelab lab check|verify` and the lab
 * tests. This is the one labs module that reaches past src/sim: replaying a solution means typing into the shell.
 * Loaded dynamically, so the engine itself stays usable where the shell is not.
 */
import { createWorld, type World } from '../sim/world';
import { loadsInFlight } from '../sim/lazy';
import { Shell } from '../shell/session';
import { Canceller } from '../shell/io';
import type { ClusterRuntime } from './checks/types';
import type { LabHost, LabHostFactory } from './host';
import { currentServer, machineContext, type Machine } from './machine';

/** Virtual time one command may take before it is interrupted like Ctrl-C (`get -w`, a stuck rollout status). */
const COMMAND_BUDGET_MS = 10 * 60_000;

/**
 * Lets queued promise reactions and same-tick callbacks run. This yields to the event loop only; it reads no
 * clock, so runs stay deterministic.
 */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function driveToEnd<T>(world: World, work: Promise<T>, onBudget: () => void): Promise<T> {
  let settled: { v: T } | { e: unknown } | undefined;
  work.then(
    (v) => (settled = { v }),
    (e) => (settled = { e }),
  );
  const start = world.clock.now();
  let idle = 0;
  let interrupted = false;
  for (;;) {
    await yieldTurn();
    if (settled) break;
    // Code loading on first use is real I/O: virtual time stands still until it is in.
    if (loadsInFlight()) continue;
    const next = world.clock.nextDue();
    if (next === undefined || (interrupted && next - start > COMMAND_BUDGET_MS * 2)) {
      if (++idle > 200) {
        if (!interrupted) {
          interrupted = true;
          onBudget();
          continue;
        }
        throw new Error('the command neither finished nor stopped when interrupted');
      }
      continue;
    }
    idle = 0;
    if (!interrupted && next - start > COMMAND_BUDGET_MS) {
      interrupted = true;
      onBudget();
      continue;
    }
    world.clock.advanceTo(next);
  }
  if ('e' in settled!) throw settled.e;
  return settled!.v;
}

/** Ticks of this length between yields, like the browser's real-time driver (which fires a tick's timers together). */
const TICK_MS = 100;

async function letTimePass(world: World, ms: number): Promise<void> {
  const end = world.clock.now() + ms;
  for (;;) {
    await yieldTurn();
    if (loadsInFlight()) continue;
    const next = world.clock.nextDue();
    if (next === undefined || next > end) break;
    world.clock.advanceTo(Math.min(end, next + TICK_MS));
  }
  world.clock.advanceTo(end);
  await yieldTurn();
}

function clusterRuntime(world: World): ClusterRuntime {
  return {
    clusters: () =>
      world.k3d.listClusters().map((c) => ({
        name: c.name,
        servers: { running: c.serversRunning, total: c.serversCount },
        agents: { running: c.agentsRunning, total: c.agentsCount },
      })),
  };
}

export const worldHostFactory: LabHostFactory = async ({ seed, empty }) => {
  const world = createWorld({ seed, empty });
  const shell = new Shell({ world });
  const home = '/root';
  const machine: Machine = {
    fs: shell.fs,
    home,
    resolveServer: (url) => world.resolveServer(url),
    clusters: clusterRuntime(world),
  };
  const host: LabHost = {
    home,
    async run(line) {
      let stdout = '';
      let stderr = '';
      const signal = new Canceller();
      const code = await driveToEnd(world, shell.exec(line, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, signal), () => signal.abort());
      await letTimePass(world, 1000);
      return { code, stdout, stderr };
    },
    advance: (seconds) => letTimePass(world, seconds * 1000),
    writeFile(path, content) {
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      shell.fs.mkdir(dir, { recursive: true });
      shell.fs.writeFile(path, content);
    },
    api() {
      const s = currentServer(machine);
      return 'error' in s ? undefined : s.handler;
    },
    evalContext: () => machineContext(machine),
  };
  return host;
};
