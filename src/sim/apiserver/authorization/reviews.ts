/**
 * The answers of the review APIs, from the same authorizer that guards requests:
 * - SelfSubjectAccessReview / SubjectAccessReview / LocalSubjectAccessReview
 *   (pkg/registry/authorization/*subjectaccessreview/rest.go): status.allowed, and the reason and evaluation
 *   error of the authorizer (the union of k3s's Node and RBAC authorizers, whose denials carry no reason of their
 *   own unless a binding points at a missing role);
 * - SelfSubjectRulesReview (selfsubjectrulesreview/rest.go): the rules of every binding that applies in the
 *   namespace, split into resource and non-resource rules; for system:masters the privileged-group authorizer's
 *   `*` rules come first;
 * - SelfSubjectReview (pkg/registry/authentication/selfsubjectreview): the requester's user info.
 */
import type { KubeObject } from '../types';
import { serviceAccountFromToken } from './authenticate';
import { aggregateErrors, type RbacAuthorizer, type RbacSource } from './rbac';
import type { Attributes, PolicyRule } from './rules';
import { isPrivileged, type UserInfo } from './user';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** The access review's question as authorizer attributes (authorizationutil.ResourceAttributesFrom). */
export function reviewAttributes(spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: { path?: string; verb?: string } }): Attributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      verb: r.verb ?? '',
      resourceRequest: true,
      apiGroup: r.group ?? '',
      apiVersion: r.version ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource ?? '',
      namespace: r.namespace ?? '',
      name: r.name ?? '',
      path: '',
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return { verb: n.verb ?? '', resourceRequest: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: n.path ?? '' };
}

export function accessReviewStatus(rbac: RbacAuthorizer, user: UserInfo, a: Attributes): Record<string, unknown> {
  const d = rbac.authorize(user, a);
  const status: Record<string, unknown> = { allowed: d.allowed };
  if (d.reason) status.reason = d.reason;
  return status;
}

/** The user a SubjectAccessReview asks about (spec.user, groups, uid, extra; no implicit groups). */
export function reviewedUser(spec: { user?: string; groups?: string[]; uid?: string; extra?: Record<string, string[]> }): UserInfo {
  const u: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) u.uid = spec.uid;
  if (spec.extra) u.extra = spec.extra;
  return u;
}

export function rulesReviewStatus(rbac: RbacAuthorizer, user: UserInfo, namespace: string): Record<string, unknown> {
  const resourceRules: Record<string, string[]>[] = [];
  const nonResourceRules: Record<string, string[]>[] = [];
  if (isPrivileged(user)) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const { rules, errors } = rbac.rulesFor(user, namespace);
  for (const r of rules) {
    if (r.resources?.length) resourceRules.push(resourceRule(r));
    if (r.nonResourceURLs?.length) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
  }
  const status: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete: errors.length > 0 };
  if (errors.length) status.evaluationError = aggregateErrors(errors);
  return status;
}

function resourceRule(r: PolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = { verbs: r.verbs };
  if (r.apiGroups?.length) out.apiGroups = r.apiGroups;
  if (r.resources?.length) out.resources = r.resources;
  if (r.resourceNames?.length) out.resourceNames = r.resourceNames;
  return out;
}

export function userInfoJson(u: UserInfo): KubeObject['status'] {
  const info: Record<string, unknown> = { username: u.username };
  if (u.uid) info.uid = u.uid;
  info.groups = u.groups;
  if (u.extra) info.extra = u.extra;
  return { userInfo: info };
}

/**
 * TokenReview (pkg/registry/authentication/tokenreview): the service-account tokens this server issued are
 * authenticated with their audiences; anything else fails with the authenticator union's error.
 */
export function tokenReviewStatus(source: RbacSource, token: string): Record<string, unknown> {
  const u = token ? serviceAccountFromToken(token, source) : undefined;
  if (!u) return { authenticated: false, user: {}, error: '[invalid bearer token, token lookup failed]' };
  return { authenticated: true, user: userInfoJson(u).userInfo, audiences: ['https://kubernetes.default.svc.cluster.local', 'k3s'] };
}
