/**
 * The whole simulated world: one VirtualClock and one seeded Random for everything, the k3d runtime (Docker with
 * its clusters), and the mapping from kubeconfig server URLs to running API servers.
 *
 * Snapshots are a replay log. The simulation is deterministic in (seed, start time, inputs, clock advances), so a
 * snapshot records the options the world was made with plus every input in order: clock advances (consecutive
 * ones merged, which fires the same timers at the same instants), write requests sent to an API server from
 * outside (kubectl, labs), and k3d operations. `World.restore` rebuilds the world and replays them; every timer
 * is re-armed exactly as it was, so restore → continue prints the same bytes as never snapshotting.
 * Exec sessions are numbered in the order they open, so what is typed into them replays into the same session.
 */
import type { ApiHandler, ApiRequest, ApiResponse, ExecSession } from './apiserver/types';
import { DEFAULT_EPOCH_MS, VirtualClock } from './clock';
import type { Cluster } from './cluster';
import { K3dRuntime, type CreateClusterOptions } from './k3d/runtime';
import { loadsInFlight } from './lazy';
import type { ClusterNetwork } from './network';
import { Random } from './random';

export interface WorldOptions {
  seed: number;
  /** Virtual start time (ms since the epoch); 2026-11-25T09:00:00Z by default. */
  startMs?: number;
  /** No cluster at all (the k3d chapter creates one itself). */
  empty?: boolean;
  /** The cluster created at start (default: mini-cluster, 1 server, 3 agents). */
  cluster?: CreateClusterOptions;
  /** Virtual time to let the new cluster settle (default 30 s). */
  settleMs?: number;
}

export type WorldOp =
  | { t: 'advance'; to: number }
  | { t: 'api'; cluster: string; req: ApiRequest }
  /** Input to the n-th exec session opened from outside: keystrokes, or end of stdin. */
  | { t: 'exec'; n: number; data?: string; close?: boolean }
  | { t: 'k3d'; op: string; args: unknown[] };

export interface WorldSnapshot {
  version: 1;
  options: WorldOptions;
  ops: WorldOp[];
}

