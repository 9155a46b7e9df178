/**
 * RBAC rule matching, as staging/src/k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go and
 * plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows) decide it:
 * - verbs, apiGroups: the value or `*`;
 * - resources: `*`, the exact `resource/subresource` asked for, or a star before the slash (any resource's subresource);
 * - resourceNames: empty allows every name; otherwise the request must name one of them;
 * - nonResourceURLs: `*`, the exact path, or a prefix ending in `*`.
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What one request asks to do (apiserver's authorizer.Attributes). */
export interface Attributes {
  verb: string;
  resourceRequest: boolean;
  apiGroup: string;
  apiVersion?: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** The request path, for non-resource requests. */
  path: string;
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (!rule.resourceNames?.length) return true;
  return rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.resourceRequest) {
    return has(rule.verbs, a.verb) && has(rule.apiGroups, a.apiGroup) && resourceMatches(rule, a.resource, a.subresource) && resourceNameMatches(rule, a.name);
  }
  return has(rule.verbs, a.verb) && nonResourceURLMatches(rule, a.path);
}
