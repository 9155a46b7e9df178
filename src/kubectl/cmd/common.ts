/** Helpers shared by commands: resolving resource args to API calls, success-line names, stdin text. */
import type { KubeObject, KubeList } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { kindGroup, resourcePathFor, type ApiResource } from '../client/discovery';
import { TABLE_ACCEPT } from '../client/rest';
import { KubectlError, UsageError } from '../cli/errors';
import type { ServerTable } from '../printers/table';

export function qualifiedName(r: ApiResource, name: string): string {
  return `${kindGroup(r)}/${name}`;
}

export function nsFor(k: Kctx, r: ApiResource): string | undefined {
  return r.namespaced ? k.namespace : undefined;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

export function listQuery(k: Kctx): ListQuery {
  const q: ListQuery = {};
  if (k.f.p.values.has('selector') && k.f.str('selector')) q.labelSelector = k.f.str('selector');
  if (k.f.p.values.has('field-selector') && k.f.str('field-selector')) q.fieldSelector = k.f.str('field-selector');
  return q;
}

export function getObject(k: Kctx, r: ApiResource, ns: string | undefined, name: string): KubeObject {
  const o = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(r, ns, name) });
  return withTypeMeta(o, r);
}

export function listObjects(k: Kctx, r: ApiResource, ns: string | undefined, q: ListQuery = {}): KubeObject[] {
  const l = k.rest().call<KubeList>({ method: 'GET', path: resourcePathFor(r, ns), query: { limit: '500', ...q } });
  return (l.items ?? []).map((o) => withTypeMeta(o, r));
}

export function getTable(k: Kctx, r: ApiResource, ns: string | undefined, name: string | undefined, q: ListQuery, includeObject?: string): ServerTable | KubeObject | KubeList {
  const query: Record<string, string | undefined> = name ? {} : { limit: '500', ...q };
  if (includeObject) query.includeObject = includeObject;
  return k.rest().call({ method: 'GET', path: resourcePathFor(r, ns, name), query, headers: { accept: TABLE_ACCEPT } });
}

/** Items of a list come without apiVersion/kind; kubectl fills them in before printing. */
export function withTypeMeta(o: KubeObject, r: ApiResource): KubeObject {
  if (o.apiVersion && o.kind) return o;
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...o };
}

export function requireResourceArgs(k: Kctx): void {
  if (!k.args.length && !k.f.list('filename').length) {
    throw new KubectlError(
      `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  }
}

export function exactlyOneName(k: Kctx): string {
  if (k.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${k.args.length}`, k.cmdPath);
  return k.args[0];
}

/** The dry-run strategy: none | client | server (kubectl cmd/util GetDryRunStrategy). */
export function dryRun(k: Kctx): 'none' | 'client' | 'server' {
  if (!k.f.p.values.has('dry-run')) return 'none';
  const v = k.f.str('dry-run');
  if (v === 'none' || v === '' || v === 'false') return 'none';
  if (v === 'client' || v === 'unchanged' || v === 'true') return 'client';
  if (v === 'server') return 'server';
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(d: 'none' | 'client' | 'server'): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

export function apiVersionOf(r: ApiResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The annotation `--record` writes (kubectl's ChangeCauseAnnotation). */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * The command line --record stores (genericclioptions record.go parseCommandLine): the command path and its
 * positional arguments, then every flag that was set as ` --name=value`, in the order given.
 */
export function changeCause(k: Kctx): string | undefined {
  if (!k.f.p.values.has('record') || !k.f.bool('record')) return undefined;
  const flags = [...k.f.p.changed].map((n) => {
    const v = k.f.p.values.get(n);
    return ` --${n}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`;
  });
  return `kubectl ${k.cmdPath} ${k.args.join(' ')}${flags.join('')}`;
}
