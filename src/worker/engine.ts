/**
 * What the Session needs from the simulator and the shell. Keeping it this narrow lets the worker run the real
 * world and shell, and lets tests run the Session over a MessageChannel with a tiny engine.
 */
import type { VirtualClock } from '../sim/clock';
import type { ApiHandler } from '../sim/apiserver/types';
import type { CancelSignal, TerminalAccess } from '../shell/types';
import type { CompletionReply } from './protocol';

export interface ShellIO {
  stdout(text: string): void;
  stderr(text: string): void;
  terminal?: TerminalAccess;
}

export interface EngineShell {
  exec(line: string, io: ShellIO, signal: CancelSignal): Promise<number>;
  complete(line: string, cursor: number): Promise<CompletionReply> | CompletionReply;
  prompt(): string;
  /** False while the text needs more lines (open quote, here-document, trailing pipe): show `> `. */
  isComplete?(text: string): boolean;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface EngineWorld {
  clock: VirtualClock;
  /** The API of the cluster the learner's kubeconfig points at, when one is running. */
  api(): ApiHandler | undefined;
  /** A number that changes whenever the cluster changes (the store's revision). */
  revision(): number;
  snapshot(): unknown;
  restore(state: unknown): void;
  /**
   * Optional quick start for a fresh world: shells can be made at once, and the promise resolves when the world
   * is ready for commands (the new cluster has settled).
   */
  prepare?(): Promise<void>;
  /** Optional restore in the background: throws at once when unusable; resolves when the replay is over. */
  restoreLater?(state: unknown): Promise<void>;
}

export interface Engine {
  /** Goes into snapshots: a snapshot from another engine (or version) is not restored. */
  readonly name: string;
  /** `labSource`: the lab this world is for (a k3d lab starts with no cluster). */
  createWorld(seed: number, opts?: { labSource?: string }): Promise<EngineWorld> | EngineWorld;
  createShell(world: EngineWorld, terminal: string): EngineShell;
}
