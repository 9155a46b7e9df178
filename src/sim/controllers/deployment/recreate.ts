/**
 * Recreate (pkg/controller/deployment/recreate.go): scale every old RS to zero, wait until no old pod is running
 * (oldPodsRunning), then create or scale up the new RS to the full count.
 */
import type { KubeObject } from '../../apiserver/types';
import type { DeploymentController } from './controller';
import { activeReplicaSets, deploymentComplete, specReplicas, sumStatus, type Deployment, type RS } from './util';
import { calculateStatus } from './progress';

export function rolloutRecreate(dc: DeploymentController, d0: Deployment, rsList: RS[], podMap: Map<string, KubeObject[]>): boolean | void {
  let { d, newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d0, rsList, false);
  const all = () => (newRS ? [...oldRSs, newRS] : oldRSs);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if (dc.scaleReplicaSetAndRecordEvent(rs, 0, d)) scaledDown = true;
  if (scaledDown) {
    dc.progress(all(), newRS, d);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, podMap)) {
    dc.progress(all(), newRS, d);
    return;
  }
  if (!newRS) ({ d, newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, true));
  dc.scaleReplicaSetAndRecordEvent(newRS!, specReplicas(d), d);
  if (deploymentComplete(d, calculateStatus(all(), newRS, d, dc.clock.nowRFC3339()))) dc.cleanupDeployment(oldRSs, d);
  dc.progress(all(), newRS, d);
}

function oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podMap: Map<string, KubeObject[]>): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && uid === newRS.metadata.uid) continue;
    for (const p of pods) {
      const phase = p.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
