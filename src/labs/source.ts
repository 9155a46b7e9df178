/**
 * Where checks read cluster objects from. The engine never sees the store or typed commands: it asks an
 * ObjectSource, which may sit on the simulator's API (ApiClient), on a plain array of objects (unit tests), or on a
 * real cluster reached through a kubeconfig (`kubelab lab verify --kubeconfig`).
 */
import type { ApiHandler, KubeObject } from '../sim/apiserver/types';
import { ApiClient, ApiError } from '../sim/client/client';
import { resourcePath, type GVR } from '../sim/client/resources';
import { matchesSelector, parseSelector } from './selector';

export interface ObjectSource {
  /** The object, or undefined when it does not exist. Throws when the cluster cannot be asked at all. */
  get(r: GVR, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  /** Objects of a resource, in one namespace (or all when undefined), filtered by a label selector. */
  list(r: GVR, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]>;
  /** A container's log (GET pods/{name}/log). Optional: not every source can read logs. */
  logs?(namespace: string, pod: string, container?: string): Promise<string | undefined>;
}

/** Thrown by a source that has no cluster to ask (no kubeconfig, no current context, cluster stopped). */
export class NoClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoClusterError';
  }
}

/** Reads through the simulator's REST handler, exactly as kubectl would. */
export function apiObjectSource(handler: ApiHandler | ApiClient): ObjectSource {
  const client = handler instanceof ApiClient ? handler : new ApiClient(handler, 'kubelab-lab-grader');
  return {
    async get(r, namespace, name) {
      return client.tryGet(r, namespace, name);
    },
    async list(r, namespace, labelSelector) {
      return client.list(r, namespace, labelSelector ? { labelSelector } : {}).items;
    },
    async logs(namespace, pod, container) {
      const res = client.raw({ method: 'GET', path: resourcePath({ group: '', version: 'v1', resource: 'pods' }, namespace, pod, 'log'), query: container ? { container } : {} });
      if (res.status === 404) return undefined;
      if (res.status >= 400) throw new ApiError(res.body as never, res.status);
      return typeof res.body === 'string' ? res.body : '';
    },
  };
}

/** A source over plain objects, for tests and for grading a saved snapshot. `logs` maps "ns/pod[/container]" to text. */
export function memoryObjectSource(objects: KubeObject[], logs: Record<string, string> = {}): ObjectSource {
  const resourceOf = (o: KubeObject) => pluralOf(o.kind ?? '');
  const groupOf = (o: KubeObject) => {
    const av = o.apiVersion ?? 'v1';
    return av.includes('/') ? av.split('/')[0] : '';
  };
  const same = (o: KubeObject, r: GVR) => resourceOf(o) === r.resource && groupOf(o) === r.group;
  return {
    async get(r, namespace, name) {
      return objects.find((o) => same(o, r) && o.metadata.name === name && (namespace === undefined || (o.metadata.namespace ?? undefined) === namespace));
    },
    async list(r, namespace, labelSelector) {
      const sel = labelSelector ? parseSelector(labelSelector) : undefined;
      if (sel && 'error' in sel) throw new Error(sel.error);
      return objects.filter((o) => same(o, r) && (namespace === undefined || o.metadata.namespace === namespace) && (!sel || matchesSelector(sel, o.metadata.labels ?? {})));
    },
    async logs(namespace, pod, container) {
      return logs[`${namespace}/${pod}/${container ?? ''}`] ?? logs[`${namespace}/${pod}`];
    },
  };
}

/** Lower-case plural, the way the API names resources (Endpoints and *ies are the irregular ones we meet). */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return 'endpoints';
  if (k.endsWith('y')) return k.slice(0, -1) + 'ies';
  if (k.endsWith('s')) return k + 'es';
  return k + 's';
}
