/**
 * The real engine: the simulated world (k3d's mini-cluster, or no cluster for the k3d labs) and the learner's bash.
 * Terminals on one cluster are terminals on one machine: their shells share one filesystem (home, kubeconfig),
 * and the lab seeds and grades that same machine.
 */
import { World, createWorld, type WorldSnapshot } from '../sim/world';
import { Shell, type ShellSnapshot } from '../shell/session';
import type { MemoryFS } from '../shell/vfs';
import type { Engine, EngineShell, EngineWorld } from './engine';
import { loadsInFlight, loadsSettled } from '../sim/lazy';

/**
 * Whether a lab's seed asks for no cluster (`cluster: none` or a custom k3d cluster the seed creates itself), read
 * without loading the lab engine: the one key the world needs before the lab loads.
 */
export function startsWithoutCluster(labSource: string): boolean {
  const seed = /^seed:\s*\n((?:[ \t]+.*\n?)*)/m.exec(labSource)?.[1] ?? '';
  const cluster = /^[ \t]+cluster:\s*(\S+)/m.exec(seed)?.[1];
  return cluster !== undefined && cluster !== 'default';
}
/** Virtual time per step while a fresh world settles (about 20 ms of work each). */
const PREPARE_SLICE_MS = 1000;
/** Virtual time per step of a replay once settled (an idle cluster runs a minute in a few ms). */
const REPLAY_SLICE_MS = 30_000;
/**
 * Wall time spent stepping before yielding to the page's messages. Hopping to a new macrotask costs a few ms in a
 * busy browser, so steps are grouped; how the work is cut never changes the world (only when it is done).
 */
const SLICE_WALL_MS = 25;

async function inSlices(step: (maxMs: number) => boolean, size: () => number): Promise<void> {
  for (;;) {
    // Yield first: the caller (init) answers before any of the work runs.
    await yieldTurn();
    // A step makes no progress while code loads on first use (the clock holds): wait for it instead of spinning.
    if (loadsInFlight()) await loadsSettled();
    const until = performance.now() + SLICE_WALL_MS;
    let done = step(size());
    while (!done && !loadsInFlight() && performance.now() < until) done = step(size());
    if (done) return;
  }
}
/** Virtual time a seeding command may take before it is interrupted like Ctrl-C. */
const SEED_COMMAND_BUDGET_MS = 10 * 60_000;

/** A macrotask turn without a timer: lets every pending promise reaction run (MessageChannel works in workers and Node). */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

export class WorldAdapter implements EngineWorld {
  private world?: World;
  private fs?: MemoryFS;

  constructor(readonly seed: number, readonly empty: boolean) {}

  /** Built on first use, so restoring a snapshot does not first build (and settle) a cluster it throws away. */
  get inner(): World {
    this.world ??= createWorld({ seed: this.seed, empty: this.empty });
    return this.world;
  }

  get clock() {
    return this.inner.clock;
  }

  api() {
    return this.inner.api();
  }

  revision() {
    return this.inner.revision();
  }

  snapshot(): WorldSnapshot {
    return this.inner.snapshot();
  }

  /**
   * Builds the world with its cluster created but not settled, so a shell (and its prompt) can exist at once;
   * the settle period then runs in slices of virtual time, each in its own macrotask, letting the page's
   * messages through. Resolves when the world is ready. Only for a fresh world (nothing to restore).
   */
  prepare(): Promise<void> {
    this.world ??= createWorld({ seed: this.seed, empty: this.empty }, { settle: 'later' });
    const world = this.world;
    return inSlices((maxMs) => world.settle(maxMs), () => PREPARE_SLICE_MS);
  }

  restore(state: unknown): void {
    const s = state as WorldSnapshot;
    if (!s || typeof s !== 'object' || !Array.isArray(s.ops)) throw new Error('not a world snapshot');
    this.world = World.restore(s);
    this.fs = undefined;
  }

