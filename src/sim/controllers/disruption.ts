/**
 * The disruption controller (pkg/controller/disruption/disruption.go): keeps each PodDisruptionBudget's status
 * current so the Eviction API (kubectl drain) knows how many pods may go.
 * - minAvailable as a number: expectedPods = matching pods, desiredHealthy = minAvailable;
 * - minAvailable as a percentage or maxUnavailable: expectedPods = the owners' scale (Deployment via its
 *   ReplicaSet, StatefulSet, ReplicaSet, ReplicationController), desiredHealthy rounded up / expected − unavailable;
 * - currentHealthy = ready pods not being deleted and not recently evicted (disruptedPods, kept 2 minutes);
 * - disruptionsAllowed = currentHealthy − desiredHealthy (never negative), condition DisruptionAllowed
 *   SufficientPods / InsufficientPods; no matching pods gives the NoPods event "No matching pods found".
 */
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../client/informer';
import { gvr, R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { scaledValue } from './deployment/util';
import { controllerRef, deepCopy } from './util/owner';
import { isPodReady, parseTime } from './util/pods';
import { selectorMatches } from './util/selector';

export const PDBS = gvr('policy', 'v1', 'poddisruptionbudgets');
const DELETION_TIMEOUT_MS = 2 * 60_000;
const RCS = gvr('', 'v1', 'replicationcontrollers');

export class DisruptionController extends QueueController {
  private pdbInformer!: Informer;
  private podInformer!: Informer;
  private rsInformer!: Informer;
  private dInformer!: Informer;
  private stsInformer!: Informer;
  private rcInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('disruption-controller', ctx);
  }

  register(): void {
    this.pdbInformer = this.informers.on(PDBS, { add: (p) => this.enqueue(p), update: (_o, p) => this.enqueue(p) });
    const forPod = (pod: KubeObject) => {
      for (const pdb of this.pdbInformer.list(pod.metadata.namespace)) if (selects(pdb, pod)) this.enqueue(pdb);
    };
    this.podInformer = this.informers.on(R.pods, { add: forPod, update: (o, p) => (forPod(o), forPod(p)), delete: forPod });
    const all = (o: KubeObject) => this.pdbInformer.list(o.metadata.namespace).forEach((p) => this.enqueue(p));
    this.rsInformer = this.informers.on(R.replicasets, { update: (_o, x) => all(x) });
    this.dInformer = this.informers.on(R.deployments, { update: (_o, x) => all(x) });
    this.stsInformer = this.informers.on(R.statefulsets, { update: (_o, x) => all(x) });
    this.rcInformer = this.informers.informer(RCS);
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.pdbInformer.getByName(namespace, name);
    if (!cached) return;
    const pdb = withKind(deepCopy(cached), 'policy/v1', 'PodDisruptionBudget');
    const pods = this.podInformer.list(namespace).filter((p) => selects(pdb, p));
    if (!pods.length) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const spec = pdb.spec ?? {};
    let expected: number;
    let desired: number;
    if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
      expected = this.expectedScale(pods);
      desired = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected, true, '0'));
    } else if (typeof spec.minAvailable === 'string' && spec.minAvailable.endsWith('%')) {
      expected = this.expectedScale(pods);
      desired = scaledValue(spec.minAvailable, expected, true, '0');
    } else {
      expected = pods.length;
      desired = typeof spec.minAvailable === 'number' ? spec.minAvailable : scaledValue(spec.minAvailable, expected, true, '1');
    }
    const now = this.clock.now();
    const disrupted: Record<string, string> = {};
    let nextExpiry: number | undefined;
    for (const [pod, at] of Object.entries((pdb.status?.disruptedPods ?? {}) as Record<string, string>)) {
      const p = pods.find((x) => x.metadata.name === pod);
      const t = parseTime(at) ?? 0;
      if (!p || p.metadata.deletionTimestamp || t + DELETION_TIMEOUT_MS <= now) continue;
      disrupted[pod] = at;
      nextExpiry = Math.min(nextExpiry ?? Infinity, t + DELETION_TIMEOUT_MS);
    }
    const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !disrupted[p.metadata.name!] && isPodReady(p)).length;
    let allowed = healthy - desired;
    if (expected <= 0 || allowed <= 0) allowed = 0;
    const generation = pdb.metadata.generation ?? 1;
    const prev = (pdb.status?.conditions ?? []).find((c: { type: string }) => c.type === 'DisruptionAllowed');
    const condStatus = allowed > 0 ? 'True' : 'False';
    const reason = allowed > 0 ? 'SufficientPods' : 'InsufficientPods';
    const cond =
      prev && prev.status === condStatus && prev.reason === reason
        ? { ...prev, observedGeneration: generation }
        : { type: 'DisruptionAllowed', status: condStatus, observedGeneration: generation, lastTransitionTime: this.clock.nowRFC3339(), reason, message: '' };
    const status: Record<string, unknown> = {
      conditions: [cond],
      currentHealthy: healthy,
      desiredHealthy: desired,
      disruptionsAllowed: allowed,
      expectedPods: expected,
      observedGeneration: generation,
    };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    if (nextExpiry !== undefined) this.enqueueAfter(pdb, nextExpiry - now + 1);
    if (JSON.stringify(status) === JSON.stringify(sortKeys(pdb.status ?? {}))) return;
    this.client.updateStatus(PDBS, namespace, { ...pdb, status });
  }

  /** getExpectedScale: the sum of the controllers' desired replicas, each counted once. */
  private expectedScale(pods: KubeObject[]): number {
    const seen = new Map<string, number>();
    for (const p of pods) {
      const ref = controllerRef(p);
      if (!ref) continue;
      const ns = p.metadata.namespace;
      let owner: KubeObject | undefined;
      if (ref.kind === 'ReplicaSet') {
        const rs = this.rsInformer.getByName(ns, ref.name);
        const dref = rs && controllerRef(rs);
        owner = dref?.kind === 'Deployment' ? this.dInformer.getByName(ns, dref.name) : rs;
      } else if (ref.kind === 'StatefulSet') owner = this.stsInformer.getByName(ns, ref.name);
      else if (ref.kind === 'ReplicationController') owner = this.rcInformer.getByName(ns, ref.name);
      if (owner) seen.set(owner.metadata.uid!, owner.spec?.replicas ?? 1);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  }
}

function selects(pdb: KubeObject, pod: KubeObject): boolean {
  // policy/v1: an empty selector matches every pod in the namespace; a missing one matches none
  return selectorMatches(pdb.spec?.selector, pod.metadata.labels);
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
