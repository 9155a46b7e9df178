/**
 * Decoding a kubelet's /metrics/resource answer into points, as metrics-server's scraper does
 * (pkg/scraper/client/resource/decode.go): node_cpu_usage_seconds_total and node_memory_working_set_bytes for the
 * node, container_cpu_usage_seconds_total, container_memory_working_set_bytes and container_start_time_seconds per
 * container. Sample timestamps are in ms.
 */
import type { MetricsPoint, PodPoints } from './storage';

export interface ScrapeBatch {
  node?: MetricsPoint;
  pods: Map<string, PodPoints>;
}

const LINE = /^([a-z_]+)(?:\{([^}]*)\})?\s+(\S+)(?:\s+(\d+))?$/;

function labelsOf(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (s ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) out[m[1]] = m[2];
  return out;
}

export function decodeResourceMetrics(text: string, nodeStartMs: number): ScrapeBatch {
  const node: Partial<MetricsPoint> = {};
  const containers = new Map<string, { ns: string; pod: string; name: string; p: Partial<MetricsPoint> }>();
  const entry = (l: Record<string, string>) => {
    const k = `${l.namespace}/${l.pod}/${l.container}`;
    let e = containers.get(k);
    if (!e) containers.set(k, (e = { ns: l.namespace, pod: l.pod, name: l.container, p: {} }));
    return e;
  };
  for (const raw of text.split('\n')) {
    if (!raw || raw.startsWith('#')) continue;
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const [, name, lbl, value, ts] = m;
    const v = Number(value);
    const t = ts === undefined ? undefined : Number(ts);
    switch (name) {
      case 'node_cpu_usage_seconds_total':
        node.cpu = v;
        node.timestamp = t;
        break;
      case 'node_memory_working_set_bytes':
        node.memory = v;
        break;
      case 'container_cpu_usage_seconds_total': {
        const e = entry(labelsOf(lbl));
        e.p.cpu = v;
        e.p.timestamp = t;
        break;
      }
      case 'container_memory_working_set_bytes':
        entry(labelsOf(lbl)).p.memory = v;
        break;
      case 'container_start_time_seconds':
        entry(labelsOf(lbl)).p.startTime = Math.round(v * 1000);
        break;
    }
  }
  const pods = new Map<string, PodPoints>();
  for (const e of containers.values()) {
    const p = e.p;
    // a point without CPU, memory or timestamp is dropped, as upstream skips incomplete points
    if (p.cpu === undefined || p.memory === undefined || p.timestamp === undefined || p.startTime === undefined) continue;
    const key = `${e.ns}/${e.pod}`;
    let pp = pods.get(key);
    if (!pp) pods.set(key, (pp = new Map()));
    pp.set(e.name, p as MetricsPoint);
  }
  const complete = node.cpu !== undefined && node.memory !== undefined && node.timestamp !== undefined;
  return { node: complete ? { startTime: nodeStartMs, timestamp: node.timestamp!, cpu: node.cpu!, memory: node.memory! } : undefined, pods };
}
