/**
 * The contract between the shell and the programs it runs (kubectl, k3d, curl, the builtins, editors).
 * Everything is asynchronous in virtual time: a program that waits (sleep, `kubectl get -w`, `rollout status`)
 * awaits promises resolved by clock timers, and whoever drives the clock (tests, `kubelab run`, the browser's
 * real-time driver) makes them progress.
 */
import type { VirtualClock } from '../sim/clock';
import type { ApiHandler } from '../sim/apiserver/types';

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  mtimeMs: number;
  mode: number;
}

/** The learner's machine: a POSIX-like in-memory filesystem. Paths given to it are absolute. */
export interface VirtualFS {
  readFile(path: string): string; // throws FsError
  writeFile(path: string, data: string, opts?: { append?: boolean }): void;
  exists(path: string): boolean;
  stat(path: string): FileStat | undefined;
  readdir(path: string): string[];
  mkdir(path: string, opts?: { recursive?: boolean }): void;
  rm(path: string, opts?: { recursive?: boolean; force?: boolean }): void;
  rename(from: string, to: string): void;
}

/** errno-style failure from VirtualFS, so commands print `cat: x: No such file or directory`. */
export class FsError extends Error {
  constructor(
    public readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES',
    public readonly path: string,
  ) {
    super(code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : code === 'ENOTDIR' ? 'Not a directory' : code === 'EEXIST' ? 'File exists' : code === 'ENOTEMPTY' ? 'Directory not empty' : 'Permission denied');
    this.name = 'FsError';
  }
}

/** Cooperative cancellation (Ctrl-C): programs check `aborted` or subscribe with onAbort. */
export interface CancelSignal {
  readonly aborted: boolean;
  onAbort(cb: () => void): void;
}

/** Raw terminal access for full-screen or interactive programs (vi, nano, `kubectl exec -it`, `watch`). */
export interface TerminalAccess {
  readonly columns: number;
  readonly rows: number;
  /** Resolves with the next chunk of key data (escape sequences as xterm sends them). */
  readKey(): Promise<string>;
  /** Writes raw bytes (escape sequences allowed). */
  write(data: string): void;
  onResize(cb: (cols: number, rows: number) => void): void;
}

export interface InputStream {
  /** Whole stdin (a pipe, a here-document, a redirect, or '' when attached to a terminal in batch mode). */
  readAll(): Promise<string>;
  readonly isTTY: boolean;
}

/** An HTTP exchange on the learner's machine (kubectl port-forward / kubectl proxy answering on localhost). */
export interface HostHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
export interface HostHttpResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}
export type HostHttpHandler = (req: HostHttpRequest) => HostHttpResponse | undefined;

/** What the host gives programs about the simulated world beyond the filesystem. */
export interface HostServices {
  clock: VirtualClock;
  /** Maps a kubeconfig server URL (https://0.0.0.0:41235) to the cluster answering there, if it is running. */
  resolveServer(url: string): ApiHandler | undefined;
  /**
   * Binds a TCP port on 127.0.0.1 of the learner's machine (`kubectl port-forward`, `kubectl proxy`), so that
   * `curl localhost:PORT` reaches the handler. Returns an error text when the port is taken
   * (kubectl prints `Unable to listen on port 8080: …`). Close it when the command ends (Ctrl-C).
   */
  listen?(port: number, handler: HostHttpHandler): { close(): void } | { error: string };
  /** Sends a request to a port bound with listen(); undefined when nothing listens (connection refused). */
  localRequest?(port: number, req: HostHttpRequest): HostHttpResponse | undefined;
}

export interface CommandContext {
  /** argv[0] is the program name as typed (after alias expansion). */
  argv: string[];
  stdin: InputStream;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string>;
  cwd: string;
  fs: VirtualFS;
  host: HostServices;
  signal: CancelSignal;
  /** Present when attached to an interactive terminal. */
  terminal?: TerminalAccess;
  /** Sleeps in virtual time; resolves early (rejecting with Cancelled) when the signal aborts. */
  sleep(ms: number): Promise<void>;
  /** Opens the learner's editor ($EDITOR, default vi) on a file and resolves when it exits. */
  editFile?(path: string): Promise<number>;
}

/** A program: resolves with its exit code. Never throws for user errors; prints and returns non-zero. */
export type Program = (ctx: CommandContext) => Promise<number>;

/** What `ctx.sleep` rejects with when the signal aborts (Ctrl-C); programs catch it and return 130. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Optional streaming read on stdin (a pipe): the next chunk, or null at end of input. */
export interface ChunkedInput extends InputStream {
  read(): Promise<string | null>;
  /** Puts text back in front of what is left (the shell's `read` takes one line and leaves the rest in the pipe). */
  unread?(text: string): void;
}
