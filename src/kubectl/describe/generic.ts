/**
 * The describer for kinds without a dedicated one (kubectl pkg/describe/describe.go genericDescriber,
 * printUnstructuredContent, smartLabelFor): Name, Namespace (printed even when empty), Labels, Annotations, then
 * every field of the object as JSON decodes it, keys sorted, nested maps indented, labels made from the field
 * names by github.com/fatih/camelcase's Split (API, URL, UID, OSB and GUID upper-cased).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

type CharClass = 'lower' | 'upper' | 'digit' | 'other';
function classOf(c: string): CharClass {
  if (/\p{Ll}/u.test(c)) return 'lower';
  if (/\p{Lu}/u.test(c)) return 'upper';
  if (/\p{Nd}/u.test(c)) return 'digit';
  return 'other';
}

/** camelcase.Split: runs of one character class; an upper run followed by a lower run gives its last letter away. */
export function camelSplit(s: string): string[] {
  const runs: string[][] = [];
  let last: CharClass | undefined;
  for (const c of s) {
    const k = classOf(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i].length && classOf(runs[i][0]) === 'upper' && runs[i + 1].length && classOf(runs[i + 1][0]) === 'lower') {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** Go's strings.Title: upper-cases every letter that follows a non-letter (or starts the string). */
function title(s: string): string {
  let out = '';
  let prev = '';
  for (const c of s) {
    out += prev === '' || !/[\p{L}\p{Nd}_']/u.test(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : title(p)))
    .join(' ');
}

/** Go's %v of a JSON-decoded scalar. */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.map(scalar).join(' ')}]` : scalar(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else w.write(level, `${smartLabelFor(field)}:\t${scalar(value)}\n`);
  }
}

export function describeGeneric(o: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${o.metadata.name ?? ''}\n`);
  w.write(L0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  printContent(w, L0, o as unknown as Record<string, unknown>, '');
  describeEvents(w, events, now);
  return w.toString();
}
