/**
 * The grading context of a learner's simulated machine: the objects of the cluster the current kubeconfig
 * context points at (as kubectl would reach it), the learner's files, and the k3d clusters. Typed structurally,
 * so the worker and the CLI can pass their filesystem and world without this module importing them.
 */
import { parse as parseYaml } from 'yaml';
import type { ApiHandler } from '../sim/apiserver/types';
import type { ClusterRuntime, EvalContext } from './checks/types';
import { apiObjectSource, NoClusterError, type ObjectSource } from './source';

export interface MachineFiles {
  /** Throws (like VirtualFS.readFile) when the file does not exist. */
  readFile(path: string): string;
}

export interface Machine {
  fs: MachineFiles;
  home: string;
  /** $KUBECONFIG when the learner set it. */
  kubeconfigEnv?: string;
  resolveServer(url: string): ApiHandler | undefined;
  clusters?: ClusterRuntime;
}

function read(fs: MachineFiles, path: string): string | undefined {
  try {
    return fs.readFile(path);
  } catch {
    return undefined;
  }
}

/** The server URL the kubeconfig's current context names, or why there is none. */
function serverOf(path: string, text: string): { server: string } | { error: string } {
  let cfg: { 'current-context'?: string; contexts?: { name: string; context?: { cluster?: string } }[]; clusters?: { name: string; cluster?: { server?: string } }[] } | null;
  try {
    cfg = parseYaml(text);
  } catch {
    return { error: `${path} is not valid YAML` };
  }
  const current = cfg?.['current-context'];
  if (!current) return { error: 'current-context is not set' };
  const ctx = cfg?.contexts?.find((c) => c?.name === current);
  if (!ctx) return { error: `context was not found for specified context: ${current}` };
  const server = cfg?.clusters?.find((c) => c?.name === ctx.context?.cluster)?.cluster?.server;
  if (!server) return { error: `cluster has no server defined` };
  return { server };
}

// Parsing a kubeconfig (certificates included) costs milliseconds; grading runs after every cluster change,
// while the file rarely changes. Keyed by the file's text, so an edit is seen at once.
// One entry is enough: a session grades one machine.
let lastParsed: { path: string; text: string; result: { server: string } | { error: string } } | undefined;

/** The API server the current context names, or why there is none (kubectl's own words where it has them). */
export function currentServer(m: Machine): { handler: ApiHandler; server: string } | { error: string } {
  const path = m.kubeconfigEnv?.split(':').find(Boolean) ?? `${m.home.replace(/\/$/, '')}/.kube/config`;
  const text = read(m.fs, path);
  if (text === undefined) return { error: `no kubeconfig at ${path}` };
  let hit = lastParsed;
  if (!hit || hit.path !== path || hit.text !== text) {
    hit = { path, text, result: serverOf(path, text) };
    lastParsed = hit;
  }
  if ('error' in hit.result) return hit.result;
  const server = hit.result.server;
  const handler = m.resolveServer(server);
  if (!handler) return { error: `the connection to the server ${server.replace(/^https?:\/\//, '')} was refused` };
  return { handler, server };
}

/** An ObjectSource that looks up the current context on every call, so switching contexts takes effect at once. */
export function machineObjectSource(m: Machine): ObjectSource {
  const source = () => {
    const s = currentServer(m);
    if ('error' in s) throw new NoClusterError(s.error);
    return apiObjectSource(s.handler);
  };
  return {
    get: (r, ns, name) => source().get(r, ns, name),
    list: (r, ns, sel) => source().list(r, ns, sel),
    logs: (ns, pod, c) => source().logs!(ns, pod, c),
  };
}

export function machineContext(m: Machine): EvalContext {
  return { objects: machineObjectSource(m), home: m.home, files: { read: (p) => read(m.fs, p) }, clusters: m.clusters };
}
