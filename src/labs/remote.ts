/**
 * An ObjectSource over a real API server named by a kubeconfig (a k3d cluster, any Kubernetes, or
 * `kubelab serve`): the same checks grade a real cluster. Node only; credentials and CA come from the
 * kubeconfig through @kubernetes/client-node, the requests are plain REST GETs.
 */
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../sim/apiserver/types';
import { resourcePath, type GVR } from '../sim/client/resources';
import { NoClusterError, type ObjectSource } from './source';

interface Reply {
  status: number;
  body: string;
}

export async function kubeconfigObjectSource(file: string | undefined, context?: string): Promise<ObjectSource> {
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (e) {
    throw new NoClusterError(`cannot read kubeconfig ${file ?? ''}: ${(e as Error).message}`.replace('  ', ' '));
  }
  if (context) {
    if (!kc.getContextObject(context)) throw new NoClusterError(`context "${context}" does not exist`);
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new NoClusterError('the kubeconfig has no current context');
  const base = new URL(cluster.server);

  const get = async (path: string, query: Record<string, string> = {}): Promise<Reply> => {
    const opts: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json', 'user-agent': 'kubelab-lab-grader' } };
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    // client-node refuses to configure plain http; such servers (`kubelab serve` on loopback) take no credentials.
    if (url.protocol === 'https:') await kc.applyToHTTPSOptions(opts);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, opts, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (e) => reject(new NoClusterError(`${cluster.server}: ${e.message}`)));
      req.end();
    });
  };
  const json = (r: Reply) => {
    if (r.status >= 400) {
      let message = r.body;
      try {
        message = JSON.parse(r.body).message ?? r.body;
      } catch {
        /* not a Status body */
      }
      throw new Error(`the server answered ${r.status}: ${message}`);
    }
    return JSON.parse(r.body);
  };
  return {
    async get(r: GVR, namespace, name) {
      const res = await get(resourcePath(r, namespace, name));
      return res.status === 404 ? undefined : (json(res) as KubeObject);
    },
    async list(r: GVR, namespace, labelSelector) {
      const res = await get(resourcePath(r, namespace), labelSelector ? { labelSelector } : {});
      return (json(res).items ?? []) as KubeObject[];
    },
    async logs(namespace, pod, container) {
      const res = await get(resourcePath({ group: '', version: 'v1', resource: 'pods' }, namespace, pod, 'log'), container ? { container } : {});
      if (res.status === 404) return undefined;
      if (res.status >= 400) json(res);
      return res.body;
    },
  };
}
