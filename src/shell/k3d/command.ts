/**
 * The k3d command itself (see ./index for what the texts are based on): flags, help, log lines, tables and the
 * kubeconfig commands. Loaded the first time `k3d` runs; completion and the kubeconfig merge at start-up live in
 * ./index and need none of it.
 */
import type { CommandContext, Program } from '../types';
import { loadKubeconfig, prepareKubeconfig, saveKubeconfig } from '../../kubectl/kubeconfig';
import { toYaml } from '../../kubectl/printers/yaml';
import { Cancelled } from '../types';
import { K3dError, type ClusterSummary, type K3dNode, type PortMappingSpec } from '../../sim/k3d/runtime';
import { CLUSTER_SUBS, K3D_VERSION, K3S_DEFAULT_IMAGE_TAG, KUBECONFIG_SUBS, mergeKubeconfig, NODE_SUBS, type K3dRuntimeApi, type K3dWorld } from './index';

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

class Logger {
  private readonly start: number;
  constructor(
    private readonly ctx: CommandContext,
    private readonly colors: boolean,
  ) {
    this.start = ctx.host.clock.now();
  }
  private line(level: 'INFO' | 'WARN' | 'ERRO' | 'FATA', color: number, msg: string): void {
    const secs = String(Math.floor((this.ctx.host.clock.now() - this.start) / 1000)).padStart(4, '0');
    const text = this.colors ? `\x1b[${color}m${level}\x1b[0m[${secs}] ${msg.padEnd(44)} \n` : `${level}[${secs}] ${msg.padEnd(44)} \n`;
    if (level === 'INFO') this.ctx.stdout(text);
    else this.ctx.stderr(text);
  }
  info(m: string): void {
    this.line('INFO', 36, m);
  }
  warn(m: string): void {
    this.line('WARN', 33, m);
  }
  error(m: string): void {
    this.line('ERRO', 31, m);
  }
  fatal(m: string): number {
    this.line('FATA', 31, m);
    return 1;
  }
}

/** liggitt/tabwriter(minwidth 6, tabwidth 4, padding 3, ' '): every cell but the last padded to max+3, at least 6. */
export function tabwrite(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length + 3, 6)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('') + '\n').join('');
}

interface Parsed {
  args: string[];
  flags: Map<string, string[]>;
  error?: string;
}

