/**
 * Tab completion for kubectl, answering what the real `kubectl __complete …` answers (cobra's dynamic completion):
 * subcommands, flags, flag values, resource types and live object names, all fetched through the API.
 *
 * What the real tool does (kubectl pkg/util/completion/completion.go and each command's ValidArgsFunction,
 * e.g. pkg/cmd/rollout/rollout_status.go; global flag values in pkg/cmd/cmd.go registerCompletionFuncForGlobalFlags):
 * - A resource type is completed from `kubectl api-resources -o name --verbs=get` (compGetResourceList): plural
 *   names, qualified with the group (`deployments.apps`), core group first then groups alphabetically. Short
 *   names and singulars are never offered: `kubectl get dep<TAB>` gives only `deployments.apps`. A comma list
 *   completes its last element (`svc,po` → `svc,pods`).
 * - After a type, names of that type in the kubeconfig's (or -n's) namespace (`kubectl get <type> -o go-template`),
 *   minus the names already on the line. `-A` does not widen it.
 * - `type/name` completes to `type/<names>`; once the first argument has a `/`, further arguments are offered as
 *   `<type>/` without a trailing space.
 * - Commands with a fixed list (scale, rollout, set image, expose, autoscale, taint) offer only those type words.
 * - exec/attach/logs/port-forward: pod names, then `daemonsets/ deployments/ pods/ …` (no space after them when
 *   there is no pod to offer); logs' second argument is a container of that pod.
 * - Flag values: -n/--namespace lists namespaces, --context/--cluster/--user the kubeconfig's entries, and
 *   `get -o` its output formats. Any other flag value gets no candidates.
 */
import type { HostServices, VirtualFS } from '../shell/types';
import { children, commandFlags, locate } from './cli/tree';
import { KubeconfigNotPrepared, loadKubeconfig, resolveTarget, type KubeConfig } from './kubeconfig';
import { loadYamlParser } from './resource/yamlparser';
import { RestClient } from './client/rest';
import { Discovery, resourcePathFor, type ApiResource } from './client/discovery';
import { parseFlags, type FlagSpec, type ParsedFlags } from './cli/flags';
import type { KubeList, KubeObject } from '../sim/apiserver/types';

export interface CompleteContext {
  host: HostServices;
  fs: VirtualFS;
  env: Record<string, string>;
}

type Completer =
  | { kind: 'typeAndName'; allowed?: string[]; repeat: boolean }
  | { kind: 'name'; type: string }
  | { kind: 'podResource'; containers: boolean }
  | { kind: 'kubeconfig'; section: 'contexts' | 'clusters' | 'users' }
  | { kind: 'cp' };

const ANY_TYPE: Completer = { kind: 'typeAndName', repeat: true };
const only = (allowed: string[], repeat = true): Completer => ({ kind: 'typeAndName', allowed, repeat });

