/**
 * The resourcequota controller (pkg/controller/resourcequota/resource_quota_controller.go, resource_quota_monitor.go):
 * - a quota is synced when it is added or its spec.hard changes, and again every 5 minutes
 *   (--resource-quota-sync-period); status.hard becomes spec.hard, status.used the namespace's recounted usage of
 *   exactly those resources (zero where nothing counts), written only when it changed;
 * - replenishment: deleting a pod, service, configmap, secret, claim or replication controller, a pod turning
 *   terminal (Succeeded/Failed) and a service changing type re-sync the namespace's quotas that track the
 *   resource. Creates need no event: the quota admission plugin charged them already.
 * Usage comes from ../apiserver/admission/resourcequota-usage.ts, the evaluators admission uses too.
 */
import type { KubeObject } from '../apiserver/types';
import { canonical, formatQuantity, zero } from '../apiserver/admission/resourcequota-quantity';
import { addUsage, matchingResources, objectUsage, scopedNames, scopesMatch, type Usage } from '../apiserver/admission/resourcequota-usage';
import { isConflict, isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { gvr, R, type GVR } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { deepCopy } from './util/owner';
import { KINDS } from './util/kinds';

export const RESOURCE_QUOTAS = gvr('', 'v1', 'resourcequotas');
export const QUOTA_RESYNC_MS = 5 * 60_000;

const PVCS = gvr('', 'v1', 'persistentvolumeclaims');
const RCS = gvr('', 'v1', 'replicationcontrollers');

const sortedRecord = (m: Map<string, string>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const sameList = (a: Record<string, string> | undefined, b: Record<string, string>) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => a![k] === b[k]);
};

/** The GVR behind `count/<resource>[.<group>]`. */
function countTarget(name: string): GVR | undefined {
  const m = /^count\/([^.]+)(?:\.(.+))?$/.exec(name);
  if (!m) return undefined;
  const [, resource, group = ''] = m;
  return KINDS.find((k) => k.gvr.resource === resource && k.gvr.group === group)?.gvr;
}

export class ResourceQuotaController extends QueueController {
  private quotas!: Informer;

  constructor(ctx: ControllerContext) {
    super('resourcequota-controller', ctx);
  }

  register(): void {
    this.quotas = this.informers.on(RESOURCE_QUOTAS, {
      add: (q) => this.enqueue(q),
      // only spec changes: the admission plugin's status writes need no recount
      update: (o, q) => !sameList(o.spec?.hard, q.spec?.hard ?? {}) && this.enqueue(q),
    });
    const now = () => this.clock.now();
    // most namespaces have no quota: pod updates are frequent, so look there first
    const tracked = (o: KubeObject) => this.quotas.list(o.metadata.namespace).length > 0;
    this.informers.on(R.pods, {
      update: (o, p) => tracked(p) && objectUsage('', 'pods', o, now()).size > 0 && objectUsage('', 'pods', p, now()).size === 0 && this.replenish(p, R.pods),
      delete: (p) => this.replenish(p, R.pods),
    });
    this.informers.on(R.services, {
      update: (o, s) => (o.spec?.type ?? 'ClusterIP') !== (s.spec?.type ?? 'ClusterIP') && this.replenish(s, R.services),
      delete: (s) => this.replenish(s, R.services),
    });
    for (const r of [R.configmaps, R.secrets, PVCS, RCS]) this.informers.on(r, { delete: (o) => this.replenish(o, r) });
  }

  /** Re-syncs the quotas of the object's namespace that can count its resource. */
  private replenish(o: KubeObject, r: GVR): void {
    const ns = o.metadata.namespace;
    for (const q of this.quotas.list(ns)) {
      if (matchingResources(r.group, r.resource, Object.keys(q.status?.hard ?? {})).length) this.enqueue(q);
    }
  }

  /** Objects of a resource in a namespace, from the shared informer cache. */
  private objects(r: GVR, ns: string): KubeObject[] {
    return this.informers.informer(r).list(ns);
  }

  /** quota.CalculateUsage over the resources the quota names. */
  private usage(q: KubeObject, names: string[]): Usage {
    const ns = q.metadata.namespace!;
    const now = this.clock.now();
    const targets = new Map<string, GVR>();
    const add = (r: GVR) => targets.set(`${r.group}/${r.resource}`, r);
    for (const n of names) {
      const t = countTarget(n);
      if (t) add(t);
    }
    for (const r of [R.pods, R.services, PVCS, R.configmaps, R.secrets, RCS, RESOURCE_QUOTAS]) if (matchingResources(r.group, r.resource, names).length) add(r);
    let used: Usage = new Map();
    for (const r of targets.values()) {
      const matched = matchingResources(r.group, r.resource, names);
      if (!matched.length) continue;
      // every tracked resource starts at zero
      let sum: Usage = new Map(matched.map((n) => [n, zero()]));
      for (const o of this.objects(r, ns)) {
        if (!scopesMatch(q, r.group, r.resource, o)) continue;
        sum = addUsage(sum, objectUsage(r.group, r.resource, o, now));
      }
      used = addUsage(used, new Map([...sum].filter(([k]) => matched.includes(k))));
    }
    return used;
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.quotas.getByName(namespace, name);
    if (!cached) return;
    this.queue.addAfter(key, QUOTA_RESYNC_MS);
    const q = withKind(deepCopy(cached), 'v1', 'ResourceQuota');
    const hard = new Map(Object.entries((q.spec?.hard ?? {}) as Record<string, unknown>).map(([k, v]) => [k, canonical(v)]));
    const names = [...hard.keys()];
    // past observations are kept for resources no evaluator counts, then masked to what hard names
    const used = new Map(Object.entries((q.status?.used ?? {}) as Record<string, string>));
    for (const [k, v] of this.usage(q, scopedNames(q, names))) used.set(k, formatQuantity(v));
    for (const k of [...used.keys()]) if (!hard.has(k)) used.delete(k);
    const status = { hard: sortedRecord(hard), used: sortedRecord(used) };
    if (q.status?.hard && q.status?.used && sameList(q.status.hard, status.hard) && sameList(q.status.used, status.used)) return;
    try {
      this.client.updateStatus(RESOURCE_QUOTAS, namespace, { ...q, status });
    } catch (e) {
      if (isNotFound(e)) return;
      if (isConflict(e)) return false;
      throw e;
    }
  }
}
