/**
 * What a check kind is: a subject key (`deployment`, `pods`, `file` …), the fields it accepts, and an evaluation
 * over an EvalContext that answers pass/fail with the expected and the actual state in words.
 */
import type { ObjectSource } from '../source';

/** The learner's files, as seen by checks (kubeconfig, answers written to files). */
export interface FileReader {
  /** File text, or undefined when the file does not exist. Paths are absolute. */
  read(path: string): string | undefined;
}

/** k3d clusters as the container runtime holds them (for `cluster:` checks). */
export interface ClusterInfo {
  name: string;
  servers: { running: number; total: number };
  agents: { running: number; total: number };
}

export interface ClusterRuntime {
  clusters(): ClusterInfo[];
}

export interface EvalContext {
  /** The cluster the learner's current kubeconfig context points at. */
  objects: ObjectSource;
  files?: FileReader;
  /** Home directory for `~/` in paths (default /root, k3d's typical shell user in the course). */
  home?: string;
  clusters?: ClusterRuntime;
}

export interface CheckResult {
  pass: boolean;
  /** What is being checked, e.g. `deployment web`. */
  subject: string;
  /** The expectation in words: `3 available replicas, image nginx:1.27`. */
  expected: string;
  /** What was found, for the failing parts: `2 available replicas`. Empty when passing. */
  actual: string;
  /** One sentence for the learner: `deployment web: expected 3 available replicas, found 2 available replicas`. */
  text: string;
  /** Each failing aspect on its own, when a check compares several (`{expected: 'image nginx:1.27', actual: …}`). */
  failures?: { expected: string; actual: string }[];
}

/** Types a check field may have; validation reports anything else by path. */
export type FieldType = 'string' | 'number' | 'boolean' | 'count' | 'stringMap' | 'strings' | 'map' | 'stringOrMap';

export interface CheckKind {
  /** The key that names the kind in YAML and holds the subject (a name, a selector, or a mapping of fields). */
  key: string;
  /** Fields accepted beside the key (or inside the key's mapping). */
  fields: Record<string, FieldType>;
  /** What the subject value may be. */
  subject: 'name' | 'selector' | 'path' | 'mapping';
  /** Extra validation beyond types (e.g. required fields). Returns error texts. */
  validate?(spec: Record<string, unknown>): string[];
  evaluate(spec: Record<string, unknown>, ctx: EvalContext): Promise<CheckResult>;
}

/** A validated check: its kind key and its flattened fields. */
export interface Check {
  kind: string;
  spec: Record<string, unknown>;
}