  /**
   * restore() in the background: the world exists at once (shells can be made and restored), and the replay runs
   * in slices of virtual time, each in its own macrotask. Throws at once for a snapshot it cannot use; the
   * promise resolves when the replay is over.
   */
  restoreLater(state: unknown): Promise<void> {
    const s = state as WorldSnapshot;
    if (!s || typeof s !== 'object' || !Array.isArray(s.ops)) throw new Error('not a world snapshot');
    const r = World.restoring(s);
    this.world = r.world;
    this.fs = undefined;
    return inSlices(r.step, () => (r.world.settled ? REPLAY_SLICE_MS : PREPARE_SLICE_MS));
  }

  /** A shell on this machine; the first one sets up the filesystem (kubeconfig of the running clusters). */
  newShell(): Shell {
    const shell = this.fs ? new Shell({ world: this.inner, fs: this.fs }) : new Shell({ world: this.inner });
    this.fs = shell.fs;
    return shell;
  }

  machineFs(): MemoryFS {
    if (!this.fs) this.newShell();
    return this.fs!;
  }

  /** Runs virtual time forward to `end`, firing timers in order, yielding so promise chains progress. */
  async letTimePass(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      await yieldTurn();
      // Code loading on first use is real I/O: virtual time stands still until it is in.
      if (loadsInFlight()) continue;
      const next = this.clock.nextDue();
      if (next === undefined || next > end) break;
      this.clock.advanceTo(next);
    }
    this.clock.advanceTo(end);
    await yieldTurn();
  }

  /** Drives the clock until `work` settles (seeding runs instantly in virtual time). */
  async drive<T>(work: Promise<T>, onBudget: () => void): Promise<T> {
    let settled: { v: T } | { e: unknown } | undefined;
    work.then(
      (v) => (settled = { v }),
      (e) => (settled = { e }),
    );
    const start = this.clock.now();
    let idle = 0;
    let interrupted = false;
    while (!settled) {
      await yieldTurn();
      if (settled) break;
      if (loadsInFlight()) continue;
      const next = this.clock.nextDue();
      if (next === undefined) {
        if (++idle > 200) {
          if (interrupted) throw new Error('a seeding command neither finished nor stopped');
          interrupted = true;
          onBudget();
        }
        continue;
      }
      idle = 0;
      if (!interrupted && next - start > SEED_COMMAND_BUDGET_MS) {
        interrupted = true;
        onBudget();
        continue;
      }
      this.clock.advanceTo(next);
    }
    if ('e' in settled) throw settled.e;
    return settled.v;
  }
}

class ShellAdapter implements EngineShell {
  constructor(private shell: Shell) {}
  exec(line: string, io: Parameters<Shell['exec']>[1], signal: Parameters<Shell['exec']>[2]) {
    return this.shell.exec(line, io, signal);
  }
  complete(line: string, cursor: number) {
    return this.shell.complete(line, cursor);
  }
  prompt() {
    return this.shell.prompt();
  }
  isComplete(text: string) {
    return this.shell.isComplete(text);
  }
  snapshot() {
    return this.shell.snapshot();
  }
  restore(state: unknown) {
    const s = state as ShellSnapshot;
    if (!s || s.version !== 1) throw new Error('not a shell snapshot');
    this.shell.restore(s);
  }
}

export const worldEngine: Engine = {
  // A saved world is a replay log, so it is only faithful to the simulator that recorded it: bump the number when
  // the simulation of the same inputs changes (here: bootstrap RBAC objects, quota admission, containers whose shell
  // loads on first use), and older saves fall back to the lab's seed with a message.
  name: 'kubelab-world/2',
  createWorld(seed: number, opts?: { labSource?: string }) {
    return new WorldAdapter(seed, opts?.labSource ? startsWithoutCluster(opts.labSource) : false);
  },
  createShell(world: EngineWorld) {
    return new ShellAdapter((world as WorldAdapter).newShell());
  },
};
