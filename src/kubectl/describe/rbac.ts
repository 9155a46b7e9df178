/**
 * Role, ClusterRole, RoleBinding and ClusterRoleBinding describers (kubectl pkg/describe/describe.go) and the rule
 * breakdown/compaction they print through (kubectl pkg/util/rbac/rbac.go). None of them prints events.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, labelsMultiline, annotationsMultiline } from './writer';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** One rule per group × resource × verb (× resource name), then one per non-resource URL × verb (BreakdownRule). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [n] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/**
 * CompactRules: simple rules (one group, one resource, at most one name) that differ only by verb merge, verbs
 * kept in first-seen order; the rest keep their order. Upstream appends the merged rules in Go map order, but the
 * describer sorts afterwards by the rule's String(), which makes the result deterministic.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const complex: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      complex.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const seen = simple.get(key);
    if (seen) for (const v of r.verbs ?? []) (seen.verbs ??= []).includes(v) || seen.verbs.push(v);
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...complex, ...simple.values()];
}

const goList = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;

/** The generated protobuf String() of a PolicyRule, the sort key of SortableRuleSlice. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `resource.group/subresource` of the first resource and group. */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = [resources[0].split('/')[0], resources[0].includes('/') ? resources[0].slice(resources[0].indexOf('/') + 1) : undefined];
  let s = res;
  if (groups?.length && groups[0] !== '') s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

export function describeRole(role: KubeObject): string {
  const rules = compactRules(((role.rules ?? []) as PolicyRule[]).flatMap(breakdownRule));
  const sorted = rules.map((r) => ({ r, k: ruleString(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${role.metadata.name}\n`);
  labelsMultiline(w, 'Labels', role.metadata.labels);
  annotationsMultiline(w, 'Annotations', role.metadata.annotations);
  w.write(L0, 'PolicyRule:\n');
  w.write(L1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(L1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of sorted) w.write(L1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.toString();
}

export function describeRoleBinding(b: KubeObject): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${b.metadata.name}\n`);
  labelsMultiline(w, 'Labels', b.metadata.labels);
  annotationsMultiline(w, 'Annotations', b.metadata.annotations);
  w.write(L0, 'Role:\n');
  w.write(L1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(L1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(L0, 'Subjects:\n');
  w.write(L1, 'Kind\tName\tNamespace\n');
  w.write(L1, '----\t----\t---------\n');
  for (const s of (b.subjects ?? []) as { kind?: string; name?: string; namespace?: string }[]) w.write(L1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
