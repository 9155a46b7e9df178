/**
 * The one facade the page talks to (through comlink): a world, one shell per terminal, a clock driven from real
 * time, and the lab being graded. Output leaves through ONE long-lived sink as small batches tagged with the run
 * id; user-level failures come back as data (exit codes, stderr), never as thrown errors, because comlink keeps only
 * an error's name, message and stack.
 *
 * DOM-free: it runs in the worker and in Node tests over a MessageChannel.
 */
import { RealTimeDriver, type WallTime } from '../sim/clock';
import { loadsSettled } from '../sim/lazy';
import type { CancelSignal, TerminalAccess } from '../shell/types';
import type { Engine, EngineShell, EngineWorld } from './engine';
import type { LabRuntime } from './lab-runtime';
import {
  SNAPSHOT_FORMAT,
  type ClusterSummary,
  type CompletionReply,
  type ExecResult,
  type InitResult,
  type LabStatus,
  type SessionApi,
  type SessionOptions,
  type SessionSnapshot,
  type Sink,
  type SolutionStep,
  type SinkMessage,
} from './protocol';
import { summarizeCluster } from './cluster-summary';
import { ClusterMapFeed } from './cluster-watch';

class Cancel implements CancelSignal {
  aborted = false;
  private cbs: Array<() => void> = [];
  onAbort(cb: () => void): void {
    if (this.aborted) cb();
    else this.cbs.push(cb);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const cb of this.cbs.splice(0)) cb();
  }
}

interface Run {
  runId: number;
  signal: Cancel;
  keys: string[];
  waiting?: (key: string) => void;
  raw: boolean;
}

interface Term {
  id: string;
  shell: EngineShell;
  cols: number;
  rows: number;
  run?: Run;
  resizeCbs: Array<(c: number, r: number) => void>;
}

export interface LabRuntimeFactory {
  (source: string, world: EngineWorld): Promise<LabRuntime> | LabRuntime;
}

export class Session implements SessionApi {
  private world?: EngineWorld;
  private terms = new Map<string, Term>();
  private savedShells: Record<string, unknown> = {};
  private sink?: Sink;
  private queue: SinkMessage[] = [];
  private flushScheduled = false;
  /** Batches handed to the current sink (see ExecResult.batches). */
  private batchesSent = 0;
  private driver?: RealTimeDriver;
  private options?: SessionOptions;
  private lab?: LabRuntime;
  private lastRevision = -1;
  private lastLab = '';
  private evaluating = false;
  private evaluateAgain = false;
  /** The live map: informers while the page shows it, nothing while it is closed (cluster-watch.ts). */
  private map = new ClusterMapFeed(
    (summary) => this.emit({ kind: 'map', summary }),
    () => this.world?.clock.now() ?? 0,
    () => this.wall?.now(),
  );

  /** While a fresh world settles after a quick start: resolves when it is ready for commands. */
  private settling?: Promise<void>;
  /** The saved world being replayed in the background: what a snapshot taken meanwhile must contain. */
  private replaying?: unknown;
  /** The speed asked for before the clock runs (quick start). */
  private speed = 1;

  constructor(
    private readonly engine: Engine,
    private readonly wall?: WallTime,
    private readonly labFactory?: LabRuntimeFactory,
    /**
     * quickStart: a fresh world without a lab answers init (and openTerminal) before its new cluster has settled;
     * commands wait for it. The browser worker uses it so the prompt does not wait for the cluster.
     */
    private readonly config: { quickStart?: boolean } = {},
  ) {}

  /** Starts the world from the seed, then restores `snapshot` when it is usable. */
  async init(options: SessionOptions, sink: Sink, snapshot?: SessionSnapshot | null): Promise<InitResult> {
    this.options = options;
    this.sink = sink;
    this.batchesSent = 0;
    const result = await this.boot(snapshot ?? null, this.config.quickStart ?? false);
    this.startClockWhenReady();
    return result;
  }

  private track(work: Promise<void>): void {
    const settling: Promise<void> = work
      .catch((e) => {
        this.emit({ kind: 'output', terminal: '*', runId: 0, stream: 'stderr', text: `kubelab: ${(e as Error).message}\n` });
      })
      .finally(() => {
        if (this.settling !== settling) return;
        this.settling = undefined;
        this.replaying = undefined;
      });
    this.settling = settling;
  }

