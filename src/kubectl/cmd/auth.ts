/**
 * `kubectl auth can-i` and `kubectl auth whoami` (kubectl pkg/cmd/auth/cani.go, whoami.go, v1.31):
 * - can-i VERB TYPE[/NAME] | VERB /URL: one SelfSubjectAccessReview in the namespace (-n, the context's, or
 *   default; none with -A); prints `yes` (exit 0) or `no[ - reason][ - evaluationError]` (exit 1); -q prints
 *   nothing. The type goes through the REST mapper: an unknown one warns `the server doesn't have a resource
 *   type 'x'` (not for users/groups) and is asked about as typed; a cluster-scoped one warns that it is not
 *   namespace scoped.
 * - can-i --list: a SelfSubjectRulesReview, rules broken down to one group/resource/verb each
 *   (rbac BreakdownRule), simple ones merged by verb (CompactRules), sorted by the rule's Go String(),
 *   printed as Resources / Non-Resource URLs / Resource Names / Verbs.
 * - whoami: a SelfSubjectReview; ATTRIBUTE/VALUE table or the object with -o.
 */
import type { Kctx } from '../cli/kctx';
import { ExitCode, KubectlError, UsageError } from '../cli/errors';
import { StatusError } from '../client/rest';
import type { KubeObject } from '../../sim/apiserver/types';
import { TabWriter } from '../printers/tabwriter';
import { parseOutput, printObjects, templateFlags } from '../printers/output';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
const NON_STANDARD = new Set(['users', 'groups']);

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** cani.go passes messages ending in a newline to a printer that adds its own: a blank line follows. */
const warn = (k: Kctx, msg: string) => k.err(`Warning: ${msg}\n\n`);

/** cani.go resourceFor: the mapper's resource, or what was typed (with a warning). */
function resourceFor(k: Kctx, arg: string): { group: string; resource: string } {
  if (arg === '*') return { group: '', resource: '*' };
  const lower = arg.toLowerCase();
  const r = k.discovery().find(lower);
  if (r) return { group: r.group, resource: r.resource };
  const dot = lower.indexOf('.');
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? '' : lower.slice(dot + 1);
  const gr = group ? `${resource}.${group}` : resource;
  if (!NON_STANDARD.has(gr)) {
    if (!group) warn(k, `the server doesn't have a resource type '${resource}'`);
    else warn(k, `the server doesn't have a resource type '${resource}' in group '${group}'`);
  }
  return { group: '', resource: arg };
}

export async function runCanI(k: Kctx): Promise<number> {
  const list = k.f.bool('list');
  const quiet = k.f.bool('quiet');
  const all = k.f.bool('all-namespaces');
  const sub = k.f.str('subresource');
  const args = k.args;
  if (list) {
    if (args.length) throw new KubectlError('list option must be specified with no arguments');
    if (quiet || all || sub) throw new KubectlError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    return canIList(k);
  }
  if (args.length !== 2) throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  const verb = args[0];
  let nonResourceURL = '';
  let resource = { group: '', resource: '' };
  let name = '';
  if (args[1].startsWith('/')) nonResourceURL = args[1];
  else {
    const slash = args[1].indexOf('/');
    resource = resourceFor(k, slash < 0 ? args[1] : args[1].slice(0, slash));
    if (slash >= 0) name = args[1].slice(slash + 1);
  }
  const namespace = all ? '' : k.namespace;
  if (nonResourceURL) {
    if (sub) throw new KubectlError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(k, `verb '${verb}' is not a known verb`);
  } else if (resource.resource && !all) {
    const r = k.discovery().byResource(resource.group, resource.resource);
    if (r && !r.namespaced) {
      if (!resource.group) warn(k, `resource '${resource.resource}' is not namespace scoped`);
      else warn(k, `resource '${resource.resource}' is not namespace scoped in group '${resource.group}'`);
    }
    if (!RESOURCE_VERBS.has(verb)) warn(k, `verb '${verb}' is not a known verb`);
  }
  if (k.f.bool('no-headers')) throw new KubectlError('--no-headers cannot be set without --list specified');
  const spec = nonResourceURL
    ? { nonResourceAttributes: { path: nonResourceURL, verb } }
    : { resourceAttributes: omitEmpty({ namespace, verb, group: resource.group, resource: resource.resource, subresource: sub, name }) };
  const res = k.rest().call<KubeObject>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec },
  });
  const st = res.status ?? {};
  if (!quiet) {
    if (st.allowed) k.out('yes\n');
    else k.out(`no${st.reason ? ` - ${st.reason}` : ''}${st.evaluationError ? ` - ${st.evaluationError}` : ''}\n`);
  }
  if (!st.allowed) throw new ExitCode(1);
  return 0;
}

