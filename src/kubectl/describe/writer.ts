/**
 * describe's PrefixWriter over a tabwriter (kubectl pkg/describe/describe.go: tabbedString, NewPrefixWriter):
 * LEVEL_n adds 2n spaces; `Key:\tvalue` pairs align within runs of tabbed lines; Flush ends a block.
 */
import { TabWriter, DESCRIBE_TABS } from '../printers/tabwriter';
import { rfc1123z, ageSince } from '../printers/duration';

export class PrefixWriter {
  private tw = new TabWriter(DESCRIBE_TABS);
  private out = '';
  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  line(text: string): void {
    this.tw.write(text + '\n');
  }
  flush(): void {
    this.out += this.tw.flush();
  }
  toString(): string {
    this.flush();
    return this.out;
  }
}

export const L0 = 0;
export const L1 = 1;
export const L2 = 2;
export const L3 = 3;
export const L4 = 4;

export function time(ts: string | undefined | null): string {
  return ts ? rfc1123z(ts) : '<unset>';
}

/** Go's RFC1123Z of a zero time, as describe prints unset Time fields. */
export const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

export function timeOrZero(ts: string | undefined | null): string {
  return ts ? rfc1123z(ts) : ZERO_TIME;
}

export function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initial = '', inner = '\t'): void {
  w.write(L0, `${initial}${title}:${inner}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(L0, `${initial}${inner}`);
    w.write(L0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
/** describe hides the client-side apply annotation (describe.go skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined, initial = ''): void {
  w.write(L0, `${initial}${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  const indent = `${initial}\t`;
  keys.forEach((k, i) => {
    if (i) w.write(L0, indent);
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(L0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(L0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else w.write(L0, `${k}: ${value}\n`);
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initial = '', inner = '\t'): void {
  w.write(L0, `${initial}${title}:${inner}`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (!list.length) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i) w.write(L0, `${initial}${inner}`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(L0, s + '\n');
  });
}

export interface CoreEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingController?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string };
  metadata?: { name?: string; creationTimestamp?: string };
}

function eventSortTime(e: CoreEvent): number {
  const t = e.lastTimestamp || e.eventTime || e.firstTimestamp;
  return t ? Date.parse(t) : 0;
}

export function sortEvents(events: CoreEvent[]): CoreEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => eventSortTime(a.e) - eventSortTime(b.e) || a.i - b.i)
    .map((x) => x.e);
}

/** The Events table every describer ends with (describe.go DescribeEvents). */
export function describeEvents(w: PrefixWriter, events: CoreEvent[] | undefined, now: number): void {
  if (events === undefined) return;
  if (!events.length) {
    w.write(L0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(L0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(L1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    const first = e.eventTime ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingController || '';
    w.write(L1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-separated; `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}