  /** Resolves when the world is ready for commands; undefined when it already is. */
  private whenReady(): Promise<void> | undefined {
    return this.settling;
  }

  private startClockWhenReady(): void {
    const settling = this.settling;
    if (!settling) {
      this.startClock();
      return;
    }
    const world = this.world;
    void settling.then(() => {
      if (this.world !== world) return;
      this.startClock();
      this.changed();
    });
  }

  private async boot(snapshot: SessionSnapshot | null, quickStart = false): Promise<InitResult> {
    const opts = this.options!;
    this.world = await this.engine.createWorld(opts.seed, { labSource: opts.labSource });
    this.lab = undefined;
    let message: string | undefined;
    if (opts.labSource && this.labFactory) {
      try {
        this.lab = await this.labFactory(opts.labSource, this.world);
      } catch (e) {
        message = `lab ${opts.labId ?? ''}: ${(e as Error).message}`;
      }
    }
    let restored = false;
    if (snapshot) {
      const why = this.unusable(snapshot);
      if (why) {
        message = `Saved state ${why}; starting from the beginning.`;
      } else {
        try {
          // Quick start replays the saved world in the background: the prompt comes first, commands wait.
          if (quickStart && this.world.restoreLater) {
            this.track(this.world.restoreLater(snapshot.world));
            this.replaying = snapshot.world;
          }
          else this.world.restore(snapshot.world);
          this.savedShells = snapshot.shells ?? {};
          restored = true;
        } catch (e) {
          message = `Saved state could not be restored (${(e as Error).message}); starting from the beginning.`;
          this.world = await this.engine.createWorld(opts.seed, { labSource: opts.labSource });
          if (opts.labSource && this.labFactory) this.lab = await this.labFactory(opts.labSource, this.world);
        }
      }
    } else if (this.lab) {
      await this.lab.seed();
    } else if (quickStart && this.world.prepare) {
      this.track(this.world.prepare());
    }
    if (!restored && snapshot && this.lab) await this.lab.seed();
    // Terminals survive a reset: they get fresh shells on the new world.
    for (const t of this.terms.values()) {
      t.run?.signal.abort();
      t.shell = this.newShell(t.id);
    }
    this.lastRevision = -1;
    this.lastLab = '';
    this.changed();
    return { restored, message };
  }

  private unusable(s: SessionSnapshot): string | undefined {
    if (!s || typeof s !== 'object') return 'is unreadable';
    if (s.format !== SNAPSHOT_FORMAT) return `has an older format (${String(s.format)})`;
    if (s.engine !== this.engine.name) return `was made by another simulator version (${String(s.engine)})`;
    if ((s.labId ?? '') !== (this.options?.labId ?? '')) return 'belongs to another lab';
    return undefined;
  }

  private newShell(id: string): EngineShell {
    const shell = this.engine.createShell(this.world!, id);
    const saved = this.savedShells[id];
    if (saved !== undefined) {
      try {
        shell.restore(saved);
      } catch {
        // A shell state that no longer fits starts clean; the cluster is still restored.
      }
      delete this.savedShells[id];
    }
    return shell;
  }

  /** Opens (or reattaches) a terminal and returns its prompt. */
  openTerminal(id: string, cols: number, rows: number): string {
    let t = this.terms.get(id);
    if (!t) {
      t = { id, shell: this.newShell(id), cols, rows, resizeCbs: [] };
      this.terms.set(id, t);
    }
    t.cols = cols;
    t.rows = rows;
    return t.shell.prompt();
  }

