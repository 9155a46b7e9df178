/**
 * kubectl get (kubectl pkg/cmd/get/get.go): server-side Tables for the human-readable output, full objects
 * for -o yaml|json|name|jsonpath|custom-columns, several types in one call, `all`, watch.
 */
import type { KubeObject, KubeList, WatchEvent, ApiStream, Status } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, RawError, statusMessage } from '../cli/errors';
import { kindGroup, resourcePathFor, type ApiResource } from '../client/discovery';
import { StatusError, TABLE_ACCEPT } from '../client/rest';
import { parseResourceArgs } from '../resource/args';
import { onDemand } from '../../sim/lazy';
import { parseOutput, printObjects, customColumns, templateFlags, type OutputFormat } from '../printers/output';
import { tableHeader, tableRows, type ServerTable, type TablePrintOptions, type TableRow } from '../printers/table';
import { TabWriter, TABLE_TABS } from '../printers/tabwriter';
import { ageSince } from '../printers/duration';
import { jsonPath } from '../printers/jsonpath-load';
import { listQuery, withTypeMeta, qualifiedName } from './common';

interface Request {
  r: ApiResource;
  names: string[];
}

const REQUIRED_MSG =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n';

/**
 * `get --raw PATH` (get.go Validate, RawOptions.RunRaw): a GET of the path as given, the response body copied to
 * stdout untouched; a failed request reads like any API error.
 */
function runRaw(k: Kctx): number {
  const raw = k.f.str('raw');
  if (k.f.bool('watch') || k.f.bool('watch-only') || k.f.str('selector')) throw new KubectlError('--raw may not be specified with other flags that filter the server request or alter the output');
  if (k.f.str('output')) throw new KubectlError('--raw and --output are mutually exclusive');
  if (!raw.startsWith('/')) throw new KubectlError(`--raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query: Record<string, string> = {};
  if (q >= 0) for (const [key, v] of new URLSearchParams(raw.slice(q + 1))) query[key] = v;
  const res = k.rest().request({ method: 'GET', path, query });
  if (res.status >= 400 || res.status < 200) throw new StatusError(rawStatus(res.status, res.body), res.status, 'GET', path);
  // The API server encodes objects with encoding/json's Encoder, which ends them with a newline.
  k.out(typeof res.body === 'string' ? res.body : res.body === undefined ? '' : JSON.stringify(res.body) + '\n');
  return 0;
}

/** client-go's error for a failed raw request: the Status the server sent, or one made from the code. */
function rawStatus(code: number, body: unknown): Status {
  if (body && typeof body === 'object' && (body as { kind?: string }).kind === 'Status') return body as Status;
  const reason = code === 404 ? 'NotFound' : code === 403 ? 'Forbidden' : code === 401 ? 'Unauthorized' : code === 405 ? 'MethodNotAllowed' : 'InternalError';
  const message = code === 404 ? 'the server could not find the requested resource' : `an error on the server (${typeof body === 'string' ? body : ''}) has prevented the request from succeeding`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** `-f` sources (and their decoding errors) are read by a module loaded with the first `get -f`. */
const manifests = onDemand(() => import('../resource/manifests'));

export async function runGet(k: Kctx): Promise<number> {
  if (k.f.str('raw')) return runRaw(k);
  const files = k.f.list('filename');
  if (!k.args.length && !files.length) throw new RawError(REQUIRED_MSG);
  const reqs: Request[] = [];
  const errors: unknown[] = [];
  if (files.length) {
    const ms = await (await manifests()).readManifests(k, files, k.f.bool('recursive'));
    for (const m of ms) {
      const r = k.discovery().byKind(m.obj.apiVersion?.includes('/') ? m.obj.apiVersion.split('/')[0] : '', m.obj.kind!);
      if (!r) throw new KubectlError(`resource mapping not found for name: "${m.obj.metadata?.name}" namespace: "" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      reqs.push({ r, names: [m.obj.metadata.name!] });
    }
  } else {
    for (const a of parseResourceArgs(k.args)) {
      if (a.type === 'all' || (!k.discovery().find(a.type) && k.discovery().category(a.type).length)) {
        for (const r of k.discovery().category(a.type)) reqs.push({ r, names: a.names });
      } else reqs.push({ r: k.discovery().require(a.type), names: a.names });
    }
  }
  const fmt = parseOutput(k.f.str('output'), (p) => k.ctx.fs.readFile(k.abs(p)), false, templateFlags(k.f));
  const allNs = k.allNamespaces;
  const q = listQuery(k);
  const sortBy = k.f.str('sort-by');
  const multipleTypes = new Set(reqs.map((x) => `${x.r.group}/${x.r.resource}`)).size > 1 || k.f.bool('show-kind');
  const singleItem = reqs.length === 1 && reqs[0].names.length === 1 && !(k.args[0] ?? '').includes(',') && !files.length;
  const ns = (r: ApiResource) => (r.namespaced && !allNs ? k.namespace : undefined);

  if (k.f.bool('watch') || k.f.bool('watch-only')) {
    if (reqs.length !== 1) throw new KubectlError('you may only specify a single resource type');
    return watch(k, reqs[0], fmt, ns(reqs[0].r), q);
  }

  if (fmt.kind !== 'table') {
    const objs: KubeObject[] = [];
    for (const { r, names } of reqs) {
      if (names.length) {
        for (const n of names) {
          try {
            objs.push(withTypeMeta(k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(r, ns(r), n) }), r));
          } catch (e) {
            if (k.f.bool('ignore-not-found') && e instanceof StatusError && e.code === 404) continue;
            errors.push(e);
          }
        }
      } else {
        const l = k.rest().call<KubeList>({ method: 'GET', path: resourcePathFor(r, ns(r)), query: { limit: '500', ...q } });
        objs.push(...(l.items ?? []).map((o) => withTypeMeta(o, r)));
      }
    }
    if (sortBy) sortObjects(objs, sortBy);
    const byKind = (o: KubeObject) => {
      const r = reqs.find((x) => x.r.kind === o.kind)?.r;
      return r ? qualifiedName(r, o.metadata.name!) : `${(o.kind ?? '').toLowerCase()}/${o.metadata.name}`;
    };
    if (objs.length || !errors.length) {
      const text = fmt.kind === 'custom-columns' ? customColumns(fmt.spec, objs, k.f.bool('no-headers')) : printObjects(objs, fmt, singleItem, byKind);
      k.out(text);
    }
    return finish(k, errors);
  }

  // Human-readable: one table per resource type, rows from the server.
  const w = new TabWriter(TABLE_TABS);
  let printedAny = false;
  let totalRows = 0;
  const opts = (r: ApiResource): TablePrintOptions => ({
    wide: fmt.wide,
    withNamespace: allNs && r.namespaced,
    kindPrefix: multipleTypes ? kindGroup(r) : undefined,
    showLabels: k.f.bool('show-labels'),
    labelColumns: k.f.list('label-columns'),
    noHeaders: k.f.bool('no-headers'),
  });
  for (const { r, names } of reqs) {
    const tables: ServerTable[] = [];
    const targets = names.length ? names : [undefined];
    for (const n of targets) {
      try {
        const query: Record<string, string | undefined> = n ? {} : { limit: '500', ...q };
        if (sortBy) query.includeObject = 'Object';
        const body = k.rest().call<ServerTable | KubeObject | KubeList>({ method: 'GET', path: resourcePathFor(r, ns(r), n), query, headers: { accept: TABLE_ACCEPT } });
        tables.push(asTable(body, k.now()));
      } catch (e) {
        if (k.f.bool('ignore-not-found') && e instanceof StatusError && e.code === 404) continue;
        errors.push(e);
      }
    }
    if (!tables.length) continue;
    const merged: ServerTable = { ...tables[0], rows: tables.flatMap((t) => t.rows) };
    if (sortBy) sortRows(merged.rows, sortBy);
    if (!merged.rows.length) continue;
    totalRows += merged.rows.length;
    if (printedAny) {
      k.out(w.flush());
      if (!k.f.bool('no-headers')) k.out('\n');
    }
    const o = opts(r);
    if (!o.noHeaders) w.write(tableHeader(merged, o));
    w.write(tableRows(merged, o));
    printedAny = true;
  }
  k.out(w.flush());
  if (totalRows === 0 && !errors.length && !k.f.bool('ignore-not-found')) {
    const anyNamespaced = reqs.some((x) => x.r.namespaced);
    k.err(allNs || !anyNamespaced ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
  }
  return finish(k, errors);
}

