/**
 * Tab completion for kubectl: subcommands, flags, resource types (with short names, from discovery) and
 * live object names, all fetched through the API like `kubectl __complete` does.
 */
import type { HostServices, VirtualFS } from '../shell/types';
import { children, commandFlags, locate } from './cli/tree';
import { loadKubeconfig, resolveTarget } from './kubeconfig';
import { RestClient } from './client/rest';
import { Discovery, resourcePathFor } from './client/discovery';
import { parseFlags } from './cli/flags';
import type { KubeList } from '../sim/apiserver/types';

/** Commands whose first argument is a resource type. */
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'wait', 'rollout status', 'rollout history', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume', 'set image', 'set env', 'set resources', 'expose', 'autoscale', 'logs', 'exec', 'port-forward', 'top pod', 'top node', 'cordon', 'uncordon', 'drain', 'taint']);
const IMPLIED_TYPE: Record<string, string> = { logs: 'pods', exec: 'pods', 'port-forward': 'pods', 'top pod': 'pods', 'top node': 'nodes', cordon: 'nodes', uncordon: 'nodes', drain: 'nodes', attach: 'pods' };

export function completeKubectl(words: string[], ctx: { host: HostServices; fs: VirtualFS; env: Record<string, string> }): string[] {
  const args = words[0] === 'kubectl' ? words.slice(1) : words;
  const last = args.length ? args[args.length - 1] : '';
  const before = args.slice(0, -1);
  const { path, rest } = locate(before);
  if (last.startsWith('-')) {
    const specs = commandFlags(path);
    const names = specs.flatMap((s) => [`--${s.name}`, ...(s.short ? [`-${s.short}`] : [])]);
    return names.filter((n) => n.startsWith(last)).sort();
  }
  let parsed;
  try {
    parsed = parseFlags(rest, commandFlags(path));
  } catch {
    return [];
  }
  const positional = parsed.args;
  const subs = children(path);
  if (subs.length && !positional.length) {
    const out = subs.filter((s) => s.startsWith(last));
    if (out.length || path === '') return out;
  }
  if (!TAKES_TYPE.has(path) && !IMPLIED_TYPE[path]) return [];
  let rest2: RestClient;
  let disco: Discovery;
  let ns = 'default';
  try {
    const cfg = loadKubeconfig(ctx.fs, ctx.env, ctx.env.PWD || '/', (parsed.values.get('kubeconfig') as string) || undefined);
    const t = resolveTarget(cfg.config, { context: (parsed.values.get('context') as string) || undefined, namespace: (parsed.values.get('namespace') as string) || undefined });
    ns = t.namespace;
    const handler = ctx.host.resolveServer(t.server);
    if (!handler) return [];
    rest2 = new RestClient({ handler, server: t.server, clock: ctx.host.clock, verbosity: 0, log: () => {} });
    disco = new Discovery(rest2);
    disco.load();
  } catch {
    return [];
  }
  const implied = IMPLIED_TYPE[path];
  const typeArg = implied ? undefined : positional[0];
  if (!implied && positional.length === 0) {
    if (last.includes('/')) {
      const [type, prefix] = [last.slice(0, last.indexOf('/')), last.slice(last.indexOf('/') + 1)];
      return names(disco, rest2, type, ns, parsed.values.get('all-namespaces') === true).filter((n) => n.startsWith(prefix)).map((n) => `${type}/${n}`);
    }
    const types = new Set<string>();
    for (const r of disco.resources) {
      if (!r.verbs.includes('list') && !r.verbs.includes('get')) continue;
      types.add(r.resource);
      types.add(r.singular);
      for (const s of r.shortNames) types.add(s);
    }
    return [...types].filter((t) => t.startsWith(last)).sort();
  }
  const type = implied ?? typeArg!;
  return names(disco, rest2, type, ns, false).filter((n) => n.startsWith(last));
}

function names(d: Discovery, rest: RestClient, type: string, ns: string, all: boolean): string[] {
  const r = d.find(type);
  if (!r) return [];
  try {
    const l = rest.call<KubeList>({ method: 'GET', path: resourcePathFor(r, all ? undefined : ns) });
    return (l.items ?? []).map((o) => o.metadata.name!).sort();
  } catch {
    return [];
  }
}
