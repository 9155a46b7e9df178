/**
 * The human-readable printer for server-side Tables (cli-runtime pkg/printers/tableprinter.go): upper-cased
 * headers, priority-1 columns only with -o wide, NAMESPACE first with -A, `kind.group/` name prefixes when
 * several types are printed, LABELS (--show-labels) and -L columns last, cells cut at a line break with `...`.
 */
import type { KubeObject } from '../../sim/apiserver/types';

export interface TableColumn {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
}
export interface TableRow {
  cells: unknown[];
  object?: { metadata?: KubeObject['metadata'] } & Record<string, unknown>;
}
export interface ServerTable {
  kind: 'Table';
  columnDefinitions: TableColumn[];
  rows: TableRow[];
  metadata?: { resourceVersion?: string };
}

export interface TablePrintOptions {
  wide: boolean;
  withNamespace: boolean;
  kindPrefix?: string;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** Prepended column (watch --output-watch-events). */
  eventType?: string;
  columnLabels?: boolean;
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const cut = s.search(/[\n\r\f]/);
  if (cut >= 0) s = s.slice(0, cut) + '...';
  return s;
}

/** The header line (tab-separated, newline-terminated). */
export function tableHeader(t: ServerTable, o: TablePrintOptions): string {
  const cols: string[] = [];
  if (o.eventType !== undefined) cols.push('EVENT');
  if (o.withNamespace) cols.push('NAMESPACE');
  for (const c of t.columnDefinitions) if (o.wide || !c.priority) cols.push(c.name.toUpperCase());
  for (const l of o.labelColumns) cols.push(labelHeader(l));
  if (o.showLabels) cols.push('LABELS');
  return cols.join('\t') + '\n';
}

function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

/** Rows as tab-separated lines. */
export function tableRows(t: ServerTable, o: TablePrintOptions): string {
  let out = '';
  for (const r of t.rows) {
    const cells: string[] = [];
    const meta = r.object?.metadata ?? {};
    if (o.eventType !== undefined) cells.push(o.eventType);
    if (o.withNamespace) cells.push(meta.namespace ?? '');
    t.columnDefinitions.forEach((c, i) => {
      if (!o.wide && c.priority) return;
      let text = cellText(r.cells[i]);
      if (c.format === 'name' && o.kindPrefix) text = `${o.kindPrefix}/${text}`;
      cells.push(text);
    });
    for (const l of o.labelColumns) cells.push(meta.labels?.[l] ?? '');
    if (o.showLabels) cells.push(formatLabels(meta.labels));
    out += cells.join('\t') + '\n';
  }
  return out;
}
