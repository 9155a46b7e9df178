/**
 * Taint-based eviction (pkg/controller/tainteviction/taint_eviction.go, component "taint-eviction-controller"
 * since 1.29): a pod on a node with NoExecute taints it does not tolerate is deleted at once; one that tolerates
 * them for tolerationSeconds (the 300 s the DefaultTolerationSeconds admission adds) is deleted when the shortest
 * toleration runs out, counted from the taint's timeAdded. Before deleting it adds the DisruptionTarget
 * condition (reason DeletionByTaintManager) and records `TaintManagerEviction` "Marking for deletion Pod ns/name".
 * When the taint goes away first, the pending eviction is cancelled ("Cancelling deletion Pod ns/name").
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { EventRecorder } from '../client/events';
import { Informer, objectKey } from '../client/informer';
import { R } from '../client/resources';

type Taint = { key: string; value?: string; effect: string; timeAdded?: string };
type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export class TaintEvictionController {
  private nodes: Informer;
  private pods: Informer;
  private recorder: EventRecorder;
  /** pod key → { due, timer } for scheduled evictions. */
  private pending = new Map<string, { due: number; timer: TimerId; uid: string }>();
  private client: ApiClient;
  private clock: VirtualClock;

  constructor(opts: { client: ApiClient; clock: VirtualClock }) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.recorder = new EventRecorder(opts.client, opts.clock, 'taint-eviction-controller');
    this.nodes = new Informer(opts.client, R.nodes);
    this.pods = new Informer(opts.client, R.pods);
  }

  start(): void {
    this.nodes.addHandlers({
      add: (n) => this.onNode(n),
      update: (o, n) => {
        if (JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? [])) this.onNode(n);
      },
    });
    this.pods.addHandlers({
      add: (p) => this.onPod(p),
      update: (o, p) => {
        if (o.spec?.nodeName !== p.spec?.nodeName || JSON.stringify(o.spec?.tolerations) !== JSON.stringify(p.spec?.tolerations)) this.onPod(p);
      },
      delete: (p) => this.cancel(objectKey(p), false),
    });
    this.nodes.start();
    this.pods.start();
  }

  stop(): void {
    this.nodes.stop();
    this.pods.stop();
    for (const p of this.pending.values()) this.clock.clearTimeout(p.timer);
    this.pending.clear();
  }

  private onNode(n: KubeObject): void {
    for (const p of this.pods.list()) if (p.spec?.nodeName === n.metadata.name) this.onPod(p);
  }

  private onPod(p: KubeObject): void {
    const key = objectKey(p);
    if (!p.spec?.nodeName || p.metadata.deletionTimestamp) return this.cancel(key, false);
    const node = this.nodes.getByName(undefined, p.spec.nodeName);
    const taints: Taint[] = (node?.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoExecute');
    if (!taints.length) return this.cancel(key, true);
    const tolerations: Toleration[] = p.spec.tolerations ?? [];
    const now = this.clock.now();
    let due = Infinity;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => tolerates(t, taint));
      if (!matching.length) {
        due = now;
        break;
      }
      // The shortest finite toleration wins; one without tolerationSeconds tolerates forever.
      const secs = matching.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
      if (secs.length === matching.length) {
        const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
        due = Math.min(due, added + Math.max(0, Math.min(...secs)) * 1000);
      }
    }
    if (due === Infinity) return this.cancel(key, true);
    const cur = this.pending.get(key);
    if (cur && cur.due === due) return;
    if (cur) this.clock.clearTimeout(cur.timer);
    const uid = p.metadata.uid!;
    const timer = this.clock.setTimeout(() => this.evict(key, uid), Math.max(0, due - now));
    this.pending.set(key, { due, timer, uid });
  }

  private cancel(key: string, record: boolean): void {
    const cur = this.pending.get(key);
    if (!cur) return;
    this.clock.clearTimeout(cur.timer);
    this.pending.delete(key);
    if (record) {
      const p = this.pods.get(key);
      if (p) this.recorder.event(withKind(p), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
    }
  }

  private evict(key: string, uid: string): void {
    this.pending.delete(key);
    const p = this.pods.get(key);
    if (!p || p.metadata.uid !== uid || p.metadata.deletionTimestamp) return;
    this.recorder.event(withKind(p), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      const fresh = this.client.get(R.pods, p.metadata.namespace, p.metadata.name!);
      const conds: Record<string, unknown>[] = (fresh.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowRFC3339(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
      this.client.updateStatus(R.pods, p.metadata.namespace, { ...fresh, status: { ...fresh.status, conditions: conds } });
    } catch {
      // the condition is informative; deletion goes ahead regardless
    }
    try {
      this.client.delete(R.pods, p.metadata.namespace, p.metadata.name!, { preconditions: { uid } });
    } catch {
      // already gone
    }
  }
}

function withKind(p: KubeObject): KubeObject {
  return p.kind ? p : { ...p, apiVersion: 'v1', kind: 'Pod' };
}
