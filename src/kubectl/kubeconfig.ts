/**
 * kubeconfig loading and saving over the learner's virtual filesystem (client-go tools/clientcmd):
 * --kubeconfig, else $KUBECONFIG (first existing file; merged read), else $HOME/.kube/config.
 */
import type { VirtualFS } from '../shell/types';
import { toYaml } from './printers/yaml';
import { readBackYaml } from './printers/yamlreadback';
import { loadYamlParser, yamlParser } from './resource/yamlparser';

export interface NamedCluster {
  name: string;
  cluster: { server?: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean; [k: string]: unknown };
}
export interface NamedContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string; [k: string]: unknown };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}
export interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters: NamedCluster[] | null;
  contexts: NamedContext[] | null;
  users: NamedUser[] | null;
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  [k: string]: unknown;
}

export class KubeconfigError extends Error {}

export function emptyConfig(): KubeConfig {
  return { apiVersion: 'v1', kind: 'Config', clusters: null, contexts: null, users: null, 'current-context': '', preferences: {} };
}

export function kubeconfigPath(env: Record<string, string>, explicit?: string): string {
  if (explicit) return explicit;
  if (env.KUBECONFIG) return env.KUBECONFIG.split(':').filter(Boolean)[0] ?? `${env.HOME || '/root'}/.kube/config`;
  return `${env.HOME || '/root'}/.kube/config`;
}

export function resolvePath(cwd: string, p: string): string {
  if (p.startsWith('/')) return normalize(p);
  return normalize(`${cwd}/${p}`);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export interface LoadedConfig {
  path: string;
  config: KubeConfig;
  exists: boolean;
}

/** Where the kubeconfig is read from, before it is read. */
function locate(fs: VirtualFS, env: Record<string, string>, cwd: string, explicit?: string): string {
  let path = kubeconfigPath(env, explicit);
  if (!explicit && env.KUBECONFIG) {
    const found = env.KUBECONFIG.split(':').filter(Boolean).map((p) => resolvePath(cwd, p)).find((p) => fs.exists(p));
    if (found) path = found;
  }
  return resolvePath(cwd, path);
}

/**
 * Texts read or written lately and what they decode to. Every kubectl command reads the file, which almost always
 * holds what k3d or `kubectl config` wrote: the lookup spares the read-back (and the YAML parser).
 */
const known = new Map<string, unknown>();
const KNOWN_MAX = 8;

function remember(text: string, doc: unknown): void {
  known.delete(text);
  known.set(text, doc);
  if (known.size > KNOWN_MAX) known.delete(known.keys().next().value as string);
}

/** The decoded text, or undefined when only the YAML parser (not loaded yet) can read it. */
function decodeWithoutLoading(text: string, path: string): { doc: unknown } | undefined {
  if (known.has(text)) return { doc: structuredClone(known.get(text)) };
  if (/^\s*$/.test(text)) return { doc: null };
  let doc = readBackYaml(text);
  if (doc === undefined) {
    const parser = yamlParser();
    if (!parser) return undefined;
    try {
      doc = parser.parse(text);
    } catch (e) {
      throw new KubeconfigError(`error loading config file "${path}": ${(e as Error).message}`);
    }
  }
  remember(text, doc);
  return { doc: structuredClone(doc) };
}

/**
 * Makes the kubeconfig readable synchronously: loads the YAML parser when the file holds text the read-back does
 * not know (a learner edited it). Async callers (kubectl, k3d) await it before loadKubeconfig; errors are left to
 * loadKubeconfig.
 */
export async function prepareKubeconfig(fs: VirtualFS, env: Record<string, string>, cwd: string, explicit?: string): Promise<void> {
  const path = locate(fs, env, cwd, explicit);
  if (!fs.exists(path) || fs.stat(path)?.type === 'dir') return;
  let text: string;
  try {
    text = fs.readFile(path);
  } catch {
    return;
  }
  try {
    if (decodeWithoutLoading(text, path)) return;
  } catch {
    return;
  }
  await loadYamlParser();
}

/** Thrown by loadKubeconfig when prepareKubeconfig was not awaited and the text needs the parser. */
export class KubeconfigNotPrepared extends KubeconfigError {}

export function loadKubeconfig(fs: VirtualFS, env: Record<string, string>, cwd: string, explicit?: string): LoadedConfig {
  const path = locate(fs, env, cwd, explicit);
  if (!fs.exists(path)) {
    if (explicit) throw new KubeconfigError(`stat ${explicit}: no such file or directory`);
    return { path, config: emptyConfig(), exists: false };
  }
  const text = fs.readFile(path);
  const decoded = decodeWithoutLoading(text, path);
  if (!decoded) throw new KubeconfigNotPrepared(`error loading config file "${path}": the YAML parser is not loaded`);
  const c = { ...emptyConfig(), ...((decoded.doc ?? {}) as object) } as KubeConfig;
  return { path, config: c, exists: true };
}

export function saveKubeconfig(fs: VirtualFS, path: string, c: KubeConfig): void {
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir && !fs.exists(dir)) fs.mkdir(dir, { recursive: true });
  const ordered: Record<string, unknown> = {
    apiVersion: c.apiVersion ?? 'v1',
    clusters: c.clusters,
    contexts: c.contexts,
    'current-context': c['current-context'] ?? '',
    kind: c.kind ?? 'Config',
    preferences: c.preferences ?? {},
    users: c.users,
  };
  const text = toYaml(ordered);
  fs.writeFile(path, text);
  // The next command reads this text back: record what it decodes to now.
  const doc = readBackYaml(text);
  if (doc !== undefined) remember(text, doc);
}

export interface ClientTarget {
  server: string;
  namespace: string;
  namespaceFromContext: boolean;
  contextName: string;
}

/** What a command talks to, after --context/--cluster/--server/--namespace overrides. */
export function resolveTarget(
  c: KubeConfig,
  o: { context?: string; cluster?: string; server?: string; namespace?: string; user?: string },
): ClientTarget {
  const ctxName = o.context || c['current-context'] || '';
  const ctx = (c.contexts ?? []).find((x) => x.name === ctxName);
  if (o.context && !ctx) throw new KubeconfigError(`context was not found for specified context: ${o.context}`);
  const clusterName = o.cluster || ctx?.context.cluster;
  if (o.cluster && !(c.clusters ?? []).some((x) => x.name === o.cluster)) throw new KubeconfigError(`cluster "${o.cluster}" does not exist`);
  const cluster = (c.clusters ?? []).find((x) => x.name === clusterName);
  const server = o.server || cluster?.cluster.server || 'http://localhost:8080';
  return {
    server,
    namespace: o.namespace || ctx?.context.namespace || 'default',
    namespaceFromContext: !o.namespace && !!ctx?.context.namespace,
    contextName: ctxName,
  };
}

/** `0.0.0.0:41235` from `https://0.0.0.0:41235`, as the connection-refused message prints it. */
export function hostPort(server: string): string {
  const m = /^(https?):\/\/([^/]+)/.exec(server);
  if (!m) return server;
  if (m[2].includes(':')) return m[2];
  return `${m[2]}:${m[1] === 'https' ? 443 : 80}`;
}
