/**
 * kubectl top (pkg/cmd/top): reads the metrics.k8s.io API that metrics-server serves; without it,
 * `error: Metrics API not available`. Quantities print as the real command does: CPU in millicores,
 * memory in Mi, percentages of allocatable.
 */
import type { KubeList, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { parseQuantity } from '../describe/quantity';
import { tabify, TABLE_TABS } from '../printers/tabwriter';

function metricsAvailable(k: Kctx): boolean {
  k.discovery().load();
  return k.discovery().resources.some((r) => r.group === 'metrics.k8s.io');
}

const cpu = (q: string | undefined) => `${Math.round(parseQuantity(q).value * 1000)}m`;
const mem = (q: string | undefined) => `${Math.round(parseQuantity(q).value / (1024 * 1024))}Mi`;

export async function runTopNode(k: Kctx): Promise<number> {
  if (!metricsAvailable(k)) throw new KubectlError('Metrics API not available');
  const metrics = k.rest().call<KubeList>({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes', query: k.f.str('selector') ? { labelSelector: k.f.str('selector') } : {} }).items ?? [];
  const nodes = new Map((k.rest().call<KubeList>({ method: 'GET', path: '/api/v1/nodes' }).items ?? []).map((n) => [n.metadata.name, n]));
  const filter = k.args[0];
  const rows = metrics.filter((m) => !filter || m.metadata.name === filter);
  if (filter && !rows.length) throw new KubectlError(`nodemetrics.metrics.k8s.io "${filter}" not found`);
  let text = k.f.bool('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\n';
  for (const m of sortRows(k, rows)) {
    const n = nodes.get(m.metadata.name) as KubeObject | undefined;
    const alloc = n?.status?.allocatable ?? {};
    const c = parseQuantity(m.usage?.cpu).value;
    const mm = parseQuantity(m.usage?.memory).value;
    const cp = alloc.cpu ? Math.trunc((c / parseQuantity(alloc.cpu).value) * 100) : 0;
    const mp = alloc.memory ? Math.trunc((mm / parseQuantity(alloc.memory).value) * 100) : 0;
    text += `${m.metadata.name}\t${cpu(m.usage?.cpu)}\t${cp}%\t${mem(m.usage?.memory)}\t${mp}%\n`;
  }
  k.out(tabify(text, TABLE_TABS));
  return 0;
}

function sortRows(k: Kctx, rows: KubeObject[]): KubeObject[] {
  const by = k.f.str('sort-by');
  if (by === 'cpu') return [...rows].sort((a, b) => parseQuantity(b.usage?.cpu).value - parseQuantity(a.usage?.cpu).value);
  if (by === 'memory') return [...rows].sort((a, b) => parseQuantity(b.usage?.memory).value - parseQuantity(a.usage?.memory).value);
  return rows;
}

export async function runTopPod(k: Kctx): Promise<number> {
  if (!metricsAvailable(k)) throw new KubectlError('Metrics API not available');
  const allNs = k.allNamespaces;
  const path = allNs ? '/apis/metrics.k8s.io/v1beta1/pods' : `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(k.namespace)}/pods`;
  let rows = k.rest().call<KubeList>({ method: 'GET', path, query: k.f.str('selector') ? { labelSelector: k.f.str('selector') } : {} }).items ?? [];
  if (k.args[0]) {
    rows = rows.filter((m) => m.metadata.name === k.args[0]);
    if (!rows.length) throw new KubectlError(`podmetrics.metrics.k8s.io "${k.namespace}/${k.args[0]}" not found`);
  }
  if (!rows.length) {
    k.err(allNs ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
    return 0;
  }
  const containers = k.f.bool('containers');
  let text = k.f.bool('no-headers') ? '' : `${allNs ? 'NAMESPACE\t' : ''}${containers ? 'POD\tNAME' : 'NAME'}\tCPU(cores)\tMEMORY(bytes)\n`;
  for (const m of rows) {
    const cs: { name: string; usage: { cpu?: string; memory?: string } }[] = m.containers ?? [];
    if (containers) {
      for (const c of cs) text += `${allNs ? `${m.metadata.namespace}\t` : ''}${m.metadata.name}\t${c.name}\t${cpu(c.usage?.cpu)}\t${mem(c.usage?.memory)}\n`;
    } else {
      const c = cs.reduce((s, x) => s + parseQuantity(x.usage?.cpu).value, 0);
      const mm = cs.reduce((s, x) => s + parseQuantity(x.usage?.memory).value, 0);
      text += `${allNs ? `${m.metadata.namespace}\t` : ''}${m.metadata.name}\t${Math.round(c * 1000)}m\t${Math.round(mm / (1024 * 1024))}Mi\n`;
    }
  }
  k.out(tabify(text, TABLE_TABS));
  return 0;
}
