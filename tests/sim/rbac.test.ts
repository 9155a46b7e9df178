import { describe, expect, it } from 'vitest';
import { setup } from './apiserver/helpers';
import type { KubeObject, Status } from '../../src/sim/apiserver/types';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapNamespaceRoles, RBAC_PLURAL } from '../../src/sim/k3d/bootstrap-rbac';
import { ruleAllows, type Attributes } from '../../src/sim/apiserver/authorization';

function rbacServer() {
  const t = setup();
  t.ns('kube-public');
  for (const o of [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings(), ...bootstrapNamespaceRoles()]) {
    const ns = o.metadata.namespace;
    const path = `/apis/rbac.authorization.k8s.io/v1/${ns ? `namespaces/${ns}/` : ''}${RBAC_PLURAL[o.kind!]}`;
    t.ok(t.call('POST', path, o));
  }
  const as = (user: string, groups: string[] = []) => ({ headers: { 'impersonate-user': user, ...(groups.length ? { 'impersonate-group': groups.join(',') } : {}) } });
  return { ...t, as };
}

const attrs = (a: Partial<Attributes>): Attributes => ({ verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', subresource: '', namespace: 'default', name: '', path: '', ...a });

describe('RBAC rule matching', () => {
  it('matches verbs, groups, resources, subresources, names and URLs as the RBAC validation does', () => {
    const rule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] };
    expect(ruleAllows(attrs({}), rule)).toBe(true);
    expect(ruleAllows(attrs({ verb: 'delete' }), rule)).toBe(false);
    expect(ruleAllows(attrs({ apiGroup: 'apps' }), rule)).toBe(false);
    expect(ruleAllows(attrs({ subresource: 'log' }), rule)).toBe(true);
    expect(ruleAllows(attrs({ subresource: 'exec' }), rule)).toBe(false);
    expect(ruleAllows(attrs({ subresource: 'scale', resource: 'deployments', apiGroup: 'apps' }), { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] })).toBe(true);
    expect(ruleAllows(attrs({ name: 'a' }), { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] })).toBe(true);
    expect(ruleAllows(attrs({ name: 'b' }), { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] })).toBe(false);
    expect(ruleAllows(attrs({ verb: 'list' }), { verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] })).toBe(false);
    const url = (path: string) => attrs({ resourceRequest: false, path, resource: '', namespace: '' });
    expect(ruleAllows(url('/apis/apps'), { verbs: ['get'], nonResourceURLs: ['/apis/*'] })).toBe(true);
    expect(ruleAllows(url('/logs'), { verbs: ['get'], nonResourceURLs: ['/apis/*', '/version'] })).toBe(false);
    expect(ruleAllows(url('/logs'), { verbs: ['*'], nonResourceURLs: ['*'] })).toBe(true);
  });
});

