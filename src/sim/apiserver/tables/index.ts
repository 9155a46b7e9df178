/**
 * Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` prints (pkg/printers/internalversion/printers.go).
 * Columns come from columns.ts, cells from one printer per resource. The server always generates the wide
 * cells; kubectl drops priority-1 columns unless `-o wide`. Resources without a printer get the apiserver's
 * DefaultTableConvertor (Name, Created At).
 */
import type { KubeObject } from '../types';
import { COLUMNS, DEFAULT_COLUMNS } from './columns';
import { printPod } from './pods';
import { WORKLOAD_PRINTERS } from './workloads';
import { NETWORK_PRINTERS } from './network';
import { CLUSTER_PRINTERS, defaultPrinter } from './cluster';

export { humanDuration, shortHumanDuration, translateTimestampSince, parseTimestamp } from './duration';
export { selectorString, formatLabelSelector, formatLabels } from './format';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** metav1.TableRowCondition: pods that Succeeded/Failed carry a `Completed` condition. */
export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: RowCondition[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

type Printer = (o: KubeObject, nowMs: number) => unknown[] | { cells: unknown[]; conditions?: RowCondition[] };

const PRINTERS: Record<string, Printer> = {
  pods: printPod,
  ...WORKLOAD_PRINTERS,
  ...NETWORK_PRINTERS,
  ...CLUSTER_PRINTERS,
};

/** The column definitions the server sends for `resource` (plural, lower case). */
export function columnsFor(group: string, resource: string): TableColumnDefinition[] {
  void group;
  return PRINTERS[resource] && COLUMNS[resource] ? COLUMNS[resource] : DEFAULT_COLUMNS;
}

function rowObject(o: KubeObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** `includeObject`: 'None' | 'Metadata' (default) | 'Object', as the query parameter says. */
export function buildTable(group: string, resource: string, objs: KubeObject[], nowMs: number, includeObject: string = 'Metadata'): Table {
  const printer = PRINTERS[resource] && COLUMNS[resource] ? PRINTERS[resource] : defaultPrinter;
  const rows: TableRow[] = objs.map((o) => {
    const printed = printer(o, nowMs);
    const row: TableRow = Array.isArray(printed) ? { cells: printed } : { cells: printed.cells, ...(printed.conditions ? { conditions: printed.conditions } : {}) };
    const object = rowObject(o, includeObject);
    if (object !== undefined) row.object = object;
    return row;
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: columnsFor(group, resource), rows };
}
