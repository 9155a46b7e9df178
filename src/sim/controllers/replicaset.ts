/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas` active pods that
 * match the selector, adopting orphans and releasing pods whose labels no longer match.
 * - manageReplicas creates in slow-start batches (1, 2, 4, …) capped at burstReplicas = 500 per sync;
 * - scale-down victims follow ActivePodsWithRanks (util/pods.ts);
 * - events: SuccessfulCreate "Created pod: <name>", SuccessfulDelete "Deleted pod: <name>",
 *   FailedCreate "Error creating: <message>" (replica_set.go, controller_utils.go).
 */
import type { KubeObject } from '../apiserver/types';
import { ApiError, isNotFound } from '../client/client';
import { objectKey, type Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { Expectations, type ExpectationsSnapshot } from './util/expectations';
import { controllerRef, deepCopy } from './util/owner';
import { isPodActive, isPodAvailable, isPodReady, rankPodsForDeletion, secondsUntilAvailable } from './util/pods';
import { gvr, type GVR } from '../client/resources';
import { mapSelectorMatches, selectorMatches, type LabelSelector } from './util/selector';

export const BURST_REPLICAS = 500;

/** What differs between ReplicaSets and ReplicationControllers (the same controller code upstream). */
export interface ReplicaKind {
  component: string;
  resource: GVR;
  apiVersion: string;
  kind: string;
  /** ReplicaSets have a LabelSelector, ReplicationControllers a plain map. */
  matches(owner: KubeObject, labels: Record<string, string> | undefined): boolean;
}

export const REPLICASET_KIND: ReplicaKind = {
  component: 'replicaset-controller',
  resource: R.replicasets,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  matches: (o, l) => selectorMatches(o.spec?.selector as LabelSelector | undefined, l),
};

/** pkg/controller/replication: the ReplicaSet controller run over v1 ReplicationControllers. */
export const REPLICATIONCONTROLLER_KIND: ReplicaKind = {
  component: 'replication-controller',
  resource: gvr('', 'v1', 'replicationcontrollers'),
  apiVersion: 'v1',
  kind: 'ReplicationController',
  matches: (o, l) => mapSelectorMatches(o.spec?.selector ?? o.spec?.template?.metadata?.labels, l),
};

export class ReplicaSetController extends QueueController {
  readonly expectations: Expectations;
  private rsInformer!: Informer;
  private podInformer!: Informer;

  constructor(
    ctx: ControllerContext,
    readonly rk: ReplicaKind = REPLICASET_KIND,
  ) {
    super(rk.component, ctx);
    this.expectations = new Expectations(ctx.clock);
  }

  register(): void {
    this.rsInformer = this.informers.on(this.rk.resource, {
      add: (rs) => this.enqueue(rs),
      update: (_o, rs) => this.enqueue(rs),
      delete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.enqueue(rs);
      },
    });
    this.podInformer = this.informers.on(R.pods, {
      add: (p) => this.addPod(p),
      update: (o, p) => this.updatePod(o, p),
      delete: (p) => this.deletePod(p),
    });
  }

  private ownerOf(pod: KubeObject): KubeObject | undefined {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== this.rk.kind) return undefined;
    const rs = this.rsInformer.getByName(pod.metadata.namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  private matchingReplicaSets(pod: KubeObject): KubeObject[] {
    return this.rsInformer.list(pod.metadata.namespace).filter((rs) => this.rk.matches(rs, pod.metadata.labels));
  }

  private addPod(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const rs = this.ownerOf(pod);
    if (rs) {
      this.expectations.creationObserved(objectKey(rs));
      this.enqueue(rs);
      return;
    }
    if (!controllerRef(pod)) for (const r of this.matchingReplicaSets(pod)) this.enqueue(r);
  }

  private updatePod(old: KubeObject, cur: KubeObject): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const oldRef = controllerRef(old);
    const curRef = controllerRef(cur);
    const refChanged = JSON.stringify(oldRef) !== JSON.stringify(curRef);
    if (refChanged && oldRef) {
      const o = this.ownerOf(old);
      if (o) this.enqueue(o);
    }
    const rs = this.ownerOf(cur);
    if (rs) {
      this.enqueue(rs);
      // A pod that just became ready turns available minReadySeconds later: look again then.
      const mrs = rs.spec?.minReadySeconds ?? 0;
      if (mrs > 0 && !isPodReady(old) && isPodReady(cur)) this.enqueueAfter(rs, mrs * 1000 + 1000);
      return;
    }
    if (!curRef && (labelsChanged || refChanged)) for (const r of this.matchingReplicaSets(cur)) this.enqueue(r);
  }

  private deletePod(pod: KubeObject): void {
    const rs = this.ownerOf(pod);
    if (!rs) return;
    this.expectations.deletionObserved(objectKey(rs), pod.metadata.uid);
    this.enqueue(rs);
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.rsInformer.getByName(namespace, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = withKind(cached, this.rk.apiVersion, this.rk.kind);
    const needsSync = this.expectations.satisfied(key);
    const pods = this.claimPods(rs, this.podInformer.list(namespace).filter(isPodActive));
    let manageErr: ApiError | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageErr = this.manageReplicas(pods, rs, key);
    const fresh = this.updateStatus(rs, pods, manageErr);
    // Requeue when ready pods will become available after minReadySeconds.
    const mrs = rs.spec?.minReadySeconds ?? 0;
    if (!manageErr && mrs > 0 && fresh) {
      const now = this.clock.now();
      let soonest: number | undefined;
      for (const p of pods) {
        const left = secondsUntilAvailable(p, mrs, now);
        if (left !== undefined) soonest = soonest === undefined ? left : Math.min(soonest, left);
      }
      if (soonest !== undefined) this.enqueueAfter(rs, soonest * 1000 + 1);
    }
    if (manageErr) return false;
  }

  /** ControllerRefManager.ClaimPods: adopt matching orphans, release owned pods that stopped matching. */
  private claimPods(rs: KubeObject, pods: KubeObject[]): KubeObject[] {
    const out: KubeObject[] = [];
    for (const pod of pods) {
      const ref = controllerRef(pod);
      const matches = this.rk.matches(rs, pod.metadata.labels);
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (matches) {
          out.push(pod);
          continue;
        }
        if (rs.metadata.deletionTimestamp) continue;
        this.patchOwners(pod, (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid));
        continue;
      }
      if (!matches || rs.metadata.deletionTimestamp || pod.metadata.deletionTimestamp) continue;
      const owners = [...(pod.metadata.ownerReferences ?? []), { apiVersion: this.rk.apiVersion, kind: this.rk.kind, name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }];
      const adopted = this.patchOwners(pod, owners);
      if (adopted) out.push(adopted);
    }
    return out;
  }

  private patchOwners(pod: KubeObject, owners: KubeObject['metadata']['ownerReferences']): KubeObject | undefined {
    try {
      return this.client.patch(R.pods, pod.metadata.namespace, pod.metadata.name!, 'merge', {
        metadata: { ownerReferences: owners && owners.length ? owners : null, uid: pod.metadata.uid },
      });
    } catch {
      return undefined;
    }
  }

  manageReplicas(pods: KubeObject[], rs: KubeObject, key: string): ApiError | undefined {
    const want = rs.spec?.replicas ?? 1;
    let diff = pods.length - want;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, diff);
      let remaining = diff;
      let batch = Math.min(remaining, 1);
      let created = 0;
      let err: ApiError | undefined;
      while (batch > 0 && !err) {
        for (let i = 0; i < batch; i++) {
          try {
            const pod = this.client.create(R.pods, rs.metadata.namespace, podFromTemplate(rs, this.rk.apiVersion, this.rk.kind));
            created++;
            this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (e) {
            err = e instanceof ApiError ? e : new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(e), code: 500 }, 500);
            this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
            break;
          }
        }
        remaining -= batch;
        batch = Math.min(2 * batch, remaining);
      }
      // creations that never happened will never be observed
      for (let i = created; i < diff; i++) this.expectations.creationObserved(key);
      return err;
    }
    if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const victims = rankPodsForDeletion(pods, this.relatedPods(rs), this.clock.now()).slice(0, diff);
      this.expectations.expectDeletions(key, victims.map((p) => p.metadata.uid!));
      for (const p of victims) {
        try {
          this.client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch (e) {
          this.expectations.deletionObserved(key, p.metadata.uid);
          if (!isNotFound(e)) return e instanceof ApiError ? e : undefined;
        }
      }
    }
    return undefined;
  }

  /** Pods of every ReplicaSet with the same owner (getIndirectlyRelatedPods), used to rank doubled-up nodes. */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerRef(rs);
    const siblings = owner
      ? this.rsInformer.list(rs.metadata.namespace).filter((r) => controllerRef(r)?.uid === owner.uid)
      : [rs];
    const uids = new Set(siblings.map((r) => r.metadata.uid));
    return this.podInformer.list(rs.metadata.namespace).filter((p) => uids.has(controllerRef(p)?.uid));
  }

  /** calculateStatus + updateReplicaSetStatus; returns the status written (or current). */
  private updateStatus(rs: KubeObject, pods: KubeObject[], err?: ApiError): KubeObject['status'] {
    const templateLabels: Record<string, string> = rs.spec?.template?.metadata?.labels ?? {};
    const now = this.clock.now();
    const mrs = rs.spec?.minReadySeconds ?? 0;
    const fully = pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
    const ready = pods.filter(isPodReady).length;
    const available = pods.filter((p) => isPodAvailable(p, mrs, now)).length;
    const status: Record<string, unknown> = { replicas: pods.length };
    if (fully) status.fullyLabeledReplicas = fully;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    status.observedGeneration = rs.metadata.generation ?? 1;
    const conds = (rs.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'ReplicaFailure');
    const failure = (rs.status?.conditions ?? []).find((c: { type: string }) => c.type === 'ReplicaFailure');
    if (err) {
      const reason = (rs.spec?.replicas ?? 1) > pods.length ? 'FailedCreate' : 'FailedDelete';
      conds.push(failure && failure.reason === reason && failure.message === err.message ? failure : { type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.clock.nowRFC3339(), reason, message: err.message });
    }
    if (conds.length) status.conditions = conds;
    if (JSON.stringify(status) === JSON.stringify(rs.status ?? {})) return rs.status;
    const next = deepCopy(rs);
    next.status = status;
    try {
      this.client.updateStatus(this.rk.resource, rs.metadata.namespace, next);
    } catch {
      this.queue.addRateLimited(objectKey(rs));
    }
    return status;
  }

  protected override saveState(): ExpectationsSnapshot {
    return this.expectations.snapshot();
  }

  protected override loadState(s: unknown): void {
    if (s) this.expectations.restore(s as ExpectationsSnapshot);
  }
}

/** GetPodFromTemplate (controller_utils.go): labels, annotations and finalizers of the template, a controllerRef. */
export function podFromTemplate(owner: KubeObject, apiVersion: string, kind: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string>; generateName?: string; name?: string } = {}): KubeObject {
  const t = owner.spec?.template ?? {};
  const meta: KubeObject['metadata'] = {
    labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
    ownerReferences: [{ apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
  };
  if (extra.name) meta.name = extra.name;
  else meta.generateName = extra.generateName ?? `${owner.metadata.name}-`;
  const annotations = { ...(t.metadata?.annotations ?? {}), ...(extra.annotations ?? {}) };
  if (Object.keys(annotations).length) meta.annotations = annotations;
  if (t.metadata?.finalizers?.length) meta.finalizers = [...t.metadata.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: deepCopy(t.spec ?? {}) };
}