function omitEmpty(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));
}

/** rbac BreakdownRule: one group × resource × verb (× resource name) per rule; URLs × verbs. */
function breakdown(r: Rule): Rule[] {
  const out: Rule[] = [];
  for (const g of r.apiGroups)
    for (const res of r.resources)
      for (const v of r.verbs) {
        if (r.resourceNames.length) for (const n of r.resourceNames) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
      }
  for (const u of r.nonResourceURLs) for (const v of r.verbs) out.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

/** rbac CompactRules: simple rules (one group, one resource, at most one name) merged by verb. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    if (r.nonResourceURLs.length || r.apiGroups.length !== 1 || r.resources.length !== 1 || r.resourceNames.length > 1) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const ex = simple.get(key);
    if (ex) {
      for (const v of r.verbs) if (!ex.verbs.includes(v)) ex.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
    continue;
  }
  return [...out, ...simple.values()];
}

const goList = (l: string[]) => `[${l.join(' ')}]`;
/** The generated PolicyRule.String() the list is sorted by. */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

function canIList(k: Kctx): number {
  const res = k.rest().call<KubeObject>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { namespace: k.namespace } },
  });
  const st = res.status ?? {};
  if (st.incomplete && st.evaluationError) k.err(`Warning: the list may be incomplete: ${st.evaluationError}\n`);
  const rules: Rule[] = [];
  for (const r of st.resourceRules ?? []) rules.push({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: [] });
  for (const r of st.nonResourceRules ?? []) rules.push({ verbs: r.verbs ?? [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: r.nonResourceURLs ?? [] });
  const compacted = compact(rules.flatMap(breakdown));
  const keyed = compacted.map((r) => ({ r, s: ruleString(r) }));
  keyed.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  const w = new TabWriter({ minwidth: 6, padding: 3 });
  if (!k.f.bool('no-headers')) w.write('Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  for (const { r } of keyed) {
    const combined: string[] = [];
    // the group goes between the resource and its subresource: daemonsets.apps/status
    for (const res of r.resources)
      for (const g of r.apiGroups) {
        const slash = res.indexOf('/');
        combined.push(!g ? res : slash < 0 ? `${res}.${g}` : `${res.slice(0, slash)}.${g}${res.slice(slash)}`);
      }
    w.write(`${combined.join(', ')}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  }
  k.out(w.flush());
  return 0;
}

export async function runWhoami(k: Kctx): Promise<number> {
  if (k.args.length) throw new UsageError(`unknown command "${k.args[0]}" for "kubectl auth whoami"`, k.cmdPath);
  const out = k.f.p.values.has('output') ? k.f.str('output') : '';
  const fmt = parseOutput(out, (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  let res: KubeObject;
  try {
    res = k.rest().call<KubeObject>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null } },
    });
  } catch (e) {
    // whoami.go: a missing or forbidden API reads as not enabled
    if (e instanceof StatusError && (e.code === 403 || e.code === 404)) throw new KubectlError('the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it');
    throw e;
  }
  const ui = res.status?.userInfo ?? {};
  if (fmt.kind !== 'table') {
    // a typed object: JSON keeps the struct's field order (kind first; username, uid, groups, extra)
    const userInfo: Record<string, unknown> = { username: ui.username };
    if (ui.uid) userInfo.uid = ui.uid;
    if (ui.groups) userInfo.groups = ui.groups;
    if (ui.extra) userInfo.extra = ui.extra;
    const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: res.metadata ?? { creationTimestamp: null }, status: { userInfo } };
    if (fmt.kind === 'json') k.out(`${JSON.stringify(review, null, 4)}\n`);
    else k.out(printObjects([review as KubeObject], fmt, true, () => 'selfsubjectreview.authentication.k8s.io/'));
    return 0;
  }
  const w = new TabWriter({ minwidth: 6, padding: 3 });
  w.write('ATTRIBUTE\tVALUE\n');
  if (ui.username) w.write(`Username\t${ui.username}\n`);
  if (ui.uid) w.write(`UID\t${ui.uid}\n`);
  if (ui.groups?.length) w.write(`Groups\t${goList(ui.groups)}\n`);
  for (const key of Object.keys(ui.extra ?? {}).sort()) w.write(`Extra: ${key}\t${goList(ui.extra[key])}\n`);
  k.out(w.flush());
  return 0;
}
