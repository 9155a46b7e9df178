/**
 * Resource arithmetic the scheduler and kubelet share: quantities ("250m", "128Mi", "1e3") as numbers, and a
 * pod's effective requests (apimachinery pkg/api/resource/quantity.go suffixes; component-helpers
 * resource/helpers.go PodRequests: max(sum of containers, largest init container)).
 */
import type { KubeObject } from '../apiserver/types';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity to its value in base units (cores, bytes); NaN when malformed. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const s = m[3] ?? '';
  return n * (BINARY[s] ?? DECIMAL[s]);
}

/** Milli-units for cpu (the scheduler's integer arithmetic), plain units otherwise. */
export function toScalar(resource: string, q: string | number | undefined): number {
  const v = parseQuantity(q);
  return resource === 'cpu' ? Math.ceil(v * 1000) : Math.ceil(v);
}

export type ResourceList = Record<string, number>;

function add(into: ResourceList, from: Record<string, string | number> | undefined): void {
  if (!from) return;
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + toScalar(k, v);
}

function containerRequests(c: KubeObject | Record<string, unknown>): Record<string, string | number> | undefined {
  const r = (c as { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }).resources;
  // A limit without a request defaults the request to the limit (core/v1 defaults.go SetDefaults_Pod).
  return { ...(r?.limits ?? {}), ...(r?.requests ?? {}) };
}

/** The pod's requests in scalar units (cpu in millicores). */
export function podRequests(pod: KubeObject): ResourceList {
  const sum: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) add(sum, containerRequests(c));
  for (const c of pod.spec?.initContainers ?? []) {
    const r: ResourceList = {};
    add(r, containerRequests(c));
    for (const [k, v] of Object.entries(r)) if (v > (sum[k] ?? 0)) sum[k] = v;
  }
  return sum;
}

/**
 * Requests used for scoring: containers without a cpu/memory request count as 100m / 200Mi
 * (scheduler util/pod_resources.go DefaultMilliCPURequest, DefaultMemoryRequest), so spreading works for
 * best-effort pods too.
 */
export function podNonZeroRequests(pod: KubeObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = containerRequests(c) ?? {};
    cpu += r.cpu !== undefined ? toScalar('cpu', r.cpu) : 100;
    memory += r.memory !== undefined ? toScalar('memory', r.memory) : 200 * 2 ** 20;
  }
  return { cpu, memory };
}

export function nodeAllocatable(node: KubeObject): ResourceList {
  const out: ResourceList = {};
  add(out, node.status?.allocatable ?? node.status?.capacity);
  return out;
}
