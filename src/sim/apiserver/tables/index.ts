/**
 * Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` prints (pkg/printers/internalversion/printers.go).
 * (Initial version: NAME and AGE for everything; per-resource columns land with the api-machinery work.)
 */
import type { KubeObject } from '../types';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** `includeObject`: 'None' | 'Metadata' (default) | 'Object', as the query parameter says. */
export function buildTable(group: string, resource: string, objs: KubeObject[], nowMs: number, includeObject: string = 'Metadata'): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 },
    ],
    rows: objs.map((o) => ({
      cells: [o.metadata.name, age(o.metadata.creationTimestamp, nowMs)],
      object: includeObject === 'None' ? undefined : includeObject === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
  void group;
  void resource;
}

function age(ts: string | null | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  const s = Math.floor((nowMs - Date.parse(ts)) / 1000);
  return `${Math.max(0, s)}s`;
}
