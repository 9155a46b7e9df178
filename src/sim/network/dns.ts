/**
 * CoreDNS as k3s configures it (k3s manifests/coredns.yaml): the kubernetes plugin for cluster.local with
 * `pods insecure`, the NodeHosts file (node names, and host.k3d.internal injected by k3d), `loadbalance`
 * (answers shuffled), and a pod's resolv.conf `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
 * `options ndots:5`. Records (docs: dns-pod-service):
 * - `<svc>.<ns>.svc.cluster.local` → the ClusterIP; headless → the ready endpoints' IPs; ExternalName → CNAME;
 * - `<hostname>.<svc>.<ns>.svc.cluster.local` → the endpoint with that hostname (StatefulSet pods);
 * - `<a-b-c-d>.<ns>.pod.cluster.local` → a.b.c.d.
 * Names outside the cluster go to the upstream resolver, which the simulator does not have: NXDOMAIN.
 */
import type { KubeObject } from '../apiserver/types';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN, type ClusterNetwork } from './view';

export interface DnsAnswer {
  name: string;
  address: string;
}

export interface DnsResult {
  /** `10.43.0.10`, the kube-dns Service. */
  server: string;
  /** `10.43.0.10:53`, as busybox nslookup prints the Address line. */
  serverAddress: string;
  /** TIMEOUT: no CoreDNS pod is ready behind kube-dns, so queries to 10.43.0.10 go unanswered. */
  status: 'NOERROR' | 'NXDOMAIN' | 'TIMEOUT';
  /** The fully qualified name that answered (or the last one tried). */
  fqdn: string;
  /** A records (and, for ExternalName, the CNAME target in `cname`). */
  answers: DnsAnswer[];
  cname?: string;
}

export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The resolv.conf a pod with dnsPolicy ClusterFirst gets. */
export function resolvConf(namespace: string): string {
  return `search ${searchPath(namespace).join(' ')}\nnameserver ${CLUSTER_DNS_IP}\noptions ndots:5\n`;
}

/** The candidate names a resolver tries, in order (glibc/musl with ndots:5). */
export function candidates(name: string, namespace: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = searchPath(namespace).map((d) => `${name}.${d}`);
  return dots >= 5 ? [name, ...searched] : [...searched, name];
}

export function dnsLookup(net: ClusterNetwork, fromNamespace: string, rawName: string): DnsResult {
  const name = rawName.trim().toLowerCase();
  const base = { server: CLUSTER_DNS_IP, serverAddress: `${CLUSTER_DNS_IP}:53` };
  if (!dnsServing(net)) return { ...base, status: 'TIMEOUT', fqdn: name, answers: [] };
  let last = name;
  for (const fqdn of candidates(name, fromNamespace)) {
    last = fqdn;
    const r = resolveExact(net, fqdn);
    if (r) return { ...base, status: 'NOERROR', fqdn, ...r };
  }
  return { ...base, status: 'NXDOMAIN', fqdn: last, answers: [] };
}

/**
 * Whether CoreDNS answers: the kube-dns Service has a ready endpoint. A cluster without a kube-dns Service at all
 * (bare test clusters) is treated as answering.
 */
export function dnsServing(net: ClusterNetwork): boolean {
  const svc = net.service('kube-system', 'kube-dns');
  if (!svc) return true;
  return net.slicesOf(svc).some((s) => (s.endpoints ?? []).some((e: { conditions?: { ready?: boolean } }) => e.conditions?.ready !== false));
}

/** One exact name, no search path. */
export function resolveExact(net: ClusterNetwork, fqdn: string): { answers: DnsAnswer[]; cname?: string } | undefined {
  const host = nodeHosts(net, fqdn);
  if (host) return { answers: [{ name: fqdn, address: host }] };
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  // <a-b-c-d>.<ns>.pod
  if (parts.length === 3 && parts[2] === 'pod') {
    const ip = parts[0].replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { answers: [{ name: fqdn, address: ip }] } : undefined;
  }
  if (parts.length === 3 && parts[2] === 'svc') {
    const svc = net.service(parts[1], parts[0]);
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') return { answers: [], cname: svc.spec.externalName };
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { answers: [{ name: fqdn, address: svc.spec.clusterIP }] };
    const ips = readyAddresses(net, svc, svc.spec?.publishNotReadyAddresses);
    if (!ips.length) return undefined;
    return { answers: shuffle(net, ips).map((a) => ({ name: fqdn, address: a.ip })) };
  }
  if (parts.length === 4 && parts[3] === 'svc') {
    const svc = net.service(parts[2], parts[1]);
    if (!svc) return undefined;
    const hit = readyAddresses(net, svc, true).filter((a) => a.hostname === parts[0] || a.ip.replace(/\./g, '-') === parts[0]);
    return hit.length ? { answers: hit.map((a) => ({ name: fqdn, address: a.ip })) } : undefined;
  }
  return undefined;
}

function readyAddresses(net: ClusterNetwork, svc: KubeObject, includeNotReady = false): { ip: string; hostname?: string }[] {
  const out: { ip: string; hostname?: string }[] = [];
  const seen = new Set<string>();
  for (const s of net.slicesOf(svc)) {
    for (const e of s.endpoints ?? []) {
      if (!includeNotReady && e.conditions?.ready === false) continue;
      for (const ip of e.addresses ?? []) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, hostname: e.hostname });
      }
    }
  }
  return out;
}

/** NodeHosts: every node's name → InternalIP, plus host.k3d.internal → the Docker gateway. */
function nodeHosts(net: ClusterNetwork, name: string): string | undefined {
  if (name === 'host.k3d.internal') return net.hostGateway;
  const node = net.nodes.getByName(undefined, name);
  return node ? net.nodeInternalIP(node) : undefined;
}

function shuffle<T>(net: ClusterNetwork, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = net.random.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
