/**
 * kubectl config (pkg/cmd/config): reads and edits the kubeconfig in the learner's filesystem. Texts and
 * layouts checked against the real kubectl: view redacts `*-data` as DATA+OMITTED and secrets as REDACTED,
 * get-contexts is a `get`-style table, write commands confirm with one line.
 */
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError } from '../cli/errors';
import { saveKubeconfig, type KubeConfig, type NamedContext } from '../kubeconfig';
import { toYaml } from '../printers/yaml';
import { toJson } from '../printers/json';
import { tabify, TABLE_TABS } from '../printers/tabwriter';
import { executeJsonPath } from '../printers/jsonpath';
import { parseOutput, printObjects, templateFlags } from '../printers/output';
import type { KubeObject } from '../../sim/apiserver/types';

function load(k: Kctx) {
  return k.kubeconfig();
}
function save(k: Kctx, c: KubeConfig) {
  saveKubeconfig(k.ctx.fs, load(k).path, c);
}

const CLUSTER_ORDER = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_ORDER = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'];
const CONTEXT_ORDER = ['cluster', 'user', 'namespace', 'extensions'];

function ordered(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (o[key] !== undefined) out[key] = o[key];
  for (const key of Object.keys(o)) if (!(key in out)) out[key] = o[key];
  return out;
}

function redact(c: KubeConfig, raw: boolean): KubeConfig {
  if (raw) return c;
  const mask = (o: Record<string, unknown>) => {
    const r: Record<string, unknown> = { ...o };
    for (const key of Object.keys(r)) {
      if (key.endsWith('-data')) r[key] = 'DATA+OMITTED';
      else if (key === 'token' || key === 'password') r[key] = 'REDACTED';
    }
    return r;
  };
  return {
    ...c,
    clusters: c.clusters?.map((x) => ({ ...x, cluster: mask(x.cluster) as never })) ?? null,
    users: c.users?.map((x) => ({ ...x, user: mask(x.user) })) ?? null,
  };
}

