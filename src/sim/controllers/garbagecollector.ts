/**
 * The garbage collector (pkg/controller/garbagecollector: graph_builder.go, garbagecollector.go): a graph of
 * owners and dependents built from watches, and two work queues.
 * - attemptToDelete: an object whose owners are all gone (dangling) is deleted with the propagation its own
 *   finalizers ask for (background by default); owners that are still there keep it; references to owners that
 *   are gone or being deleted in the foreground are patched away when a solid owner remains.
 * - foreground deletion: an owner with deletionTimestamp and the `foregroundDeletion` finalizer waits until no
 *   dependent with blockOwnerDeletion=true is left, then the finalizer is removed;
 * - attemptToOrphan: an owner with the `orphan` finalizer has its references removed from all dependents, then
 *   the finalizer.
 */
import type { KubeObject, OwnerReference } from '../apiserver/types';
import { isNotFound } from '../client/client';
import { QueueController, type ControllerContext } from './controller';
import { KINDS, kindInfo, type KindInfo } from './util/kinds';

interface GraphNode {
  uid: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  owners: OwnerReference[];
  dependents: Set<string>;
  /** Seen only as somebody's owner, not yet observed itself. */
  virtual: boolean;
  deletingDependents: boolean;
  beingDeleted: boolean;
}

