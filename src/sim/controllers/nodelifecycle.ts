/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go), as an API client.
 * Every 5 s (nodeMonitorPeriod) it compares each node's last heartbeat (its Lease renewTime or its Ready
 * condition's lastHeartbeatTime, whichever it saw change last) with node-monitor-grace-period (40 s on 1.31;
 * 50 s from 1.32, kubernetes PR 126287). A silent node gets Ready, MemoryPressure, DiskPressure and PIDPressure
 * set to Unknown, reason NodeStatusUnknown, "Kubelet stopped posting node status."; its pods get Ready=False
 * (MarkPodsNotReady, event NodeNotReady "Node is not ready"); the taints node.kubernetes.io/unreachable
 * NoSchedule and NoExecute (with timeAdded) are applied; a node reporting Ready=False gets not-ready instead.
 * When heartbeats return the taints go again (the kubelet itself records NodeReady). Node events: RegisteredNode,
 * NodeNotReady.
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { EventRecorder } from '../client/events';
import { Informer } from '../client/informer';
import { R } from '../client/resources';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

interface Health {
  /** When this controller last saw a heartbeat change (the probe timestamp of nodeHealthData). */
  probeTimestamp: number;
  leaseRenew?: string;
  readyHeartbeat?: string;
}

export interface NodeLifecycleOptions {
  client: ApiClient;
  clock: VirtualClock;
  gracePeriodMs?: number;
}

export class NodeLifecycleController {
  private nodes: Informer;
  private leases: Informer;
  private recorder: EventRecorder;
  private podRecorder: EventRecorder;
  private health = new Map<string, Health>();
  private timer?: TimerId;
  private client: ApiClient;
  private clock: VirtualClock;
  private grace: number;
  private startedAt = 0;

  constructor(opts: NodeLifecycleOptions) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.grace = opts.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
    this.recorder = new EventRecorder(opts.client, opts.clock, 'node-controller');
    this.podRecorder = this.recorder;
    this.nodes = new Informer(opts.client, R.nodes);
    this.leases = new Informer(opts.client, R.leases, 'kube-node-lease');
  }

  start(): void {
    this.startedAt = this.clock.now();
    this.nodes.addHandlers({
      add: (n) => {
        this.recorder.event(withKind(n, 'Node'), 'Normal', 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`);
      },
      delete: (n) => this.health.delete(n.metadata.name!),
    });
    this.nodes.start();
    this.leases.start();
    this.arm();
  }

  stop(): void {
    this.nodes.stop();
    this.leases.stop();
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    // monitorNodeHealth runs on a fixed period from start.
    const now = this.clock.now();
    const next = this.startedAt + (Math.floor((now - this.startedAt) / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
    this.timer = this.clock.setTimeout(() => {
      this.monitor();
      this.arm();
    }, next - now);
  }

  private monitor(): void {
    const now = this.clock.now();
    for (const node of this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      const name = node.metadata.name!;
      const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      const lease = this.leases.getByName('kube-node-lease', name);
      let h = this.health.get(name);
      if (!h) {
        h = { probeTimestamp: now, leaseRenew: lease?.spec?.renewTime, readyHeartbeat: ready?.lastHeartbeatTime };
        this.health.set(name, h);
      }
      if (lease?.spec?.renewTime && lease.spec.renewTime !== h.leaseRenew) {
        h.leaseRenew = lease.spec.renewTime;
        h.probeTimestamp = now;
      }
      if (ready?.lastHeartbeatTime && ready.lastHeartbeatTime !== h.readyHeartbeat) {
        h.readyHeartbeat = ready.lastHeartbeatTime;
        h.probeTimestamp = now;
      }
      if (!ready) continue; // not yet reported: the kubelet is still starting
      const silent = now - h.probeTimestamp > this.grace;
      if (silent && ready.status !== 'Unknown') this.markUnknown(node);
      else if (!silent || ready.status === 'Unknown') this.reconcileTaints(node, silent);
    }
  }

  private markUnknown(node: KubeObject): void {
    const now = this.clock.nowRFC3339();
    const types = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
    const conditions = (node.status?.conditions ?? []).map((c: Record<string, unknown>) =>
      types.includes(c.type as string) ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now } : c,
    );
    try {
      this.client.updateStatus(R.nodes, undefined, { ...node, status: { ...node.status, conditions } });
    } catch {
      return; // next pass
    }
    this.recorder.event(withKind(node, 'Node'), 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    this.markPodsNotReady(node.metadata.name!);
    const fresh = this.client.tryGet(R.nodes, undefined, node.metadata.name!);
    if (fresh) this.reconcileTaints(fresh, true);
  }

  /** MarkPodsNotReady (controller_utils.go): Ready=False on every pod of the node, and a NodeNotReady event. */
  private markPodsNotReady(nodeName: string): void {
    let pods: KubeObject[] = [];
    try {
      pods = this.client.list(R.pods, undefined, { fieldSelector: `spec.nodeName=${nodeName}` }).items;
    } catch {
      return;
    }
    const now = this.clock.nowRFC3339();
    for (const p of pods) {
      const conds: Record<string, unknown>[] = p.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      try {
        this.client.updateStatus(R.pods, p.metadata.namespace, { ...p, status: { ...p.status, conditions } });
        this.podRecorder.event(withKind(p, 'Pod'), 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch {
        // the pod changed meanwhile; the next pass does not retry (the real controller does not either)
      }
    }
  }

  /** doNoScheduleTaintingPass + doNoExecuteTaintingPass: the taint set follows the Ready condition. */
  private reconcileTaints(node: KubeObject, _silent: boolean): void {
    const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    const taints: { key: string; value?: string; effect: string; timeAdded?: string }[] = node.spec?.taints ?? [];
    const ours = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY]);
    let wantKey: string | undefined;
    if (ready?.status === 'Unknown') wantKey = TAINT_UNREACHABLE;
    else if (ready?.status === 'False') wantKey = TAINT_NOT_READY;
    const others = taints.filter((t) => !ours.has(t.key));
    const now = this.clock.nowRFC3339();
    const desired = [...others];
    if (wantKey) {
      const keepNoSchedule = taints.find((t) => t.key === wantKey && t.effect === 'NoSchedule');
      const keepNoExecute = taints.find((t) => t.key === wantKey && t.effect === 'NoExecute');
      desired.push(keepNoSchedule ?? { key: wantKey, effect: 'NoSchedule', timeAdded: now });
      desired.push(keepNoExecute ?? { key: wantKey, effect: 'NoExecute', timeAdded: now });
    }
    if (JSON.stringify(desired) === JSON.stringify(taints)) return;
    try {
      const spec = { ...node.spec, taints: desired.length ? desired : undefined };
      if (!desired.length) delete spec.taints;
      this.client.update(R.nodes, undefined, { ...node, spec });
    } catch {
      // conflict: the next pass retries
    }
  }
}

function withKind(o: KubeObject, kind: string): KubeObject {
  return o.kind ? o : { ...o, apiVersion: 'v1', kind };
}
