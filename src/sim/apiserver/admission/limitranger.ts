/**
 * The LimitRanger admission plugin for pods (plugin/pkg/admission/limitranger/admission.go), on create only (pod
 * resources cannot change afterwards):
 * - mutating, early in the chain: every container (then init container) gets the namespace's Container-type
 *   `default` as limits and `defaultRequest` as requests where it sets none, and the pod is annotated
 *   `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu request for container app; cpu, memory limit for
 *   container app` (resource names sorted, one entry per container and kind);
 * - validating, after validation: Container-type min/max/maxLimitRequestRatio per container and Pod-type ones over
 *   the pod's sums, refused as `pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2`
 *   (several errors: `[a, b]`, utilerrors.NewAggregate). Upstream ranges over Go maps, so several errors come in
 *   no fixed order; here they come sorted by resource name within each item.
 */
import type { ServerContext } from '../context';
import { fail, forbidden } from '../errors';
import type { KubeObject } from '../types';
import { add, canonical, formatQuantity, parseQuantity, type Quantity } from './resourcequota-quantity';

const LIMIT_RANGES = '/limitranges';
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type List = Record<string, string>;
type Item = { type?: string; min?: List; max?: List; default?: List; defaultRequest?: List; maxLimitRequestRatio?: List };

function items(ctx: ServerContext, ns: string): Item[] {
  const out: Item[] = [];
  for (const lr of ctx.store.list(LIMIT_RANGES, ns).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    for (const it of (lr.spec?.limits ?? []) as Item[]) if (it && typeof it === 'object') out.push(it);
  }
  return out;
}

/** PodMutateLimitFunc: container defaults from the Container items. */
export function admitLimitRanger(ctx: ServerContext, pod: KubeObject): void {
  const ns = pod.metadata?.namespace;
  if (!ns) return;
  const its = items(ctx, ns).filter((i) => i.type === 'Container');
  if (!its.length) return;
  const requests: List = {};
  const limits: List = {};
  for (const i of its) {
    Object.assign(requests, i.defaultRequest ?? {});
    Object.assign(limits, i.default ?? {});
  }
  const notes: string[] = [];
  const merge = (c: Record<string, any>, prefix: string) => {
    if (!c || typeof c !== 'object') return;
    const res = (c.resources ??= {});
    res.limits ??= {};
    res.requests ??= {};
    const setLimits = Object.keys(limits).filter((k) => !(k in res.limits));
    const setRequests = Object.keys(requests).filter((k) => !(k in res.requests));
    for (const k of setLimits) res.limits[k] = limits[k];
    for (const k of setRequests) res.requests[k] = requests[k];
    if (!Object.keys(res.limits).length) delete res.limits;
    if (!Object.keys(res.requests).length) delete res.requests;
    if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
    if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  };
  for (const c of pod.spec?.containers ?? []) merge(c, 'container');
  for (const c of pod.spec?.initContainers ?? []) merge(c, 'init container');
  if (notes.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

const milli = (v: unknown) => parseQuantity(v)?.milli ?? 0;

function minConstraint(type: string, name: string, enforced: string, req: List, lim: List): string | undefined {
  if (!(name in req)) return `minimum ${name} usage per ${type} is ${canonical(enforced)}.  No request is specified`;
  if (milli(req[name]) < milli(enforced)) return `minimum ${name} usage per ${type} is ${canonical(enforced)}, but request is ${canonical(req[name])}`;
  if (name in lim && milli(lim[name]) < milli(enforced)) return `minimum ${name} usage per ${type} is ${canonical(enforced)}, but limit is ${canonical(lim[name])}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, req: List, lim: List): string | undefined {
  if (!(name in lim)) return `maximum ${name} usage per ${type} is ${canonical(enforced)}.  No limit is specified`;
  if (milli(lim[name]) > milli(enforced)) return `maximum ${name} usage per ${type} is ${canonical(enforced)}, but limit is ${canonical(lim[name])}`;
  if (name in req && milli(req[name]) > milli(enforced)) return `maximum ${name} usage per ${type} is ${canonical(enforced)}, but request is ${canonical(req[name])}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: string, req: List, lim: List): string | undefined {
  const r = milli(req[name]);
  const l = milli(lim[name]);
  if (!(name in req) || r === 0) return `${name} max limit to request ratio per ${type} is ${canonical(enforced)}, but no request is specified or request is 0`;
  if (!(name in lim) || l === 0) return `${name} max limit to request ratio per ${type} is ${canonical(enforced)}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  // Go's %f: six decimals
  if (ratio * 1000 > milli(enforced)) return `${name} max limit to request ratio per ${type} is ${canonical(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(errs: string[], type: string, it: Item, req: List, lim: List): void {
  const each = (list: List | undefined, f: typeof minConstraint) => {
    for (const k of Object.keys(list ?? {}).sort()) {
      const e = f(type, k, list![k], req, lim);
      if (e) errs.push(e);
    }
  };
  each(it.min, minConstraint);
  each(it.max, maxConstraint);
  each(it.maxLimitRequestRatio, ratioConstraint);
}

/** The pod's requests or limits: containers summed, raised to any larger init container (podRequests/podLimits). */
function podTotals(pod: KubeObject, field: 'requests' | 'limits'): List {
  const sum = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries((c?.resources?.[field] ?? {}) as List)) {
      const q = parseQuantity(v);
      if (q) sum.set(k, sum.has(k) ? add(sum.get(k)!, q) : q);
    }
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries((c?.resources?.[field] ?? {}) as List)) {
      const q = parseQuantity(v);
      if (q && (!sum.has(k) || q.milli > sum.get(k)!.milli)) sum.set(k, q);
    }
  }
  const out: List = {};
  for (const [k, q] of sum) out[k] = formatQuantity(q);
  return out;
}

/** PodValidateLimitFunc: refuses a pod outside the namespace's ranges. */
export function validateLimitRanger(ctx: ServerContext, gr: { group: string; resource: string }, pod: KubeObject): void {
  const ns = pod.metadata?.namespace;
  if (!ns || gr.group !== '' || gr.resource !== 'pods') return;
  const its = items(ctx, ns);
  if (!its.length) return;
  const errs: string[] = [];
  for (const it of its) {
    if (it.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) check(errs, 'Container', it, c?.resources?.requests ?? {}, c?.resources?.limits ?? {});
    } else if (it.type === 'Pod') {
      check(errs, 'Pod', it, podTotals(pod, 'requests'), podTotals(pod, 'limits'));
    }
  }
  if (!errs.length) return;
  fail(forbidden(gr, pod.metadata.name ?? '', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`));
}