/** cobra/pflag parsing for the flags each k3d command declares (`valued` take a value). */
function parse(argv: string[], bools: string[], valued: Record<string, string>, shorts: Record<string, string> = {}): Parsed {
  const r: Parsed = { args: [], flags: new Map() };
  const add = (k: string, v: string) => r.flags.set(k, [...(r.flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      r.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s);
      if (bools.includes(name)) add(name, inline ?? 'true');
      else if (Object.hasOwn(valued, name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) return { ...r, error: `flag needs an argument: --${name}` };
        add(name, v);
      } else return { ...r, error: `unknown flag: --${name}` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const c = a[1];
      const long = Object.hasOwn(shorts, c) ? shorts[c] : undefined;
      if (!long) return { ...r, error: `unknown shorthand flag: '${c}' in ${a}` };
      if (bools.includes(long)) add(long, 'true');
      else {
        const v = a.length > 2 ? a.slice(2).replace(/^=/, '') : argv[++i];
        if (v === undefined) return { ...r, error: `flag needs an argument: '${c}' in -${c}` };
        add(long, v);
      }
      continue;
    }
    r.args.push(a);
  }
  return r;
}

const ROOT_HELP = `https://k3d.io/
k3d is a wrapper CLI that helps you to easily create k3s clusters inside docker.
Nodes of a k3d cluster are docker containers running a k3s image.
All Nodes of a k3d cluster are part of the same docker network.

Usage:
  k3d [flags]
  k3d [command]

Available Commands:
  cluster      Manage cluster(s)
  completion   Generate completion scripts for [bash, zsh, fish, powershell | psh]
  config       Work with config file(s)
  help         Help about any command
  image        Handle container images.
  kubeconfig   Manage kubeconfig(s)
  node         Manage node(s)
  registry     Manage registry/registries
  version      Show k3d and default k3s version

Flags:
  -h, --help         help for k3d
      --timestamps   Enable Log timestamps
      --trace        Enable super verbose output (trace logging)
      --verbose      Enable verbose output (debug logging)
      --version      Show k3d and default k3s version

Use "k3d [command] --help" for more information about a command.
`;

const GLOBAL_FLAGS = `Global Flags:
      --timestamps   Enable Log timestamps
      --trace        Enable super verbose output (trace logging)
      --verbose      Enable verbose output (debug logging)
`;

function groupHelp(name: string, short: string, long: string, subs: [string, string][]): string {
  const w = Math.max(...subs.map(([n]) => n.length)) + 3;
  return `${long}

Usage:
  k3d ${name} [flags]
  k3d ${name} [command]

Available Commands:
${subs.map(([n, d]) => `  ${n.padEnd(w)}${d}`).join('\n')}

Flags:
  -h, --help   help for ${name}

${GLOBAL_FLAGS}
Use "k3d ${name} [command] --help" for more information about a command.
`.replace(/^/, short ? '' : '');
}

const CLUSTER_CREATE_HELP = `Create a new k3s cluster with containerized nodes (k3s in docker).
Every cluster will consist of one or more containers:
	- 1 (or more) server node container (k3s)
	- (optionally) 1 loadbalancer container as the entrypoint to the cluster (nginx)
	- (optionally) 1 (or more) agent node containers (k3s)

Usage:
  k3d cluster create NAME [flags]

Flags:
  -a, --agents int                                                     Specify how many agents you want to create
      --api-port [HOST:]HOSTPORT                                       Specify the Kubernetes API server port exposed on the LoadBalancer (Format: [HOST:]HOSTPORT)
                                                                        - Example: \`k3d cluster create --servers 3 --api-port 0.0.0.0:6550\`
  -h, --help                                                           help for create
  -i, --image string                                                   Specify k3s image that you want to use for the nodes (default "docker.io/rancher/k3s:${K3S_DEFAULT_IMAGE_TAG}")
      --no-lb                                                          Disable the creation of a LoadBalancer in front of the server nodes
  -p, --port [HOST:][HOSTPORT:]CONTAINERPORT[/PROTOCOL][@NODEFILTER]   Map ports from the node containers (via the serverlb) to the host (Format: [HOST:][HOSTPORT:]CONTAINERPORT[/PROTOCOL][@NODEFILTER])
                                                                        - Example: \`k3d cluster create --agents 2 -p 8080:80@agent:0 -p 8081@agent:1\`
  -s, --servers int                                                    Specify how many servers you want to create (default 1)
      --timeout duration                                               Rollback changes if cluster couldn't be created in specified duration.
      --wait                                                           Wait for the server(s) to be ready before returning. Use '--timeout' flag to limit the time spent waiting. (default true)

${GLOBAL_FLAGS}`;

function colorsOn(ctx: CommandContext): boolean {
  const v = ctx.env.LOG_COLORS;
  return !(v !== undefined && /^(0|f|false|FALSE|False)$/.test(v));
}

function runtime(world: Partial<K3dWorld>): K3dRuntimeApi | undefined {
  return world.k3d;
}

function removeFromKubeconfig(ctx: CommandContext, cluster: string): void {
  const loaded = loadKubeconfig(ctx.fs, ctx.env, ctx.cwd);
  if (!loaded.exists) return;
  const c = loaded.config;
  const name = `k3d-${cluster}`;
  c.clusters = (c.clusters ?? []).filter((x) => x.name !== name);
  c.contexts = (c.contexts ?? []).filter((x) => x.name !== name);
  c.users = (c.users ?? []).filter((x) => x.name !== `admin@${name}`);
  if (c['current-context'] === name) c['current-context'] = '';
  if (!c.clusters.length) c.clusters = null;
  if (!c.contexts.length) c.contexts = null;
  if (!c.users.length) c.users = null;
  saveKubeconfig(ctx.fs, loaded.path, c);
}

function kubeconfigFor(rt: K3dRuntimeApi, cluster: string): string {
  const cred = rt.kubeconfig(cluster);
  const name = `k3d-${cluster}`;
  return toYaml({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': cred.certificateAuthorityData, server: cred.server }, name }],
    contexts: [{ context: { cluster: name, user: `admin@${name}` }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name: `admin@${name}`, user: { 'client-certificate-data': cred.clientCertificateData, 'client-key-data': cred.clientKeyData } }],
  });
}

async function clusterCreate(ctx: CommandContext, rt: K3dRuntimeApi, argv: string[], log: Logger): Promise<number> {
  const p = parse(argv, ['wait', 'no-lb', 'help', 'kubeconfig-update-default', 'kubeconfig-switch-context', 'no-rollback', 'verbose', 'trace', 'timestamps'], { servers: 's', agents: 'a', image: 'i', port: 'p', 'api-port': '', timeout: '', network: '', token: '', 'k3s-arg': '', volume: 'v', env: 'e', config: 'c' }, { s: 'servers', a: 'agents', i: 'image', p: 'port', v: 'volume', e: 'env', c: 'config', h: 'help' });
  if (p.error) {
    ctx.stderr(`Error: ${p.error}\n${CLUSTER_CREATE_HELP.replace(/^[\s\S]*?Usage:/, 'Usage:')}\n`);
    return log.fatal(p.error);
  }
  if (p.flags.has('help')) {
    ctx.stdout(CLUSTER_CREATE_HELP);
    return 0;
  }
  const name = p.args[0] ?? 'k3s-default';
  if (p.args.length > 1) return log.fatal(`accepts at most 1 arg(s), received ${p.args.length}`);
  if (name.length > 32) return log.fatal(`Failed to transform simple config to cluster config: Cluster name must be <= 32 characters, but has ${name.length}`);
  if (!NAME_RE.test(name)) return log.fatal(`Failed to transform simple config to cluster config: Invalid cluster name. name ${name} is not a valid hostname as per RFC 1123`);
  const num = (k: string, d: number) => {
    const v = p.flags.get(k)?.at(-1);
    return v === undefined ? d : /^\d+$/.test(v) ? Number(v) : NaN;
  };
  const servers = num('servers', 1);
  const agents = num('agents', 0);
  if (Number.isNaN(servers) || Number.isNaN(agents)) return log.fatal(`invalid argument for --${Number.isNaN(servers) ? 'servers' : 'agents'}`);
  if (servers < 1) return log.fatal('Failed to transform simple config to cluster config: Cluster must have at least one server node');
  if (rt.listClusters().some((c) => c.name === name)) return log.fatal(`Failed to create cluster '${name}' because a cluster with that name already exists`);
  const apiFlag = p.flags.get('api-port')?.at(-1);
  let apiPort: number | undefined;
  if (apiFlag !== undefined) {
    const m = /^(?:([^:]+):)?(\d+)$/.exec(apiFlag);
    if (!m || Number(m[2]) > 65535) return log.fatal(`Failed to parse API Port specification '${apiFlag}': invalid port`);
    apiPort = Number(m[2]);
  }
  const image = p.flags.get('image')?.at(-1) ?? `docker.io/rancher/k3s:${K3S_DEFAULT_IMAGE_TAG}`;
  const ports = p.flags.get('port') ?? [];
  const portSpecs: PortMappingSpec[] = [];
  for (const spec of ports) {
    if (!/^(?:[^:@]+:)?(?:\d+:)?\d+(?:\/(?:tcp|udp))?(?:@[a-z]+(?::[\d*,-]+)?(?::(?:proxy|direct))?)*$/i.test(spec)) return log.fatal(`Failed to parse port mapping '${spec}'`);
    const [port, ...filters] = spec.split('@');
    const m = /^(?:([^:]+):(?=\d+:))?(?:(\d+):)?(\d+)(?:\/(tcp|udp))?$/i.exec(port)!;
    portSpecs.push({ hostIP: m[1], hostPort: m[2] ? Number(m[2]) : undefined, containerPort: Number(m[3]), protocol: (m[4]?.toLowerCase() as 'tcp' | 'udp' | undefined) ?? 'tcp', filters });
    // pkg/client/ports.go TransformPorts: the lb (or no filter with several nodes) means every server and agent behind it
    if (filters.some((f) => f.startsWith('loadbalancer'))) log.info(`portmapping '${port}' targets the loadbalancer: defaulting to [servers:*:proxy agents:*:proxy]`);
    else if (!filters.length && servers + agents > 1) log.info(`portmapping '${port}' lacks a nodefilter, but there's more than one node: defaulting to [servers:*:proxy agents:*:proxy]`);
  }
  const noLB = p.flags.has('no-lb');

  log.info('Prep: Network');
  let created: ClusterSummary;
  try {
    created = rt.createCluster({ name, servers, agents, image, apiPort, noLB, ...(portSpecs.length ? { ports: portSpecs } : {}) });
  } catch (e) {
    if (e instanceof K3dError) return log.fatal(`Failed to create cluster '${name}': ${e.message}`);
    throw e;
  }
  const net = created.network;
  const gateway = rt.get(name)?.network.gateway ?? '172.18.0.1';
  log.info(`Created network '${net}'`);
  log.info(`Created image volume ${net}-images`);
  log.info('Starting new tools node...');
  log.info(`Starting node '${net}-tools'`);
  await ctx.sleep(1000);
  if (servers > 1) log.info('Creating initializing server node');
  const nodes = created.nodes;
  for (const n of nodes.filter((x) => x.role === 'server')) log.info(`Creating node '${n.name}'`);
  for (const n of nodes.filter((x) => x.role === 'agent')) log.info(`Creating node '${n.name}'`);
  const lb = nodes.find((x) => x.role === 'loadbalancer');
  if (lb) log.info(`Creating LoadBalancer '${lb.name}'`);
  log.info('Using the k3d-tools node to gather environment information');
  log.info(`HostIP: using network gateway ${gateway} address`);
  log.info(`Starting cluster '${name}'`);
  log.info('Starting servers...');
  for (const n of nodes.filter((x) => x.role === 'server')) {
    log.info(`Starting node '${n.name}'`);
    // k3d waits for the server's "k3s is up and running" log line
    await ctx.sleep(6000);
  }
  const agentNodes = nodes.filter((x) => x.role === 'agent');
  if (agentNodes.length) {
    log.info('Starting agents...');
    for (const n of agentNodes) log.info(`Starting node '${n.name}'`);
    await ctx.sleep(7000);
  }
  log.info('Starting helpers...');
  if (lb) {
    log.info(`Starting node '${lb.name}'`);
    await ctx.sleep(6000);
  }
  log.info(`Injecting records for hostAliases (incl. host.k3d.internal) and for ${nodes.length + 1} network members into CoreDNS configmap...`);
  await ctx.sleep(2000);
  const switchCtx = p.flags.get('kubeconfig-switch-context')?.at(-1) !== 'false';
  if (p.flags.get('kubeconfig-update-default')?.at(-1) !== 'false') mergeKubeconfig(ctx, rt, name, switchCtx);
  log.info(`Cluster '${name}' created successfully!`);
  log.info('You can now use it like this:');
  ctx.stdout(switchCtx ? 'kubectl cluster-info\n' : `kubectl config use-context k3d-${name}\nkubectl cluster-info\n`);
  return 0;
}

function targetClusters(rt: K3dRuntimeApi, args: string[], all: boolean, log: Logger): { clusters: ClusterSummary[]; code?: number } {
  const list = rt.listClusters();
  if (all) return { clusters: list };
  const names = args.length ? args : ['k3s-default'];
  const out: ClusterSummary[] = [];
  for (const n of names) {
    const c = list.find((x) => x.name === n);
    if (!c) return { clusters: [], code: log.fatal(`failed to get cluster ${n}: No nodes found for given cluster`) };
    out.push(c);
  }
  return { clusters: out };
}

async function clusterCommand(ctx: CommandContext, rt: K3dRuntimeApi, argv: string[], log: Logger): Promise<number> {
  const [sub, ...rest] = argv;
  const alias: Record<string, string> = { ls: 'list', get: 'list', del: 'delete', rm: 'delete' };
  const cmd = alias[sub ?? ''] ?? sub;
  switch (cmd) {
    case 'create':
      return clusterCreate(ctx, rt, rest, log);
    case 'list': {
      const p = parse(rest, ['no-headers', 'token', 'help'], { output: 'o' }, { o: 'output', h: 'help' });
      if (p.error) return log.fatal(p.error);
      const { clusters, code } = targetClusters(rt, p.args, !p.args.length, log);
      if (code) return code;
      const fmt = (p.flags.get('output')?.at(-1) ?? '').toLowerCase();
      const sorted = [...clusters].sort((a, b) => (a.name < b.name ? -1 : 1));
      const counts = (c: ClusterSummary) => {
        const s = c.nodes.filter((n) => n.role === 'server');
        const a = c.nodes.filter((n) => n.role === 'agent');
        return { sc: s.length, sr: s.filter((n) => n.state === 'running').length, ac: a.length, ar: a.filter((n) => n.state === 'running').length, lb: c.nodes.some((n) => n.role === 'loadbalancer') };
      };
      if (fmt === 'json' || fmt === 'yaml') {
        const entries = sorted.map((c) => {
          const k = counts(c);
          return { name: c.name, network: `k3d-${c.name}`, token: p.flags.has('token') ? (c.token ?? '') : '', nodes: c.nodes.map((n) => ({ name: n.name, role: n.role, ...(n.portMappings ? { portMappings: n.portMappings } : {}), state: { Running: n.state === 'running', Status: n.state } })), serversRunning: k.sr, serversCount: k.sc, agentsRunning: k.ar, agentsCount: k.ac, ...(k.lb ? { hasLoadbalancer: true } : {}) };
        });
        ctx.stdout((fmt === 'json' ? JSON.stringify(entries) : toYaml(entries)) + '\n');
        return 0;
      }
      const rows: string[][] = [];
      if (!p.flags.has('no-headers')) rows.push(['NAME', 'SERVERS', 'AGENTS', 'LOADBALANCER', ...(p.flags.has('token') ? ['TOKEN'] : [])]);
      for (const c of sorted) {
        const k = counts(c);
        rows.push([c.name, `${k.sr}/${k.sc}`, `${k.ar}/${k.ac}`, String(k.lb), ...(p.flags.has('token') ? [c.token ?? ''] : [])]);
      }
      ctx.stdout(tabwrite(rows));
      return 0;
    }
    case 'delete': {
      const p = parse(rest, ['all', 'help'], { config: 'c' }, { a: 'all', c: 'config', h: 'help' });
      if (p.error) return log.fatal(p.error);
      const list = rt.listClusters();
      const targets = p.flags.has('all') ? list : (p.args.length ? p.args : ['k3s-default']).map((n) => list.find((c) => c.name === n)).filter((c): c is ClusterSummary => !!c);
      if (!targets.length) {
        log.info('No clusters found');
        return 0;
      }
      for (const c of targets) {
        log.info(`Deleting cluster '${c.name}'`);
        await ctx.sleep(1500);
        rt.deleteCluster(c.name);
        log.info(`Deleting cluster network 'k3d-${c.name}'`);
        log.info('Deleting 1 attached volumes...');
        log.info('Removing cluster details from default kubeconfig...');
        removeFromKubeconfig(ctx, c.name);
        log.info('Removing standalone kubeconfig file (if there is one)...');
        log.info(`Successfully deleted cluster ${c.name}!`);
      }
      return 0;
    }
    case 'stop':
    case 'start': {
      const p = parse(rest, ['all', 'help', 'wait'], { timeout: '' }, { a: 'all', h: 'help' });
      if (p.error) return log.fatal(p.error);
      const { clusters, code } = targetClusters(rt, p.args, p.flags.has('all'), log);
      if (code) return code;
      if (!clusters.length) {
        log.info('No clusters found');
        return 0;
      }
      for (const c of clusters) {
        if (cmd === 'stop') {
          log.info(`Stopping cluster '${c.name}'`);
          await ctx.sleep(3000);
          rt.stopCluster(c.name);
          log.info(`Stopped cluster '${c.name}'`);
        } else {
          log.info(`Using the k3d-tools node to gather environment information`);
          log.info(`Starting existing tools node k3d-${c.name}-tools...`);
          log.info(`Starting node 'k3d-${c.name}-tools'`);
          log.info(`Starting cluster '${c.name}'`);
          rt.startCluster(c.name);
          log.info('Starting servers...');
          for (const n of c.nodes.filter((x) => x.role === 'server')) {
            log.info(`Starting node '${n.name}'`);
            await ctx.sleep(6000);
          }
          const ags = c.nodes.filter((x) => x.role === 'agent');
          if (ags.length) {
            log.info('Starting agents...');
            for (const n of ags) log.info(`Starting node '${n.name}'`);
            await ctx.sleep(5000);
          }
          log.info('Starting helpers...');
          for (const n of c.nodes.filter((x) => x.role === 'loadbalancer')) {
            log.info(`Starting node '${n.name}'`);
            await ctx.sleep(1000);
          }
          log.info(`Started cluster '${c.name}'`);
        }
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      ctx.stdout(groupHelp('cluster', '', 'Manage cluster(s)', CLUSTER_SUBS));
      return 0;
    default:
      ctx.stdout(groupHelp('cluster', '', 'Manage cluster(s)', CLUSTER_SUBS));
      return 0;
  }
}

async function nodeCommand(ctx: CommandContext, rt: K3dRuntimeApi, argv: string[], log: Logger): Promise<number> {
  const [sub, ...rest] = argv;
  const alias: Record<string, string> = { ls: 'list', get: 'list', del: 'delete', rm: 'delete' };
  const cmd = alias[sub ?? ''] ?? sub;
  const allNodes = () => rt.listNodes();
  const find = (n: string) => allNodes().find((x) => x.name === n);
  switch (cmd) {
    case 'list': {
      const p = parse(rest, ['no-headers', 'help'], { output: 'o' }, { o: 'output', h: 'help' });
      if (p.error) return log.fatal(p.error);
      let nodes = allNodes();
      if (p.args.length) {
        const picked: K3dNode[] = [];
        for (const n of p.args) {
          const node = find(n);
          if (!node) return log.fatal(`Failed to get node '${n}': No node found with name '${n}'`);
          picked.push(node);
        }
        nodes = picked;
      }
      nodes = [...nodes].sort((a, b) => (a.name < b.name ? -1 : 1));
      const fmt = (p.flags.get('output')?.at(-1) ?? '').toLowerCase();
      if (fmt === 'json' || fmt === 'yaml') {
        const entries = nodes.map((n) => ({ name: n.name, role: n.role, ...(n.portMappings ? { portMappings: n.portMappings } : {}), State: { Running: n.state === 'running', Status: n.state }, runtimeLabels: { 'k3d.cluster': n.cluster, 'k3d.role': n.role } }));
        ctx.stdout((fmt === 'json' ? JSON.stringify(entries) : toYaml(entries)) + '\n');
        return 0;
      }
      const rows: string[][] = p.flags.has('no-headers') ? [] : [['NAME', 'ROLE', 'CLUSTER', 'STATUS']];
      for (const n of nodes) rows.push([n.name, n.role, n.cluster, n.state]);
      ctx.stdout(tabwrite(rows));
      return 0;
    }
    case 'stop':
    case 'start': {
      const p = parse(rest, ['help'], {}, { h: 'help' });
      if (p.error) return log.fatal(p.error);
      if (p.args.length !== 1) return log.fatal(p.args.length ? `accepts 1 arg(s), received ${p.args.length}` : 'requires at least 1 arg(s), only received 0');
      const node = find(p.args[0]);
      if (!node) return log.fatal(`Failed to get node '${p.args[0]}': No node found with name '${p.args[0]}'`);
      if (cmd === 'start') {
        log.info(`Starting node '${node.name}'`);
        rt.startNode(node.name);
        await ctx.sleep(1000);
      } else {
        // docker stop waits for the container to exit
        await ctx.sleep(1000);
        rt.stopNode(node.name);
      }
      return 0;
    }
    case 'create': {
      const p = parse(rest, ['help', 'wait'], { cluster: 'c', role: '', replicas: '', image: 'i', timeout: '' }, { c: 'cluster', i: 'image', h: 'help' });
      if (p.error) return log.fatal(p.error);
      const base = p.args[0];
      if (!base) return log.fatal('requires at least 1 arg(s), only received 0');
      const cluster = p.flags.get('cluster')?.at(-1) ?? 'k3s-default';
      const role = (p.flags.get('role')?.at(-1) ?? 'agent') as 'agent' | 'server';
      if (role !== 'agent' && role !== 'server') return log.fatal(`Unknown node role '${role}'`);
      const c = rt.listClusters().find((x) => x.name === cluster);
      if (!c) return log.fatal(`Failed to create node(s): Failed to find specified cluster '${cluster}'`);
      const replicas = Number(p.flags.get('replicas')?.at(-1) ?? 1);
      const image = p.flags.get('image')?.at(-1) ?? c.image;
      log.info(`Adding ${replicas} node(s) to the runtime local cluster '${cluster}'...`);
      for (let i = 0; i < replicas; i++) {
        let made: K3dNode;
        try {
          made = rt.createNode({ name: replicas > 1 ? `${base}-${i}` : base, role, cluster, image });
        } catch (e) {
          if (e instanceof K3dError) return log.fatal(`Failed to create node: ${e.message}`);
          throw e;
        }
        log.info(`Using the k3d-tools node to gather environment information`);
        log.info(`Starting node '${made.name}'`);
        await ctx.sleep(3000);
      }
      log.info(`Successfully created ${replicas} node(s)!`);
      return 0;
    }
    case 'delete': {
      const p = parse(rest, ['all', 'help', 'registries'], {}, { a: 'all', r: 'registries', h: 'help' });
      if (p.error) return log.fatal(p.error);
      const targets = p.flags.has('all') ? allNodes().filter((n) => n.role === 'agent' || n.role === 'server') : p.args.map((n) => find(n));
      if (!p.flags.has('all') && !p.args.length) return log.fatal('requires at least 1 arg(s), only received 0');
      for (let i = 0; i < targets.length; i++) {
        const n = targets[i];
        if (!n) return log.fatal(`Failed to get node '${p.args[i]}': No node found with name '${p.args[i]}'`);
        log.info(`Deleting node '${n.name}'`);
        rt.deleteNode(n.name);
      }
      log.info(`Successfully deleted ${targets.length} node(s)!`);
      return 0;
    }
    default:
      ctx.stdout(groupHelp('node', '', 'Manage node(s)', NODE_SUBS));
      return 0;
  }
}

async function kubeconfigCommand(ctx: CommandContext, rt: K3dRuntimeApi, argv: string[], log: Logger): Promise<number> {
  const [sub, ...rest] = argv;
  const p = parse(rest, ['all', 'help', 'kubeconfig-switch-context', 'kubeconfig-merge-default', 'overwrite', 'update'], { output: 'o' }, { a: 'all', o: 'output', s: 'kubeconfig-switch-context', d: 'kubeconfig-merge-default', h: 'help' });
  if (p.error) return log.fatal(p.error);
  if (sub !== 'get' && sub !== 'merge' && sub !== 'write') {
    ctx.stdout(groupHelp('kubeconfig', '', 'Manage kubeconfig(s)', KUBECONFIG_SUBS));
    return 0;
  }
  const list = rt.listClusters();
  const names = p.flags.has('all') ? list.map((c) => c.name) : p.args.length ? p.args : ['k3s-default'];
  for (const n of names) if (!list.some((c) => c.name === n)) return log.fatal(`Failed to get cluster ${n}: No nodes found for given cluster`);
  if (sub === 'get') {
    for (const n of names) ctx.stdout(kubeconfigFor(rt, n) + '---\n'.slice(names.length > 1 ? 0 : 4));
    return 0;
  }
  for (const n of names) {
    if (sub === 'merge' && (p.flags.has('kubeconfig-merge-default') || p.flags.has('output'))) {
      const out = p.flags.get('output')?.at(-1);
      if (out && out !== '-') {
        ctx.fs.writeFile(out.startsWith('/') ? out : `${ctx.cwd}/${out}`, kubeconfigFor(rt, n));
        ctx.stdout(out + '\n');
        continue;
      }
      const path = mergeKubeconfig(ctx, rt, n, p.flags.get('kubeconfig-switch-context')?.at(-1) === 'true');
      ctx.stdout(path + '\n');
    } else {
      const path = `${ctx.env.HOME ?? '/root'}/.config/k3d/kubeconfig-${n}.yaml`;
      ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      ctx.fs.writeFile(path, kubeconfigFor(rt, n));
      ctx.stdout(path + '\n');
    }
  }
  return 0;
}

export function createK3d(world: Partial<K3dWorld>): Program {
  return async (ctx) => {
    const log = new Logger(ctx, colorsOn(ctx));
    const argv = ctx.argv.slice(1).filter((a) => !['--verbose', '--trace', '--timestamps'].includes(a));
    const [group, ...rest] = argv;
    if (group === undefined || group === '-h' || group === '--help' || group === 'help') {
      ctx.stdout(ROOT_HELP);
      return 0;
    }
    if (group === 'version' || group === '--version') {
      ctx.stdout(`k3d version ${K3D_VERSION}\nk3s version ${K3S_DEFAULT_IMAGE_TAG} (default)\n`);
      return 0;
    }
    const rt = runtime(world);
    // the kubeconfig is read synchronously below; a hand-edited one loads the YAML parser first
    if (group === 'cluster' || group === 'kubeconfig') await prepareKubeconfig(ctx.fs, ctx.env, ctx.cwd);
    try {
      switch (group) {
        case 'cluster':
          if (!rt) return log.fatal('Failed to get clusters: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
          return await clusterCommand(ctx, rt, rest, log);
        case 'node':
          if (!rt) return log.fatal('Failed to get nodes: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
          return await nodeCommand(ctx, rt, rest, log);
        case 'kubeconfig':
          if (!rt) return log.fatal('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
          return await kubeconfigCommand(ctx, rt, rest, log);
        default: {
          // cobra: unknown command, with suggestions for near misses
          const known = ['cluster', 'completion', 'config', 'help', 'image', 'kubeconfig', 'node', 'registry', 'version'];
          const near = known.filter((k) => k.startsWith(group) || lev(k, group) <= 2);
          ctx.stderr(`Error: unknown command "${group}" for "k3d"\n${near.length ? `\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : ''}\nRun 'k3d --help' for usage.\n`);
          return log.fatal(`unknown command "${group}" for "k3d"`);
        }
      }
    } catch (e) {
      if (e instanceof Cancelled) return 130;
      throw e;
    }
  };
}

function lev(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

