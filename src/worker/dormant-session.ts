/**
 * The worker's first answer: a terminal that scrolls into view gets its prompt from this small front, and the
 * simulated cluster (the Session with its world, shell and kubectl: most of the worker's code) loads only when the
 * learner reaches for it: focus, a key, a Run button, the map, or any call that needs the cluster.
 *
 * A fresh world is deterministic, so nothing is lost by starting it late: the first prompt is the one a new shell
 * prints, and the world that starts on first use is the world that would have started at once, only with its clock
 * started later. A session that restores saved work or hosts a lab starts at once (its checklist and prompt need
 * the world).
 *
 * DOM-free: it runs in the worker and in Node tests.
 */
import type {
  ClusterSummary,
  CompletionReply,
  ExecResult,
  InitResult,
  LabStatus,
  SessionApi,
  SessionOptions,
  SessionSnapshot,
  Sink,
  SinkMessage,
  SolutionStep,
} from './protocol';

/** Builds the real session (the heavy chunk). Called again after a failure, so a dropped download can be retried. */
export type SessionLoader = () => Promise<SessionApi>;

interface Started {
  session: SessionApi;
  result: InitResult;
}

export class DormantSession implements SessionApi {
  private options?: SessionOptions;
  private sink?: Sink;
  private started?: Started;
  private starting?: Promise<Started>;
  /** Terminals opened before the world: reopened on the real session, which gives them fresh shells. */
  private terms = new Map<string, { cols: number; rows: number }>();
  /** Ctrl-C pressed while a command waited for the world: it never runs. */
  private cancelled = new Set<string>();
  private speed = 1;
  private mapOn = false;
  /** Sink batches this front sent itself; the real session counts only its own (ExecResult.batches). */
  private ownBatches = 0;

  constructor(
    private readonly load: SessionLoader,
    /** The prompt of a fresh shell (src/shell/prompt.ts), drawn before the shell exists. */
    private readonly freshPrompt: string,
  ) {}

  /** Whether the cluster has been started (for tests and the page's status). */
  get awake(): boolean {
    return this.started !== undefined;
  }

  async init(options: SessionOptions, sink: Sink, snapshot?: SessionSnapshot | null): Promise<InitResult> {
    this.options = options;
    this.sink = sink;
    if (!snapshot && !options.labSource) return { restored: false };
    return (await this.start(snapshot ?? null)).result;
  }

  /** The page saw the learner reach for the terminal: start loading the cluster now. Never throws. */
  warm(): void {
    this.start(null).catch(() => {
      // Reported to the learner by the call that needs the world.
    });
  }

  private start(snapshot: SessionSnapshot | null): Promise<Started> {
    if (this.started) return Promise.resolve(this.started);
    if (!this.starting) {
      const starting = (async (): Promise<Started> => {
        const session = await this.load();
        const result = await session.init(this.options ?? { seed: 1 }, (batch) => this.sink?.(batch), snapshot);
        for (const [id, t] of this.terms) session.openTerminal(id, t.cols, t.rows);
        if (this.speed !== 1) session.setSpeed(this.speed);
        this.started = { session, result };
        return this.started;
      })();
      this.starting = starting;
      starting.catch(() => {
        if (this.starting === starting) this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async session(): Promise<SessionApi> {
    return (await this.start(null)).session;
  }

  private tell(id: string, runId: number, text: string): void {
    const batch: SinkMessage[] = [{ kind: 'output', terminal: id, runId, stream: 'stderr', text }];
    this.ownBatches++;
    try {
      this.sink?.(batch);
    } catch {
      // The page went away.
    }
  }

  openTerminal(id: string, cols: number, rows: number): string {
    if (this.started) return this.started.session.openTerminal(id, cols, rows);
    this.terms.set(id, { cols, rows });
    return this.freshPrompt;
  }

  async exec(id: string, runId: number, line: string): Promise<ExecResult> {
    let session: SessionApi;
    try {
      session = await this.session();
    } catch (e) {
      this.tell(id, runId, `kubelab: the cluster could not be loaded (${(e as Error)?.message ?? String(e)}); run the command again\n`);
      return { runId, exitCode: 1, prompt: this.freshPrompt, batches: this.ownBatches };
    }
    if (this.cancelled.delete(`${id}\n${runId}`)) {
      const t = this.terms.get(id);
      return { runId, exitCode: 130, prompt: session.openTerminal(id, t?.cols ?? 80, t?.rows ?? 24), batches: this.ownBatches };
    }
    const r = await session.exec(id, runId, line);
    return { ...r, batches: r.batches === undefined ? undefined : r.batches + this.ownBatches };
  }

  async isComplete(id: string, text: string): Promise<boolean> {
    return (await this.session()).isComplete(id, text);
  }

  cancel(id: string, runId: number): void {
    if (this.started) this.started.session.cancel(id, runId);
    else this.cancelled.add(`${id}\n${runId}`);
  }

  key(id: string, data: string): void {
    // Before the world there is no program to read keys.
    this.started?.session.key(id, data);
  }

  resize(id: string, cols: number, rows: number): void {
    if (this.started) this.started.session.resize(id, cols, rows);
    else if (this.terms.has(id)) this.terms.set(id, { cols, rows });
  }

  async complete(id: string, line: string, cursor: number): Promise<CompletionReply> {
    try {
      return await (await this.session()).complete(id, line, cursor);
    } catch {
      return { from: cursor, to: cursor, candidates: [] };
    }
  }

  async snapshot(history?: Record<string, string[]>): Promise<SessionSnapshot> {
    return (await this.session()).snapshot(history);
  }

  async restore(snapshot: SessionSnapshot | null): Promise<InitResult> {
    if (!this.started && !this.starting) {
      // Nothing ran yet: back to the seed is where it already is.
      if (!snapshot) return { restored: false };
      return (await this.start(snapshot)).result;
    }
    return (await this.session()).restore(snapshot);
  }

  reset(): Promise<InitResult> {
    return this.restore(null);
  }

  setSpeed(speed: number): void {
    this.speed = Math.max(0, speed);
    this.started?.session.setSpeed(speed);
  }

  async advance(ms: number): Promise<void> {
    await (await this.session()).advance(ms);
  }

  clock(): { now: number; speed: number } {
    return this.started ? this.started.session.clock() : { now: 0, speed: this.speed };
  }

  async labStatus(): Promise<LabStatus | null> {
    // A lab starts its world at init, so a dormant session has no lab.
    return this.started ? this.started.session.labStatus() : null;
  }

  solution(): SolutionStep[] {
    return this.started ? this.started.session.solution() : [];
  }

  async watchMap(on: boolean): Promise<void> {
    this.mapOn = on;
    if (!on && !this.started) return;
    // Opened and closed again while the cluster loads: the last wish counts.
    await (await this.session()).watchMap(this.mapOn);
  }

  async clusterSummary(): Promise<ClusterSummary> {
    return (await this.session()).clusterSummary();
  }

  dispose(): void {
    this.started?.session.dispose();
  }
}
