/**
 * Main-thread side of one simulated cluster: the worker, its comlink remote (held in a long-lived field, because a
 * garbage-collected wrap() proxy can drop an in-flight call, comlink #692), the ONE output sink, persistence after
 * each command, and restart from the last snapshot when the worker crashes. Terminals on a page that name the same
 * cluster share one ClusterSession (one world, one shell each).
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { DormantSession } from '../worker/dormant-session';
import type {
  ClusterSummary,
  CompletionReply,
  ExecResult,
  InitResult,
  LabStatus,
  ModeEvent,
  OutputChunk,
  SessionSnapshot,
  SinkMessage,
  SolutionStep,
} from '../worker/protocol';
import { startSessionWorker } from './worker-factory';
import { deleteSnapshot, loadSnapshot, saveSnapshot } from './persistence';

export interface ClusterOptions {
  /** Persistence key: base + page + cluster/lab id. */
  key: string;
  seed: number;
  labId?: string;
  labSource?: string;
}

type TermListener = (m: OutputChunk | ModeEvent) => void;

const registry = new Map<string, ClusterSession>();

export class ClusterSession {
  private worker!: Worker;
  private remote!: Remote<DormantSession>;
  private terminals = new Map<string, TermListener>();
  private notices = new Set<(text: string) => void>();
  private labListeners = new Set<(s: LabStatus) => void>();
  private mapListeners = new Set<(s: ClusterSummary) => void>();
  private clockListeners = new Set<(c: { now: number; speed: number }) => void>();
  private crashListeners = new Set<() => void>();
  private histories: Record<string, string[]> = {};
  private lastSnapshot: SessionSnapshot | null = null;
  private crashed: Promise<never> = new Promise(() => {});
  private crash: (e: Error) => void = () => {};
  private mapOn = false;
  private speed = 1;
  lastLab: LabStatus | null = null;
  ready: Promise<InitResult>;

  static get(opts: ClusterOptions): ClusterSession {
    let s = registry.get(opts.key);
    if (!s) {
      s = new ClusterSession(opts);
      registry.set(opts.key, s);
    }
    return s;
  }

  private constructor(readonly opts: ClusterOptions) {
    // The worker boots while IndexedDB is read.
    const saved = loadSnapshot(opts.key).then((s) => {
      if (s) this.histories = s.history ?? {};
      this.lastSnapshot = s ?? null;
      return s ?? null;
    });
    this.ready = this.start(saved);
  }

