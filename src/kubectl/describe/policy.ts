/**
 * PodDisruptionBudget, ResourceQuota and PriorityClass describers (kubectl pkg/describe/describe.go
 * describePodDisruptionBudgetV1, describeQuota, describePriorityClass).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { selectorString } from '../cmd/podutil';
import { PrefixWriter, L0, L1, L2, describeEvents, formatLabels, type CoreEvent } from './writer';
import { formatQuantity, parseQuantity } from './quantity';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** metav1.FormatLabelSelector: `<none>` for a nil or empty selector. */
export function formatLabelSelector(sel: unknown): string {
  const s = sel ? selectorString(sel as Parameters<typeof selectorString>[0]) : '';
  return s || '<none>';
}

export function describePodDisruptionBudget(pdb: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${pdb.metadata.name}\n`);
  w.write(L0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable != null) w.write(L0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable != null) w.write(L0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(L0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(L0, 'Status:\n');
  w.write(L2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(L2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(L2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(L2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** Rows come from status.hard (empty until the quota controller has counted); no events. */
export function describeQuota(q: KubeObject): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${q.metadata.name}\n`);
  w.write(L0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
  const scopes = [...((q.spec?.scopes ?? []) as string[])].sort();
  if (scopes.length) {
    w.write(L0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(L0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(L0, 'Resource\tUsed\tHard\n');
  w.write(L0, '--------\t----\t----\n');
  const hard: Record<string, string> = q.status?.hard ?? {};
  const used: Record<string, string> = q.status?.used ?? {};
  for (const r of Object.keys(hard).sort()) w.write(L0, `${r}\t${usedAsHard(used[r], hard[r])}\t${hard[r]}\n`);
  return w.toString();
}

/**
 * describeQuota prints used in hard's format when they differ: resource.NewQuantity(used.Value(), hard.Format),
 * the value rounded up to a whole unit (128Mi used of a 1G quota reads 134217728).
 */
function usedAsHard(used: string | undefined, hard: string): string {
  if (used === undefined) return '0';
  const u = parseQuantity(used);
  const h = parseQuantity(hard);
  if (u.binary === h.binary) return used;
  return formatQuantity({ value: Math.ceil(u.value), binary: h.binary });
}

export function describePriorityClass(pc: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${pc.metadata.name}\n`);
  w.write(L0, `Value:\t${pc.value ?? 0}\n`);
  w.write(L0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
  w.write(L0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(L0, `Description:\t${pc.description ?? ''}\n`);
  w.write(L0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

/**
 * describeLimitRangeSpec: one row per limit type and resource, `-` where a column has no value. Upstream walks a
 * Go map (random order); rows here come sorted by resource name.
 */
export function limitRangeRows(w: PrefixWriter, lr: KubeObject, prefix: string): void {
  for (const item of (lr.spec?.limits ?? []) as Record<string, any>[]) {
    const cols = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'] as const;
    const names = [...new Set(cols.flatMap((c) => Object.keys(item[c] ?? {})))].sort();
    for (const n of names) w.write(L0, `${prefix}${item.type ?? ''}\t${n}\t${cols.map((c) => item[c]?.[n] ?? '-').join('\t')}\n`);
  }
}

export function describeLimitRange(lr: KubeObject): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${lr.metadata.name}\n`);
  w.write(L0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  w.write(L0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(L0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.toString();
}

/** The namespace describer's quota and limit sections (DescribeResourceQuotas, DescribeLimitRanges). */
export function namespaceQuotasAndLimits(w: PrefixWriter, quotas: KubeObject[], limits: KubeObject[]): void {
  w.write(L0, '\n');
  if (!quotas.length) w.write(L0, 'No resource quota.\n');
  else {
    w.write(L0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      w.write(L1, `Name:\t${q.metadata.name}\n`);
      const scopes = [...((q.spec?.scopes ?? []) as string[])].sort();
      if (scopes.length) {
        w.write(L1, `Scopes:\t${scopes.join(', ')}\n`);
        for (const s of scopes) if (SCOPE_HELP[s]) w.write(L1, `* ${SCOPE_HELP[s]}\n`);
      }
      w.write(L1, 'Resource\tUsed\tHard\n');
      w.write(L1, '--------\t---\t---\n');
      const hard: Record<string, string> = q.status?.hard ?? {};
      for (const r of Object.keys(hard).sort()) w.write(L1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}\n`);
    }
  }
  w.write(L0, '\n');
  if (!limits.length) {
    w.write(L0, 'No LimitRange resource.\n');
    return;
  }
  w.write(L0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(L0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limits) limitRangeRows(w, lr, ' ');
}
