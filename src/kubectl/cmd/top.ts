/**
 * kubectl top node|pod (staging/src/k8s.io/kubectl/pkg/cmd/top/top_node.go, top_pod.go; printing in
 * pkg/metricsutil/metrics_printer.go, order in sorters.go), as v1.31 does it:
 * - discovery must list metrics.k8s.io/v1beta1, else `error: Metrics API not available` (a stale aggregated
 *   group counts as missing);
 * - nodes: get/list NodeMetrics, none → `error: metrics not available yet`; then the Nodes (the named one, or the
 *   selector's) give allocatable (capacity with --show-capacity) for the percentages; nodes without metrics print a
 *   `<unknown>` row after the others;
 * - pods: get/list PodMetrics; none → if every matching pod is younger than 2 minutes `error: metrics not available
 *   yet`, else `Metrics not available for pod ns/name, age: …`; no pods at all → "No resources found …" on stderr;
 * - CPU prints Quantity.MilliValue() (rounded up) with `m`, memory Value()/2^20 with `Mi`, percentages
 *   int64(milli(usage) / milli(available) × 100); columns through a tabwriter (padding 3); --sort-by cpu|memory is
 *   descending, otherwise by name (namespace first with -A); --sum adds a line of ________ and the totals.
 */
import type { KubeList, KubeObject } from '../../sim/apiserver/types';
import { parseLabelSelector, SelectorParseError } from '../../sim/apiserver/selectors/labels';
import type { Kctx } from '../cli/kctx';
import { KubectlError, RawError, UsageError } from '../cli/errors';
import { StatusError } from '../client/rest';
import { tabify, TABLE_TABS } from '../printers/tabwriter';

const METRICS = '/apis/metrics.k8s.io/v1beta1';
/** top_pod.go metricsCreationDelay */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

/** A Quantity as an exact integer count of its smallest unit: nanocores for cpu, bytes for memory (rounded up). */
function nano(q: unknown): number {
  const m = /^(\d+)(?:\.(\d+))?(n|u|m|k|M|G)?$/.exec(String(q ?? '0'));
  if (!m) return 0;
  const exp = { n: 0, u: 3, m: 6, '': 9, k: 12, M: 15, G: 18 }[m[3] ?? ''] ?? 9;
  const frac = (m[2] ?? '').slice(0, exp);
  return Number(m[1]) * 10 ** exp + (frac ? Number(frac.padEnd(exp, '0')) : 0);
}

function bytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/.exec(String(q ?? '0'));
  if (!m) return 0;
  const f: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3, '': 1 };
  return Math.ceil(Number(m[1]) * f[m[2] ?? '']);
}

/** Quantity.MilliValue() of a cpu amount in nanocores: rounded up. */
const milliCpu = (n: number) => Math.ceil(n / 1e6);

interface Usage {
  cpu: number; // nanocores
  memory: number; // bytes
}

const usageOf = (u: Record<string, unknown> | undefined): Usage => ({ cpu: nano(u?.cpu), memory: bytes(u?.memory) });

function cells(u: Usage, available?: Usage): string[] {
  const out = [`${milliCpu(u.cpu)}m`];
  if (available) out.push(`${pct(milliCpu(u.cpu), milliCpu(available.cpu))}%`);
  out.push(`${Math.floor(u.memory / 2 ** 20)}Mi`);
  if (available) out.push(`${pct(u.memory, available.memory)}%`);
  return out;
}

const pct = (used: number, avail: number) => (avail === 0 ? 0 : Math.trunc((used / avail) * 100));

function metricsAvailable(k: Kctx): boolean {
  k.discovery().load();
  return k.discovery().resources.some((r) => r.group === 'metrics.k8s.io' && r.version === 'v1beta1');
}

function checkSelector(sel: string | undefined): void {
  if (!sel) return;
  try {
    parseLabelSelector(sel);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(e.message);
    throw e;
  }
}