/** Each command's ValidArgsFunction; commands not listed complete no arguments. */
const COMPLETERS: Record<string, Completer> = {
  get: ANY_TYPE,
  describe: ANY_TYPE,
  delete: ANY_TYPE,
  edit: ANY_TYPE,
  label: ANY_TYPE,
  annotate: ANY_TYPE,
  patch: ANY_TYPE,
  debug: ANY_TYPE,
  'apply edit-last-applied': ANY_TYPE,
  'apply view-last-applied': ANY_TYPE,
  autoscale: only(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  scale: only(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  // expose.go takes the first word of each entry of its exposeResources help text.
  expose: only(['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset']),
  taint: only(['node']),
  'rollout history': only(['deployment', 'daemonset', 'statefulset']),
  'rollout pause': only(['deployment']),
  'rollout restart': only(['deployment', 'daemonset', 'statefulset']),
  'rollout resume': only(['deployment']),
  'rollout undo': only(['deployment', 'daemonset', 'statefulset']),
  'rollout status': only(['deployment', 'daemonset', 'statefulset'], false),
  'set image': only(['daemonsets', 'deployments', 'pods', 'cronjobs', 'replicasets', 'replicationcontrollers', 'statefulsets'], false),
  cordon: { kind: 'name', type: 'node' },
  uncordon: { kind: 'name', type: 'node' },
  drain: { kind: 'name', type: 'node' },
  'top node': { kind: 'name', type: 'node' },
  'top pod': { kind: 'name', type: 'pod' },
  'create token': { kind: 'name', type: 'serviceaccount' },
  attach: { kind: 'podResource', containers: false },
  exec: { kind: 'podResource', containers: false },
  'port-forward': { kind: 'podResource', containers: false },
  logs: { kind: 'podResource', containers: true },
  cp: { kind: 'cp' },
  'config use-context': { kind: 'kubeconfig', section: 'contexts' },
  'config delete-context': { kind: 'kubeconfig', section: 'contexts' },
  'config rename-context': { kind: 'kubeconfig', section: 'contexts' },
  'config set-context': { kind: 'kubeconfig', section: 'contexts' },
  'config delete-cluster': { kind: 'kubeconfig', section: 'clusters' },
  'config delete-user': { kind: 'kubeconfig', section: 'users' },
};

/**
 * Flags each command marks required (MarkFlagRequired): cobra offers them, while unset, before the arguments'
 * candidates whenever the word being completed could start them (completeRequireFlags), sorted by name.
 */
const REQUIRED_FLAGS: Record<string, string[]> = {
  scale: ['replicas'],
  autoscale: ['max'],
  run: ['image'],
  'create deployment': ['image'],
  'create cronjob': ['image', 'schedule'],
  'create clusterrolebinding': ['clusterrole'],
  'create service externalname': ['external-name'],
};

/** The kinds that hold pods, offered as `<type>/` by exec, logs, attach and port-forward (doPodResourceCompletion). */
const RESOURCES_WITH_PODS = ['daemonsets', 'deployments', 'pods', 'jobs', 'replicasets', 'replicationcontrollers', 'services', 'statefulsets'];

/** `kubectl get -o` (get_flags.go: PrintFlags.AllowedFormats, in its order). */
const GET_OUTPUT_FORMATS = [
  'json',
  'yaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'custom-columns',
  'custom-columns-file',
  'wide',
];

/** The cluster as completion sees it: lazily connected, and every failure means "no candidates". */
class Target {
  private rest?: RestClient | null;
  private disco?: Discovery;
  namespace = 'default';
  config?: KubeConfig;

  constructor(private ctx: CompleteContext, private flags: ParsedFlags | undefined) {
    try {
      const str = (n: string) => (flags?.values.get(n) as string) || undefined;
      const cfg = loadKubeconfig(ctx.fs, ctx.env, ctx.env.PWD || '/', str('kubeconfig'));
      this.config = cfg.config;
      const t = resolveTarget(cfg.config, { context: str('context'), namespace: str('namespace') });
      this.namespace = t.namespace;
      const handler = ctx.host.resolveServer(t.server);
      this.rest = handler ? new RestClient({ handler, server: t.server, clock: ctx.host.clock, verbosity: 0, log: () => {} }) : null;
    } catch (e) {
      this.rest = null;
      // Completion is synchronous: a kubeconfig only the YAML parser reads offers no names this time, and the
      // parser loads for the next Tab.
      if (e instanceof KubeconfigNotPrepared) void loadYamlParser().catch(() => {});
    }
  }

  discovery(): Discovery | undefined {
    if (!this.rest) return undefined;
    if (!this.disco) {
      const d = new Discovery(this.rest);
      try {
        d.load();
      } catch {
        this.rest = null;
        return undefined;
      }
      this.disco = d;
    }
    return this.disco;
  }

  /** `kubectl api-resources -o name --verbs=get`: one line per group/resource, core first, groups alphabetical. */
  resourceNames(): string[] {
    const d = this.discovery();
    if (!d) return [];
    const seen = new Set<string>();
    const rows: ApiResource[] = [];
    for (const r of d.resources) {
      const key = `${r.group}/${r.resource}`;
      if (seen.has(key) || !r.verbs.includes('get')) continue;
      seen.add(key);
      rows.push(r);
    }
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    rows.sort((a, b) => cmp(a.group, b.group) || cmp(a.resource, b.resource));
    return rows.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource));
  }

  /** The objects of a type in the target namespace (all of them for cluster-scoped types). */
  objects(type: string, namespace = this.namespace): KubeObject[] {
    const d = this.discovery();
    const r = d?.find(type);
    if (!r || !this.rest) return [];
    try {
      const l = this.rest.call<KubeList>({ method: 'GET', path: resourcePathFor(r, r.namespaced ? namespace : undefined) });
      return l.items ?? [];
    } catch {
      return [];
    }
  }

  /** CompGetResource: names of a type starting with the prefix, in the server's list order. */
  names(type: string, prefix: string): string[] {
    return this.objects(type)
      .map((o) => o.metadata.name ?? '')
      .filter((n) => n && n.startsWith(prefix));
  }
}

