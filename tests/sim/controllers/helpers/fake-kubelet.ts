/**
 * Test-only stand-in for the scheduler and kubelets: binds pending pods to nodes round-robin, then after a delay
 * reports them Running and Ready with a pod IP, or lets them exit (for Jobs); finishes graceful deletions.
 * Everything goes through the API, as the real components do.
 */
import type { KubeObject } from '../../../../src/sim/apiserver/types';
import type { VirtualClock } from '../../../../src/sim/clock';
import type { ApiClient } from '../../../../src/sim/client/client';
import { Informer } from '../../../../src/sim/client/informer';
import { R } from '../../../../src/sim/client/resources';

export interface PodBehaviour {
  /** ms from binding to Running (default 1000). */
  startMs?: number;
  /** Whether the pod becomes Ready (default true). */
  ready?: boolean;
  /** Exit after this many ms of running, with this code (Job pods). */
  exit?: { afterMs: number; code: number };
}

export class FakeKubelet {
  private inf: Informer;
  private seenStart = new Set<string>();
  private seenDelete = new Set<string>();
  private nextNode = 0;
  private ipSeq = 2;
  behaviour: (pod: KubeObject) => PodBehaviour = () => ({});
  /** ms a terminating pod takes to go away (default 1000). */
  terminateMs = 1000;

  constructor(
    private client: ApiClient,
    private clock: VirtualClock,
    readonly nodes: string[],
  ) {
    this.inf = new Informer(client, R.pods);
    this.inf.addHandlers({ add: (p) => this.react(p), update: (_o, p) => this.react(p) });
  }

  start(): void {
    this.inf.start();
  }

  private react(pod: KubeObject): void {
    const uid = pod.metadata.uid!;
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name!;
    if (pod.metadata.deletionTimestamp) {
      if (this.seenDelete.has(uid) || !pod.spec?.nodeName) return;
      this.seenDelete.add(uid);
      this.clock.setTimeout(() => {
        try {
          this.client.delete(R.pods, ns, name, { gracePeriodSeconds: 0, preconditions: { uid } });
        } catch {
          /* already gone */
        }
      }, this.terminateMs);
      return;
    }
    if (!pod.spec?.nodeName) {
      const pinned = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      const node = pinned ?? this.nodes[this.nextNode++ % this.nodes.length];
      try {
        // what the scheduler sends: a Binding to the pods/binding subresource
        this.client.create(R.pods, ns, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: node } }, {}, 'binding');
      } catch {
        /* gone */
      }
      return;
    }
    if (this.seenStart.has(uid)) return;
    this.seenStart.add(uid);
    const b = { startMs: 1000, ready: true, ...this.behaviour(pod) };
    const ip = `10.42.${this.nodes.indexOf(pod.spec.nodeName)}.${this.ipSeq++}`;
    const names: string[] = (pod.spec.containers ?? []).map((c: { name: string }) => c.name);
    this.clock.setTimeout(() => {
      const now = this.clock.nowRFC3339();
      this.patchStatus(ns, name, uid, {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        hostIP: '172.18.0.' + (2 + this.nodes.indexOf(pod.spec.nodeName)),
        startTime: now,
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
          { type: 'Initialized', status: 'True', lastTransitionTime: now },
          { type: 'ContainersReady', status: b.ready ? 'True' : 'False', lastTransitionTime: now },
          { type: 'Ready', status: b.ready ? 'True' : 'False', lastTransitionTime: now },
        ],
        containerStatuses: names.map((n) => ({ name: n, ready: b.ready, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
      });
      if (b.exit) {
        const { afterMs, code } = b.exit;
        this.clock.setTimeout(() => {
          const at = this.clock.nowRFC3339();
          this.patchStatus(ns, name, uid, {
            phase: code === 0 ? 'Succeeded' : 'Failed',
            conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at, reason: 'PodCompleted' }],
            containerStatuses: names.map((n) => ({ name: n, ready: false, restartCount: 0, started: false, state: { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', finishedAt: at } } })),
          });
        }, afterMs);
      }
    }, b.startMs);
  }

  /** Flips a pod's readiness, as a readiness probe would. */
  setReady(namespace: string, name: string, ready: boolean): void {
    const now = this.clock.nowRFC3339();
    const pod = this.client.get(R.pods, namespace, name);
    const conditions = (pod.status?.conditions ?? []).map((c: { type: string; status: string }) =>
      c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: now } : c,
    );
    this.patchStatus(namespace, name, pod.metadata.uid!, { conditions });
  }

  private patchStatus(ns: string | undefined, name: string, uid: string, status: Record<string, unknown>): void {
    try {
      const cur = this.client.get(R.pods, ns, name);
      if (cur.metadata.uid !== uid) return;
      this.client.updateStatus(R.pods, ns, { ...cur, status: { ...cur.status, ...status } });
    } catch {
      /* gone */
    }
  }
}
