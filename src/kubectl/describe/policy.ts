/**
 * PodDisruptionBudget, ResourceQuota and PriorityClass describers (kubectl pkg/describe/describe.go
 * describePodDisruptionBudgetV1, describeQuota, describePriorityClass).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { selectorString } from '../cmd/podutil';
import { PrefixWriter, L0, L2, describeEvents, formatLabels, type CoreEvent } from './writer';

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
  for (const r of Object.keys(hard).sort()) w.write(L0, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
  return w.toString();
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
