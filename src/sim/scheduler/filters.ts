/**
 * The scheduler's filter plugins, in the default profile's order (pkg/scheduler/apis/config/v1/default_plugins.go):
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit. A node fails at the
 * first plugin that rejects it (framework/runtime RunFilterPlugins); NodeResourcesFit reports every insufficient
 * resource. Reason strings are the plugins' own ErrReason constants (framework/plugins/...).
 */
import type { KubeObject } from '../apiserver/types';
import { podRequests, nodeAllocatable, type ResourceList } from './resources';

/** What the scheduler knows about a node: kept up to date incrementally as pods bind and finish. */
export interface NodeInfo {
  node: KubeObject;
  /** Pods bound (or assumed) to the node that are not finished. */
  podCount: number;
  requested: ResourceList;
  /** Requests with the 100m / 200Mi defaults for containers without requests (for scoring). */
  nonZero: { cpu: number; memory: number };
  /** "TCP/80" → number of pods holding that host port. */
  usedPorts: Map<string, number>;
  /** Controller owner key → number of its pods on the node (for spreading). */
  owners: Map<string, number>;
}

export interface FilterResult {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption could not help on this node. */
  unresolvable: boolean;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}
export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** core/v1 helper ToleratesTaint: empty effect matches all effects; Exists with empty key matches every taint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function firstUntolerated(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

/** A label selector requirement as node affinity writes it (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In': return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn': return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(r.values?.[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(r.values?.[0]);
  }
  return false;
}

/** Required node affinity terms are ORed; within a term, expressions and fields are ANDed; an empty term matches nothing. */
export function matchesNodeSelectorTerms(node: KubeObject, terms: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[]): boolean {
  const labels = node.metadata.labels ?? {};
  return terms.some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (!exprs.length && !fields.length) return false;
    return exprs.every((r) => matchRequirement(r, labels[r.key])) && fields.every((r) => matchRequirement(r, r.key === 'metadata.name' ? node.metadata.name : undefined));
  });
}

export function podMatchesNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const sel: Record<string, string> = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !matchesNodeSelectorTerms(node, terms)) return false;
  return true;
}

const RESOURCE_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

export function filterNode(pod: KubeObject, info: NodeInfo): FilterResult | undefined {
  const node = info.node;
  const tolerations: Toleration[] = pod.spec?.tolerations ?? [];
  // NodeUnschedulable: cordoned nodes, unless the pod tolerates the unschedulable taint.
  if (node.spec?.unschedulable && !tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  // NodeName
  if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata.name) {
    return { reasons: ["node(s) didn't match the requested node name"], unresolvable: true };
  }
  // TaintToleration: NoSchedule and NoExecute taints must be tolerated.
  const taint = firstUntolerated(node.spec?.taints ?? [], tolerations, ['NoSchedule', 'NoExecute']);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], unresolvable: true };
  // NodeAffinity (nodeSelector + required affinity)
  if (!podMatchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  // NodePorts
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      const key = `${p.protocol ?? 'TCP'}/${p.hostPort}`;
      if ((info.usedPorts.get(key) ?? 0) > 0) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
    }
  }
  // NodeResourcesFit: pod count first, then each requested resource (noderesources/fit.go fitsRequest).
  const alloc = nodeAllocatable(node);
  const reasons: string[] = [];
  if (info.podCount + 1 > (alloc.pods ?? 110)) reasons.push('Too many pods');
  const req = podRequests(pod);
  const names = Object.keys(req).sort((a, b) => (RESOURCE_ORDER.indexOf(a) + 1 || 99) - (RESOURCE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  for (const r of names) {
    if (r === 'pods' || !req[r]) continue;
    if (req[r] > (alloc[r] ?? 0) - (info.requested[r] ?? 0)) reasons.push(`Insufficient ${r}`);
  }
  if (reasons.length) return { reasons, unresolvable: false };
  return undefined;
}
