/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go, sync.go): owns ReplicaSets,
 * never pods. syncDeployment picks the path the real one does: deleted → status only; paused or a scaling
 * event → sync (proportional scaling); otherwise rolloutRolling or rolloutRecreate.
 */
import type { KubeObject } from '../../apiserver/types';
import { isAlreadyExists } from '../../client/client';
import { objectKey, type Informer } from '../../client/informer';
import { R } from '../../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from '../controller';
import { computeHash } from '../util/hash';
import { controllerRef, deepCopy } from '../util/owner';
import { isEmptySelector, selectorMatches } from '../util/selector';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { calculateStatus, syncRolloutStatus } from './progress';
import {
  activeReplicaSets,
  byCreation,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  newCondition,
  newRSNewReplicas,
  removeCondition,
  revisionOf,
  rsReplicas,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  replicasAnnotationsNeedUpdate,
  specReplicas,
  sumSpec,
  findNewReplicaSet,
  DeploymentPaused,
  DeploymentResumed,
  FoundNewReplicaSet,
  NewReplicaSetCreated,
  ProgressDeadlineExceeded,
  POD_TEMPLATE_HASH,
  REVISION,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  type Deployment,
  type RS,
} from './util';

export class DeploymentController extends QueueController {
  dInformer!: Informer;
  rsInformer!: Informer;
  podInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx);
  }

  register(): void {
    this.dInformer = this.informers.on(R.deployments, {
      add: (d) => this.enqueue(d),
      update: (_o, d) => this.enqueue(d),
      delete: (d) => this.enqueue(d),
    });
    this.rsInformer = this.informers.on(R.replicasets, {
      add: (rs) => this.onReplicaSet(rs),
      update: (o, rs) => {
        const oldRef = controllerRef(o);
        if (oldRef && oldRef.uid !== controllerRef(rs)?.uid) this.enqueueOwner(o);
        this.onReplicaSet(rs);
      },
      delete: (rs) => this.enqueueOwner(rs),
    });
    this.podInformer = this.informers.on(R.pods, {
      // Recreate waits for old pods to disappear before it scales up the new ReplicaSet.
      delete: (p) => {
        const ref = controllerRef(p);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = this.rsInformer.getByName(p.metadata.namespace, ref.name);
        const d = rs && this.ownerOf(rs);
        if (d && !isRollingUpdate(d)) this.enqueue(d);
      },
    });
  }

  private ownerOf(rs: RS): Deployment | undefined {
    const ref = controllerRef(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.getByName(rs.metadata.namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: RS): void {
    const d = this.ownerOf(rs);
    if (d) this.enqueue(d);
  }

  private onReplicaSet(rs: RS): void {
    if (controllerRef(rs)) return this.enqueueOwner(rs);
    for (const d of this.dInformer.list(rs.metadata.namespace)) if (selectorMatches(d.spec?.selector, rs.metadata.labels)) this.enqueue(d);
  }

  sync(key: string): boolean | void {
    this.written.clear();
    return this.syncDeployment(key);
  }

  syncDeployment(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.dInformer.getByName(namespace, name);
    if (!cached) return;
    let d = withKind(deepCopy(cached), 'apps/v1', 'Deployment');
    if (isEmptySelector(d.spec?.selector)) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        this.client.updateStatus(R.deployments, namespace, d);
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    d = this.checkPausedConditions(d);
    if (d.spec?.paused) return this.syncScale(d, rsList);
    if (this.isScalingEvent(d, rsList)) return this.syncScale(d, rsList);
    if (isRollingUpdate(d)) return rolloutRolling(this, d, rsList);
    return rolloutRecreate(this, d, rsList, this.podsByReplicaSet(rsList));
  }

  /** ReplicaSets owned by the Deployment, adopting matching orphans and releasing non-matching ones. */
  getReplicaSetsForDeployment(d: Deployment): RS[] {
    const out: RS[] = [];
    for (const rs of this.rsInformer.list(d.metadata.namespace)) {
      const ref = controllerRef(rs);
      const matches = selectorMatches(d.spec?.selector, rs.metadata.labels);
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) out.push(withKind(deepCopy(rs), 'apps/v1', 'ReplicaSet'));
        else if (!d.metadata.deletionTimestamp) this.patchOwners(rs, (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid));
        continue;
      }
      if (!matches || d.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
      const adopted = this.patchOwners(rs, [...(rs.metadata.ownerReferences ?? []), { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }]);
      if (adopted) out.push(withKind(adopted, 'apps/v1', 'ReplicaSet'));
    }
    return out;
  }

  private patchOwners(rs: RS, owners: KubeObject['metadata']['ownerReferences']): RS | undefined {
    try {
      return this.client.patch(R.replicasets, rs.metadata.namespace, rs.metadata.name!, 'merge', { metadata: { ownerReferences: owners?.length ? owners : null, uid: rs.metadata.uid } });
    } catch {
      return undefined;
    }
  }

  podsByReplicaSet(rsList: RS[]): Map<string, KubeObject[]> {
    const m = new Map<string, KubeObject[]>(rsList.map((rs) => [rs.metadata.uid!, []]));
    if (!rsList.length) return m;
    for (const p of this.podInformer.list(rsList[0].metadata.namespace)) {
      const uid = controllerRef(p)?.uid;
      if (uid && m.has(uid)) m.get(uid)!.push(p);
    }
    return m;
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  private checkPausedConditions(d: Deployment): Deployment {
    if (!hasProgressDeadline(d)) return d;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === ProgressDeadlineExceeded) return d;
    const pausedExists = cond?.reason === DeploymentPaused;
    const now = this.clock.nowRFC3339();
    let c;
    if (d.spec?.paused && !pausedExists) c = newCondition('Progressing', 'Unknown', DeploymentPaused, 'Deployment is paused', now);
    else if (!d.spec?.paused && pausedExists) c = newCondition('Progressing', 'Unknown', DeploymentResumed, 'Deployment is resumed', now);
    if (!c) return d;
    d.status ??= {};
    setCondition(d.status, c);
    return withKind(this.client.updateStatus(R.deployments, d.metadata.namespace, d), 'apps/v1', 'Deployment');
  }

  /**
   * getAllReplicaSetsAndSyncRevision + getNewReplicaSet: finds (or creates) the new RS, bumps its revision to
   * max(old revisions) + 1, copies annotations, and records the revision on the Deployment.
   */
  getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: RS[], create: boolean): { d: Deployment; newRS?: RS; oldRSs: RS[] } {
    const existing = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existing);
    const newRevision = maxRevision(oldRSs) + 1;
    const now = this.clock.nowRFC3339();
    if (existing) {
      const rs = deepCopy(existing);
      let updatedRS = existing;
      const annotationsChanged = setNewReplicaSetAnnotations(d, rs, newRevision, true);
      const mrsChanged = (rs.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (mrsChanged) rs.spec.minReadySeconds = d.spec?.minReadySeconds ?? 0;
      if (annotationsChanged || mrsChanged) updatedRS = withKind(this.client.update(R.replicasets, rs.metadata.namespace, rs), 'apps/v1', 'ReplicaSet');
      const idx = rsList.indexOf(existing);
      if (idx >= 0) rsList[idx] = updatedRS;
      d = this.setDeploymentRevision(d, updatedRS.metadata.annotations?.[REVISION]);
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'True', FoundNewReplicaSet, `Found new replica set "${updatedRS.metadata.name}"`, now));
        d = withKind(this.client.updateStatus(R.deployments, d.metadata.namespace, d), 'apps/v1', 'Deployment');
      }
      return { d, newRS: updatedRS, oldRSs };
    }
    if (!create) return { d, newRS: undefined, oldRSs };
    const template = deepCopy(d.spec.template);
    const hash = computeHash(template, d.status?.collisionCount);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const selector = deepCopy(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs: RS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(template.metadata.labels ?? {}) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const all = [...oldRSs, rs];
    const newReplicas = newRSNewReplicas(d, all, rs);
    rs.spec.replicas = newReplicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let createdRS: RS;
    try {
      createdRS = withKind(this.client.create(R.replicasets, d.metadata.namespace, rs), 'apps/v1', 'ReplicaSet');
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      // A hash collision with an RS whose template differs: bump collisionCount and try again next sync.
      const other = this.client.get(R.replicasets, d.metadata.namespace, rs.metadata.name!);
      if (controllerRef(other)?.uid === d.metadata.uid && equalTemplates(other, d)) return { d, newRS: withKind(other, 'apps/v1', 'ReplicaSet'), oldRSs };
      d.status ??= {};
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      this.client.updateStatus(R.deployments, d.metadata.namespace, d);
      throw e;
    }
    if (newReplicas > 0) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${newReplicas}`);
    d = this.setDeploymentRevision(d, String(newRevision));
    if (hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', NewReplicaSetCreated, `Created new replica set "${createdRS.metadata.name}"`, now));
      d = withKind(this.client.updateStatus(R.deployments, d.metadata.namespace, d), 'apps/v1', 'Deployment');
    }
    return { d, newRS: createdRS, oldRSs };
  }

  private setDeploymentRevision(d: Deployment, revision: string | undefined): Deployment {
    if (revision === undefined || d.metadata.annotations?.[REVISION] === revision) return d;
    const next = deepCopy(d);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
    const status = d.status;
    const updated = withKind(this.client.update(R.deployments, d.metadata.namespace, next), 'apps/v1', 'Deployment');
    updated.status = status;
    return updated;
  }

  /** isScalingEvent: an active RS whose desired-replicas annotation differs from spec.replicas. */
  private isScalingEvent(d: Deployment, rsList: RS[]): boolean {
    const newRS = findNewReplicaSet(d, rsList);
    const all = newRS ? rsList : rsList;
    for (const rs of activeReplicaSets(all)) {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
      if (v === undefined) continue;
      if (Number.parseInt(v, 10) !== specReplicas(d)) return true;
    }
    return false;
  }

  /** sync: scale (proportionally) without rolling, clean up when paused, and update status. */
  syncScale(d: Deployment, rsList: RS[]): boolean | void {
    const r = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    d = r.d;
    this.scale(d, r.newRS, r.oldRSs);
    if (d.spec?.paused) this.cleanupDeployment(r.oldRSs, d);
    this.syncDeploymentStatus(r.newRS ? [...r.oldRSs, r.newRS] : r.oldRSs, r.newRS, d);
  }

  /** Re-reads the ReplicaSets after writes in this sync (the real controller works on the returned objects). */
  freshReplicaSets(d: Deployment, newRS: RS | undefined, oldRSs: RS[]): { newRS?: RS; oldRSs: RS[] } {
    const get = (rs: RS) => this.written.get(rs.metadata.uid!) ?? rs;
    return { newRS: newRS && get(newRS), oldRSs: oldRSs.map(get) };
  }

  /** RSes written during the current sync, by uid. */
  written = new Map<string, RS>();

  /** scale (sync.go): resize the only active RS, or spread a size change proportionally over all active ones. */
  private scale(d: Deployment, newRS: RS | undefined, oldRSs: RS[]): void {
    const actives = activeReplicaSets(newRS ? [newRS, ...oldRSs] : oldRSs);
    let activeOrLatest: RS | undefined;
    if (actives.length === 1) activeOrLatest = actives[0];
    else if (actives.length === 0) activeOrLatest = newRS ?? [...oldRSs].sort(byCreation).pop();
    if (activeOrLatest) {
      if (rsReplicas(activeOrLatest) === specReplicas(d)) return;
      this.scaleReplicaSetAndRecordEvent(activeOrLatest, specReplicas(d), d);
      return;
    }
    // IsSaturated: the new RS has everything, so old ones go to zero.
    if (newRS && rsReplicas(newRS) === specReplicas(d) && newRS.metadata.annotations?.[DESIRED_REPLICAS] === String(specReplicas(d)) && (newRS.status?.availableReplicas ?? 0) === specReplicas(d)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = actives;
    const allowed = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
    const toAdd = allowed - sumSpec(all);
    let op: 'up' | 'down' = 'up';
    const newerFirst = (a: RS, b: RS) => rsReplicas(b) - rsReplicas(a) || -byCreation(a, b);
    const olderFirst = (a: RS, b: RS) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
    if (toAdd > 0) all.sort(newerFirst);
    else if (toAdd < 0) {
      all.sort(olderFirst);
      op = 'down';
    }
    let added = 0;
    const sizes: number[] = [];
    for (const rs of all) {
      if (toAdd === 0) {
        sizes.push(rsReplicas(rs));
        continue;
      }
      const p = this.proportion(rs, d, toAdd, added);
      sizes.push(rsReplicas(rs) + p);
      added += p;
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
      this.scaleReplicaSet(rs, sizes[i], d, op);
    });
  }

  /** GetProportion / getReplicaSetFraction, with Go's RoundToInt32 (round half away from zero). */
  private proportion(rs: RS, d: Deployment, toAdd: number, added: number): number {
    if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (specReplicas(d) === 0) fraction = -rsReplicas(rs);
    else {
      const deploymentReplicas = specReplicas(d) + maxSurge(d);
      let annotated = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? '', 10);
      if (Number.isNaN(annotated)) annotated = d.status?.replicas ?? 0;
      const size = annotated ? (rsReplicas(rs) * deploymentReplicas) / annotated : 0;
      fraction = Math.sign(size) * Math.round(Math.abs(size)) - rsReplicas(rs);
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  scaleReplicaSetAndRecordEvent(rs: RS, newScale: number, d: Deployment): boolean {
    if (rsReplicas(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
  }

  scaleReplicaSet(rs: RS, newScale: number, d: Deployment, op: 'up' | 'down'): boolean {
    const sizeChanged = rsReplicas(rs) !== newScale;
    const annotationsChanged = replicasAnnotationsNeedUpdate(rs, specReplicas(d), specReplicas(d) + maxSurge(d));
    if (!sizeChanged && !annotationsChanged) return false;
    const current = this.written.get(rs.metadata.uid!) ?? rs;
    const next = deepCopy(current);
    const oldScale = rsReplicas(current);
    next.spec.replicas = newScale;
    setReplicasAnnotations(next, specReplicas(d), specReplicas(d) + maxSurge(d));
    const updated = withKind(this.client.update(R.replicasets, next.metadata.namespace, next), 'apps/v1', 'ReplicaSet');
    this.written.set(rs.metadata.uid!, updated);
    if (sizeChanged) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return sizeChanged;
  }

  /** cleanupDeployment: delete the oldest fully scaled-down RSes beyond revisionHistoryLimit. */
  cleanupDeployment(oldRSs: RS[], d: Deployment): void {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    alive.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (let i = 0; i < diff; i++) {
      const rs = alive[i];
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.client.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name!);
      } catch {
        /* already gone */
      }
    }
  }

  /** syncDeploymentStatus: write calculateStatus when it differs. */
  syncDeploymentStatus(all: RS[], newRS: RS | undefined, d: Deployment): void {
    const status = calculateStatus(all, newRS, d, this.clock.nowRFC3339());
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return;
    this.client.updateStatus(R.deployments, d.metadata.namespace, { ...d, status });
  }

  private syncStatusOnly(d: Deployment, rsList: RS[]): void {
    const r = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.syncDeploymentStatus(r.newRS ? [...r.oldRSs, r.newRS] : r.oldRSs, r.newRS, r.d);
  }

  removeProgressing(d: Deployment): void {
    if (d.status) removeCondition(d.status, 'Progressing');
  }

  progress(all: RS[], newRS: RS | undefined, d: Deployment): void {
    syncRolloutStatus(this, all, newRS, d);
  }
}

function equalTemplates(rs: RS, d: Deployment): boolean {
  return findNewReplicaSet(d, [rs]) !== undefined;
}