export function completeKubectl(words: string[], ctx: CompleteContext): string[] {
  const args = words[0] === 'kubectl' ? words.slice(1) : words;
  const last = args.length ? args[args.length - 1] : '';
  const before = args.slice(0, -1);
  const { path, rest } = locate(before);
  const specs = commandFlags(path);

  // A flag waiting for its value.
  const valueOf = flagAwaitingValue(rest, specs);
  if (valueOf) return completeFlagValue(valueOf, path, rest.slice(0, -1), specs, last, ctx);

  if (last.startsWith('-')) {
    const names = specs.flatMap((s) => [`--${s.name}`, ...(s.short ? [`-${s.short}`] : [])]);
    return names.filter((n) => n.startsWith(last)).sort();
  }
  let parsed: ParsedFlags;
  try {
    parsed = parseFlags(rest, specs);
  } catch {
    return [];
  }
  const positional = parsed.args;
  const required = requiredFlags(path, specs, parsed, last);
  const subs = children(path);
  if (subs.length && !positional.length) {
    const out = subs.filter((s) => s.startsWith(last));
    if (out.length || path === '') return [...required, ...out];
  }
  return [...required, ...argumentCandidates(path, positional, last, new Target(ctx, parsed), ctx)];
}

function argumentCandidates(path: string, positional: string[], last: string, target: Target, ctx: CompleteContext): string[] {
  const completer = COMPLETERS[path];
  if (!completer) return [];
  switch (completer.kind) {
    case 'typeAndName':
      return typeAndName(target, completer, positional, last);
    case 'name':
      return positional.length === 0 ? target.names(completer.type, last) : [];
    case 'podResource':
      if (positional.length === 0) return podResource(target, last);
      if (positional.length === 1 && completer.containers) return containersOf(target, positional[0], last);
      return [];
    case 'kubeconfig':
      return positional.length === 0 ? kubeconfigNames(target.config, completer.section, last) : [];
    case 'cp':
      return positional.length === 0 ? cpSource(target, last, ctx) : [];
  }
}

/**
 * cp's first argument (cp.go ValidArgsFunction): nothing for a path (`/`, `.`, `~`) or a `pod:` spec; `ns/` lists
 * that namespace's pods as `ns/pod:`; else namespaces as `ns/` and pods as `pod:`, then, when something matched,
 * the local files starting with the word (folders with `/`), or `./` and `/` for an empty word. Every candidate
 * takes no space after it; when there is none, bash completes file names (the shell does the same).
 */
