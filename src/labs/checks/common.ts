/** Helpers shared by check kinds: counts with comparators, field paths, and assembling the result text. */
import type { KubeObject } from '../../sim/apiserver/types';
import type { CheckResult } from './types';

export interface CountSpec {
  op: '==' | '>=' | '<=' | '>' | '<';
  n: number;
}

/** `3`, `"3"`, `">=2"`, `"<= 1"`. */
export function parseCount(x: unknown): CountSpec | undefined {
  if (typeof x === 'number' && Number.isInteger(x) && x >= 0) return { op: '==', n: x };
  if (typeof x !== 'string') return undefined;
  const m = x.trim().match(/^(==|>=|<=|>|<)?\s*(\d+)$/);
  return m ? { op: (m[1] as CountSpec['op']) ?? '==', n: Number(m[2]) } : undefined;
}

export function countOk(c: CountSpec, n: number): boolean {
  switch (c.op) {
    case '==':
      return n === c.n;
    case '>=':
      return n >= c.n;
    case '<=':
      return n <= c.n;
    case '>':
      return n > c.n;
    case '<':
      return n < c.n;
  }
}

/** "3", "at least 2", "at most 1", "more than 2", "fewer than 3" followed by the noun. */
export function countWords(c: CountSpec, noun: string): string {
  const prefix = { '==': '', '>=': 'at least ', '<=': 'at most ', '>': 'more than ', '<': 'fewer than ' }[c.op];
  return `${prefix}${c.n} ${plural(noun, c.n)}`;
}

/** "1 pod", "3 pods"; nouns with a trailing '(s)'-less irregular plural are written out by callers. */
export function plural(noun: string, n: number): string {
  if (n === 1) return noun;
  const of = noun.indexOf(' of ');
  if (of > 0) return plural(noun.slice(0, of), n) + noun.slice(of);
  const words = noun.split(' ');
  const last = words[words.length - 1];
  words[words.length - 1] = last.endsWith('y') && !/[aeiou]y$/.test(last) ? last.slice(0, -1) + 'ies' : last.endsWith('s') ? last + 'es' : last + 's';
  return words.join(' ');
}

/**
 * Reads a field path: `spec.replicas`, `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`.
 */
export function getPath(obj: unknown, path: string): unknown {
  const tokens: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]|\['([^']+)'\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) tokens.push(m[1]);
    else if (m[2] !== undefined) tokens.push(Number(m[2]));
    else tokens.push(m[3] ?? m[4]);
  }
  let cur: unknown = obj;
  for (const t of tokens) {
    // Own properties only: `data.toString` or `metadata.constructor` is not a field of the object.
    if (cur === null || cur === undefined || typeof cur !== 'object' || !Object.hasOwn(cur, t)) return undefined;
    cur = (cur as Record<string | number, unknown>)[t];
  }
  return cur;
}

/** One compared aspect of a subject. */
export interface Part {
  pass: boolean;
  expected: string;
  actual: string;
}

/** Joins parts into a CheckResult: the text names only what fails, so the learner sees the gap. */
export function result(subject: string, parts: Part[]): CheckResult {
  const failing = parts.filter((p) => !p.pass);
  const pass = failing.length === 0;
  const expected = (pass ? parts : failing).map((p) => p.expected).join(', ');
  // Several failing aspects may rest on one fact (port and nodePort both show the ports): say it once.
  const actual = [...new Set(failing.map((p) => p.actual))].join(', ');
  const text = pass ? `${subject}: ${expected}` : `${subject}: expected ${expected}, found ${actual}`;
  return pass ? { pass, subject, expected, actual, text } : { pass, subject, expected, actual, text, failures: failing.map((p) => ({ expected: p.expected, actual: p.actual })) };
}

/** A result for a subject that could not be looked at all (missing object, no cluster). */
export function missing(subject: string, expected: string, actual: string): CheckResult {
  return { pass: false, subject, expected, actual, text: `${subject}: expected ${expected}, found ${actual}` };
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * Loose equality for YAML-authored expectations: 4 equals "4", true equals "true", at any depth. Mappings are equal
 * when they have the same keys with equal values, in any order; lists when they have equal items in the same order.
 */
export function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (expected === null || actual === null || expected === undefined || actual === undefined) return false;
  if (typeof expected === 'object' || typeof actual === 'object') {
    if (typeof expected !== 'object' || typeof actual !== 'object') return false;
    if (Array.isArray(expected) || Array.isArray(actual)) {
      if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
      return expected.every((x, i) => sameValue(x, actual[i]));
    }
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = Object.keys(e);
    return keys.length === Object.keys(a).length && keys.every((k) => Object.hasOwn(a, k) && sameValue(e[k], a[k]));
  }
  return String(expected) === String(actual);
}

export function nsOf(spec: Record<string, unknown>): string {
  return typeof spec.namespace === 'string' ? spec.namespace : 'default';
}

/** `in namespace shop` for non-default namespaces, so common cases read short. */
export function nsWords(ns: string): string {
  return ns === 'default' ? '' : ` in namespace ${ns}`;
}

export function isTerminating(o: KubeObject): boolean {
  return !!o.metadata.deletionTimestamp;
}

export function containerImages(podSpec: { containers?: { name: string; image: string }[] } | undefined): string[] {
  return (podSpec?.containers ?? []).map((c) => c.image);
}
