/**
 * One container as the runtime holds it: its state (waiting / running / terminated), the previous instance,
 * restart count, logs, and the process inside paced on the virtual clock. The pod worker (podworker.ts) decides
 * what happens next; this file only runs what it is told and reports exits.
 */
import type { TimerId, VirtualClock } from '../clock';
import type { Program, ProcessAction, ProcessContext } from '../images/process';
import type { ResolvedImage } from '../images/registry';
import { LogFile } from './logs';
import type { CpuMeter } from '../metrics/usage';
import { rfc3339 } from './duration';

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string; containerID?: string; signal?: number } };

export interface ProbeState {
  successes: number;
  failures: number;
  timer?: TimerId;
}

export class ContainerRuntime {
  state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerState | Record<string, never> = {};
  restartCount = 0;
  ready = false;
  started = false;
  containerID?: string;
  image?: ResolvedImage;
  /** A step (pull, create) is in flight; the pod worker waits for it. */
  busy?: 'pulling' | 'creating' | 'stopping';
  log?: LogFile;
  prevLog?: LogFile;
  program?: Program;
  serving = false;
  startedAtMs = 0;
  finishedAtMs = 0;
  /** CPU and memory of the running instance, for the kubelet's resource metrics (set by the kubelet at start). */
  meter?: CpuMeter;
  /** Files inside the container: what the process and probes read and write. */
  fs = new Map<string, string>();
  probes: { readiness: ProbeState; liveness: ProbeState; startup: ProbeState } = {
    readiness: { successes: 0, failures: 0 },
    liveness: { successes: 0, failures: 0 },
    startup: { successes: 0, failures: 0 },
  };
  private gen?: Generator<ProcessAction, number, void>;
  private stepTimer?: TimerId;
  private killTimer?: TimerId;
  private processEnded = false;

  constructor(
    readonly name: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    public spec: any,
    readonly init: boolean,
    private clock: VirtualClock,
  ) {}

  get isRunning(): boolean {
    return 'running' in this.state;
  }
  get isTerminated(): boolean {
    return 'terminated' in this.state;
  }
  /** Not before this time does the pod worker try to start it again (image or crash back-off). */
  nextAttemptAt = 0;

  /** Ran and stopped: terminated now, or waiting in CrashLoopBackOff after a run. */
  get exited(): boolean {
    return this.isTerminated || ('waiting' in this.state && this.state.waiting.reason === 'CrashLoopBackOff' && 'terminated' in this.lastState);
  }

  /** Exit code of the last run (current or, while backing off, the last state's). */
  get lastExitCode(): number | undefined {
    if ('terminated' in this.state) return this.state.terminated.exitCode;
    if ('terminated' in this.lastState) return (this.lastState as { terminated: { exitCode: number } }).terminated.exitCode;
    return undefined;
  }

  get exitCode(): number | undefined {
    return 'terminated' in this.state ? this.state.terminated.exitCode : undefined;
  }

  /** Starts the process: a new log file, the previous one kept for --previous. */
  run(program: Program, ctx: ProcessContext, containerID: string, onExit: () => void): void {
    this.countRestart();
    if (this.log) this.prevLog = this.log;
    this.log = new LogFile();
    this.program = program;
    this.containerID = containerID;
    this.serving = false;
    this.processEnded = false;
    this.startedAtMs = this.clock.now();
    this.state = { running: { startedAt: rfc3339(this.startedAtMs) } };
    this.gen = program.run(ctx);
    this.onExit = onExit;
    this.step();
  }

  private onExit: () => void = () => {};

  private step(): void {
    this.stepTimer = undefined;
    if (!this.gen || this.processEnded) return;
    // Bound the work done at one instant; a busy loop without sleep continues a millisecond later.
    for (let i = 0; i < 10_000; i++) {
      const r = this.gen.next();
      if (r.done) {
        this.finish(r.value, undefined);
        return;
      }
      const a = r.value;
      if (a.type === 'out') this.log!.write(this.clock.now(), a.stream, a.text);
      else if (a.type === 'sleep') {
        if (a.ms === Infinity) return;
        this.stepTimer = this.clock.setTimeout(() => this.step(), a.ms);
        return;
      } else if (a.type === 'serve') {
        this.serving = true;
        return;
      } else if (a.type === 'load') {
        // Resumed where it stopped once the code is in (a failed load is asked for again by the process).
        const gen = this.gen;
        const resume = () => {
          if (this.gen === gen) this.step();
        };
        a.done.then(resume, resume);
        return;
      }
    }
    this.stepTimer = this.clock.setTimeout(() => this.step(), 1);
  }

