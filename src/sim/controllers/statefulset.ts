/**
 * The StatefulSet controller (pkg/controller/statefulset: stateful_set_control.go, stateful_pod_control.go,
 * stateful_set_utils.go): pods `<sts>-0 … <sts>-(N−1)` with stable hostnames (hostname = pod name, subdomain =
 * serviceName, so `<pod>.<service>.<ns>.svc.cluster.local` resolves), labels statefulset.kubernetes.io/pod-name,
 * apps.kubernetes.io/pod-index and controller-revision-hash=<revision name>; one PVC per volumeClaimTemplate
 * (`<template>-<pod>`), kept when pods or the set go away.
 * - OrderedReady: create ordinal i only when 0…i−1 are Running and Ready; remove the highest ordinal first, one
 *   at a time; Parallel: all at once;
 * - RollingUpdate: once every pod is Running and Ready, delete the highest-ordinal pod not at updateRevision
 *   (at or above the partition); it comes back from the new template.
 * Events: "create Pod web-0 in StatefulSet web successful", "delete Pod web-2 in StatefulSet web successful",
 * "create Claim www-web-0 Pod web-0 in StatefulSet web success".
 */
import type { KubeObject } from '../apiserver/types';
import { isAlreadyExists, isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { gvr, R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { podFromTemplate } from './replicaset';
import { ownedRevisions, syncRevision, truncateHistory } from './util/history';
import { controllerRef, deepCopy } from './util/owner';
import { isPodAvailable, isPodReady } from './util/pods';
import { selectorMatches } from './util/selector';

const PVCS = gvr('', 'v1', 'persistentvolumeclaims');
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ordinalOf = (sts: KubeObject, pod: KubeObject): number => {
  const m = new RegExp(`^${sts.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name!);
  return m ? Number(m[1]) : -1;
};
const runningAndReady = (p: KubeObject) => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

export class StatefulSetController extends QueueController {
  private stsInformer!: Informer;
  private podInformer!: Informer;
  private crInformer!: Informer;
  private pvcInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('statefulset-controller', ctx);
  }

  register(): void {
    this.stsInformer = this.informers.on(R.statefulsets, { add: (s) => this.enqueue(s), update: (_o, s) => this.enqueue(s) });
    const owner = (p: KubeObject) => {
      const ref = controllerRef(p);
      if (ref?.kind === 'StatefulSet') this.queue.add(`${p.metadata.namespace}/${ref.name}`);
    };
    this.podInformer = this.informers.on(R.pods, { add: owner, update: (_o, p) => owner(p), delete: owner });
    this.crInformer = this.informers.informer(R.controllerrevisions);
    this.pvcInformer = this.informers.informer(PVCS);
  }

  sync(key: string): boolean | void {
    return this.syncStatefulSet(key);
  }

  syncStatefulSet(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.stsInformer.getByName(namespace, name);
    if (!cached) return;
    const sts = withKind(deepCopy(cached), 'apps/v1', 'StatefulSet');
    if (sts.metadata.deletionTimestamp) return;
    const revs = syncRevision(this.client, sts, 'StatefulSet', ownedRevisions(this.crInformer.list(namespace), sts), sts.spec?.selector?.matchLabels ?? {}, 'controller-revision-hash', sts.status?.collisionCount ?? 0);
    const updateRevision = revs.current.metadata.name!;
    const currentRevision: string = sts.status?.currentRevision ?? updateRevision;
    const pods = this.podInformer
      .list(namespace)
      .filter((p) => controllerRef(p)?.uid === sts.metadata.uid && selectorMatches(sts.spec?.selector, p.metadata.labels) && ordinalOf(sts, p) >= 0);
    const replicas: number = sts.spec?.replicas ?? 1;
    const parallel = sts.spec?.podManagementPolicy === 'Parallel';
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p), p]));
    const condemned = pods.filter((p) => ordinalOf(sts, p) >= replicas).sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));

    let blocked = false;
    // replace failed pods, create missing ones in order
    for (let i = 0; i < replicas && !blocked; i++) {
      const p = byOrdinal.get(i);
      if (p && (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') && !p.metadata.deletionTimestamp) {
        this.deletePod(sts, p);
        if (!parallel) blocked = true;
        continue;
      }
      if (!p) {
        const revision = i < (sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) ? currentRevision : updateRevision;
        this.createPod(sts, i, revision, revs);
        if (!parallel) blocked = true;
        continue;
      }
      if (!parallel && !runningAndReady(p)) blocked = true;
    }
    // scale down, highest ordinal first
    if (!blocked) {
      for (const p of condemned) {
        if (p.metadata.deletionTimestamp) {
          if (!parallel) {
            blocked = true;
            break;
          }
          continue;
        }
        if (!parallel && pods.some((x) => ordinalOf(sts, x) < replicas && !runningAndReady(x))) {
          blocked = true;
          break;
        }
        this.deletePod(sts, p);
        if (!parallel) {
          blocked = true;
          break;
        }
      }
    }
    // rolling update: highest ordinal not at the update revision, once everything is healthy
    const strategy = sts.spec?.updateStrategy?.type ?? 'RollingUpdate';
    if (!blocked && strategy === 'RollingUpdate') {
      const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
      const live = [...byOrdinal.entries()].filter(([i]) => i < replicas).sort((a, b) => b[0] - a[0]);
      const allHealthy = live.length === replicas && live.every(([, p]) => runningAndReady(p));
      if (allHealthy) {
        const stale = live.find(([i, p]) => i >= partition && p.metadata.labels?.['controller-revision-hash'] !== updateRevision);
        if (stale) this.deletePod(sts, stale[1]);
      }
    }
    const inUse = new Set(pods.map((p) => p.metadata.labels?.['controller-revision-hash']).filter(Boolean) as string[]);
    inUse.add(currentRevision);
    truncateHistory(this.client, revs, inUse, sts.spec?.revisionHistoryLimit ?? 10);
    this.updateStatus(sts, pods, replicas, currentRevision, updateRevision);
  }

  private createPod(sts: KubeObject, ordinal: number, revision: string, revs: { all: KubeObject[] }): void {
    const podName = `${sts.metadata.name}-${ordinal}`;
    // a pod at an older revision is built from that revision's template
    const rev = revs.all.find((r) => r.metadata.name === revision);
    const source = rev?.data?.spec?.template ? { ...sts, spec: { ...sts.spec, template: stripPatch(rev.data.spec.template) } } : sts;
    const pod = podFromTemplate(source, 'apps/v1', 'StatefulSet', {
      name: podName,
      labels: { 'controller-revision-hash': revision, [POD_NAME_LABEL]: podName, [POD_INDEX_LABEL]: String(ordinal) },
    });
    pod.spec.hostname = podName;
    if (sts.spec?.serviceName) pod.spec.subdomain = sts.spec.serviceName;
    for (const tpl of sts.spec?.volumeClaimTemplates ?? []) {
      const claim = `${tpl.metadata?.name}-${podName}`;
      this.ensureClaim(sts, tpl, claim, podName);
      const vols = (pod.spec.volumes ??= []);
      if (!vols.some((v: { name: string }) => v.name === tpl.metadata?.name)) vols.push({ name: tpl.metadata?.name, persistentVolumeClaim: { claimName: claim } });
    }
    try {
      this.client.create(R.pods, sts.metadata.namespace, pod);
      this.recorder.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${sts.metadata.name} successful`);
    } catch (e) {
      if (isAlreadyExists(e)) return;
      this.recorder.event(sts, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${sts.metadata.name} failed error: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private ensureClaim(sts: KubeObject, tpl: KubeObject, claim: string, podName: string): void {
    if (this.pvcInformer.getByName(sts.metadata.namespace, claim)) return;
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claim, namespace: sts.metadata.namespace, labels: { ...(tpl.metadata?.labels ?? {}), ...(sts.spec?.selector?.matchLabels ?? {}) } },
      spec: deepCopy(tpl.spec ?? {}),
    };
    if (tpl.metadata?.annotations) pvc.metadata.annotations = { ...tpl.metadata.annotations };
    try {
      this.client.create(PVCS, sts.metadata.namespace, pvc);
      this.recorder.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${podName} in StatefulSet ${sts.metadata.name} success`);
    } catch (e) {
      if (!isAlreadyExists(e)) {
        this.recorder.event(sts, 'Warning', 'FailedCreate', `create Claim ${claim} for Pod ${podName} in StatefulSet ${sts.metadata.name} failed error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private deletePod(sts: KubeObject, p: KubeObject): void {
    try {
      this.client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
      this.recorder.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private updateStatus(sts: KubeObject, pods: KubeObject[], replicas: number, currentRevision: string, updateRevision: string): void {
    const now = this.clock.now();
    const mrs = sts.spec?.minReadySeconds ?? 0;
    const live = pods;
    const count = live.length;
    const ready = live.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    const available = live.filter((p) => isPodAvailable(p, mrs, now) && !p.metadata.deletionTimestamp).length;
    const atRev = (r: string) => live.filter((p) => p.metadata.labels?.['controller-revision-hash'] === r && !p.metadata.deletionTimestamp).length;
    const updated = atRev(updateRevision);
    let current = currentRevision === updateRevision ? updated : atRev(currentRevision);
    let curRev = currentRevision;
    // the rollout is complete when every replica runs the update revision
    if (updated === replicas && ready === replicas && count === replicas) {
      curRev = updateRevision;
      current = updated;
    }
    const status: Record<string, unknown> = {
      availableReplicas: available,
      collisionCount: sts.status?.collisionCount ?? 0,
      currentReplicas: current,
      currentRevision: curRev,
      observedGeneration: sts.metadata.generation ?? 1,
      readyReplicas: ready,
      replicas: count,
      updateRevision,
      updatedReplicas: updated,
    };
    if (!ready) delete status.readyReplicas;
    if (!current) delete status.currentReplicas;
    if (!updated) delete status.updatedReplicas;
    const cur = sts.status ? Object.fromEntries(Object.keys(sts.status).sort().map((k) => [k, sts.status[k]])) : {};
    if (JSON.stringify(status) === JSON.stringify(cur)) return;
    this.client.updateStatus(R.statefulsets, sts.metadata.namespace, { ...sts, status });
  }
}

function stripPatch(t: Record<string, unknown>): Record<string, unknown> {
  const { $patch: _drop, ...rest } = t;
  void _drop;
  return rest;
}