  async exec(id: string, runId: number, line: string): Promise<ExecResult> {
    const t = this.terms.get(id);
    if (!t) return { runId, exitCode: 127, prompt: '$ ' };
    const run: Run = { runId, signal: new Cancel(), keys: [], raw: false };
    t.run = run;
    const ready = this.whenReady();
    if (ready) {
      await ready;
      if (run.signal.aborted) {
        if (t.run === run) t.run = undefined;
        return { runId, exitCode: 130, prompt: t.shell.prompt() };
      }
    }
    const out = (stream: 'stdout' | 'stderr') => (text: string) => {
      if (text) this.emit({ kind: 'output', terminal: id, runId, stream, text });
    };
    const terminal: TerminalAccess = {
      get columns() {
        return t.cols;
      },
      get rows() {
        return t.rows;
      },
      readKey: () => {
        if (!run.raw) {
          run.raw = true;
          this.emit({ kind: 'mode', terminal: id, runId, raw: true });
        }
        const k = run.keys.shift();
        if (k !== undefined) return Promise.resolve(k);
        return new Promise<string>((resolve) => (run.waiting = resolve));
      },
      write: (data: string) => out('stdout')(data),
      onResize: (cb) => t.resizeCbs.push(cb),
    };
    let exitCode: number;
    try {
      exitCode = await t.shell.exec(line, { stdout: out('stdout'), stderr: out('stderr'), terminal }, run.signal);
    } catch (e) {
      // A bug in the simulator: say so plainly instead of leaving the prompt hanging.
      out('stderr')(`kubelab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      exitCode = 1;
    }
    if (run.signal.aborted && exitCode === 0) exitCode = 130;
    if (run.raw) this.emit({ kind: 'mode', terminal: id, runId, raw: false });
    if (t.run === run) t.run = undefined;
    t.resizeCbs = [];
    this.changed();
    this.flush();
    return { runId, exitCode, prompt: t.shell.prompt(), batches: this.batchesSent };
  }

  /** Whether a typed text is a whole command yet (bash's PS2 `> ` continuation otherwise). */
  isComplete(id: string, text: string): boolean {
    const shell = this.terms.get(id)?.shell;
    try {
      return shell?.isComplete ? shell.isComplete(text) : true;
    } catch {
      return true;
    }
  }

  /** Ctrl-C: the running program stops (watches, logs -f, sleep) and the shell prints ^C. */
  cancel(id: string, runId: number): void {
    const t = this.terms.get(id);
    if (!t?.run || t.run.runId !== runId) return;
    t.run.signal.abort();
  }

  /** Key data for a program in raw mode. */
  key(id: string, data: string): void {
    const run = this.terms.get(id)?.run;
    if (!run) return;
    if (run.waiting) {
      const w = run.waiting;
      run.waiting = undefined;
      w(data);
    } else run.keys.push(data);
  }

  resize(id: string, cols: number, rows: number): void {
    const t = this.terms.get(id);
    if (!t) return;
    t.cols = cols;
    t.rows = rows;
    for (const cb of t.resizeCbs) cb(cols, rows);
  }

  async complete(id: string, line: string, cursor: number): Promise<CompletionReply> {
    const t = this.terms.get(id);
    if (!t) return { from: cursor, to: cursor, candidates: [] };
    await this.whenReady();
    try {
      return await t.shell.complete(line, cursor);
    } catch {
      return { from: cursor, to: cursor, candidates: [] };
    }
  }

  snapshot(history: Record<string, string[]> = {}): SessionSnapshot {
    const shells: Record<string, unknown> = { ...this.savedShells };
    for (const t of this.terms.values()) shells[t.id] = t.shell.snapshot();
    return {
      format: SNAPSHOT_FORMAT,
      engine: this.engine.name,
      labId: this.options?.labId,
      // Mid-replay the world's own log is not complete yet; the saved one is the state.
      world: this.settling && this.replaying !== undefined ? this.replaying : this.world!.snapshot(),
      shells,
      history,
    };
  }

  /** Replaces the whole state (undo of Solve, import). Falls back to the seed when the snapshot is unusable. */
  async restore(snapshot: SessionSnapshot | null): Promise<InitResult> {
    await this.whenReady();
    this.stopClock();
    this.savedShells = {};
    for (const t of this.terms.values()) t.run?.signal.abort();
    const r = await this.boot(snapshot);
    this.startClock();
    return r;
  }

  /** Reset: back to the seed. */
  async reset(): Promise<InitResult> {
    return this.restore(null);
  }

  // ---- time ----

  setSpeed(speed: number): void {
    this.speed = Math.max(0, speed);
    this.driver?.setSpeed(speed);
    this.emitClock();
  }

  /** Moves virtual time by hand (tests, and "skip ahead" in the UI). */
  advance(ms: number): void {
    const ready = this.whenReady();
    if (ready) {
      void ready.then(() => this.advance(ms));
      return;
    }
    const clock = this.world?.clock;
    if (!clock) return this.changed();
    const target = clock.now() + Math.max(0, ms);
    clock.advanceTo(target);
    this.changed();
    // The clock stops short of the target while code loads on first use (a container's shell): the rest of the
    // skip runs once it is in.
    if (clock.now() < target) void loadsSettled().then(() => this.advance(target - clock.now()));
  }

  clock(): { now: number; speed: number } {
    // Before the clock starts (a new cluster still settling) the speed asked for is the one it will run at.
    return { now: this.world?.clock.now() ?? 0, speed: this.driver?.speed ?? (this.wall ? this.speed : 0) };
  }

  private emitClock(): void {
    const c = this.clock();
    this.emit({ kind: 'clock', now: c.now, speed: c.speed });
  }

  private startClock(): void {
    if (!this.wall || !this.world) return;
    const wall = this.wall;
    const speed = this.driver?.speed ?? this.speed;
    // Wrap the interval so each tick is followed by a look at what changed.
    const hooked: WallTime = {
      now: () => wall.now(),
      setInterval: (fn, ms) =>
        wall.setInterval(() => {
          fn();
          this.changed();
        }, ms),
      clearInterval: (h) => wall.clearInterval(h),
    };
    this.driver = new RealTimeDriver(this.world.clock, hooked);
    this.driver.speed = speed;
    this.driver.start();
  }

  private stopClock(): void {
    this.driver?.stop();
  }

  dispose(): void {
    this.stopClock();
    this.map.dispose();
    for (const t of this.terms.values()) t.run?.signal.abort();
  }

  // ---- lab and map ----

  async labStatus(): Promise<LabStatus | null> {
    if (!this.lab) return null;
    await this.whenReady();
    return this.lab.status();
  }

  /** The solution's steps, for the page to type visibly. */
  solution(): SolutionStep[] {
    return this.lab?.solution() ?? [];
  }

  /** The page wants cluster summaries (the map is open). */
  watchMap(on: boolean): void {
    const ready = this.whenReady();
    if (ready) {
      void ready.then(() => this.watchMap(on));
      return;
    }
    this.map.setEnabled(on);
    this.map.poll(this.world?.api());
  }

  async clusterSummary(): Promise<ClusterSummary> {
    return this.map.enabled ? this.map.current() : summarizeCluster(this.world?.api(), this.world?.clock.now());
  }

  /** Called after every command and clock tick: re-grades and re-summarises only when the cluster changed. */
  private changed(): void {
    // While the world settles or replays, nothing is graded or summarised; that happens once it is ready.
    if (!this.world || this.settling) return;
    // The map follows its own watches; this only lets it send what they brought (at most once per 100 ms).
    this.map.poll(this.world.api());
    const rev = this.world.revision();
    if (rev === this.lastRevision) return;
    this.lastRevision = rev;
    if (this.evaluating) {
      this.evaluateAgain = true;
      return;
    }
    void this.evaluate();
  }

  private async evaluate(): Promise<void> {
    this.evaluating = true;
    try {
      do {
        this.evaluateAgain = false;
        if (this.lab) {
          const status = await this.lab.status();
          const key = JSON.stringify(status);
          if (key !== this.lastLab) {
            this.lastLab = key;
            this.emit({ kind: 'lab', status });
          }
        }
      } while (this.evaluateAgain);
    } catch (e) {
      this.emit({ kind: 'output', terminal: '*', runId: 0, stream: 'stderr', text: `kubelab: ${(e as Error).message}\n` });
    } finally {
      this.evaluating = false;
      this.flush();
    }
  }

  // ---- output batching ----

  private emit(m: SinkMessage): void {
    // Coalesce consecutive chunks of the same run and stream: one postMessage per tick, not per line.
    const last = this.queue[this.queue.length - 1];
    if (m.kind === 'output' && last?.kind === 'output' && last.runId === m.runId && last.stream === m.stream && last.terminal === m.terminal) {
      last.text += m.text;
    } else {
      this.queue.push(m);
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.queue.length || !this.sink) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.batchesSent++;
      this.sink(batch);
    } catch {
      // The page went away; nothing to deliver to.
    }
  }
}
