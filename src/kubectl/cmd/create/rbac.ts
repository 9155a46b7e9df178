/**
 * kubectl create role | clusterrole | rolebinding | clusterrolebinding (kubectl pkg/cmd/create/create_role.go,
 * create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go). Resources are resolved through
 * discovery as the REST mapper does (short names and singulars become the plural of the serving group); the rule
 * groups come out sorted by group name. Role and ClusterRole print a failed create as the plain server error, the
 * bindings wrap it in `failed to create <kind>: …`.
 */
import type { KubeObject } from '../../../sim/apiserver/types';
import type { Kctx } from '../../cli/kctx';
import { KubectlError, RawError } from '../../cli/errors';
import { dryRun, exactlyOneName } from '../common';
import { meta } from '../generators';
import { nsOpt, sliceFlag, submit, T } from '../create';

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only make sense on certain resources (create_role.go specialVerbs). */
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles']],
  escalate: [['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras']],
};

interface ResourceOption {
  group: string;
  resource: string;
  subresource: string;
}

const unique = (l: string[]) => l.filter((v, i) => l.indexOf(v) === i);

/** `--verb`: duplicates dropped; `*` replaces everything. */
function verbsOf(k: Kctx): string[] {
  const verbs: string[] = [];
  for (const v of sliceFlag(k, 'verb')) {
    if (v === '*') return ['*'];
    if (!verbs.includes(v)) verbs.push(v);
  }
  return verbs;
}

/** `--resource=name.group/subresource`; a bare `*` replaces everything. */
function resourcesOf(k: Kctx): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of sliceFlag(k, 'resource')) {
    const slash = r.indexOf('/');
    const head = slash >= 0 ? r.slice(0, slash) : r;
    const dot = head.indexOf('.');
    const opt = { resource: dot >= 0 ? head.slice(0, dot) : head, group: dot >= 0 ? head.slice(dot + 1) : '', subresource: slash >= 0 ? r.slice(slash + 1) : '' };
    if (opt.resource === '*' && dot < 0 && slash < 0) return [opt];
    out.push(opt);
  }
  return out;
}

/**
 * Mapper.ResourceFor: the served plural and group, or the mapper's NoResourceMatchError, which CheckErr prints
 * without the `error: ` prefix (cmd/util/helpers.go checkErr, IsNoMatchError).
 */
function resourceFor(k: Kctx, r: ResourceOption): { group: string; resource: string } | RawError {
  const found = k.discovery().find(r.group ? `${r.resource}.${r.group}` : r.resource);
  if (found && (!r.group || found.group === r.group)) return { group: found.group, resource: found.resource };
  return new RawError(r.group ? `the server doesn't have a resource type "${r.resource}" in group "${r.group}"\n` : `the server doesn't have a resource type "${r.resource}"\n`);
}

function validateResources(k: Kctx, verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (!r.resource) throw new KubectlError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(k, r);
    const gr = mapped instanceof Error ? { group: r.group, resource: r.resource } : mapped;
    let err: Error | undefined = mapped instanceof Error ? mapped : undefined;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some(([g, res]) => g === gr.group && res === gr.resource)) throw new KubectlError(`can not perform '${v}' on '${gr.resource}' in group '${gr.group}'`);
      err = undefined;
    }
    if (err) throw err;
  }
}

function warnVerbs(k: Kctx, verbs: string[], valid: string[]): void {
  for (const v of verbs) if (!valid.includes(v)) k.err(`Warning: '${v}' is not a standard resource verb\n`);
}

/** generateResourcePolicyRules: one rule per API group (sorted), then one for the non-resource URLs. */
function policyRules(k: Kctx, verbs: string[], resources: ResourceOption[], names: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = resourceFor(k, r);
    const gr = mapped instanceof Error ? { group: r.group, resource: r.resource } : { ...mapped };
    if (r.subresource) gr.resource += `/${r.subresource}`;
    const list = byGroup.get(gr.group) ?? [];
    if (!list.includes(gr.resource)) list.push(gr.resource);
    byGroup.set(gr.group, list);
  }
  // PolicyRule field order: verbs, apiGroups, resources, resourceNames, nonResourceURLs (empty lists omitted).
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}) }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

