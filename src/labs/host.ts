/**
 * What the lab runner needs from a simulated world: a shell to type into, virtual time to let pass, the
 * learner's files, and the API of the cluster the current context points at. The worker and the CLI build one
 * from the world and the shell; tests may build one from anything that behaves the same way.
 */
import type { ApiHandler } from '../sim/apiserver/types';
import type { EvalContext } from './checks/types';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LabHost {
  /** The learner's home directory (`~`). */
  readonly home: string;
  /** Runs one command line as typed in the terminal, letting virtual time pass until it finishes. */
  run(line: string): Promise<CommandResult>;
  /** Lets the cluster run for this many virtual seconds. */
  advance(seconds: number): Promise<void>;
  /** Writes a file in the learner's filesystem (absolute path), creating its directories. */
  writeFile(path: string, content: string): void;
  /** The API server of the cluster the current kubeconfig context points at, when one is running. */
  api(): ApiHandler | undefined;
  /** Where checks read from: objects, files, k3d clusters. */
  evalContext(): EvalContext;
}

/** Builds a fresh world for a lab: `empty` means no cluster yet (the k3d lab), otherwise mini-cluster 1+3. */
export type LabHostFactory = (opts: { seed: number; empty: boolean }) => Promise<LabHost>;
