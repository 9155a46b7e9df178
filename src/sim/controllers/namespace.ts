/**
 * The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go): when a namespace
 * is being deleted it deletes every namespaced object in it (background propagation), records the deletion
 * conditions on the namespace, waits while content remains (requeue after estimate/2 + 1 s, the estimate being
 * the pods' termination grace period), then removes the `kubernetes` finalizer through the finalize subresource
 * so the API server can remove the namespace. Message texts from the same file:
 * "Some resources are remaining: pods. has 2 resource instances",
 * "Some content in the namespace has finalizers remaining: x in 1 resource instances".
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { R, resourcePath, type GVR } from '../client/resources';
import { QueueController, type ControllerContext } from './controller';
import { KINDS, groupResource } from './util/kinds';

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const CONDITION_ORDER = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
];

export class NamespaceController extends QueueController {
  private nsInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('namespace-controller', ctx);
  }

  register(): void {
    this.nsInformer = this.informers.on(R.namespaces, {
      add: (ns) => this.maybeEnqueue(ns),
      update: (_o, ns) => this.maybeEnqueue(ns),
    });
  }

  private maybeEnqueue(ns: KubeObject): void {
    if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  sync(name: string): boolean | void {
    return this.syncNamespace(name);
  }

  /** The namespaced resources to empty: discovery when the server offers it, else the known table. */
  private namespacedResources(): GVR[] {
    const out: GVR[] = [];
    try {
      const core = this.client.raw({ method: 'GET', path: '/api/v1' });
      const groups = this.client.raw({ method: 'GET', path: '/apis' });
      if (core.status !== 200 || groups.status !== 200) throw new Error('no discovery');
      const lists: { gv: string; body: { resources?: { name: string; namespaced: boolean; verbs?: string[] }[] } }[] = [{ gv: 'v1', body: core.body as never }];
      for (const g of ((groups.body as { groups?: { preferredVersion?: { groupVersion: string } }[] }).groups ?? [])) {
        const gv = g.preferredVersion?.groupVersion;
        if (!gv) continue;
        const r = this.client.raw({ method: 'GET', path: `/apis/${gv}` });
        if (r.status === 200) lists.push({ gv, body: r.body as never });
      }
      for (const { gv, body } of lists) {
        const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
        for (const r of body.resources ?? []) {
          if (!r.namespaced || r.name.includes('/')) continue;
          if (r.verbs && !(r.verbs.includes('list') && r.verbs.includes('delete'))) continue;
          out.push({ group, version, resource: r.name });
        }
      }
      if (out.length) return out;
    } catch {
      /* fall back to the table */
    }
    return KINDS.filter((k) => k.namespaced && !(k.apiVersion === 'events.k8s.io/v1')).map((k) => k.gvr);
  }

  syncNamespace(name: string): boolean | void {
    let ns = this.nsInformer.getByName(undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes('kubernetes')) return;
    // Phase Terminating is set by the API server on delete; make sure of it.
    if (ns.status?.phase !== 'Terminating') {
      ns = this.client.updateStatus(R.namespaces, undefined, { ...ns, status: { ...(ns.status ?? {}), phase: 'Terminating' } });
    }
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    let estimate = 0;
    for (const r of this.namespacedResources()) {
      let items: KubeObject[];
      try {
        items = this.client.list(r, name).items;
      } catch {
        continue;
      }
      for (const o of items) {
        if (!o.metadata.deletionTimestamp) {
          try {
            this.client.delete(r, name, o.metadata.name!, { propagationPolicy: 'Background' });
          } catch (e) {
            if (!isNotFound(e)) continue;
          }
        }
      }
      // what is still there after the deletes
      let left: KubeObject[] = [];
      try {
        left = this.client.list(r, name).items;
      } catch {
        left = [];
      }
      if (!left.length) continue;
      remaining.set(groupResource(r), left.length);
      for (const o of left) {
        for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        if (r.resource === 'pods' && r.group === '' && !['Succeeded', 'Failed'].includes(o.status?.phase)) {
          estimate = Math.max(estimate, o.spec?.terminationGracePeriodSeconds ?? 30);
        }
      }
    }
    this.updateConditions(ns, remaining, finalizers);
    if (remaining.size) {
      this.queue.addAfter(name, (Math.floor(estimate / 2) + 1) * 1000);
      return;
    }
    this.finalize(name);
  }

  private updateConditions(ns: KubeObject, remaining: Map<string, number>, finalizers: Map<string, number>): void {
    const cur = this.client.tryGet(R.namespaces, undefined, ns.metadata.name!);
    if (!cur) return;
    const now = this.clock.nowRFC3339();
    const want: Omit<NamespaceCondition, 'lastTransitionTime'>[] = [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      remaining.size
        ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${[...remaining].sort().map(([r, n]) => `${r} has ${n} resource instances`).join(', ')}` }
        : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
      finalizers.size
        ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${[...finalizers].sort().map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}` }
        : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ];
    const old: NamespaceCondition[] = cur.status?.conditions ?? [];
    const conditions: NamespaceCondition[] = CONDITION_ORDER.map((type) => {
      const w = want.find((c) => c.type === type)!;
      const o = old.find((c) => c.type === type);
      if (o && o.status === w.status && o.reason === w.reason && o.message === w.message) return o;
      return { type: w.type, status: w.status as NamespaceCondition['status'], lastTransitionTime: now, reason: w.reason, message: w.message };
    });
    if (JSON.stringify(conditions) === JSON.stringify(old)) return;
    try {
      this.client.updateStatus(R.namespaces, undefined, { ...cur, status: { ...(cur.status ?? {}), conditions } });
    } catch {
      /* retried on the next pass */
    }
  }

  private finalize(name: string): void {
    const cur = this.client.tryGet(R.namespaces, undefined, name);
    if (!cur) return;
    const next = { ...cur, spec: { ...(cur.spec ?? {}), finalizers: (cur.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes') } };
    this.client.raw({ method: 'PUT', path: resourcePath(R.namespaces, undefined, name, 'finalize'), body: next });
  }
}