/** A clock that reports each advance to the world's log. */
class RecordingClock extends VirtualClock {
  onAdvance?: (to: number) => void;
  override advanceTo(target: number, maxFires?: number): number {
    const fired = super.advanceTo(target, maxFires);
    // where time really got to: short of the target when it held for a load (VirtualClock.holdsForLoads)
    this.onAdvance?.(this.now());
    return fired;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class World {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly k3d: K3dRuntime;
  readonly options: WorldOptions;
  private ops: WorldOp[] = [];
  private recording = false;
  private handlers = new Map<string, ApiHandler>();

  /** Virtual time the new cluster still has to run before the world is ready (see settle()). */
  private settleUntil?: number;

  /**
   * `settle: 'later'` creates the cluster but leaves its settle period to settle(), so a caller can show a prompt
   * first and run the period in slices. The result is the same world: timers fire at their own due times
   * however the period is cut, and recording starts only once it is over.
   */
  constructor(options: WorldOptions, how: { settle?: 'now' | 'later' } = {}) {
    this.options = JSON.parse(JSON.stringify(options));
    const clock = new RecordingClock(options.startMs ?? DEFAULT_EPOCH_MS);
    this.clock = clock;
    this.random = new Random(options.seed);
    this.k3d = new K3dRuntime(this.clock, this.random);
    clock.onAdvance = (to) => this.log({ t: 'advance', to });
    this.k3d.onOp = (op, args) => this.log({ t: 'k3d', op, args });
    if (!options.empty) {
      this.k3d.createCluster({ name: 'mini-cluster', servers: 1, agents: 3, ...(options.cluster ?? {}) });
      this.settleUntil = this.clock.now() + (options.settleMs ?? 30_000);
      if (how.settle !== 'later') this.settle();
    } else {
      this.recording = true;
    }
  }

  /** Whether the new cluster's settle period is over (the world then records its inputs). */
  get settled(): boolean {
    return this.settleUntil === undefined;
  }

  /** Runs at most `maxMs` more of the settle period; true once it is over. */
  settle(maxMs = Infinity): boolean {
    if (this.settleUntil === undefined) return true;
    this.clock.advanceTo(Math.min(this.settleUntil, this.clock.now() + maxMs));
    if (this.clock.now() < this.settleUntil) return false;
    this.settleUntil = undefined;
    this.recording = true;
    return true;
  }

  private log(op: WorldOp): void {
    if (!this.recording) return;
    const last = this.ops[this.ops.length - 1];
    if (op.t === 'advance' && last?.t === 'advance') last.to = op.to;
    else this.ops.push(op);
  }

  /**
   * The API server answering at a kubeconfig server URL (`https://0.0.0.0:41235`), or undefined when no running
   * cluster listens there (kubectl then reports the connection refused).
   */
  resolveServer(url: string): ApiHandler | undefined {
    const rec = this.k3d.clusterForServer(url);
    if (!rec) return undefined;
    return this.handlerFor(rec.cluster);
  }

  /** A cluster's API as seen from outside the simulation: writes go to the replay log. */
  handlerFor(cluster: Cluster): ApiHandler {
    let h = this.handlers.get(cluster.name);
    if (!h || (h as { cluster?: Cluster }).cluster !== cluster) {
      const world = this;
      h = {
        cluster,
        handle(req: ApiRequest): ApiResponse {
          if (WRITE_METHODS.has(req.method)) world.log({ t: 'api', cluster: cluster.name, req: JSON.parse(JSON.stringify(req)) });
          const res = cluster.apiserver.handle(req);
          if (res.exec) res.exec = world.trackExec(res.exec);
          return res;
        },
      } as ApiHandler & { cluster: Cluster };
      this.handlers.set(cluster.name, h);
    }
    return h;
  }

  private execs: ExecSession[] = [];

  /** Numbers an exec session and logs what is written to it (replayed into the same session on restore). */
  trackExec(session: ExecSession): ExecSession {
    const n = this.execs.length;
    this.execs.push(session);
    const world = this;
    return {
      write(data: string) {
        world.log({ t: 'exec', n, data });
        session.write(data);
      },
      closeStdin() {
        world.log({ t: 'exec', n, close: true });
        session.closeStdin();
      },
      onOutput: (cb) => session.onOutput(cb),
      onExit: (cb) => session.onExit(cb),
      resize: session.resize ? (c: number, r: number) => session.resize!(c, r) : undefined,
      close: () => session.close(),
    };
  }

  /** The cluster by name, or the only/first one. */
  cluster(name?: string): Cluster | undefined {
    if (name) return this.k3d.get(name)?.cluster;
    const first = [...this.k3d.clusters.values()][0];
    return first?.cluster;
  }

  /** The API of the default cluster (mini-cluster), through the recording handler. */
  api(name?: string): ApiHandler | undefined {
    const c = this.cluster(name);
    if (!c) return undefined;
    const rec = this.k3d.get(c.name)!;
    return this.k3d.apiRunning(rec) ? this.handlerFor(c) : undefined;
  }

  /** The kubeconfig server URL of a cluster (`https://0.0.0.0:<port>`). */
  serverURL(name?: string): string | undefined {
    const c = this.cluster(name);
    return c ? this.k3d.kubeconfig(c.name).server : undefined;
  }

  /** Cluster networks for host-side curl (loadbalancer IPs, node ports). */
  networks(): ClusterNetwork[] {
    return [...this.k3d.clusters.values()].map((r) => r.cluster.network).filter((n): n is ClusterNetwork => !!n);
  }

  /** A number that changes whenever any cluster changes. */
  revision(): number {
    let sum = 0;
    for (const r of this.k3d.clusters.values()) sum += r.cluster.revision();
    return sum + this.k3d.clusters.size * 1_000_000_000;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  snapshot(): WorldSnapshot {
    return JSON.parse(JSON.stringify({ version: 1, options: this.options, ops: this.ops }));
  }

  /** Rebuilds a world from a snapshot by replaying its inputs. */
  static restore(json: WorldSnapshot | string): World {
    const r = World.restoring(json);
    // Replayed at once, so nothing can wait for code loaded on first use: the clock does not hold for it (a
    // container whose shell is not in yet starts when it is; see images/container-shell).
    r.world.clock.holdsForLoads = false;
    try {
      while (!r.step(Infinity));
    } finally {
      r.world.clock.holdsForLoads = true;
    }
    return r.world;
  }

  /**
   * A restore run in steps: `world` exists at once (its cluster created), and each step(maxMs) replays at most
   * `maxMs` of virtual time (the settle period, then the logged inputs, long clock advances cut into pieces);
   * it returns true once everything is replayed. Cutting changes nothing: timers fire at their own due times, and
   * consecutive advances merge into one entry of the new log, so the result equals World.restore's.
   * Throws at once on a snapshot of another version.
   */
  static restoring(json: WorldSnapshot | string): { world: World; step(maxMs: number): boolean } {
    const s: WorldSnapshot = typeof json === 'string' ? JSON.parse(json) : json;
    if (s.version !== 1) throw new Error(`unsupported world snapshot version ${String((s as { version?: unknown }).version)}`);
    const w = new World(s.options, { settle: 'later' });
    const ops = s.ops ?? [];
    let i = 0;
    const step = (maxMs: number): boolean => {
      if (!w.settled) return w.settle(maxMs) && i >= ops.length;
      let budget = maxMs;
      while (i < ops.length) {
        // Code loading on first use (an exec's shell, a container's) is real I/O: the replay waits for it as the
        // recorded run did, so the caller comes back (World.restore, which cannot wait, turns holding off).
        if (w.clock.holdsForLoads && loadsInFlight()) return false;
        const op = ops[i];
        if (op.t !== 'advance') {
          w.apply(op);
          i++;
          continue;
        }
        if (budget <= 0) return false;
        const now = w.clock.now();
        const to = Math.min(op.to, now + budget);
        w.clock.advanceTo(to);
        budget -= Math.max(0, w.clock.now() - now);
        if (w.clock.now() < op.to) return false;
        i++;
      }
      return true;
    };
    return { world: w, step };
  }

  private apply(op: WorldOp): void {
    if (op.t === 'advance') {
      this.clock.advanceTo(op.to);
      return;
    }
    if (op.t === 'api') {
      const c = this.cluster(op.cluster);
      if (c) this.handlerFor(c).handle(op.req);
      return;
    }
    if (op.t === 'exec') {
      const session = this.execs[op.n];
      this.log({ ...op });
      if (op.close) session?.closeStdin();
      else if (op.data !== undefined) session?.write(op.data);
      return;
    }
    const k = this.k3d as unknown as Record<string, (...a: unknown[]) => unknown>;
    try {
      k[op.op](...op.args);
    } catch {
      // the original call failed the same way (and logged nothing after the failure point)
    }
  }
}

/** The world `kubelab run` and the course start from: mini-cluster (1 server, 3 agents) created and settled. */
export function createWorld(opts: WorldOptions = { seed: 1 }, how: { settle?: 'now' | 'later' } = {}): World {
  return new World(opts, how);
}
