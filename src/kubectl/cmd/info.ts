/**
 * version, cluster-info, api-resources, api-versions (pkg/cmd/version, clusterinfo, apiresources).
 */
import type { KubeList } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { ConnectionRefused, KubectlError } from '../cli/errors';
import { tabify, TABLE_TABS } from '../printers/tabwriter';
import { toYaml } from '../printers/yaml';
import { toJson } from '../printers/json';

/** The client this kubectl mirrors: the real v1.31.9 build's version info. */
export const CLIENT_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.9',
  gitCommit: '8f3800390d488f54f74111f22973059e133f9cba',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:17:16Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};
export const KUSTOMIZE_VERSION = 'v5.4.2';

export async function runVersion(k: Kctx): Promise<number> {
  const out = k.f.str('output');
  if (out && out !== 'json' && out !== 'yaml') throw new KubectlError(`--output must be 'yaml' or 'json'`);
  const clientOnly = k.f.bool('client');
  let server: Record<string, string> | undefined;
  let failure: unknown;
  if (!clientOnly) {
    try {
      server = k.rest().call<Record<string, string>>({ method: 'GET', path: '/version' });
    } catch (e) {
      failure = e;
    }
  }
  const doc: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
  if (server) doc.serverVersion = server;
  if (out === 'json') k.out(toJson(doc, '  ', '', false) + '\n');
  else if (out === 'yaml') k.out(toYaml(doc) + '\n');
  else {
    k.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server) {
      k.out(`Server Version: ${server.gitVersion}\n`);
      const minor = Number(String(server.minor ?? '').replace(/\D/g, ''));
      if (minor && Math.abs(minor - 31) > 1) k.err(`WARNING: version difference between client (1.31) and server (1.${minor}) exceeds the supported minor version skew of +/-1\n`);
    }
  }
  if (failure) throw failure;
  return 0;
}

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export async function runClusterInfo(k: Kctx): Promise<number> {
  const server = k.target().server;
  try {
    k.rest();
    k.discovery().load();
  } catch (e) {
    if (e instanceof ConnectionRefused) {
      k.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    }
    throw e;
  }
  k.out(`${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${server}${RESET}\n`);
  const list = k.rest().call<KubeList>({ method: 'GET', path: '/api/v1/namespaces/kube-system/services', query: { labelSelector: 'kubernetes.io/cluster-service=true' } });
  // clusterinfo.go: one line per service, linking its first port only (utilnet.JoinSchemeNamePort), or every
  // port of its first load-balancer ingress.
  for (const svc of list.items ?? []) {
    const name = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name;
    const ports = (svc.spec?.ports ?? []) as { name?: string; port: number }[];
    const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
    let link: string;
    if (ingress.length) {
      const host = ingress[0].ip || ingress[0].hostname || '';
      link = ports.map((p) => `http://${host}:${p.port} `).join('');
    } else {
      let target = svc.metadata.name!;
      if (ports.length) {
        const p = ports[0];
        const scheme = p.name === 'https' || p.port === 443 ? 'https' : '';
        target = scheme ? `${scheme}:${target}:${p.name ?? ''}` : p.name ? `${target}:${p.name}` : target;
      }
      link = `${server}/api/v1/namespaces/${svc.metadata.namespace}/services/${target}/proxy`;
    }
    k.out(`${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`);
  }
  k.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

export async function runApiResources(k: Kctx): Promise<number> {
  const d = k.discovery();
  d.load();
  const seen = new Set<string>();
  let rows = d.resources.filter((r) => {
    const key = `${r.group}/${r.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (k.f.changed('namespaced')) rows = rows.filter((r) => r.namespaced === k.f.bool('namespaced'));
  if (k.f.str('api-group') || k.f.changed('api-group')) rows = rows.filter((r) => r.group === k.f.str('api-group'));
  const verbs = k.f.list('verbs');
  if (verbs.length) rows = rows.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  const cats = k.f.list('categories');
  if (cats.length) rows = rows.filter((r) => cats.every((c) => r.categories.includes(c)));
  const sortBy = k.f.str('sort-by');
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError(`--sort-by accepts only name or kind`);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => {
    const [x, y] = sortBy === 'name' ? [a.resource, b.resource] : sortBy === 'kind' ? [a.kind, b.kind] : [a.group, b.group];
    return cmp(x, y) || cmp(a.resource, b.resource);
  });
  const out = k.f.str('output');
  if (out === 'name') {
    k.out(rows.map((r) => (r.group ? `${r.resource}.${r.group}\n` : `${r.resource}\n`)).join(''));
    return 0;
  }
  if (out && out !== 'wide') throw new KubectlError(`--output ${out} is not available`);
  const wide = out === 'wide';
  let text = k.f.bool('no-headers') ? '' : `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
  for (const r of rows) {
    text += `${r.resource}\t${r.shortNames.join(',')}\t${r.group ? `${r.group}/${r.version}` : r.version}\t${r.namespaced}\t${r.kind}`;
    if (wide) text += `\t${r.verbs.join(',')}\t${r.categories.join(',')}`;
    text += '\n';
  }
  k.out(tabify(text, TABLE_TABS));
  return 0;
}

export async function runApiVersions(k: Kctx): Promise<number> {
  const d = k.discovery();
  d.load();
  k.out([...new Set(d.groupVersions)].sort().map((g) => `${g}\n`).join(''));
  return 0;
}
