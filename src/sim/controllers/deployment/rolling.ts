/**
 * RollingUpdate (pkg/controller/deployment/rolling.go): scale the new RS up within maxSurge, then scale old RSes
 * down within maxUnavailable (unhealthy old pods first, oldest RS first), one step per sync.
 */
import type { DeploymentController } from './controller';
import {
  activeReplicaSets,
  byCreation,
  deploymentComplete,
  newRSNewReplicas,
  resolveFenceposts,
  rsReplicas,
  specReplicas,
  sumSpec,
  sumStatus,
  type Deployment,
  type RS,
} from './util';
import { calculateStatus } from './progress';

// Status is computed from the ReplicaSets as read at the start of the sync, as the real controller does.
export function rolloutRolling(dc: DeploymentController, d0: Deployment, rsList: RS[]): boolean | void {
  const r = dc.getAllReplicaSetsAndSyncRevision(d0, rsList, true);
  const d = r.d;
  const newRS = r.newRS!;
  const oldRSs = r.oldRSs;
  const all = () => [...oldRSs, newRS];

  if (reconcileNewReplicaSet(dc, all(), newRS, d)) {
    dc.progress(all(), newRS, d);
    return;
  }
  if (reconcileOldReplicaSets(dc, all(), activeReplicaSets(oldRSs), newRS, d)) {
    dc.progress(all(), newRS, d);
    return;
  }
  if (deploymentComplete(d, calculateStatus(all(), newRS, d, dc.clock.nowRFC3339()))) dc.cleanupDeployment(oldRSs, d);
  dc.progress(all(), newRS, d);
}

function reconcileNewReplicaSet(dc: DeploymentController, all: RS[], newRS: RS, d: Deployment): boolean {
  if (rsReplicas(newRS) === specReplicas(d)) return false;
  if (rsReplicas(newRS) > specReplicas(d)) return dc.scaleReplicaSetAndRecordEvent(newRS, specReplicas(d), d);
  return dc.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, all, newRS), d);
}

function reconcileOldReplicaSets(dc: DeploymentController, all: RS[], oldRSs: RS[], newRS: RS, d: Deployment): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const allPods = sumSpec(all);
  const { unavailable } = resolveFenceposts(d);
  const minAvailable = specReplicas(d) - Math.min(unavailable, specReplicas(d));
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { cleaned, scaled: cleanedCount } = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned, newRS], cleaned, d);
  return cleanedCount + scaledDown > 0;
}

/** Old RS replicas that are not available go first: they cost no availability. */
function cleanupUnhealthyReplicas(dc: DeploymentController, oldRSs: RS[], d: Deployment, maxCleanup: number): { cleaned: RS[]; scaled: number } {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  const out: RS[] = [];
  for (const rs of sorted) {
    if (total >= maxCleanup || rsReplicas(rs) === 0 || rsReplicas(rs) === (rs.status?.availableReplicas ?? 0)) {
      out.push(rs);
      continue;
    }
    const n = Math.min(maxCleanup - total, rsReplicas(rs) - (rs.status?.availableReplicas ?? 0));
    dc.scaleReplicaSetAndRecordEvent(rs, rsReplicas(rs) - n, d);
    total += n;
    out.push(dc.freshReplicaSets(d, undefined, [rs]).oldRSs[0]);
  }
  return { cleaned: out, scaled: total };
}

function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentController, all: RS[], oldRSs: RS[], d: Deployment): number {
  const { unavailable } = resolveFenceposts(d);
  const minAvailable = specReplicas(d) - Math.min(unavailable, specReplicas(d));
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const want = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= want) break;
    if (rsReplicas(rs) === 0) continue;
    const n = Math.min(rsReplicas(rs), want - total);
    dc.scaleReplicaSetAndRecordEvent(rs, rsReplicas(rs) - n, d);
    total += n;
  }
  return total;
}