  private async start(snapshotP: Promise<SessionSnapshot | null> | SessionSnapshot | null): Promise<InitResult> {
    // A new worker counts its sink batches from zero; nobody waits on the old one's.
    this.batchesReceived = 0;
    this.releaseBatchWaiters(true);
    this.worker = startSessionWorker();
    this.crashed = new Promise<never>((_, reject) => (this.crash = reject));
    this.crashed.catch(() => {});
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      void this.restart();
    });
    this.remote = wrap<DormantSession>(this.worker);
    const sink = proxy((batch: SinkMessage[]) => this.dispatch(batch));
    const snapshot = await snapshotP;
    const r = await this.remote.init({ seed: this.opts.seed, labId: this.opts.labId, labSource: this.opts.labSource }, sink, snapshot);
    if (this.speed !== 1) await this.remote.setSpeed(this.speed);
    if (this.mapOn) await this.remote.watchMap(true);
    return r;
  }

  private restarting = false;

  /** The worker died: start a new one from the last snapshot and tell every terminal. */
  private async restart(): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    this.crash(new Error('the simulator stopped'));
    this.worker.terminate();
    for (const cb of this.crashListeners) cb();
    this.ready = this.start(this.lastSnapshot);
    const r = await this.ready;
    this.restarting = false;
    this.notify(
      'kubelab: the simulator stopped unexpectedly; ' + (r.restored ? 'restored the state saved after the last command.' : 'started again from the beginning.'),
    );
  }

  private batchesReceived = 0;
  private batchWaiters: { n: number; resolve: () => void }[] = [];

  /** Resolves once the sink has delivered `n` batches (ExecResult.batches), or at once when it already has. */
  private batchesDelivered(n: number | undefined): Promise<void> {
    if (n === undefined || this.batchesReceived >= n) return Promise.resolve();
    return new Promise((resolve) => {
      this.batchWaiters.push({ n, resolve });
      // A lost batch must not keep the prompt away for good.
      setTimeout(() => this.releaseBatchWaiters(true), 2000);
    });
  }

  private releaseBatchWaiters(all = false): void {
    const keep: { n: number; resolve: () => void }[] = [];
    for (const w of this.batchWaiters) (all || this.batchesReceived >= w.n ? w.resolve() : keep.push(w));
    this.batchWaiters = keep;
  }

  private dispatch(batch: SinkMessage[]): void {
    try {
      this.deliver(batch);
    } finally {
      this.batchesReceived++;
      this.releaseBatchWaiters();
    }
  }

  private deliver(batch: SinkMessage[]): void {
    for (const m of batch) {
      switch (m.kind) {
        case 'output':
        case 'mode':
          if (m.terminal === '*') {
            if (m.kind === 'output') this.notify(m.text.replace(/\n$/, ''));
          } else this.terminals.get(m.terminal)?.(m);
          break;
        case 'lab':
          this.lastLab = m.status;
          for (const cb of this.labListeners) cb(m.status);
          break;
        case 'map':
          for (const cb of this.mapListeners) cb(m.summary);
          break;
        case 'clock':
          for (const cb of this.clockListeners) cb(m);
          break;
      }
    }
  }

  private notify(text: string): void {
    for (const cb of this.notices) cb(text);
  }

  /** Races a call against a worker crash, so a dead worker never leaves a prompt hanging. */
  private call<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.crashed]);
  }

  async attach(id: string, cols: number, rows: number, listener: TermListener, notice: (t: string) => void, onCrash: () => void): Promise<{ prompt: string; history: string[]; init: InitResult }> {
    const init = await this.ready;
    this.terminals.set(id, listener);
    this.notices.add(notice);
    this.crashListeners.add(onCrash);
    const prompt = await this.remote.openTerminal(id, cols, rows);
    return { prompt, history: this.histories[id] ?? [], init };
  }

  /**
   * The learner reached for a terminal (focus, pointer, a key): start loading the cluster now, so it is ready by the
   * time the command is typed. Scrolling past a terminal loads only the prompt.
   */
  warm(): void {
    void this.ready.then(() => this.remote.warm()).catch(() => {});
  }

  async reopen(id: string, cols: number, rows: number): Promise<string> {
    await this.ready;
    return this.remote.openTerminal(id, cols, rows);
  }

  async exec(id: string, runId: number, line: string, history: string[]): Promise<ExecResult> {
    await this.ready;
    const r = await this.call(this.remote.exec(id, runId, line));
    await this.batchesDelivered(r.batches);
    this.histories[id] = history;
    // The prompt does not wait for the save: the snapshot request is queued behind this command in the worker
    // right away, and the IndexedDB write finishes while the learner reads the output.
    void this.save();
    return r;
  }

  async isComplete(id: string, text: string): Promise<boolean> {
    await this.ready;
    return this.call(this.remote.isComplete(id, text));
  }

  cancel(id: string, runId: number): void {
    void this.remote.cancel(id, runId);
  }

  key(id: string, data: string): void {
    void this.remote.key(id, data);
  }

  resize(id: string, cols: number, rows: number): void {
    void this.ready.then(() => this.remote.resize(id, cols, rows));
  }

  async complete(id: string, line: string, cursor: number): Promise<CompletionReply> {
    await this.ready;
    return this.call(this.remote.complete(id, line, cursor));
  }

  private saving: Promise<void> = Promise.resolve();

  /** Saves now; saves run one after another, so an older snapshot never lands after a newer one. */
  save(): Promise<void> {
    const snap = this.call(this.remote.snapshot(this.histories));
    snap.catch(() => {}); // awaited below, maybe after it failed
    this.saving = this.saving.then(async () => {
      try {
        const s = await snap;
        this.lastSnapshot = s;
        await saveSnapshot(this.opts.key, s);
      } catch {
        // Saving is best effort.
      }
    });
    return this.saving;
  }

  async snapshot(): Promise<SessionSnapshot> {
    await this.ready;
    return this.call(this.remote.snapshot(this.histories));
  }

  async restore(snap: SessionSnapshot | null): Promise<InitResult> {
    await this.ready;
    const r = await this.call(this.remote.restore(snap));
    await this.save();
    return r;
  }

  /** Back to the lab's seed (or an empty world) and forget the saved state. */
  async reset(): Promise<InitResult> {
    await this.ready;
    const r = await this.call(this.remote.reset());
    await deleteSnapshot(this.opts.key);
    await this.save();
    return r;
  }

  async solution(): Promise<SolutionStep[]> {
    await this.ready;
    return this.remote.solution();
  }

  async labStatus(): Promise<LabStatus | null> {
    await this.ready;
    const s = await this.remote.labStatus();
    if (s) this.lastLab = s;
    return s;
  }

  async setSpeed(speed: number): Promise<void> {
    this.speed = speed;
    await this.ready;
    await this.remote.setSpeed(speed);
  }

  async advance(ms: number): Promise<void> {
    await this.ready;
    await this.remote.advance(ms);
  }

  async watchMap(on: boolean): Promise<void> {
    this.mapOn = on;
    await this.ready;
    await this.remote.watchMap(on);
  }

  onLab(cb: (s: LabStatus) => void): () => void {
    this.labListeners.add(cb);
    if (this.lastLab) cb(this.lastLab);
    return () => this.labListeners.delete(cb);
  }

  onMap(cb: (s: ClusterSummary) => void): () => void {
    this.mapListeners.add(cb);
    return () => this.mapListeners.delete(cb);
  }

  onClock(cb: (c: { now: number; speed: number }) => void): () => void {
    this.clockListeners.add(cb);
    return () => this.clockListeners.delete(cb);
  }

  /** For tests and the e2e suite: make the worker die as a crash would. */
  simulateCrash(): void {
    void this.restart();
  }
}
