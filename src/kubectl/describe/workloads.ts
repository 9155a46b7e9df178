/** Deployment, ReplicaSet, DaemonSet, StatefulSet, Job and CronJob describers (kubectl pkg/describe/describe.go). */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, time, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';
import { controlledBy, describePodTemplate } from './pod';
import { selectorString } from '../cmd/podutil';
import { humanDuration } from '../printers/duration';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

export function podCounts(pods: KubeObject[]): PodCounts {
  const c = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const ph = p.status?.phase;
    if (ph === 'Running') c.running++;
    else if (ph === 'Pending') c.waiting++;
    else if (ph === 'Succeeded') c.succeeded++;
    else if (ph === 'Failed') c.failed++;
  }
  return c;
}

const countsText = (c: PodCounts) => `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;

function conditions(w: PrefixWriter, list: Any[] | undefined): void {
  if (!list?.length) return;
  w.write(L0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(L1, '----\t------\t------\n');
  for (const c of list) w.write(L1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

export function rsSummary(list: KubeObject[]): string {
  if (!list.length) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}

export function describeDeployment(d: KubeObject, oldRSs: KubeObject[], newRS: KubeObject | undefined, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = d.spec ?? {};
  const st: Any = d.status ?? {};
  w.write(L0, `Name:\t${d.metadata.name}\n`);
  w.write(L0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(L0, `CreationTimestamp:\t${time(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(L0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(L0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(L0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(L0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(L0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, spec.template);
  conditions(w, st.conditions);
  w.write(L0, `OldReplicaSets:\t${rsSummary(oldRSs)}\n`);
  w.write(L0, `NewReplicaSet:\t${rsSummary(newRS ? [newRS] : [])}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: KubeObject, pods: KubeObject[], events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${rs.metadata.name}\n`);
  w.write(L0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(L0, `Selector:\t${selectorString(rs.spec?.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controlledBy(rs);
  if (ctl) w.write(L0, `Controlled By:\t${ctl}\n`);
  w.write(L0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(L0, `Pods Status:\t${countsText(podCounts(pods))}\n`);
  describePodTemplate(w, rs.spec?.template);
  conditions(w, rs.status?.conditions);
  describeEvents(w, events, now);
  return w.toString();
}

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

export function describeDaemonSet(ds: KubeObject, pods: KubeObject[], events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const st: Any = ds.status ?? {};
  w.write(L0, `Name:\t${ds.metadata.name}\n`);
  w.write(L0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
  w.write(L0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(L0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(L0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(L0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(L0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(L0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(L0, `Pods Status:\t${countsText(podCounts(pods))}\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeStatefulSet(ss: KubeObject, pods: KubeObject[], events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = ss.spec ?? {};
  w.write(L0, `Name:\t${ss.metadata.name}\n`);
  w.write(L0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(L0, `CreationTimestamp:\t${time(ss.metadata.creationTimestamp)}\n`);
  w.write(L0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(L0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(L0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru) {
    if (ru.partition !== undefined) w.write(L1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(L1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(L0, `Pods Status:\t${countsText(podCounts(pods))}\n`);
  describePodTemplate(w, spec.template);
  const vcts: Any[] = spec.volumeClaimTemplates ?? [];
  if (!vcts.length) w.write(L0, 'Volume Claims:\t<none>\n');
  else {
    w.write(L0, 'Volume Claims:\n');
    for (const v of vcts) {
      w.write(L1, `Name:\t${v.metadata?.name}\n`);
      w.write(L1, `StorageClass:\t${v.spec?.storageClassName ?? ''}\n`);
      labelsMultiline(w, 'Labels', v.metadata?.labels, '  ');
      annotationsMultiline(w, 'Annotations', v.metadata?.annotations, '  ');
      w.write(L1, `Capacity:\t${v.spec?.resources?.requests?.storage ?? ''}\n`);
      w.write(L1, `Access Modes:\t${(v.spec?.accessModes ?? []).join(', ')}\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeJob(job: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = job.spec ?? {};
  const st: Any = job.status ?? {};
  w.write(L0, `Name:\t${job.metadata.name}\n`);
  w.write(L0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(L0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata.labels);
  annotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const ctl = controlledBy(job);
  if (ctl) w.write(L0, `Controlled By:\t${ctl}\n`);
  if (spec.parallelism !== undefined) w.write(L0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(L0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(L0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(L0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(L0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(L0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(L0, `Start Time:\t${time(st.startTime)}\n`);
  if (st.completionTime) w.write(L0, `Completed At:\t${time(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(L0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(L0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined) w.write(L0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(L0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(L0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeCronJob(cj: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = cj.spec ?? {};
  w.write(L0, `Name:\t${cj.metadata.name}\n`);
  w.write(L0, `Namespace:\t${cj.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', cj.metadata.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(L0, `Schedule:\t${spec.schedule}\n`);
  w.write(L0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(L0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
  w.write(L0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(L0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(L0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(L0, `Selector:\t${jt.selector ? selectorString(jt.selector) : '<unset>'}\n`);
  w.write(L0, `Parallelism:\t${jt.parallelism ?? '<unset>'}\n`);
  w.write(L0, `Completions:\t${jt.completions ?? '<unset>'}\n`);
  if (jt.activeDeadlineSeconds !== undefined) w.write(L0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, jt.template);
  w.write(L0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? time(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active: Any[] = cj.status?.active ?? [];
  w.write(L0, `Active Jobs:\t${active.length ? active.map((a) => a.name).join(', ') : '<none>'}\n`);
  describeEvents(w, events, now);
  return w.toString();
}