export async function configView(k: Kctx): Promise<number> {
  let c = load(k).config;
  if (k.f.bool('minify')) {
    const cur = c['current-context'];
    if (!cur) throw new KubectlError('current-context must exist in order to minify');
    const ctx = (c.contexts ?? []).find((x) => x.name === cur);
    if (!ctx) throw new KubectlError(`cannot locate context ${cur}`);
    c = {
      ...c,
      contexts: [ctx],
      clusters: (c.clusters ?? []).filter((x) => x.name === ctx.context.cluster),
      users: (c.users ?? []).filter((x) => x.name === ctx.context.user),
    };
  }
  c = redact(c, k.f.bool('raw') || k.f.bool('flatten'));
  // a --template alone means go-template (cli-runtime print_flags.go)
  const out = k.f.changed('output') ? k.f.str('output') : k.f.str('template') ? 'go-template' : 'yaml';
  const nullable = <T>(l: T[] | null | undefined) => (l && l.length ? l : null);
  if (out === 'json') {
    const doc = {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: c.preferences ?? {},
      clusters: (c.clusters ?? []).map((x) => ({ name: x.name, cluster: ordered(x.cluster, CLUSTER_ORDER) })),
      users: (c.users ?? []).map((x) => ({ name: x.name, user: ordered(x.user, USER_ORDER) })),
      contexts: (c.contexts ?? []).map((x) => ({ name: x.name, context: ordered(x.context, CONTEXT_ORDER) })),
      'current-context': c['current-context'] ?? '',
    };
    k.out(toJson(doc, '    ', '', false) + '\n');
    return 0;
  }
  const doc = {
    apiVersion: 'v1',
    clusters: nullable(c.clusters),
    contexts: nullable(c.contexts),
    'current-context': c['current-context'] ?? '',
    kind: 'Config',
    preferences: c.preferences ?? {},
    users: nullable(c.users),
  };
  if (out === 'yaml') k.out(toYaml(doc));
  else if (out.startsWith('jsonpath=')) k.out(executeJsonPath(out.slice(9), doc));
  else {
    // go-template and the rest, and the error text, come from the generic printer flags; the template sees the
    // typed Config (json.Marshal field order, empty lists as null)
    const typed = {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: c.preferences ?? {},
      clusters: nullable((c.clusters ?? []).map((x) => ({ name: x.name, cluster: ordered(x.cluster, CLUSTER_ORDER) }))),
      users: nullable((c.users ?? []).map((x) => ({ name: x.name, user: ordered(x.user, USER_ORDER) }))),
      contexts: nullable((c.contexts ?? []).map((x) => ({ name: x.name, context: ordered(x.context, CONTEXT_ORDER) }))),
      'current-context': c['current-context'] ?? '',
    };
    const fmt = parseOutput(out, (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
    k.out(printObjects([typed as unknown as KubeObject], fmt, true, () => 'config', true));
  }
  return 0;
}

export async function configCurrentContext(k: Kctx): Promise<number> {
  const c = load(k).config;
  if (!c['current-context']) throw new KubectlError('current-context is not set');
  k.out(`${c['current-context']}\n`);
  return 0;
}

export async function configGetContexts(k: Kctx): Promise<number> {
  const c = load(k).config;
  const all = [...(c.contexts ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = k.args;
  const out = k.f.str('output');
  if (out && out !== 'name') throw new KubectlError(`output must be one of '' or 'name': ${out}`);
  const selected: NamedContext[] = names.length ? all.filter((x) => names.includes(x.name)) : all;
  const missing = names.filter((n) => !all.some((x) => x.name === n));
  if (out === 'name') {
    k.out(selected.map((x) => `${x.name}\n`).join(''));
  } else {
    let text = k.f.bool('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
    for (const x of selected) {
      text += `${x.name === c['current-context'] ? '*' : ''}\t${x.name}\t${x.context.cluster ?? ''}\t${x.context.user ?? ''}\t${x.context.namespace ?? ''}\n`;
    }
    k.out(tabify(text, TABLE_TABS));
  }
  if (missing.length) throw new KubectlError(`context ${missing[0]} not found`);
  return 0;
}

export async function configGetClusters(k: Kctx): Promise<number> {
  const c = load(k).config;
  k.out('NAME\n' + (c.clusters ?? []).map((x) => `${x.name}\n`).join(''));
  return 0;
}

export async function configGetUsers(k: Kctx): Promise<number> {
  const c = load(k).config;
  k.out('NAME\n' + (c.users ?? []).map((x) => `${x.name}\n`).join(''));
  return 0;
}

export async function configUseContext(k: Kctx): Promise<number> {
  if (k.args.length !== 1) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, k.cmdPath);
  const c = load(k).config;
  const name = k.args[0];
  if (!(c.contexts ?? []).some((x) => x.name === name)) throw new KubectlError(`no context exists with the name: "${name}"`);
  c['current-context'] = name;
  save(k, c);
  k.out(`Switched to context "${name}".\n`);
  return 0;
}

export async function configSetContext(k: Kctx): Promise<number> {
  const c = load(k).config;
  let name = k.args[0];
  if (k.f.bool('current')) {
    if (name) throw new KubectlError('you cannot specify both a context name and --current');
    name = c['current-context'] ?? '';
    if (!name) throw new KubectlError('no current context is set');
  }
  if (!name) throw new UsageError('Unexpected args: []', k.cmdPath);
  const list = c.contexts ?? [];
  let ctx = list.find((x) => x.name === name);
  const created = !ctx;
  if (!ctx) {
    ctx = { name, context: {} };
    list.push(ctx);
  }
  for (const [flag, key] of [['cluster', 'cluster'], ['user', 'user'], ['namespace', 'namespace']] as const) {
    if (k.f.changed(flag)) {
      const v = k.f.str(flag);
      if (v) ctx.context[key] = v;
      else delete ctx.context[key];
    }
  }
  c.contexts = list;
  save(k, c);
  k.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
  return 0;
}

export async function configDeleteContext(k: Kctx): Promise<number> {
  const c = load(k).config;
  const name = k.args[0];
  if (!name) throw new UsageError('Unexpected args: []', k.cmdPath);
  const list = c.contexts ?? [];
  if (!list.some((x) => x.name === name)) throw new KubectlError(`cannot delete context ${name}, not in ${load(k).path}`);
  if (c['current-context'] === name) k.err(`warning: this removed your active context, use "kubectl config use-context" to select a different one\n`);
  c.contexts = list.filter((x) => x.name !== name);
  save(k, c);
  k.out(`deleted context ${name} from ${load(k).path}\n`);
  return 0;
}

export async function configDeleteCluster(k: Kctx): Promise<number> {
  const c = load(k).config;
  const name = k.args[0];
  if (!(c.clusters ?? []).some((x) => x.name === name)) throw new KubectlError(`cannot delete cluster ${name}, not in ${load(k).path}`);
  c.clusters = (c.clusters ?? []).filter((x) => x.name !== name);
  save(k, c);
  k.out(`deleted cluster ${name} from ${load(k).path}\n`);
  return 0;
}

export async function configDeleteUser(k: Kctx): Promise<number> {
  const c = load(k).config;
  const name = k.args[0];
  if (!(c.users ?? []).some((x) => x.name === name)) throw new KubectlError(`cannot delete user ${name}, not in ${load(k).path}`);
  c.users = (c.users ?? []).filter((x) => x.name !== name);
  save(k, c);
  k.out(`deleted user ${name} from ${load(k).path}\n`);
  return 0;
}

export async function configRenameContext(k: Kctx): Promise<number> {
  if (k.args.length !== 2) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, k.cmdPath);
  const [from, to] = k.args;
  const c = load(k).config;
  const ctx = (c.contexts ?? []).find((x) => x.name === from);
  if (!ctx) throw new KubectlError(`cannot rename the context "${from}", it's not in ${load(k).path}`);
  if ((c.contexts ?? []).some((x) => x.name === to)) throw new KubectlError(`cannot rename the context "${from}", the context "${to}" already exists in ${load(k).path}`);
  ctx.name = to;
  if (c['current-context'] === from) c['current-context'] = to;
  save(k, c);
  k.out(`Context "${from}" renamed to "${to}".\n`);
  return 0;
}

export async function configSetCluster(k: Kctx): Promise<number> {
  const name = k.args[0];
  if (!name) throw new UsageError('Unexpected args: []', k.cmdPath);
  const c = load(k).config;
  const list = c.clusters ?? [];
  let cl = list.find((x) => x.name === name);
  if (!cl) {
    cl = { name, cluster: {} };
    list.push(cl);
  }
  if (k.f.changed('server')) cl.cluster.server = k.f.str('server');
  if (k.f.changed('insecure-skip-tls-verify')) cl.cluster['insecure-skip-tls-verify'] = k.f.bool('insecure-skip-tls-verify');
  if (k.f.changed('certificate-authority')) cl.cluster['certificate-authority'] = k.f.str('certificate-authority');
  c.clusters = list;
  save(k, c);
  k.out(`Cluster "${name}" set.\n`);
  return 0;
}

export async function configSetCredentials(k: Kctx): Promise<number> {
  const name = k.args[0];
  if (!name) throw new UsageError('Unexpected args: []', k.cmdPath);
  const c = load(k).config;
  const list = c.users ?? [];
  let u = list.find((x) => x.name === name);
  if (!u) {
    u = { name, user: {} };
    list.push(u);
  }
  for (const flag of ['token', 'username', 'password', 'client-certificate', 'client-key']) if (k.f.changed(flag)) u.user[flag] = k.f.str(flag);
  c.users = list;
  save(k, c);
  k.out(`User "${name}" set.\n`);
  return 0;
}

/** `config set a.b.c value` / `config unset a.b.c` over dotted paths with named list entries. */
export async function configSet(k: Kctx): Promise<number> {
  if (k.args.length !== 2) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, k.cmdPath);
  setPath(k, k.args[0], k.args[1]);
  k.out(`Property "${k.args[0]}" set.\n`);
  return 0;
}

export async function configUnset(k: Kctx): Promise<number> {
  if (k.args.length !== 1) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, k.cmdPath);
  setPath(k, k.args[0], undefined);
  k.out(`Property "${k.args[0]}" unset.\n`);
  return 0;
}

function setPath(k: Kctx, path: string, value: string | undefined): void {
  const c = load(k).config;
  const parts = path.split('.');
  const [section, name, ...rest] = parts;
  if (section === 'current-context') {
    c['current-context'] = value ?? '';
  } else if (['clusters', 'contexts', 'users'].includes(section) && name) {
    const field = section === 'clusters' ? 'cluster' : section === 'contexts' ? 'context' : 'user';
    const list = ((c as Record<string, unknown>)[section] as { name: string; [k: string]: unknown }[] | null) ?? [];
    let entry = list.find((x) => x.name === name);
    if (!entry) {
      if (value === undefined) throw new KubectlError(`current map key \`${name}\` is invalid`);
      entry = { name, [field]: {} };
      list.push(entry);
    }
    (c as Record<string, unknown>)[section] = list;
    const target = entry[field] as Record<string, unknown>;
    const key = rest.join('.');
    if (value === undefined) delete target[key];
    else target[key] = key === 'insecure-skip-tls-verify' ? value === 'true' : value;
  } else throw new KubectlError(`unable to locate path ${path}`);
  save(k, c);
}