function checkSortBy(k: Kctx): string {
  const by = k.f.str('sort-by') ?? '';
  if (by && by !== 'cpu' && by !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
  return by;
}

/** The aggregator's plain-text 503 reads, through client-go, as a ServiceUnavailable error naming the request. */
function callMetrics<T>(k: Kctx, path: string, query: Record<string, string>, what: string): T {
  try {
    return k.rest().call<T>({ method: 'GET', path, query, headers: { accept: 'application/vnd.kubernetes.protobuf, */*' } });
  } catch (e) {
    if (e instanceof StatusError && e.code === 503 && (e.status as { kind?: string })?.kind === 'Status' && !e.status.reason) {
      throw new RawError(`Error from server (ServiceUnavailable): the server is currently unable to handle the request (get ${what})\n`);
    }
    throw e;
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function runTopNode(k: Kctx): Promise<number> {
  if (k.args.length > 1) throw new UsageError('node [NAME | -l label]', k.cmdPath);
  const name = k.args[0];
  const selector = k.f.str('selector') || '';
  const sortBy = checkSortBy(k);
  if (name && selector) throw new KubectlError('only one of NAME or --selector can be provided');
  checkSelector(selector);
  if (!metricsAvailable(k)) throw new KubectlError('Metrics API not available');
  let metrics: KubeObject[];
  if (name) metrics = [callMetrics<KubeObject>(k, `${METRICS}/nodes/${encodeURIComponent(name)}`, {}, `nodes.metrics.k8s.io ${name}`)];
  else metrics = callMetrics<KubeList>(k, `${METRICS}/nodes`, selector ? { labelSelector: selector } : {}, 'nodes.metrics.k8s.io').items ?? [];
  if (!metrics.length) throw new KubectlError('metrics not available yet');
  const nodes = name
    ? [k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/nodes/${encodeURIComponent(name)}` })]
    : (k.rest().call<KubeList>({ method: 'GET', path: '/api/v1/nodes', query: selector ? { labelSelector: selector } : {} }).items ?? []);
  const field = k.f.bool('show-capacity') ? 'capacity' : 'allocatable';
  const available = new Map(nodes.map((n) => [n.metadata.name!, usageOf(n.status?.[field])]));
  const rows = metrics.map((m) => ({ name: m.metadata.name!, usage: usageOf(m.usage) }));
  if (sortBy === 'cpu') rows.sort((a, b) => milliCpu(b.usage.cpu) - milliCpu(a.usage.cpu));
  else if (sortBy === 'memory') rows.sort((a, b) => b.usage.memory - a.usage.memory);
  else rows.sort((a, b) => byName(a.name, b.name));
  let text = k.f.bool('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\t\n';
  for (const r of rows) {
    const avail = available.get(r.name);
    // a metrics row for a node the node list did not return prints usage without percentages
    text += `${[r.name, ...cells(r.usage, avail)].join('\t')}\t\n`;
    available.delete(r.name);
  }
  for (const missing of [...available.keys()].sort(byName)) text += `${missing}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  k.out(tabify(text, TABLE_TABS));
  return 0;
}

interface PodRow {
  namespace: string;
  name: string;
  containers: { name: string; usage: Usage }[];
  total: Usage;
}

export async function runTopPod(k: Kctx): Promise<number> {
  if (k.args.length > 1) throw new UsageError('pod [NAME | -l label]', k.cmdPath);
  const name = k.args[0];
  const selector = k.f.str('selector') || '';
  const fieldSelector = k.f.str('field-selector') || '';
  const sortBy = checkSortBy(k);
  if (name && (selector || fieldSelector)) throw new KubectlError('only one of NAME or selector can be provided');
  checkSelector(selector);
  if (!metricsAvailable(k)) throw new KubectlError('Metrics API not available');
  const allNs = k.allNamespaces;
  const ns = k.namespace;
  const query: Record<string, string> = {};
  if (selector) query.labelSelector = selector;
  if (fieldSelector) query.fieldSelector = fieldSelector;
  let metrics: KubeObject[];
  if (name) {
    const path = allNs ? `${METRICS}/pods/${encodeURIComponent(name)}` : `${METRICS}/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`;
    metrics = [callMetrics<KubeObject>(k, path, {}, `pods.metrics.k8s.io ${name}`)];
  } else {
    const path = allNs ? `${METRICS}/pods` : `${METRICS}/namespaces/${encodeURIComponent(ns)}/pods`;
    metrics = callMetrics<KubeList>(k, path, query, 'pods.metrics.k8s.io').items ?? [];
  }
  if (!metrics.length) {
    verifyEmptyMetrics(k, name, query);
    k.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const rows: PodRow[] = metrics.map((m) => {
    const containers = (m.containers ?? []).map((c: { name: string; usage: Record<string, unknown> }) => ({ name: c.name, usage: usageOf(c.usage) }));
    const total = containers.reduce((s: Usage, c: { usage: Usage }) => ({ cpu: s.cpu + c.usage.cpu, memory: s.memory + c.usage.memory }), { cpu: 0, memory: 0 });
    return { namespace: m.metadata.namespace ?? '', name: m.metadata.name!, containers, total };
  });
  if (sortBy === 'cpu') rows.sort((a, b) => milliCpu(b.total.cpu) - milliCpu(a.total.cpu));
  else if (sortBy === 'memory') rows.sort((a, b) => b.total.memory - a.total.memory);
  else rows.sort((a, b) => (allNs && a.namespace !== b.namespace ? byName(a.namespace, b.namespace) : byName(a.name, b.name)));
  const printContainers = k.f.bool('containers');
  const noHeaders = k.f.bool('no-headers');
  let columns = 3;
  let text = '';
  if (!noHeaders) {
    if (allNs) columns++;
    if (printContainers) columns++;
    text += `${allNs ? 'NAMESPACE\t' : ''}${printContainers ? 'POD\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t\n`;
  }
  for (const r of rows) {
    const prefix = allNs ? `${r.namespace}\t` : '';
    if (printContainers) {
      const cs = [...r.containers];
      if (sortBy === 'cpu') cs.sort((a, b) => milliCpu(b.usage.cpu) - milliCpu(a.usage.cpu));
      else if (sortBy === 'memory') cs.sort((a, b) => b.usage.memory - a.usage.memory);
      else cs.sort((a, b) => byName(a.name, b.name));
      for (const c of cs) text += `${prefix}${r.name}\t${c.name}\t${cells(c.usage).join('\t')}\t\n`;
    } else text += `${prefix}${r.name}\t${cells(r.total).join('\t')}\t\n`;
  }
  if (k.f.bool('sum')) {
    const total = rows.reduce((s, r) => ({ cpu: s.cpu + r.total.cpu, memory: s.memory + r.total.memory }), { cpu: 0, memory: 0 });
    text += '\t'.repeat(Math.max(0, columns - 2)) + '________\t________\t\n';
    text += '\t'.repeat(Math.max(0, columns - 3)) + `\t${cells(total).join('\t')}\t\n`;
  }
  k.out(tabify(text, TABLE_TABS));
  return 0;
}

/** No metrics at all: young pods explain it ("not available yet"); an old pod without metrics is named. */
function verifyEmptyMetrics(k: Kctx, name: string | undefined, query: Record<string, string>): void {
  const base = `/api/v1/namespaces/${encodeURIComponent(k.namespace)}/pods`;
  const pods = name ? [k.rest().call<KubeObject>({ method: 'GET', path: `${base}/${encodeURIComponent(name)}` })] : (k.rest().call<KubeList>({ method: 'GET', path: base, query }).items ?? []);
  if (!name && !pods.length) return;
  const now = k.now();
  for (const p of pods) {
    const age = now - (Date.parse(p.metadata.creationTimestamp ?? '') || now);
    if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`);
  }
  throw new KubectlError('metrics not available yet');
}

/** time.Duration.String() */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
