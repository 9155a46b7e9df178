/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go, util/daemonset_util.go):
 * one pod per eligible node, named `<ds>-<5 chars>`, labelled controller-revision-hash=<hash> and
 * pod-template-generation, pinned to its node by a required node affinity on matchFields metadata.name (the
 * default scheduler then binds it), with the tolerations every daemon pod gets (not-ready and unreachable
 * NoExecute, disk/memory/pid-pressure and unschedulable NoSchedule, network-unavailable for hostNetwork).
 * RollingUpdate replaces old pods node by node within maxUnavailable (default 1).
 */
import type { KubeObject } from '../apiserver/types';
import { ApiError, isNotFound } from '../client/client';
import { objectKey, type Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { scaledValue } from './deployment/util';
import { podFromTemplate } from './replicaset';
import { Expectations, type ExpectationsSnapshot } from './util/expectations';
import { ownedRevisions, syncRevision, truncateHistory } from './util/history';
import { controllerRef, deepCopy } from './util/owner';
import { isPodAvailable, isPodReady, parseTime } from './util/pods';
import { nodeSelectorTermsMatch, selectorMatches } from './util/selector';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function tolerates(tols: Toleration[], t: Taint): boolean {
  return tols.some((x) => {
    if (x.effect && x.effect !== t.effect) return false;
    if (!x.key) return x.operator === 'Exists';
    if (x.key !== t.key) return false;
    return x.operator === 'Exists' || (x.value ?? '') === (t.value ?? '');
  });
}

export class DaemonSetController extends QueueController {
  readonly expectations: Expectations;
  private dsInformer!: Informer;
  private podInformer!: Informer;
  private nodeInformer!: Informer;
  private crInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('daemonset-controller', ctx);
    this.expectations = new Expectations(ctx.clock);
  }

  register(): void {
    this.dsInformer = this.informers.on(R.daemonsets, {
      add: (d) => this.enqueue(d),
      update: (_o, d) => this.enqueue(d),
      delete: (d) => this.expectations.delete(objectKey(d)),
    });
    this.podInformer = this.informers.on(R.pods, {
      add: (p) => {
        const ds = this.ownerOf(p);
        if (!ds) return;
        this.expectations.creationObserved(objectKey(ds));
        this.enqueue(ds);
      },
      update: (o, p) => {
        const ds = this.ownerOf(p);
        if (!ds) return;
        if (p.metadata.deletionTimestamp && !o.metadata.deletionTimestamp) this.expectations.deletionObserved(objectKey(ds), p.metadata.uid);
        this.enqueue(ds);
        const mrs = ds.spec?.minReadySeconds ?? 0;
        if (mrs > 0 && !isPodReady(o) && isPodReady(p)) this.enqueueAfter(ds, mrs * 1000 + 1000);
      },
      delete: (p) => {
        const ds = this.ownerOf(p);
        if (!ds) return;
        this.expectations.deletionObserved(objectKey(ds), p.metadata.uid);
        this.enqueue(ds);
      },
    });
    const all = () => this.dsInformer.list().forEach((d) => this.enqueue(d));
    this.nodeInformer = this.informers.on(R.nodes, { add: all, update: (o, n) => JSON.stringify([o.metadata.labels, o.spec, o.status?.conditions?.map((c: { status: string }) => c.status)]) !== JSON.stringify([n.metadata.labels, n.spec, n.status?.conditions?.map((c: { status: string }) => c.status)]) && all(), delete: all });
    this.crInformer = this.informers.informer(R.controllerrevisions);
  }

  private ownerOf(pod: KubeObject): KubeObject | undefined {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const d = this.dsInformer.getByName(pod.metadata.namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** nodeShouldRunDaemonPod: selector and required affinity, plus taints the daemon pod does not tolerate. */
  nodeShouldRun(node: KubeObject, ds: KubeObject): { shouldRun: boolean; shouldContinueRunning: boolean } {
    const spec = ds.spec?.template?.spec ?? {};
    const labels = node.metadata.labels ?? {};
    const selOk = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const affOk = !terms || nodeSelectorTermsMatch(terms, node);
    if (!selOk || !affOk) return { shouldRun: false, shouldContinueRunning: false };
    const tols = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
    const taints: Taint[] = node.spec?.taints ?? [];
    const untoleratedExecute = taints.some((t) => t.effect === 'NoExecute' && !tolerates(tols, t));
    const untoleratedSchedule = taints.some((t) => t.effect === 'NoSchedule' && !tolerates(tols, t));
    return { shouldRun: !untoleratedExecute && !untoleratedSchedule, shouldContinueRunning: !untoleratedExecute };
  }

  sync(key: string): boolean | void {
    return this.syncDaemonSet(key);
  }

  syncDaemonSet(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.dsInformer.getByName(namespace, name);
    if (!cached) return;
    const ds = withKind(deepCopy(cached), 'apps/v1', 'DaemonSet');
    if (ds.metadata.deletionTimestamp) return;
    const revs = syncRevision(this.client, ds, 'DaemonSet', ownedRevisions(this.crInformer.list(namespace), ds), ds.spec?.selector?.matchLabels ?? {});
    const hash = revs.hash;
    const pods = this.podInformer.list(namespace).filter((p) => controllerRef(p)?.uid === ds.metadata.uid && selectorMatches(ds.spec?.selector, p.metadata.labels));
    const byNode = new Map<string, KubeObject[]>();
    // A node whose old pod is still terminating gets no new one until it is gone (podsShouldBeOnNode).
    const terminatingOn = new Set<string>();
    for (const p of pods) {
      const n = podNode(p);
      if (!n) continue;
      if (p.metadata.deletionTimestamp) {
        terminatingOn.add(n);
        continue;
      }
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    const nodes = this.nodeInformer.list();
    let err: ApiError | undefined;
    if (this.expectations.satisfied(key)) {
      const toCreate: string[] = [];
      const toDelete: KubeObject[] = [];
      for (const node of nodes) {
        const { shouldRun, shouldContinueRunning } = this.nodeShouldRun(node, ds);
        const here = byNode.get(node.metadata.name!) ?? [];
        if (shouldRun && !here.length) {
          if (!terminatingOn.has(node.metadata.name!)) toCreate.push(node.metadata.name!);
        }
        else if (shouldContinueRunning) {
          const failed = here.filter((p) => p.status?.phase === 'Failed');
          toDelete.push(...failed);
          const running = here.filter((p) => p.status?.phase !== 'Failed');
          if (running.length > 1) {
            running.sort((a, b) => (parseTime(a.metadata.creationTimestamp ?? undefined) ?? 0) - (parseTime(b.metadata.creationTimestamp ?? undefined) ?? 0));
            toDelete.push(...running.slice(1));
          }
        } else toDelete.push(...here);
      }
      // rolling update: old-hash pods go within maxUnavailable
      if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') toDelete.push(...this.rollingUpdateVictims(ds, nodes, byNode, hash, toDelete));
      err = this.syncNodes(ds, key, toCreate, toDelete, hash);
    }
    const inUse = new Set(pods.map((p) => `${ds.metadata.name}-${p.metadata.labels?.['controller-revision-hash']}`));
    truncateHistory(this.client, revs, inUse, ds.spec?.revisionHistoryLimit ?? 10);
    this.updateStatus(ds, nodes, byNode, hash);
    if (err) return false;
  }

  private rollingUpdateVictims(ds: KubeObject, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, hash: string, already: KubeObject[]): KubeObject[] {
    const now = this.clock.now();
    const mrs = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let unavailable = 0;
    const oldAvailable: KubeObject[] = [];
    const out: KubeObject[] = [];
    for (const node of nodes) {
      if (!this.nodeShouldRun(node, ds).shouldRun) continue;
      desired++;
      const here = (byNode.get(node.metadata.name!) ?? []).filter((p) => !already.includes(p));
      const newPod = here.find((p) => p.metadata.labels?.['controller-revision-hash'] === hash);
      const oldPods = here.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);
      if (newPod) {
        if (!isPodAvailable(newPod, mrs, now)) unavailable++;
        // the old pod can go once the new one is available (surge case)
        if (isPodAvailable(newPod, mrs, now)) out.push(...oldPods);
        continue;
      }
      if (!oldPods.length) {
        unavailable++;
        continue;
      }
      const old = oldPods[0];
      if (!isPodAvailable(old, mrs, now)) {
        unavailable++;
        out.push(old);
      } else oldAvailable.push(old);
    }
    const maxUnavailable = Math.max(scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, desired, false, '1'), 0) || (desired ? 1 : 0);
    let budget = maxUnavailable - unavailable;
    for (const p of oldAvailable) {
      if (budget <= 0) break;
      out.push(p);
      budget--;
    }
    return out;
  }

  private syncNodes(ds: KubeObject, key: string, create: string[], del: KubeObject[], hash: string): ApiError | undefined {
    const uniqueDel = [...new Map(del.map((p) => [p.metadata.uid, p])).values()];
    this.expectations.expectCreations(key, create.length);
    let err: ApiError | undefined;
    let created = 0;
    let batch = Math.min(create.length, 1);
    let i = 0;
    while (batch > 0 && !err) {
      for (let k = 0; k < batch && !err; k++, i++) {
        const node = create[i];
        const pod = podFromTemplate(ds, 'apps/v1', 'DaemonSet', { labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) } });
        pinToNode(pod, node);
        try {
          const p = this.client.create(R.pods, ds.metadata.namespace, pod);
          created++;
          this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        } catch (e) {
          err = e instanceof ApiError ? e : undefined;
          this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      batch = Math.min(2 * batch, create.length - i);
    }
    for (let k = created; k < create.length; k++) this.expectations.creationObserved(key);
    if (uniqueDel.length) {
      const e = this.expectations;
      e.expectDeletions(key, uniqueDel.map((p) => p.metadata.uid!));
      for (const p of uniqueDel) {
        try {
          this.client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
          this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        } catch (x) {
          e.deletionObserved(key, p.metadata.uid);
          if (!isNotFound(x)) err ??= x instanceof ApiError ? x : undefined;
        }
      }
    }
    return err;
  }

  private updateStatus(ds: KubeObject, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, hash: string): void {
    const now = this.clock.now();
    const mrs = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const here = byNode.get(node.metadata.name!) ?? [];
      const { shouldRun } = this.nodeShouldRun(node, ds);
      if (shouldRun) {
        desired++;
        if (!here.length) continue;
        current++;
        const newest = here[here.length - 1];
        if (isPodReady(newest)) {
          ready++;
          if (isPodAvailable(newest, mrs, now)) available++;
        }
        if (here.some((p) => p.metadata.labels?.['controller-revision-hash'] === hash)) updated++;
      } else if (here.length) misscheduled++;
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (available) status.numberAvailable = available;
    if (desired - available > 0) status.numberUnavailable = desired - available;
    if (updated) status.updatedNumberScheduled = updated;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    const ordered = Object.fromEntries(Object.keys(status).sort().map((k) => [k, status[k]]));
    const cur = ds.status ? Object.fromEntries(Object.keys(ds.status).sort().map((k) => [k, ds.status[k]])) : {};
    if (JSON.stringify(ordered) === JSON.stringify(cur)) return;
    this.client.updateStatus(R.daemonsets, ds.metadata.namespace, { ...ds, status: ordered });
  }

  protected override saveState(): ExpectationsSnapshot {
    return this.expectations.snapshot();
  }

  protected override loadState(s: unknown): void {
    if (s) this.expectations.restore(s as ExpectationsSnapshot);
  }
}

/** The node a daemon pod is for: its binding, or the node its affinity pins it to. */
function podNode(p: KubeObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  return undefined;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity + AddOrUpdateDaemonPodTolerations. */
function pinToNode(pod: KubeObject, node: string): void {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const spec = pod.spec;
  spec.affinity ??= {};
  spec.affinity.nodeAffinity ??= {};
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  const tols: Toleration[] = [...(spec.tolerations ?? [])];
  const add = (t: Toleration) => {
    if (!tols.some((x) => x.key === t.key && x.effect === t.effect)) tols.push(t);
  };
  DAEMON_TOLERATIONS.forEach(add);
  if (spec.hostNetwork) add({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  spec.tolerations = tols;
}