function finish(k: Kctx, errors: unknown[]): number {
  if (!errors.length) return 0;
  // Each error prints on its own line; kubectl reduces them into one aggregate at the end.
  for (const e of errors) {
    if (e instanceof StatusError) k.err(statusMessage(e.status, e.code) + '\n');
    else throw e;
  }
  return 1;
}

/** When the server answers a Table request with plain objects, kubectl prints NAME and AGE itself. */
export function asTable(body: ServerTable | KubeObject | KubeList, now: number): ServerTable {
  if ((body as ServerTable).kind === 'Table') return body as ServerTable;
  const items = Array.isArray((body as KubeList).items) ? (body as KubeList).items : [body as KubeObject];
  return {
    kind: 'Table',
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', priority: 0 },
      { name: 'Age', type: 'string', format: '', priority: 0 },
    ],
    rows: items.map((o) => ({ cells: [o.metadata?.name, ageSince(o.metadata?.creationTimestamp, now)], object: o })),
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sortKey(expr: string, o: unknown): unknown {
  try {
    return jsonPath().findValues(expr, o)[0];
  } catch {
    throw new KubectlError(`couldn't find any field with path "${expr}" in the list of objects`);
  }
}

function sortObjects(objs: KubeObject[], expr: string): void {
  const keyed = objs.map((o, i) => ({ o, i, key: sortKey(expr, o) }));
  keyed.sort((x, y) => compareValues(x.key, y.key) || x.i - y.i);
  objs.splice(0, objs.length, ...keyed.map((x) => x.o));
}

function sortRows(rows: TableRow[], expr: string): void {
  const keyed = rows.map((r, i) => ({ r, i, key: sortKey(expr, r.object) }));
  keyed.sort((x, y) => compareValues(x.key, y.key) || x.i - y.i);
  rows.splice(0, rows.length, ...keyed.map((x) => x.r));
}

/** get -w / --watch-only: list, then one row per watch event under the same remembered widths. */
async function watch(k: Kctx, req: Request, fmt: OutputFormat, ns: string | undefined, q: { labelSelector?: string; fieldSelector?: string }): Promise<number> {
  const { r, names } = req;
  if (names.length > 1) throw new KubectlError('watch is only supported on individual resources and resource collections, but 2 resources were found');
  const name = names[0];
  const query: Record<string, string | undefined> = { ...q };
  if (name) query.fieldSelector = `metadata.name=${name}`;
  const w = new TabWriter({ ...TABLE_TABS, rememberWidths: true });
  const events = k.f.bool('output-watch-events');
  const o: TablePrintOptions = {
    wide: fmt.kind === 'table' && fmt.wide,
    withNamespace: k.allNamespaces && r.namespaced,
    showLabels: k.f.bool('show-labels'),
    labelColumns: k.f.list('label-columns'),
    noHeaders: k.f.bool('no-headers'),
  };
  let headerPrinted = false;
  const lastRows = new Map<string, TableRow>();
  let columns: ServerTable['columnDefinitions'] | undefined;
  const emit = (t: ServerTable, type?: string) => {
    if (fmt.kind !== 'table') return;
    columns = columns ?? t.columnDefinitions;
    const opt = { ...o, eventType: events ? type ?? 'ADDED' : undefined };
    if (!headerPrinted && !o.noHeaders) w.write(tableHeader({ ...t, columnDefinitions: columns }, opt));
    headerPrinted = true;
    w.write(tableRows({ ...t, columnDefinitions: columns }, opt));
    k.out(w.flush());
  };
  const emitObject = (obj: KubeObject) => {
    if (fmt.kind === 'table') return;
    const full = withTypeMeta(obj, r);
    k.out(fmt.kind === 'custom-columns' ? customColumns(fmt.spec, [full], headerPrinted) : printObjects([full], fmt, true, (x) => qualifiedName(r, x.metadata.name!)));
    headerPrinted = true;
  };

  const listBody = k.rest().call<ServerTable | KubeList>({ method: 'GET', path: resourcePathFor(r, ns), query: { limit: '500', ...query }, headers: fmt.kind === 'table' ? { accept: TABLE_ACCEPT } : {} });
  const rv = (listBody as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
  if (!k.f.bool('watch-only')) {
    if (fmt.kind === 'table') {
      const t = asTable(listBody, k.now());
      for (const row of t.rows) if (row.object?.metadata?.name) lastRows.set(String(row.object.metadata.name) + '/' + (row.object.metadata.namespace ?? ''), row);
      // An empty initial list prints nothing in watch mode (get.go watch): the header waits for the first event.
      if (t.rows.length) emit(t);
    } else {
      for (const item of (listBody as KubeList).items ?? []) emitObject(item);
    }
  }
  const res = k.rest().request({ method: 'GET', path: resourcePathFor(r, ns), query: { ...query, watch: 'true', resourceVersion: rv }, headers: fmt.kind === 'table' ? { accept: TABLE_ACCEPT } : {} });
  if (res.status >= 400 || !res.stream) throw new StatusError(res.body as never, res.status, 'GET', resourcePathFor(r, ns));
  const stream = res.stream as ApiStream<WatchEvent>;
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stream.close();
      resolve();
    };
    k.ctx.signal.onAbort(finish);
    if (k.ctx.signal.aborted) return finish();
    stream.subscribe(
      (ev) => {
        if (done || ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
        if (fmt.kind !== 'table') return emitObject(ev.object);
        const obj = ev.object as unknown as ServerTable | KubeObject;
        let t: ServerTable;
        if ((obj as ServerTable).kind === 'Table') t = obj as ServerTable;
        else {
          const ko = obj as KubeObject;
          const key = `${ko.metadata.name}/${ko.metadata.namespace ?? ''}`;
          if (ev.type === 'DELETED' && lastRows.has(key)) t = { kind: 'Table', columnDefinitions: columns ?? [], rows: [{ ...lastRows.get(key)!, object: ko }] };
          else {
            try {
              t = asTable(k.rest().call({ method: 'GET', path: resourcePathFor(r, ko.metadata.namespace, ko.metadata.name), headers: { accept: TABLE_ACCEPT } }), k.now());
            } catch {
              t = asTable(ko, k.now());
            }
          }
          if (t.rows[0]) lastRows.set(key, t.rows[0]);
        }
        emit(t, ev.type);
      },
      () => finish(),
    );
  });
  return 0;
}