export async function createRole(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  const verbs = verbsOf(k);
  const resources = resourcesOf(k);
  const names = unique(k.f.list('resource-name'));
  dryRun(k);
  if (!verbs.length) throw new KubectlError('at least one verb must be specified');
  warnVerbs(k, verbs, VALID_RESOURCE_VERBS);
  if (!resources.length) throw new KubectlError('at least one resource must be specified');
  validateResources(k, verbs, resources);
  const role: KubeObject = { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(name, nsOpt(k)), rules: policyRules(k, verbs, resources, names, []) };
  return submit(k, T.role, role, null);
}

/** `--aggregation-rule=k=v,k2=v2` (a MapStringString flag). */
function aggregationOf(k: Kctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of k.f.list('aggregation-rule').flatMap((v) => v.split(','))) {
    if (!item) continue;
    const i = item.indexOf('=');
    if (i < 0) throw new KubectlError(`invalid argument "${item}" for "--aggregation-rule" flag: ${item} must be formatted as key=value`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

export async function createClusterRole(k: Kctx): Promise<number> {
  const urls = unique(sliceFlag(k, 'non-resource-url'));
  const name = exactlyOneName(k);
  const verbs = verbsOf(k);
  const resources = resourcesOf(k);
  const names = unique(k.f.list('resource-name'));
  dryRun(k);
  const aggregation = aggregationOf(k);
  const aggregated = Object.keys(aggregation).length > 0;
  if (aggregated) {
    if (urls.length || verbs.length || resources.length || names.length) throw new KubectlError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
  } else {
    if (!verbs.length) throw new KubectlError('at least one verb must be specified');
    if (!resources.length && !urls.length) throw new KubectlError('one of resource or nonResourceURL must be specified');
    if (resources.length) {
      warnVerbs(k, verbs, VALID_RESOURCE_VERBS);
      validateResources(k, verbs, resources);
    }
    if (urls.length) {
      for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new KubectlError(`invalid verb: '${v}' for nonResourceURL`);
      for (const u of urls) {
        if (u === '*') continue;
        if (!u.startsWith('/')) throw new KubectlError('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) throw new KubectlError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
  }
  // ClusterRole.rules has no omitempty: an aggregated role prints `rules: null`.
  const role: KubeObject = { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(name, undefined), rules: aggregated ? null : policyRules(k, verbs, resources, names, urls) };
  if (aggregated) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: aggregation }] };
  return submit(k, T.clusterrole, role, null);
}

function subjects(k: Kctx): Record<string, unknown>[] | undefined {
  const out: Record<string, unknown>[] = [];
  for (const u of k.f.list('user')) out.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of k.f.list('group')) out.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of k.f.list('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new KubectlError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out.length ? out : undefined;
}

function binding(kind: string, name: string, ns: string | undefined, roleKind: string, roleName: string, subs: Record<string, unknown>[] | undefined): KubeObject {
  const o: KubeObject = { kind, apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(name, ns) };
  if (subs) o.subjects = subs;
  o.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName };
  return o;
}

export async function createRoleBinding(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const role = k.f.str('role');
  const clusterRole = k.f.str('clusterrole');
  if (!role === !clusterRole) throw new KubectlError('exactly one of clusterrole or role must be specified');
  const obj = binding('RoleBinding', name, nsOpt(k), role ? 'Role' : 'ClusterRole', role || clusterRole, subjects(k));
  return submit(k, T.rolebinding, obj, 'failed to create rolebinding');
}

export async function createClusterRoleBinding(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const obj = binding('ClusterRoleBinding', name, undefined, 'ClusterRole', k.f.str('clusterrole'), subjects(k));
  return submit(k, T.clusterrolebinding, obj, 'failed to create clusterrolebinding');
}
