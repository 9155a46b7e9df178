/**
 * metrics-server's in-memory storage (sigs.k8s.io/metrics-server pkg/storage/node.go, pod.go, types.go): the last
 * two scrape points per node and per container; usage is the CPU counter's rate between them and the last working
 * set. A container started less than one resolution before a scrape (but at least 10 s) gets a synthetic previous
 * point at its start time with zero CPU, so a new pod shows up after one scrape instead of two.
 */

export interface MetricsPoint {
  /** ms on the virtual clock. */
  startTime: number;
  timestamp: number;
  /** core-seconds since start. */
  cpu: number;
  memory: number;
}

export interface Usage {
  /** nanocores */
  cpu: number;
  /** bytes */
  memory: number;
  timestamp: number;
  windowMs: number;
}

export type PodPoints = Map<string, MetricsPoint>;

const FRESH_CONTAINER_MIN_MS = 10_000;

export function usageBetween(last: MetricsPoint, prev: MetricsPoint): Usage | undefined {
  if (last.startTime < prev.startTime || last.cpu < prev.cpu) return undefined;
  const windowMs = last.timestamp - prev.timestamp;
  if (windowMs <= 0) return undefined;
  return { cpu: Math.floor(((last.cpu - prev.cpu) * 1e9) / (windowMs / 1000)), memory: last.memory, timestamp: last.timestamp, windowMs };
}

export class NodeStorage {
  last = new Map<string, MetricsPoint>();
  prev = new Map<string, MetricsPoint>();

  store(batch: Map<string, MetricsPoint>): void {
    const last = new Map<string, MetricsPoint>();
    const prev = new Map<string, MetricsPoint>();
    for (const [node, p] of batch) {
      last.set(node, p);
      const old = this.last.get(node);
      if (!old) continue;
      if (p.timestamp > old.timestamp) prev.set(node, old);
      else {
        const op = this.prev.get(node);
        if (op && op.timestamp < p.timestamp) prev.set(node, op);
      }
    }
    this.last = last;
    this.prev = prev;
  }

  get(node: string): Usage | undefined {
    const l = this.last.get(node);
    const p = this.prev.get(node);
    return l && p ? usageBetween(l, p) : undefined;
  }
}

export class PodStorage {
  last = new Map<string, PodPoints>();
  prev = new Map<string, PodPoints>();

  constructor(private resolutionMs: number) {}

  /** `pods` keyed "namespace/name". */
  store(pods: Map<string, PodPoints>): void {
    const last = new Map<string, PodPoints>();
    const prev = new Map<string, PodPoints>();
    for (const [key, containers] of pods) {
      const prevContainers: PodPoints = new Map();
      for (const [name, c] of containers) {
        const age = c.timestamp - c.startTime;
        const oldPod = this.last.get(key);
        if (c.startTime < c.timestamp && age < this.resolutionMs && age >= FRESH_CONTAINER_MIN_MS) {
          prevContainers.set(name, { ...c, timestamp: c.startTime, cpu: 0 });
        } else if (oldPod) {
          const old = oldPod.get(name);
          // keep the stored point unless the container restarted since
          if (old && c.startTime < old.timestamp) {
            if (c.timestamp > old.timestamp) prevContainers.set(name, old);
            else {
              const op = this.prev.get(key)?.get(name);
              if (op && op.timestamp < c.timestamp) prevContainers.set(name, op);
            }
          }
        }
      }
      if (prevContainers.size) prev.set(key, prevContainers);
      last.set(key, containers);
    }
    this.last = last;
    this.prev = prev;
  }

  /** Per-container usage, or undefined unless every container of the pod has two points. */
  get(key: string): { containers: { name: string; usage: Usage }[]; timestamp: number; windowMs: number } | undefined {
    const l = this.last.get(key);
    const p = this.prev.get(key);
    if (!l || !p) return undefined;
    const out: { name: string; usage: Usage }[] = [];
    let earliest: Usage | undefined;
    for (const [name, lc] of l) {
      const pc = p.get(name);
      if (!pc) return undefined;
      const u = usageBetween(lc, pc);
      if (!u) continue;
      out.push({ name, usage: u });
      if (!earliest || u.timestamp < earliest.timestamp) earliest = u;
    }
    if (!earliest) return undefined;
    return { containers: out, timestamp: earliest.timestamp, windowMs: earliest.windowMs };
  }

  /** Metrics exist for at least something: metrics-server's readiness ("metric-storage-ready"). */
  ready(nodes: NodeStorage): boolean {
    return nodes.prev.size > 0 || this.prev.size > 0;
  }
}