function cpSource(target: Target, last: string, ctx: CompleteContext): string[] {
  if ('/.~'.includes(last[0] ?? '-') || last.includes(':')) return [];
  const slash = last.indexOf('/');
  if (slash > 0) {
    const ns = last.slice(0, slash);
    return target
      .objects('pod', ns)
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}:`)
      .filter((c) => c.startsWith(last));
  }
  const out = [...target.names('namespace', last).map((n) => `${n}/`), ...target.names('pod', last).map((n) => `${n}:`)];
  if (out.length && last) {
    const cwd = (ctx as CompleteContext & { cwd?: string }).cwd ?? ctx.env.PWD ?? ctx.env.HOME ?? '/';
    try {
      for (const f of ctx.fs.readdir(cwd)) {
        if (!f.startsWith(last)) continue;
        out.push(ctx.fs.stat(`${cwd.replace(/\/$/, '')}/${f}`)?.type === 'dir' ? `${f}/` : f);
      }
    } catch {
      // an unreadable folder offers no files
    }
  } else if (!last) out.push('./', '/');
  return out;
}

function requiredFlags(path: string, specs: FlagSpec[], parsed: ParsedFlags, prefix: string): string[] {
  const out: string[] = [];
  for (const name of [...(REQUIRED_FLAGS[path] ?? [])].sort()) {
    if (parsed.changed.has(name)) continue;
    const spec = specs.find((s) => s.name === name);
    if (`--${name}`.startsWith(prefix)) out.push(`--${name}`);
    if (spec?.short && `-${spec.short}`.startsWith(prefix)) out.push(`-${spec.short}`);
  }
  return out;
}

/** The spec of the last word when it is a flag that still needs its value (`-n`, `--context`), else undefined. */
function flagAwaitingValue(rest: string[], specs: FlagSpec[]): FlagSpec | undefined {
  const prev = rest[rest.length - 1];
  if (!prev || !prev.startsWith('-') || prev === '-' || prev === '--' || prev.includes('=')) return undefined;
  const spec = prev.startsWith('--') ? specs.find((s) => s.name === prev.slice(2)) : prev.length === 2 ? specs.find((s) => s.short === prev[1]) : undefined;
  if (!spec || spec.type === 'bool' || spec.noOpt !== undefined) return undefined;
  // The word before could itself be a flag consuming this one as its value (`-l -n`): rare enough to ignore.
  return spec;
}

function completeFlagValue(spec: FlagSpec, path: string, rest: string[], specs: FlagSpec[], prefix: string, ctx: CompleteContext): string[] {
  let parsed: ParsedFlags | undefined;
  try {
    parsed = parseFlags(rest, specs);
  } catch {
    parsed = undefined;
  }
  switch (spec.name) {
    case 'namespace':
      return new Target(ctx, parsed).names('namespace', prefix);
    case 'context':
      return kubeconfigNames(new Target(ctx, parsed).config, 'contexts', prefix);
    case 'cluster':
      return kubeconfigNames(new Target(ctx, parsed).config, 'clusters', prefix);
    case 'user':
      return kubeconfigNames(new Target(ctx, parsed).config, 'users', prefix);
    case 'output':
      return path === 'get' ? GET_OUTPUT_FORMATS.filter((f) => f.startsWith(prefix)) : [];
    case 'container': {
      // exec -c: the containers of the pod named by the first argument (ContainerCompletionFunc).
      if (path !== 'exec' || !parsed?.args.length) return [];
      return containersOf(new Target(ctx, parsed), parsed.args[0], prefix);
    }
    default:
      return [];
  }
}

function typeAndName(t: Target, c: { allowed?: string[]; repeat: boolean }, args: string[], toComplete: string): string[] {
  if (args.length > 0 && !args[0].includes('/')) {
    // `<type> <name>…`: names of that type, minus the ones already typed.
    if (!c.repeat && args.length > 1) return [];
    const typed = new Set(args.slice(1));
    return t.names(args[0], toComplete).filter((n) => !typed.has(n));
  }
  const slash = toComplete.indexOf('/');
  if (slash < 0) {
    if (args.length === 0) {
      if (c.allowed) return c.allowed.filter((a) => a.startsWith(toComplete));
      // A comma list completes its last element.
      const comma = toComplete.lastIndexOf(',');
      const head = comma >= 0 ? toComplete.slice(0, comma + 1) : '';
      const tail = toComplete.slice(comma + 1);
      return t
        .resourceNames()
        .filter((r) => r.startsWith(tail))
        .map((r) => head + r);
    }
    // After a `type/name` argument, more of the same form: offer the types with a slash.
    if (!c.repeat) return [];
    const types = c.allowed ? c.allowed.filter((a) => a.startsWith(toComplete)) : t.resourceNames().filter((r) => r.startsWith(toComplete));
    return types.map((x) => `${x}/`);
  }
  if (!c.repeat && args.length > 0) return [];
  const type = toComplete.slice(0, slash);
  const typed = new Set(args);
  return t
    .names(type, toComplete.slice(slash + 1))
    .map((n) => `${type}/${n}`)
    .filter((n) => !typed.has(n));
}

function podResource(t: Target, toComplete: string): string[] {
  const slash = toComplete.indexOf('/');
  if (slash >= 0) {
    const type = toComplete.slice(0, slash);
    return t.names(type, toComplete.slice(slash + 1)).map((n) => `${type}/${n}`);
  }
  return [...t.names('pod', toComplete), ...RESOURCES_WITH_PODS.filter((r) => r.startsWith(toComplete)).map((r) => `${r}/`)];
}

/** Init containers first, then containers (CompGetContainers' template). Only a plain pod name is resolved. */
function containersOf(t: Target, podArg: string, prefix: string): string[] {
  if (podArg.includes('/') && !/^(pods?|po)\//.test(podArg)) return [];
  const name = podArg.includes('/') ? podArg.slice(podArg.indexOf('/') + 1) : podArg;
  const pod = t.objects('pod').find((p) => p.metadata.name === name) as (KubeObject & { spec?: { initContainers?: Array<{ name: string }>; containers?: Array<{ name: string }> } }) | undefined;
  if (!pod) return [];
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name).filter((n) => n.startsWith(prefix));
}

function kubeconfigNames(config: KubeConfig | undefined, section: 'contexts' | 'clusters' | 'users', prefix: string): string[] {
  // The real tool ranges over a Go map (random order); sorted here, as bash shows them.
  return ((config?.[section] ?? []) as Array<{ name: string }>)
    .map((e) => e.name)
    .filter((n) => n.startsWith(prefix))
    .sort();
}
