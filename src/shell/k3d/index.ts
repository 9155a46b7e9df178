/**
 * k3d v5 on the learner's machine: the CLI side (flags, log lines, tables, kubeconfig) over the world's
 * K3dRuntime, which holds the clusters and node containers as Docker would.
 *
 * What the texts are based on (k3d-io/k3d):
 * - logging (cmd/root.go initLogging): logrus TextFormatter with ForceColors; INFO/DEBUG to stdout, WARN/ERRO/FATA
 *   to stderr; a coloured line is `\x1b[36mINFO\x1b[0m[0007] <message padded to 44> ` where 0007 is whole seconds
 *   since the command started (logrus printColored). LOG_COLORS=false turns colours off (`INFO[0007] msg`).
 * - cluster create (pkg/client/cluster.go ClusterRun/ClusterCreate/ClusterStart, tools.go, environment.go,
 *   host.go; cmd/cluster/clusterCreate.go): the step lines and `You can now use it like this:` + `kubectl cluster-info`.
 * - tables (cmd/cluster/clusterList.go, cmd/node/nodeList.go, cmd/util/listings.go): liggitt/tabwriter with
 *   minwidth 6, tabwidth 4, padding 3; nodes sorted by name.
 * - kubeconfig (pkg/client/kubeconfig.go): entries renamed to `k3d-<cluster>` / `admin@k3d-<cluster>`, the server
 *   `https://0.0.0.0:<api port>`, merged into ~/.kube/config and made current.
 * - version (cmd/root.go printVersion): `k3d version v5.x` / `k3s version v1.x-k3s1 (default)`.
 */
import type { CommandContext, Program } from '../types';
import { loadKubeconfig, saveKubeconfig, type KubeConfig } from '../../kubectl/kubeconfig';
import { DEFAULT_K3S_IMAGE, type K3dRuntime } from '../../sim/k3d/runtime';
import { onDemand } from '../../sim/lazy';

export const K3D_VERSION = 'v5.8.3';
export const K3S_DEFAULT_IMAGE_TAG = DEFAULT_K3S_IMAGE.split(':')[1];

/**
 * The world's Docker side (src/sim/k3d/runtime.ts): synchronous operations that throw K3dError with k3d's texts.
 * The command adds the virtual time k3d's steps take, which is what makes the INFO[00NN] counters move.
 */
export type K3dRuntimeApi = Pick<K3dRuntime, 'listClusters' | 'createCluster' | 'deleteCluster' | 'stopCluster' | 'startCluster' | 'listNodes' | 'stopNode' | 'startNode' | 'createNode' | 'deleteNode' | 'kubeconfig' | 'get'> & Partial<Pick<K3dRuntime, 'hostPortTarget'>>;

export interface K3dWorld {
  k3d: K3dRuntimeApi;
}

/** Subcommands and their one-line help (k3d cmd/<group>/<group>.go), for help pages and completion. */
export const CLUSTER_SUBS: [string, string][] = [
  ['create', 'Create a new cluster'],
  ['delete', 'Delete cluster(s).'],
  ['edit', '[EXPERIMENTAL] Edit cluster(s).'],
  ['list', 'List cluster(s)'],
  ['start', 'Start existing k3d cluster(s)'],
  ['stop', 'Stop existing k3d cluster(s)'],
];
export const NODE_SUBS: [string, string][] = [
  ['create', 'Create a new k3s node in docker'],
  ['delete', 'Delete node(s).'],
  ['edit', '[EXPERIMENTAL] Edit node(s).'],
  ['list', 'List node(s)'],
  ['start', 'Start an existing k3d node'],
  ['stop', 'Stop an existing k3d node'],
];
export const KUBECONFIG_SUBS: [string, string][] = [
  ['get', 'Print kubeconfig(s) from cluster(s).'],
  ['merge', 'Write/Merge kubeconfig(s) from cluster(s) into new or existing kubeconfig/file.'],
];

/** Writes the cluster's entries into the default kubeconfig and switches to them (pkg/client/kubeconfig.go). */
export function mergeKubeconfig(ctx: Pick<CommandContext, 'fs' | 'env' | 'cwd'>, rt: K3dRuntimeApi, cluster: string, switchContext: boolean): string {
  const loaded = loadKubeconfig(ctx.fs, ctx.env, ctx.cwd);
  const c: KubeConfig = loaded.config;
  const name = `k3d-${cluster}`;
  const user = `admin@${name}`;
  const cred = rt.kubeconfig(cluster);
  c.clusters = [...(c.clusters ?? []).filter((x) => x.name !== name), { name, cluster: { 'certificate-authority-data': cred.certificateAuthorityData, server: cred.server } }];
  c.contexts = [...(c.contexts ?? []).filter((x) => x.name !== name), { name, context: { cluster: name, user } }];
  c.users = [...(c.users ?? []).filter((x) => x.name !== user), { name: user, user: { 'client-certificate-data': cred.clientCertificateData, 'client-key-data': cred.clientKeyData } }];
  if (switchContext || !c['current-context']) c['current-context'] = name;
  saveKubeconfig(ctx.fs, loaded.path, c);
  return loaded.path;
}

const command = onDemand(() => import('./command'));

/** `k3d`: the command's module (./command) loads on its first run, before it reads or writes anything. */
export function createK3d(world: Partial<K3dWorld>): Program {
  let program: Program | undefined;
  return async (ctx) => {
    program ??= (await command()).createK3d(world);
    // Ctrl-C while the command loaded: k3d dies of SIGINT before it touches anything.
    return ctx.signal.aborted ? 130 : program(ctx);
  };
}

/** Completion words for `k3d …`: subcommands, then cluster or node names from the runtime. */
export function completeK3d(words: string[], world: Partial<K3dWorld>): string[] {
  const last = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter((w) => !w.startsWith('-'));
  const pick = (xs: string[]) => xs.filter((x) => x.startsWith(last));
  if (!before.length) return pick(['cluster', 'completion', 'config', 'help', 'image', 'kubeconfig', 'node', 'registry', 'version']);
  const rt = world.k3d;
  const clusters = rt ? rt.listClusters().map((c) => c.name) : [];
  const nodes = rt ? rt.listClusters().flatMap((c) => c.nodes.map((n) => n.name)) : [];
  if (before.length === 1) {
    if (before[0] === 'cluster') return pick(CLUSTER_SUBS.map(([n]) => n));
    if (before[0] === 'node') return pick(NODE_SUBS.map(([n]) => n));
    if (before[0] === 'kubeconfig') return pick(KUBECONFIG_SUBS.map(([n]) => n));
    return [];
  }
  if (before[0] === 'cluster' || before[0] === 'kubeconfig') return pick(clusters);
  if (before[0] === 'node') return pick(nodes);
  return [];
}
