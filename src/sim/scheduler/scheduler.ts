/**
 * The default scheduler as an API client: it watches pods and nodes, takes unscheduled pods whose schedulerName
 * is default-scheduler from its queue one at a time (scheduleOne in pkg/scheduler/schedule_one.go), filters and
 * scores nodes, picks one of the top scores at random (selectHost's reservoir sampling), assumes the pod on
 * that node so the next decision sees its requests, and binds it through pods/binding.
 * On failure: a Warning FailedScheduling event and condition PodScheduled=False reason Unschedulable with the
 * FitError text, then the pod waits in unschedulablePods for a node or pod change, or the 5-minute flush.
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { EventRecorder } from '../client/events';
import { Informer, objectKey } from '../client/informer';
import { R } from '../client/resources';
import type { Random } from '../random';
import { filterNode, matchesNodeSelectorTerms, type FilterResult, type NodeInfo } from './filters';
import { fitErrorMessage } from './fiterror';
import { FLUSH_LEFTOVER_PERIOD_MS, SchedulingQueue } from './queue';
import { podNonZeroRequests, podRequests } from './resources';
import { ownerKey, scoreNodes } from './scoring';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface SchedulerOptions {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
}

const isTerminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class Scheduler {
  readonly queue = new SchedulingQueue();
  private pods: Informer;
  private nodes: Informer;
  private recorder: EventRecorder;
  private client: ApiClient;
  private clock: VirtualClock;
  private random: Random;
  /** nodeName → aggregate of bound (or assumed) pods that still hold resources. */
  private byNode = new Map<string, NodeInfo>();
  /** pod key → where it is counted and what it contributed. */
  private counted = new Map<string, { node: string; req: Record<string, number>; nz: { cpu: number; memory: number }; ports: string[]; owner?: string }>();
  private assumed = new Map<string, string>();
  private timer?: TimerId;
  private timerDue?: number;
  private startedAt = 0;
  private running = false;

  constructor(opts: SchedulerOptions) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.random = opts.random;
    this.recorder = new EventRecorder(opts.client, opts.clock, DEFAULT_SCHEDULER_NAME);
    this.pods = new Informer(opts.client, R.pods);
    this.nodes = new Informer(opts.client, R.nodes);
  }

  start(): void {
    this.running = true;
    this.startedAt = this.clock.now();
    this.nodes.addHandlers({
      add: () => this.onClusterChange(),
      update: (o, n) => {
        if (JSON.stringify([o.spec, o.metadata.labels, o.status?.allocatable]) !== JSON.stringify([n.spec, n.metadata.labels, n.status?.allocatable])) this.onClusterChange();
      },
    });
    this.pods.addHandlers({
      add: (p) => this.onPod(undefined, p),
      update: (o, p) => this.onPod(o, p),
      delete: (p) => this.onPodDelete(p),
    });
    this.nodes.start();
    this.pods.start();
  }

  stop(): void {
    this.running = false;
    this.pods.stop();
    this.nodes.stop();
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private wants(p: KubeObject): boolean {
    return !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME && !isTerminal(p);
  }

  private onPod(old: KubeObject | undefined, p: KubeObject): void {
    const key = objectKey(p);
    if (old?.spec?.nodeName && old.spec.nodeName !== p.spec?.nodeName) this.unbindLocal(key, old.spec.nodeName);
    if (p.spec?.nodeName) {
      this.assumed.delete(key);
      if (isTerminal(p) || (old && !isTerminal(old) && isTerminal(p))) {
        if (this.unbindLocal(key, p.spec.nodeName)) this.onClusterChange();
      } else this.bindLocal(key, p.spec.nodeName, p);
      this.queue.remove(key);
      return;
    }
    if (!this.wants(p)) {
      this.queue.remove(key);
      return;
    }
    if (!this.queue.has(key)) {
      this.queue.add(key, p.spec?.priority ?? 0);
      this.arm();
    } else if (old && JSON.stringify(old.spec) !== JSON.stringify(p.spec) && this.queue.unschedulable.has(key)) {
      // The pod itself changed (e.g. its nodeSelector was edited): try again.
      this.queue.moveAllToActiveOrBackoff(this.clock.now(), (k) => k === key);
      this.arm();
    }
  }

  private onPodDelete(p: KubeObject): void {
    const key = objectKey(p);
    this.queue.remove(key);
    this.assumed.delete(key);
    if (p.spec?.nodeName && this.unbindLocal(key, p.spec.nodeName)) this.onClusterChange();
  }

  private info(node: string): NodeInfo {
    let i = this.byNode.get(node);
    if (!i) this.byNode.set(node, (i = { node: { metadata: { name: node } }, podCount: 0, requested: {}, nonZero: { cpu: 0, memory: 0 }, usedPorts: new Map(), owners: new Map() }));
    return i;
  }

  private bindLocal(key: string, node: string, p: KubeObject): void {
    const prev = this.counted.get(key);
    if (prev && prev.node === node) return;
    if (prev) this.unbindLocal(key, prev.node);
    const req = podRequests(p);
    const nz = podNonZeroRequests(p);
    const ports: string[] = [];
    for (const c of p.spec?.containers ?? []) for (const port of c.ports ?? []) if (port.hostPort) ports.push(`${port.protocol ?? 'TCP'}/${port.hostPort}`);
    const owner = ownerKey(p);
    const i = this.info(node);
    i.podCount++;
    for (const [k, v] of Object.entries(req)) i.requested[k] = (i.requested[k] ?? 0) + v;
    i.nonZero.cpu += nz.cpu;
    i.nonZero.memory += nz.memory;
    for (const pk of ports) i.usedPorts.set(pk, (i.usedPorts.get(pk) ?? 0) + 1);
    if (owner) i.owners.set(owner, (i.owners.get(owner) ?? 0) + 1);
    this.counted.set(key, { node, req, nz, ports, owner });
  }

  private unbindLocal(key: string, node: string): boolean {
    const c = this.counted.get(key);
    if (!c || c.node !== node) return false;
    this.counted.delete(key);
    const i = this.info(node);
    i.podCount--;
    for (const [k, v] of Object.entries(c.req)) i.requested[k] = (i.requested[k] ?? 0) - v;
    i.nonZero.cpu -= c.nz.cpu;
    i.nonZero.memory -= c.nz.memory;
    for (const pk of c.ports) i.usedPorts.set(pk, (i.usedPorts.get(pk) ?? 1) - 1);
    if (c.owner) i.owners.set(c.owner, (i.owners.get(c.owner) ?? 1) - 1);
    return true;
  }

  private onClusterChange(): void {
    if (!this.queue.unschedulable.size) return;
    this.queue.moveAllToActiveOrBackoff(this.clock.now());
    this.arm();
  }

  /** One timer at a time: now when pods are active, else the next back-off end or leftover flush tick. */
  private arm(): void {
    if (!this.running) return;
    const now = this.clock.now();
    let due: number | undefined;
    if (this.queue.active.size) due = now;
    const b = this.queue.nextBackoffDue();
    if (b !== undefined) due = due === undefined ? b : Math.min(due, b);
    const since = this.queue.earliestUnschedulableSince();
    if (since !== undefined) {
      // The leftover flush runs every 30 s from start; the first tick at or after since + 5 min moves the pod.
      const earliest = since + 5 * 60_000;
      const k = Math.ceil((earliest - this.startedAt) / FLUSH_LEFTOVER_PERIOD_MS);
      const tick = this.startedAt + Math.max(0, k) * FLUSH_LEFTOVER_PERIOD_MS;
      due = due === undefined ? tick : Math.min(due, tick);
    }
    if (due === undefined) return;
    if (this.timer !== undefined && this.timerDue !== undefined && this.timerDue <= due) return;
    this.clock.clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = this.clock.setTimeout(() => this.wake(), due - now);
  }

  private wake(): void {
    this.timer = undefined;
    this.timerDue = undefined;
    const now = this.clock.now();
    const onGrid = (now - this.startedAt) % FLUSH_LEFTOVER_PERIOD_MS === 0;
    this.queue.flush(now, onGrid);
    for (let q = this.queue.pop(); q; q = this.queue.pop()) this.scheduleOne(q);
    this.arm();
  }

  private nodeInfos(): NodeInfo[] {
    const nodes = this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    return nodes.map((node) => {
      const i = this.info(node.metadata.name!);
      i.node = node;
      return i;
    });
  }

  /** The required node affinity of the PVs bound to the pod's claims (local-path volumes live on one node). */
  private boundVolumeNodeTerms(pod: KubeObject): { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[][] {
    const out: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[][] = [];
    for (const v of (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName: string } }[]) {
      if (!v.persistentVolumeClaim) continue;
      try {
        const claim = this.client.tryGet({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, pod.metadata.namespace, v.persistentVolumeClaim.claimName);
        const pv = claim?.spec?.volumeName ? this.client.tryGet({ group: '', version: 'v1', resource: 'persistentvolumes' }, undefined, claim.spec.volumeName) : undefined;
        const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        if (terms?.length) out.push(terms);
      } catch {
        // an unreadable claim does not constrain the node here
      }
    }
    return out;
  }

  scheduleOne(q: ReturnType<SchedulingQueue['pop']> & object): void {
    const pod = this.pods.get(q.key);
    if (!pod || !this.wants(pod) || this.assumed.has(q.key)) return;
    const infos = this.nodeInfos();
    const feasible: NodeInfo[] = [];
    const failed: FilterResult[] = [];
    const volumeTerms = this.boundVolumeNodeTerms(pod);
    for (const info of infos) {
      // VolumeBinding (after the resource filters): a bound claim's PV pins the pod to the PV's nodes
      // (framework/plugins/volumebinding, ErrReasonNodeConflict).
      const r = filterNode(pod, info) ?? (volumeTerms.some((t) => !matchesNodeSelectorTerms(info.node, t)) ? { reasons: ['node(s) had volume node affinity conflict'], unresolvable: true } : undefined);
      if (r) failed.push(r);
      else feasible.push(info);
    }
    const now = this.clock.now();
    if (!feasible.length) {
      const message = infos.length === 0 ? 'no nodes available to schedule pods' : fitErrorMessage(infos.length, failed, pod.spec?.preemptionPolicy);
      this.recorder.event(withPodKind(pod), 'Warning', 'FailedScheduling', message);
      this.setUnschedulable(pod, message);
      this.queue.markUnschedulable(q, now);
      return;
    }
    const scores = scoreNodes(pod, feasible);
    // selectHost: among the maximum scores, each tie replaces the pick with probability 1/count.
    let best = 0;
    let count = 1;
    for (let i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
        count = 1;
      } else if (scores[i] === scores[best]) {
        count++;
        if (this.random.int(count) === 0) best = i;
      }
    }
    const nodeName = feasible[best].node.metadata.name!;
    // assume: the next decision in this cycle must see this pod's requests on the node
    this.assumed.set(q.key, nodeName);
    this.bindLocal(q.key, nodeName, { ...pod, spec: { ...pod.spec, nodeName } });
    try {
      this.client.create(
        R.pods,
        pod.metadata.namespace,
        { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } },
        {},
        'binding',
      );
    } catch {
      this.assumed.delete(q.key);
      this.unbindLocal(q.key, nodeName);
      this.queue.markError(q, now);
      return;
    }
    this.recorder.event(withPodKind(pod), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
  }

  /** PodScheduled=False, reason Unschedulable (updatePod in schedule_one.go; only written when it changes). */
  private setUnschedulable(pod: KubeObject, message: string): void {
    const cur = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    if (cur && cur.status === 'False' && cur.reason === 'Unschedulable' && cur.message === message) return;
    const condition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: cur?.status === 'False' ? cur.lastTransitionTime : this.clock.nowRFC3339(), reason: 'Unschedulable', message };
    const conditions = [...(pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled'), condition];
    try {
      this.client.patch(R.pods, pod.metadata.namespace, pod.metadata.name!, 'strategic', { status: { conditions } }, { subresource: 'status' });
    } catch {
      // the pod went away meanwhile
    }
  }
}

function withPodKind(p: KubeObject): KubeObject {
  return p.kind ? p : { ...p, apiVersion: 'v1', kind: 'Pod' };
}
