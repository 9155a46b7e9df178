/**
 * The pod row: READY, STATUS, RESTARTS as printPod in pkg/printers/internalversion/printers.go computes them.
 * Init containers are walked first (sidecars, i.e. init containers with restartPolicy Always, count towards
 * READY); then the app containers in reverse order so the first non-running container decides STATUS.
 */
import type { KubeObject } from '../types';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
import type { RowCondition } from './index';

/* eslint-disable @typescript-eslint/no-explicit-any */

function isRestartableInit(c: any): boolean {
  return c?.restartPolicy === 'Always';
}

function lastTerminatedAt(cs: any): number | undefined {
  return parseTimestamp(cs?.lastState?.terminated?.finishedAt);
}

export function printPod(pod: KubeObject, nowMs: number): { cells: unknown[]; conditions?: RowCondition[] } {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const containers: any[] = spec.containers ?? [];
  const initContainers: any[] = spec.initContainers ?? [];
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = containers.length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, any>();
  for (const c of initContainers) {
    initByName.set(c.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const t = lastTerminatedAt(cs);
    if (t !== undefined && (lastRestart === undefined || t > lastRestart)) lastRestart = t;
    const sidecar = isRestartableInit(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (t !== undefined && (lastSidecarRestart === undefined || t > lastSidecarRestart)) lastSidecarRestart = t;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const t = lastTerminatedAt(cs);
      if (t !== undefined && (lastRestart === undefined || t > lastRestart)) lastRestart = t;
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;

  const podIP: string = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const nodeName: string = spec.nodeName || '<none>';
  const nominated: string = status.nominatedNodeName || '<none>';
  let gates = '<none>';
  const readinessGates: any[] = spec.readinessGates ?? [];
  if (readinessGates.length > 0) {
    let trueCount = 0;
    for (const g of readinessGates) {
      const cond = (status.conditions ?? []).find((c: any) => c.type === g.conditionType);
      if (cond && cond.status === 'True') trueCount++;
    }
    gates = `${trueCount}/${readinessGates.length}`;
  }

  const cells = [
    pod.metadata.name,
    `${ready}/${total}`,
    reason,
    restartsStr,
    translateTimestampSince(pod.metadata.creationTimestamp, nowMs),
    podIP,
    nodeName,
    nominated,
    gates,
  ];
  // printers.go podSuccessConditions / podFailedConditions.
  let conditions: RowCondition[] | undefined;
  if (phase === 'Succeeded') conditions = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  else if (phase === 'Failed') conditions = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return { cells, conditions };
}