  /** SIGTERM, then SIGKILL after the grace period. Processes that honour SIGTERM stop within ~0.1–0.3 s. */
  signal(graceMs: number, jitterMs: number): void {
    if (!this.isRunning || this.processEnded) return;
    this.busy = 'stopping';
    if (this.program?.sigterm === 'exit') {
      this.killTimer = this.clock.setTimeout(() => this.finish(0, undefined), Math.min(graceMs, jitterMs));
    } else {
      this.killTimer = this.clock.setTimeout(() => this.finish(137, 'Error'), graceMs);
    }
  }

  /** The node went away: the process is frozen where it is (no exit is observed until the node returns). */
  freeze(): void {
    this.clock.clearTimeout(this.stepTimer);
    this.clock.clearTimeout(this.killTimer);
    this.stepTimer = this.killTimer = undefined;
    this.gen = undefined;
    this.clearProbes();
  }

  /** The runtime lost the container (node restart): terminated with exit code 255, reason Unknown. */
  lose(): void {
    if (!this.isRunning) return;
    this.freeze();
    this.processEnded = true;
    this.finishedAtMs = this.clock.now();
    const running = (this.state as { running: { startedAt: string } }).running;
    this.state = { terminated: { exitCode: 255, reason: 'Unknown', startedAt: running.startedAt, finishedAt: rfc3339(this.finishedAtMs), containerID: this.containerID } };
    this.ready = false;
    this.started = false;
    this.serving = false;
    this.log?.close(this.finishedAtMs);
  }

  finish(exitCode: number, reason: string | undefined): void {
    if (this.processEnded) return;
    this.processEnded = true;
    this.clock.clearTimeout(this.stepTimer);
    this.clock.clearTimeout(this.killTimer);
    this.clearProbes();
    this.gen = undefined;
    this.busy = undefined;
    this.serving = false;
    this.ready = false;
    this.started = false;
    this.finishedAtMs = this.clock.now();
    const startedAt = 'running' in this.state ? this.state.running.startedAt : rfc3339(this.startedAtMs);
    this.state = {
      terminated: { exitCode, reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'), startedAt, finishedAt: rfc3339(this.finishedAtMs), containerID: this.containerID },
    };
    this.log?.close(this.finishedAtMs);
    this.onExit();
  }

  /** The container could not start (exec lookup failed): StartError with exit code 128. */
  startFailed(message: string, containerID: string): void {
    this.countRestart();
    if (this.log) this.prevLog = this.log;
    this.log = new LogFile();
    this.log.close(this.clock.now());
    this.containerID = containerID;
    this.finishedAtMs = this.clock.now();
    this.processEnded = true;
    this.state = { terminated: { exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z', finishedAt: rfc3339(this.finishedAtMs), containerID } };
  }

  /** A crash-looping container waits: its last run moves to lastState, the restart is counted when it starts. */
  lastStateFromCurrent(): void {
    if (this.isTerminated) {
      this.lastState = this.state;
      this.pendingRestart = true;
    }
  }

  private pendingRestart = false;

  /** A new instance starts: the previous run becomes lastState and restartCount grows (kuberuntime restartCount). */
  private countRestart(): void {
    if (this.isTerminated) {
      this.lastState = this.state;
      this.restartCount++;
    } else if (this.pendingRestart) this.restartCount++;
    this.pendingRestart = false;
  }

  clearProbes(): void {
    for (const p of Object.values(this.probes)) {
      this.clock.clearTimeout(p.timer);
      p.timer = undefined;
      p.successes = 0;
      p.failures = 0;
    }
  }
}
