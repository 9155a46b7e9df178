/**
 * Rows of the workload controllers: deployments, replicasets, replicationcontrollers, daemonsets,
 * statefulsets, jobs, cronjobs, controllerrevisions, horizontalpodautoscalers, poddisruptionbudgets
 * (printDeployment, printReplicaSet, printDaemonSet, printStatefulSet, printJob, printCronJob, ... in
 * pkg/printers/internalversion/printers.go). Counts are numbers in the cells, as the real server sends them.
 */
import type { KubeObject } from '../types';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
import { formatLabelSelector, formatLabels, layoutContainerCells, selectorString } from './format';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Printer = (o: KubeObject, nowMs: number) => unknown[];

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata.creationTimestamp, now);
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

function selectorOrInvalid(sel: any): string {
  return selectorString(sel);
}

const deployments: Printer = (o, now) => {
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  const replicas = o.spec?.replicas ?? 0;
  return [o.metadata.name, `${n(o.status?.readyReplicas)}/${replicas}`, n(o.status?.updatedReplicas), n(o.status?.availableReplicas), age(o, now), c, i, selectorOrInvalid(o.spec?.selector)];
};

const replicasets: Printer = (o, now) => {
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  return [o.metadata.name, n(o.spec?.replicas), n(o.status?.replicas), n(o.status?.readyReplicas), age(o, now), c, i, selectorOrInvalid(o.spec?.selector)];
};

// ReplicationController selectors are plain maps: labels.SelectorFromSet(...).String().
const replicationcontrollers: Printer = (o, now) => {
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  return [o.metadata.name, n(o.spec?.replicas), n(o.status?.replicas), n(o.status?.readyReplicas), age(o, now), c, i, selectorString({ matchLabels: o.spec?.selector ?? {} })];
};

const daemonsets: Printer = (o, now) => {
  const s = o.status ?? {};
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  return [
    o.metadata.name,
    n(s.desiredNumberScheduled),
    n(s.currentNumberScheduled),
    n(s.numberReady),
    n(s.updatedNumberScheduled),
    n(s.numberAvailable),
    formatLabels(o.spec?.template?.spec?.nodeSelector),
    age(o, now),
    c,
    i,
    selectorOrInvalid(o.spec?.selector),
  ];
};

const statefulsets: Printer = (o, now) => {
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  return [o.metadata.name, `${n(o.status?.readyReplicas)}/${o.spec?.replicas ?? 0}`, age(o, now), c, i];
};

function hasCondition(o: KubeObject, type: string): boolean {
  return (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');
}

const jobs: Printer = (o, now) => {
  const succeeded = n(o.status?.succeeded);
  let completions: string;
  if (o.spec?.completions != null) completions = `${succeeded}/${o.spec.completions}`;
  else {
    const parallelism = o.spec?.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  let duration = '';
  const start = parseTimestamp(o.status?.startTime);
  const end = parseTimestamp(o.status?.completionTime);
  if (start !== undefined) duration = humanDuration((end ?? now) - start);
  let status: string;
  if (hasCondition(o, 'Complete')) status = 'Complete';
  else if (hasCondition(o, 'Failed')) status = 'Failed';
  else if (o.metadata.deletionTimestamp) status = 'Terminating';
  else if (hasCondition(o, 'Suspended')) status = 'Suspended';
  else if (hasCondition(o, 'FailureTarget')) status = 'FailureTarget';
  else status = 'Running';
  const [c, i] = layoutContainerCells(o.spec?.template?.spec?.containers);
  return [o.metadata.name, status, completions, duration, age(o, now), c, i, selectorOrInvalid(o.spec?.selector)];
};

// printBoolPtr: a nil pointer prints "<unset>".
const boolPtr = (v: unknown) => (v === undefined || v === null ? '<unset>' : v ? 'True' : 'False');

const cronjobs: Printer = (o, now) => {
  const last = o.status?.lastScheduleTime ? translateTimestampSince(o.status.lastScheduleTime, now) : '<none>';
  const jt = o.spec?.jobTemplate?.spec ?? {};
  const [c, i] = layoutContainerCells(jt.template?.spec?.containers);
  return [o.metadata.name, o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', boolPtr(o.spec?.suspend), (o.status?.active ?? []).length, last, age(o, now), c, i, formatLabelSelector(jt.selector)];
};

const controllerrevisions: Printer = (o, now) => {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  let controller = '<none>';
  if (ref) {
    // formatResourceName(GroupKind, name, withKind): lower-cased "Kind.group/name".
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
  }
  return [o.metadata.name, controller, n(o.revision), age(o, now)];
};

const podtemplates: Printer = (o) => {
  const [c, i] = layoutContainerCells(o.template?.spec?.containers);
  return [o.metadata.name, c, i, formatLabels(o.template?.metadata?.labels)];
};

const intOrStringOrNA = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));

const poddisruptionbudgets: Printer = (o, now) => [
  o.metadata.name,
  intOrStringOrNA(o.spec?.minAvailable),
  intOrStringOrNA(o.spec?.maxUnavailable),
  n(o.status?.disruptionsAllowed),
  age(o, now),
];

/** The TARGETS cell of an autoscaling/v2 HPA (formatHPAMetrics), resource and pods metrics. */
function hpaTargets(o: KubeObject): string {
  const specs: any[] = o.spec?.metrics ?? [];
  const current: any[] = o.status?.currentMetrics ?? [];
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  const max = 2;
  specs.forEach((m, idx) => {
    let text = '';
    const cur = current[idx];
    if (m.type === 'Resource' && m.resource) {
      const t = m.resource.target ?? {};
      if (t.averageUtilization != null) {
        const c = cur?.resource?.current?.averageUtilization;
        text = `${m.resource.name}: ${c != null ? `${c}%` : '<unknown>'}/${t.averageUtilization}%`;
      } else {
        const c = cur?.resource?.current?.averageValue;
        text = `${m.resource.name}: ${c ?? '<unknown>'}/${t.averageValue ?? ''}`;
      }
    } else if (m.type === 'Pods' && m.pods) {
      const c = cur?.pods?.current?.averageValue;
      text = `${c ?? '<unknown>'}/${m.pods.target?.averageValue ?? ''}`;
    } else {
      text = '<unknown>/<unknown>';
    }
    list.push(text);
  });
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

const horizontalpodautoscalers: Printer = (o, now) => {
  const ref = o.spec?.scaleTargetRef ?? {};
  return [
    o.metadata.name,
    `${ref.kind ?? ''}/${ref.name ?? ''}`,
    hpaTargets(o),
    o.spec?.minReplicas != null ? String(o.spec.minReplicas) : '<unset>',
    n(o.spec?.maxReplicas),
    n(o.status?.currentReplicas),
    age(o, now),
  ];
};

export const WORKLOAD_PRINTERS: Record<string, Printer> = {
  deployments,
  replicasets,
  replicationcontrollers,
  daemonsets,
  statefulsets,
  jobs,
  cronjobs,
  controllerrevisions,
  podtemplates,
  poddisruptionbudgets,
  horizontalpodautoscalers,
};
