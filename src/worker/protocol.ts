/**
 * What crosses the worker boundary: plain, small, structured-clone data. Never cluster objects (cloning 1,000 pods
 * costs ~16 ms; a terminal-sized string well under 1 ms), so the worker sends text and short summaries.
 */

export type TerminalId = string;

/** One chunk of a command's output, tagged with the run that produced it. */
export interface OutputChunk {
  kind: 'output';
  terminal: TerminalId;
  runId: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A program asked for raw keys (vi, nano, watch, exec -it) or gave them back. */
export interface ModeEvent {
  kind: 'mode';
  terminal: TerminalId;
  runId: number;
  raw: boolean;
}

export interface LabTaskStatus {
  title: string;
  done: boolean;
  /** For a failing task: the first failing check, expected vs actual. */
  expected?: string;
  actual?: string;
  hints: { nudge?: string; concept?: string; command?: string };
}

export interface LabStatus {
  labId: string;
  title: string;
  tasks: LabTaskStatus[];
  complete: boolean;
  /** Set when the lab could not be loaded or evaluated. */
  error?: string;
}

export interface LabEvent {
  kind: 'lab';
  status: LabStatus;
}

/**
 * How the map colours a pod (each colour also has a text label): from its STATUS column, phase and readiness.
 * `error` covers CrashLoopBackOff, ErrImagePull, ImagePullBackOff and the other failing waits.
 */
export type MapPodState = 'pending' | 'creating' | 'running' | 'ready' | 'error' | 'terminating' | 'succeeded' | 'failed';

export interface MapPod {
  name: string;
  namespace: string;
  /** The STATUS column kubectl would print (Running, Pending, ContainerCreating, CrashLoopBackOff …). */
  status: string;
  /** Every container ready (the READY column full). */
  ready: boolean;
  state: MapPodState;
}

export interface MapNode {
  name: string;
  ready: boolean;
  /** The STATUS column of `kubectl get nodes`: Ready, NotReady, Ready,SchedulingDisabled. */
  status: string;
  roles: string;
  pods: MapPod[];
}

export interface MapService {
  name: string;
  namespace: string;
  type: string;
  /** "80/TCP,443/TCP" as the PORT(S) column prints them. */
  ports: string;
  /** The ready endpoints of its EndpointSlices: pod names (an address when no pod is behind it). */
  endpoints: string[];
  /** Endpoints that are not ready (not receiving traffic). */
  notReady: string[];
}

/** One event as `kubectl events` shows it: TYPE, REASON, OBJECT, MESSAGE. */
export interface MapEventLine {
  type: string;
  reason: string;
  object: string;
  message: string;
}

export interface ClusterSummary {
  nodes: MapNode[];
  unscheduled: MapPod[];
  services: MapService[];
  /** The latest events, newest last. */
  events: MapEventLine[];
}

export interface MapEvent {
  kind: 'map';
  summary: ClusterSummary;
}

export interface ClockEvent {
  kind: 'clock';
  now: number;
  speed: number;
}

export type SinkMessage = OutputChunk | ModeEvent | LabEvent | MapEvent | ClockEvent;

/** The one long-lived callback the page hands the worker (comlink proxy), for every terminal it hosts. */
export type Sink = (messages: SinkMessage[]) => void;

export interface CompletionReply {
  from: number;
  to: number;
  candidates: string[];
}

export interface ExecResult {
  runId: number;
  exitCode: number;
  prompt: string;
  /**
   * How many sink batches the worker had sent when the command ended. The sink is its own message channel, which
   * the browser does not order against this reply; the page waits for that many batches before it draws the prompt,
   * so no output lands after it.
   */
  batches?: number;
}

/** A saved session: the world and each terminal's shell (home directory, history, cwd). Versioned. */
export interface SessionSnapshot {
  format: number;
  engine: string;
  labId?: string;
  world: unknown;
  shells: Record<TerminalId, unknown>;
  history: Record<TerminalId, string[]>;
}

export interface SessionOptions {
  /** Seed for the deterministic world. */
  seed: number;
  labId?: string;
  /** lab.yaml text when the session hosts a lab. */
  labSource?: string;
}

export interface InitResult {
  /** True when a snapshot was restored; false when the session started from the seed. */
  restored: boolean;
  /** A line to show the learner (e.g. why a saved state could not be used). */
  message?: string;
}

/** A step of a lab's solution: a command typed visibly, or virtual seconds to let pass. */
export type SolutionStep = { run: string } | { wait: number };

export const SNAPSHOT_FORMAT = 1;

/**
 * The calls the page makes on the worker's session (through comlink, so every answer may be a promise). Session
 * implements it over a running world; DormantSession answers the first prompt without one and starts the Session
 * when the learner reaches for the terminal.
 */
export interface SessionApi {
  init(options: SessionOptions, sink: Sink, snapshot?: SessionSnapshot | null): Promise<InitResult>;
  openTerminal(id: TerminalId, cols: number, rows: number): string;
  exec(id: TerminalId, runId: number, line: string): Promise<ExecResult>;
  isComplete(id: TerminalId, text: string): boolean | Promise<boolean>;
  cancel(id: TerminalId, runId: number): void;
  key(id: TerminalId, data: string): void;
  resize(id: TerminalId, cols: number, rows: number): void;
  complete(id: TerminalId, line: string, cursor: number): Promise<CompletionReply>;
  snapshot(history?: Record<TerminalId, string[]>): SessionSnapshot | Promise<SessionSnapshot>;
  restore(snapshot: SessionSnapshot | null): Promise<InitResult>;
  reset(): Promise<InitResult>;
  setSpeed(speed: number): void;
  advance(ms: number): void | Promise<void>;
  clock(): { now: number; speed: number };
  labStatus(): Promise<LabStatus | null>;
  solution(): SolutionStep[];
  watchMap(on: boolean): void | Promise<void>;
  clusterSummary(): Promise<ClusterSummary>;
  dispose(): void;
}
