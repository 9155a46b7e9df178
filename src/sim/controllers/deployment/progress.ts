/**
 * Deployment status and the Progressing condition (sync.go calculateStatus, progress.go syncRolloutStatus,
 * requeueStuckDeployment). Messages are the real ones: `ReplicaSet "x" is progressing.`,
 * `ReplicaSet "x" has successfully progressed.`, `ReplicaSet "x" has timed out progressing.`,
 * `Deployment has minimum availability.` / `Deployment does not have minimum availability.`
 */
import { R } from '../../client/resources';
import { parseTime } from '../util/pods';
import type { DeploymentController } from './controller';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  newCondition,
  removeCondition,
  setCondition,
  specReplicas,
  sumSpec,
  sumStatus,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewReplicaSetAvailable,
  ProgressDeadlineExceeded,
  ReplicaSetUpdated,
  type Deployment,
  type DeploymentStatus,
  type RS,
} from './util';

export function calculateStatus(all: RS[], newRS: RS | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = sumStatus(all, 'availableReplicas');
  const total = sumSpec(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = (d.status?.conditions ?? []).map((c: object) => ({ ...c }));
  if (available >= specReplicas(d) - maxUnavailable(d)) setCondition(status, newCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  else setCondition(status, newCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  return omitZeroes(status);
}

/** The API omits zero-valued optional counters (omitempty), except replicas-like fields kubectl reads. */
function omitZeroes(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = { ...s };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) if (!out[k]) delete out[k];
  if (!out.conditions?.length) delete out.conditions;
  return out;
}

export function syncRolloutStatus(dc: DeploymentController, all: RS[], newRS: RS | undefined, d: Deployment): void {
  const now = dc.clock.nowRFC3339();
  const status = calculateStatus(all, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const cur = getCondition(status, 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && cur?.reason === NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : 'Deployment has successfully progressed.';
      setCondition(status, newCondition('Progressing', 'True', NewReplicaSetAvailable, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : 'Deployment is progressing.';
      const c = newCondition('Progressing', 'True', ReplicaSetUpdated, msg, now);
      // Progress updates lastUpdateTime only: the condition was already True.
      if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
      removeCondition(status, 'Progressing');
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, dc.clock.now())) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : 'Deployment has timed out progressing.';
      setCondition(status, newCondition('Progressing', 'False', ProgressDeadlineExceeded, msg, now));
    }
  }
  if (!status.conditions?.length) delete status.conditions;
  if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) {
    requeueStuckDeployment(dc, d, status);
    return;
  }
  dc.client.updateStatus(R.deployments, d.metadata.namespace, { ...d, status });
}

/** Looks again when the progress deadline would pass, so ProgressDeadlineExceeded appears on time. */
function requeueStuckDeployment(dc: DeploymentController, d: Deployment, s: DeploymentStatus): void {
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === ProgressDeadlineExceeded || !hasProgressDeadline(d) || deploymentComplete(d, s)) return;
  const from = parseTime(c.lastUpdateTime) ?? dc.clock.now();
  const after = from + d.spec.progressDeadlineSeconds * 1000 - dc.clock.now();
  // Go compares with time.Before, strictly: look one second past the deadline.
  dc.enqueueAfter(d, after < 1000 ? 0 : after + 1000);
}
