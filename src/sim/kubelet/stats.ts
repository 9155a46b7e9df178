/**
 * The kubelet's resource metrics: `GET /metrics/resource` on port 10250, what metrics-server scrapes (reached here
 * through the API server's nodes/{name}/proxy). Families, help texts and labels follow
 * pkg/kubelet/metrics/collectors/resource_metrics.go; values are cAdvisor's cumulative CPU in core-seconds and the
 * working set in bytes, each sample stamped with the observation time in ms. Families print sorted by name and
 * floats in Go's shortest %g form, as the Prometheus text encoder writes them.
 */
import type { KubeObject } from '../apiserver/types';
import { containerDemand, CpuMeter, coresOf, MI } from '../metrics/usage';
import type { ContainerRuntime } from './container';

/** What the k3s process itself (plus containerd) uses on a node: the server runs the control plane too. */
const SERVER_OVERHEAD = { cpuMilli: 95, memoryMi: 560 };
const AGENT_OVERHEAD = { cpuMilli: 18, memoryMi: 140 };

/** Go's strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form from 1e21 down to 1e6 and below 1e-4. */
export function goFloat(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const [m, e] = v.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(v);
}

interface PodLike {
  pod: KubeObject;
  terminal: boolean;
  init: ContainerRuntime[];
  containers: ContainerRuntime[];
}

/** Gives a freshly started container its meter: demand from image and command, capped at its cpu limit and the node. */
export function attachMeter(c: ContainerRuntime, pod: KubeObject, nodeCores: number): void {
  const p = c.program;
  const entry = c.image?.entry;
  const own = [...(entry?.entrypoint ?? []), ...(entry?.cmd ?? [])].join('\u0000');
  const isDefault = !!p && p.argv.join('\u0000') === own;
  const demand = containerDemand(entry, p?.argv ?? [], isDefault);
  const limit = coresOf(c.spec?.resources?.limits?.cpu);
  const cap = Math.min(limit ?? nodeCores, nodeCores);
  c.meter = new CpuMeter(c.startedAtMs, demand, cap, `${pod.metadata.namespace}/${pod.metadata.name}/${c.name}/${c.startedAtMs}`);
}

/** The node-wide counter: k3s overhead plus every container's usage as it accrues. */
export class NodeStats {
  private overhead: CpuMeter;
  private accrued = 0;
  private seen = new WeakMap<CpuMeter, number>();

  constructor(startMs: number, server: boolean, nodeName: string, nodeCores: number) {
    const o = server ? SERVER_OVERHEAD : AGENT_OVERHEAD;
    this.overhead = new CpuMeter(startMs, { cores: o.cpuMilli / 1000, memoryBytes: o.memoryMi * MI, requestCpuSeconds: 0 }, nodeCores, nodeName);
  }

  /** The Prometheus text of /metrics/resource at `now`. */
  render(now: number, pods: Iterable<PodLike>): string {
    const cpu: string[] = [];
    const mem: string[] = [];
    const start: string[] = [];
    const podCpu: string[] = [];
    const podMem: string[] = [];
    let nodeMem = this.overhead.memory(now);
    const sorted = [...pods].filter((w) => !w.terminal).sort((a, b) => (key(a.pod) < key(b.pod) ? -1 : key(a.pod) > key(b.pod) ? 1 : 0));
    for (const w of sorted) {
      const ns = w.pod.metadata.namespace ?? 'default';
      const name = w.pod.metadata.name ?? '';
      let pc = 0;
      let pm = 0;
      let any = false;
      for (const c of [...w.init, ...w.containers]) {
        if (!c.isRunning || !c.meter) continue;
        any = true;
        const used = c.meter.observe(now);
        this.accrued += used - (this.seen.get(c.meter) ?? 0);
        this.seen.set(c.meter, used);
        const m = c.meter.memory(now);
        const labels = `{container="${c.name}",namespace="${ns}",pod="${name}"}`;
        cpu.push(`container_cpu_usage_seconds_total${labels} ${goFloat(round9(used))} ${now}`);
        mem.push(`container_memory_working_set_bytes${labels} ${goFloat(m)} ${now}`);
        start.push(`container_start_time_seconds${labels} ${goFloat(c.startedAtMs / 1000)}`);
        pc += used;
        pm += m;
      }
      if (!any) continue;
      podCpu.push(`pod_cpu_usage_seconds_total{namespace="${ns}",pod="${name}"} ${goFloat(round9(pc))} ${now}`);
      podMem.push(`pod_memory_working_set_bytes{namespace="${ns}",pod="${name}"} ${goFloat(pm)} ${now}`);
      nodeMem += pm;
    }
    const nodeCpu = this.overhead.observe(now) + this.accrued;
    const fam = (name: string, help: string, type: string, lines: string[]) =>
      `# HELP ${name} [${name === 'scrape_error' ? 'ALPHA' : 'STABLE'}] ${help}\n# TYPE ${name} ${type}\n${lines.map((l) => l + '\n').join('')}`;
    return [
      fam('container_cpu_usage_seconds_total', 'Cumulative cpu time consumed by the container in core-seconds', 'counter', cpu),
      fam('container_memory_working_set_bytes', 'Current working set of the container in bytes', 'gauge', mem),
      fam('container_start_time_seconds', 'Start time of the container since unix epoch in seconds', 'gauge', start),
      fam('node_cpu_usage_seconds_total', 'Cumulative cpu time consumed by the node in core-seconds', 'counter', [`node_cpu_usage_seconds_total ${goFloat(round9(nodeCpu))} ${now}`]),
      fam('node_memory_working_set_bytes', 'Current working set of the node in bytes', 'gauge', [`node_memory_working_set_bytes ${goFloat(nodeMem)} ${now}`]),
      fam('pod_cpu_usage_seconds_total', 'Cumulative cpu time consumed by the pod in core-seconds', 'counter', podCpu),
      fam('pod_memory_working_set_bytes', 'Current working set of the pod in bytes', 'gauge', podMem),
      fam('resource_scrape_error', '1 if there was an error while getting container metrics, 0 otherwise', 'gauge', ['resource_scrape_error 0']),
      '# HELP scrape_error [ALPHA] (Deprecated since 1.29.0) 1 if there was an error while getting container metrics, 0 otherwise\n# TYPE scrape_error gauge\nscrape_error 0\n',
    ].join('');
  }
}

const key = (p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`;
/** cAdvisor counts whole nanoseconds. */
const round9 = (v: number) => Math.round(v * 1e9) / 1e9;
