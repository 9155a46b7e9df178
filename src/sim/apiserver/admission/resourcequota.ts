/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota, staging/src/k8s.io/apiserver/pkg/admission/
 * plugin/resourcequota/controller.go checkRequest), a validating plugin: it runs on creates after validation.
 * For every quota of the namespace whose scopes select the object, over the resources its status.hard names:
 * - pods must set each of cpu/memory requests/limits the quota tracks, in every container:
 *   `pods "x" is forbidden: failed quota: q: must specify limits.cpu for: a,b; requests.memory for: a`;
 * - a quota whose status has not been counted yet refuses: `status unknown for quota: q, resources: pods`;
 * - used + requested above hard refuses: `exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2`
 *   (only the exceeded resources, sorted, `name=quantity` joined by commas).
 * Updates of services and claims are charged what they add (a ClusterIP service turned NodePort: its node ports).
 * Admitted creates charge every matching quota at once: status.used grows before the object is stored (the
 * controller recounts later), except in a dry run.
 */
import type { ServerContext } from '../context';
import { fail, forbidden } from '../errors';
import type { KubeObject } from '../types';
import { add, formatQuantity, parseQuantity, zero, type Quantity } from './resourcequota-quantity';
import { computeUsage, mask, matchingResources, objectUsage, scopedNames, scopesMatch, type Usage } from './resourcequota-usage';

const QUOTAS = '/resourcequotas';
/** The resources whose quota obliges every container to state them (pods.go validationSet). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

const listOf = (m: Record<string, unknown> | undefined): Usage => {
  const u: Usage = new Map();
  for (const [k, v] of Object.entries(m ?? {})) {
    const q = parseQuantity(v);
    if (q) u.set(k, q);
  }
  return u;
};

function subtractNonNegative(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, q] of a) out.set(k, { milli: Math.max(0, q.milli - (b.get(k)?.milli ?? 0)), format: q.format });
  return out;
}

const pretty = (u: Usage) =>
  [...u.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(u.get(k)!)}`)
    .join(',');

function quantities(list: Record<string, unknown> | undefined): Map<string, Quantity> {
  return listOf(list);
}

/** podEvaluator.Constraints: the error text, or undefined when every container states what is required. */
function podConstraints(pod: KubeObject, restricted: string[]): string | undefined {
  const required = restricted.filter((r) => VALIDATION_SET.includes(r));
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const set = computeUsage(quantities(c?.resources?.requests), quantities(c?.resources?.limits));
    for (const r of required) {
      if (set.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)!.add(String(c?.name ?? ''));
    }
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/**
 * Checks a create of `obj` (storage shape, name assigned) in `group`/`resource`, or an update from `old`, against the
 * namespace's quotas, failing with the plugin's 403; charges the quotas unless `dryRun`.
 */
export function admitResourceQuota(ctx: ServerContext, gr: { group: string; resource: string }, obj: KubeObject, dryRun: boolean, old?: KubeObject): void {
  const ns = obj.metadata?.namespace;
  if (!ns) return;
  // updates are evaluated for services (type changes) and claims (resizes) only (the evaluators' Handles)
  if (old && !(gr.group === '' && (gr.resource === 'services' || gr.resource === 'persistentvolumeclaims'))) return;
  const quotas = ctx.store.list(QUOTAS, ns);
  if (!quotas.length) return;
  let delta = objectUsage(gr.group, gr.resource, obj, ctx.clock.now());
  // an update is charged what it adds (SubtractWithNonNegativeResult); zero usage is never charged (RemoveZeros)
  if (old) delta = subtractNonNegative(delta, objectUsage(gr.group, gr.resource, old, ctx.clock.now()));
  delta = new Map([...delta].filter(([, q]) => q.milli !== 0));
  if (!delta.size) return;
  // admission.NewForbidden names the object as the request did: a generated name does not exist yet, so pods of a
  // ReplicaSet read `pods "web-7d8f6c9b54-" is forbidden` (apiserver pkg/admission/errors.go extractResourceName)
  const m = obj.metadata;
  const generated = !!m.generateName && typeof m.name === 'string' && m.name.length === m.generateName.length + 5 && m.name.startsWith(m.generateName);
  const name = generated ? m.generateName! : (m.name ?? '');
  const refuse = (msg: string) => fail(forbidden(gr, name, msg));
  const charges: [KubeObject, Usage][] = [];
  for (const q of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    if (!scopesMatch(q, gr.group, gr.resource, obj)) continue;
    const hard = listOf(q.status?.hard);
    const restricted = matchingResources(gr.group, gr.resource, scopedNames(q, [...hard.keys()]));
    if (gr.group === '' && gr.resource === 'pods') {
      const err = podConstraints(obj, restricted);
      if (err) refuse(`failed quota: ${q.metadata.name}: ${err}`);
    }
    if (!restricted.length) continue;
    const used = listOf(q.status?.used);
    if (!restricted.every((r) => used.has(r))) refuse(`status unknown for quota: ${q.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    const requested = mask(delta, restricted);
    if (!requested.size) continue;
    const exceeded: string[] = [];
    for (const [k, v] of requested) {
      const total = add(used.get(k) ?? zero(), v);
      if (hard.has(k) && total.milli > hard.get(k)!.milli) exceeded.push(k);
    }
    if (exceeded.length) {
      refuse(`exceeded quota: ${q.metadata.name}, requested: ${pretty(mask(requested, exceeded))}, used: ${pretty(mask(used, exceeded))}, limited: ${pretty(mask(hard, exceeded))}`);
    }
    charges.push([q, requested]);
  }
  if (dryRun) return;
  for (const [q, requested] of charges) {
    const used: Record<string, string> = { ...(q.status?.used ?? {}) };
    for (const [k, v] of requested) used[k] = formatQuantity(add(parseQuantity(used[k]) ?? zero(), v));
    const next = structuredClone(q);
    next.status = { ...(next.status ?? {}), used };
    ctx.store.update(QUOTAS, next, q.metadata.resourceVersion);
  }
}