describe('the RBAC authorizer in front of the API server', () => {
  it('lets the uncredentialed admin (system:masters) do anything', () => {
    const t = rbacServer();
    expect(t.call('GET', '/api/v1/namespaces/default/pods').status).toBe(200);
  });

  it('refuses an impersonated user without bindings with the real Forbidden Status', () => {
    const t = rbacServer();
    const res = t.call('GET', '/api/v1/namespaces/default/pods', undefined, t.as('jane'));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    const named = t.call('GET', '/apis/apps/v1/namespaces/kube-system/deployments/coredns', undefined, t.as('jane')).body as Status;
    expect(named.message).toBe('deployments.apps "coredns" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "kube-system"');
    const cluster = t.call('GET', '/api/v1/nodes', undefined, t.as('jane')).body as Status;
    expect(cluster.message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    const sub = t.call('GET', '/api/v1/namespaces/default/pods/x/log', undefined, t.as('jane')).body as Status;
    expect(sub.message).toBe('pods "x" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"');
    const url = t.call('GET', '/logs', undefined, t.as('jane')).body as Status;
    expect(url.message).toBe('forbidden: User "jane" cannot get path "/logs"');
  });

  it('allows discovery to every authenticated user (system:discovery)', () => {
    const t = rbacServer();
    expect(t.call('GET', '/version', undefined, t.as('jane')).status).toBe(200);
    expect(t.call('GET', '/apis', undefined, t.as('jane')).status).toBe(200);
  });

  it('grants through a RoleBinding to view in its namespace only, and view gains no secrets', () => {
    const t = rbacServer();
    t.ok(
      t.call('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'jane-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:aggregate-to-view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
      }),
    );
    expect(t.call('GET', '/api/v1/namespaces/default/pods', undefined, t.as('jane')).status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/kube-system/pods', undefined, t.as('jane')).status).toBe(403);
    expect(t.call('GET', '/api/v1/namespaces/default/secrets', undefined, t.as('jane')).status).toBe(403);
    expect(t.call('DELETE', '/api/v1/namespaces/default/pods/x', undefined, t.as('jane')).status).toBe(403);
  });

  it('authenticates service-account tokens and checks their impersonation with the impersonate verb', () => {
    const t = rbacServer();
    t.ok(t.call('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }));
    const tr = t.ok(t.call('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }));
    const bearer = { authorization: `Bearer ${tr.status.token}` };
    const me = t.ok(t.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { headers: bearer }));
    expect(me.status.userInfo.username).toBe('system:serviceaccount:default:robot');
    expect(me.status.userInfo.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    expect(me.status.userInfo.extra['authentication.kubernetes.io/credential-id'][0]).toMatch(/^JTI=/);
    const denied = t.call('GET', '/api/v1/namespaces/default/pods', undefined, { headers: { ...bearer, 'impersonate-user': 'bob' } });
    expect(denied.status).toBe(403);
    expect((denied.body as Status).message).toBe('users "bob" is forbidden: User "system:serviceaccount:default:robot" cannot impersonate resource "users" in API group "" at the cluster scope');
    expect(t.call('GET', '/api/v1/namespaces/default/pods', undefined, { headers: { authorization: 'Bearer nope' } }).body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
    });
    const review = t.ok(t.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: tr.status.token } }));
    expect(review.status.authenticated).toBe(true);
    expect(review.status.user.username).toBe('system:serviceaccount:default:robot');
    const bad = t.ok(t.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'x' } }));
    expect(bad.status).toEqual({ authenticated: false, user: {}, error: '[invalid bearer token, token lookup failed]' });
    // a deleted account's token stops working
    t.ok(t.call('DELETE', '/api/v1/namespaces/default/serviceaccounts/robot'));
    expect(t.call('GET', '/version', undefined, { headers: bearer }).status).toBe(401);
  });

  it('keeps a malformed Impersonate-Extra key as sent, as the impersonation filter does, instead of failing', () => {
    const t = rbacServer();
    const r = t.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, {
      headers: { 'impersonate-user': 'jane', 'impersonate-extra-%zz': 'v', 'impersonate-extra-scope%2Fa': 'w' },
    });
    expect(r.status).toBe(201);
    expect((r.body as KubeObject).status.userInfo.extra).toEqual({ '%zz': ['v'], 'scope/a': ['w'] });
  });

  it('gives an impersonated service account its groups', () => {
    const t = rbacServer();
    const me = t.ok(t.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, t.as('system:serviceaccount:kube-system:coredns')));
    expect(me.status.userInfo).toEqual({
      username: 'system:serviceaccount:kube-system:coredns',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    });
    const anon = t.ok(t.call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'system:anonymous', groups: ['system:unauthenticated'], nonResourceAttributes: { path: '/healthz', verb: 'get' } },
    }));
    expect(anon.status.allowed).toBe(true);
    expect(anon.status.reason).toBe('RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"');
  });

  it('names a missing role in the denial reason and the rules review', () => {
    const t = rbacServer();
    t.ok(
      t.call('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'broken' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'nope' },
        subjects: [{ kind: 'User', name: 'jane' }],
      }),
    );
    const res = t.call('GET', '/api/v1/namespaces/default/pods', undefined, t.as('jane')).body as Status;
    expect(res.message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "nope" not found');
    const rr = t.ok(t.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }, t.as('jane')));
    expect(rr.status.incomplete).toBe(true);
    expect(rr.status.evaluationError).toBe('role.rbac.authorization.k8s.io "nope" not found');
    expect((rr.status.resourceRules as KubeObject[]).some((r) => r.resources?.includes('selfsubjectaccessreviews'))).toBe(true);
  });
});