/** Resources the collector watches (those whose objects carry or are targets of ownerReferences). */
const WATCHED = KINDS.filter((k) =>
  ['Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'ControllerRevision', 'Job', 'CronJob', 'EndpointSlice', 'Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Lease', 'Node', 'ServiceAccount', 'ReplicationController'].includes(k.kind),
).filter((k) => !(k.kind === 'Event'));

export class GarbageCollector extends QueueController {
  private graph = new Map<string, GraphNode>();

  constructor(ctx: ControllerContext) {
    super('garbage-collector-controller', ctx);
  }

  register(): void {
    for (const k of WATCHED) {
      this.informers.on(k.gvr, {
        add: (o) => this.observe(k, o),
        update: (_old, o) => this.observe(k, o),
        delete: (o) => this.forget(o),
      });
    }
  }

  private node(uid: string): GraphNode | undefined {
    return this.graph.get(uid);
  }

  /** graph_builder processGraphChanges for an add/update. */
  private observe(k: KindInfo, o: KubeObject, quiet = false): void {
    const uid = o.metadata.uid!;
    let n = this.graph.get(uid);
    const owners = o.metadata.ownerReferences ?? [];
    if (!n) {
      n = { uid, apiVersion: k.apiVersion, kind: k.kind, name: o.metadata.name!, namespace: o.metadata.namespace, owners: [], dependents: new Set(), virtual: false, deletingDependents: false, beingDeleted: false };
      this.graph.set(uid, n);
    } else if (n.virtual) {
      n.virtual = false;
      n.apiVersion = k.apiVersion;
      n.kind = k.kind;
    }
    // rewire owner links
    const before = new Set(n.owners.map((r) => r.uid));
    const after = new Set(owners.map((r) => r.uid));
    for (const r of n.owners) if (!after.has(r.uid)) this.graph.get(r.uid)?.dependents.delete(uid);
    for (const r of owners) {
      let owner = this.graph.get(r.uid);
      if (!owner) {
        owner = { uid: r.uid, apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: kindInfo(r.apiVersion, r.kind)?.namespaced === false ? undefined : o.metadata.namespace, owners: [], dependents: new Set(), virtual: true, deletingDependents: false, beingDeleted: false };
        this.graph.set(r.uid, owner);
        // verify the owner exists
        if (!quiet) this.queue.add(`delete:${r.uid}`);
      }
      owner.dependents.add(uid);
      if (!before.has(r.uid) && owner.deletingDependents && !quiet) this.queue.add(`delete:${r.uid}`);
    }
    n.owners = owners.map((r) => ({ ...r }));
    const fin = o.metadata.finalizers ?? [];
    n.beingDeleted = !!o.metadata.deletionTimestamp;
    n.deletingDependents = n.beingDeleted && fin.includes('foregroundDeletion');
    if (quiet) return;
    if (n.beingDeleted && fin.includes('orphan')) this.queue.add(`orphan:${uid}`);
    if (n.deletingDependents) {
      for (const d of n.dependents) this.queue.add(`delete:${d}`);
      this.queue.add(`delete:${uid}`);
    }
    // an owner that went away before this dependent was seen
    if (owners.some((r) => this.graph.get(r.uid)?.virtual === false && this.graph.get(r.uid)?.beingDeleted)) this.queue.add(`delete:${uid}`);
  }

  private forget(o: KubeObject): void {
    const uid = o.metadata.uid!;
    const n = this.graph.get(uid);
    if (!n) return;
    this.removeNode(n);
  }

  private removeNode(n: GraphNode): void {
    this.graph.delete(n.uid);
    for (const r of n.owners) {
      const owner = this.graph.get(r.uid);
      if (!owner) continue;
      owner.dependents.delete(n.uid);
      if (owner.deletingDependents) this.queue.add(`delete:${owner.uid}`);
      if (owner.virtual && !owner.dependents.size) this.graph.delete(owner.uid);
    }
    for (const d of n.dependents) this.queue.add(`delete:${d}`);
  }

  sync(key: string): boolean | void {
    const [op, uid] = key.split(':');
    if (op === 'orphan') return this.attemptToOrphan(uid);
    return this.attemptToDeleteItem(uid);
  }

  private getLive(n: { apiVersion: string; kind: string; name: string; namespace?: string }): KubeObject | undefined | 'unknown' {
    const info = kindInfo(n.apiVersion, n.kind);
    if (!info) return 'unknown';
    try {
      return this.client.get(info.gvr, info.namespaced ? n.namespace : undefined, n.name);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      return 'unknown';
    }
  }

  private attemptToDeleteItem(uid: string): boolean | void {
    const n = this.node(uid);
    if (!n) return;
    const live = this.getLive(n);
    if (live === 'unknown') return;
    if (!live || live.metadata.uid !== uid) {
      // absent: a virtual delete event for the graph
      this.removeNode(n);
      return;
    }
    if (n.virtual) {
      const info = kindInfo(n.apiVersion, n.kind);
      if (info) this.observe(info, live, true);
    }
    const fin = live.metadata.finalizers ?? [];
    if (live.metadata.deletionTimestamp && !fin.includes('foregroundDeletion')) return;
    if (live.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) return this.processDeletingDependents(n, live);
    const refs = live.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      const info = kindInfo(r.apiVersion, r.kind);
      const owner = this.getLive({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: info?.namespaced === false ? undefined : live.metadata.namespace });
      if (owner === 'unknown') {
        solid.push(r);
        continue;
      }
      if (!owner || owner.metadata.uid !== r.uid) dangling.push(r);
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion')) waiting.push(r);
      else solid.push(r);
    }
    const info = kindInfo(n.apiVersion, n.kind)!;
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.client.patch(info.gvr, live.metadata.namespace, live.metadata.name!, 'merge', {
        metadata: { uid, ownerReferences: refs.filter((r) => !drop.has(r.uid)) },
      });
      return;
    }
    if (waiting.length && n.dependents.size) {
      // Let the waiting owner's foreground deletion go on through this dependent's own dependents.
      this.deleteObject(info, live, 'Foreground');
      return;
    }
    const policy = fin.includes('orphan') ? 'Orphan' : fin.includes('foregroundDeletion') ? 'Foreground' : 'Background';
    this.deleteObject(info, live, policy);
  }

  private deleteObject(info: KindInfo, o: KubeObject, policy: 'Foreground' | 'Background' | 'Orphan'): void {
    try {
      this.client.delete(info.gvr, o.metadata.namespace, o.metadata.name!, { propagationPolicy: policy, preconditions: { uid: o.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** processDeletingDependentsItem: drop foregroundDeletion once no blocking dependent remains. */
  private processDeletingDependents(n: GraphNode, live: KubeObject): void {
    const blocking = [...n.dependents].filter((d) => {
      const dep = this.graph.get(d);
      return dep && dep.owners.some((r) => r.uid === n.uid && r.blockOwnerDeletion);
    });
    if (!blocking.length) {
      const info = kindInfo(n.apiVersion, n.kind)!;
      this.client.patch(info.gvr, live.metadata.namespace, live.metadata.name!, 'merge', {
        metadata: { uid: n.uid, finalizers: (live.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion') },
      });
      return;
    }
    for (const d of blocking) if (!this.graph.get(d)?.beingDeleted) this.queue.add(`delete:${d}`);
  }

  private attemptToOrphan(uid: string): boolean | void {
    const n = this.node(uid);
    if (!n) return;
    for (const d of [...n.dependents]) {
      const dep = this.graph.get(d);
      if (!dep) continue;
      const info = kindInfo(dep.apiVersion, dep.kind);
      if (!info) continue;
      const live = this.getLive(dep);
      if (!live || live === 'unknown') continue;
      const refs = (live.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      this.client.patch(info.gvr, live.metadata.namespace, live.metadata.name!, 'merge', { metadata: { uid: d, ownerReferences: refs.length ? refs : null } });
    }
    const live = this.getLive(n);
    if (!live || live === 'unknown') return;
    const info = kindInfo(n.apiVersion, n.kind)!;
    this.client.patch(info.gvr, live.metadata.namespace, live.metadata.name!, 'merge', {
      metadata: { uid, finalizers: (live.metadata.finalizers ?? []).filter((f) => f !== 'orphan') },
    });
  }

  /** After a restore the graph is rebuilt from the relisted caches, without enqueueing anything. */
  protected override loadState(): void {
    this.graph.clear();
    for (const k of WATCHED) for (const o of this.informers.informer(k.gvr).list()) this.observe(k, o, true);
  }

  protected override saveState(): unknown {
    return null;
  }
}
