/**
 * kube-proxy in iptables mode (pkg/proxy/iptables/proxier.go), as k3s embeds it: a connection to a ClusterIP:port,
 * a NodePort on any node IP, or a LoadBalancer ingress IP:port (ServiceLB binds the service port on the nodes)
 * is DNATed to one ready endpoint. The KUBE-SVC chain jumps to endpoint i of n with probability 1/(n−i), the last
 * rule unconditionally: a uniform choice per connection. A Service with no ready endpoints gets a REJECT rule
 * (connection refused). A ClusterIP answers no other port (the packet is dropped: timeout) and no ICMP.
 * Terminating-but-serving endpoints are used only when no ready one exists (ProxyTerminatingEndpoints, GA 1.28).
 * sessionAffinity ClientIP pins a client to its endpoint for timeoutSeconds (default 10800, the iptables
 * `recent` match); externalTrafficPolicy Local keeps NodePort/LoadBalancer traffic on the receiving node's own
 * endpoints (none there: dropped), internalTrafficPolicy Local does the same for ClusterIP traffic from a pod.
 */
import type { KubeObject } from '../apiserver/types';
import type { ClusterNetwork } from './view';

export type ConnectFailure = 'refused' | 'timeout' | 'no-route';

export interface Destination {
  /** The pod that gets the connection. */
  pod?: KubeObject;
  podIP: string;
  port: number;
  /** The Service that routed it, if any. */
  service?: KubeObject;
}

interface ServicePortSpec {
  name?: string;
  port: number;
  nodePort?: number;
  protocol?: string;
}

export interface RouteOptions {
  fromHost?: boolean;
  /** The connecting client's IP (session affinity) and node (internalTrafficPolicy Local). */
  clientIP?: string;
  clientNode?: string;
}

/** Where a TCP connection to ip:port from inside the cluster (or a node) ends up. */
export function route(net: ClusterNetwork, ip: string, port: number, opts: RouteOptions = {}): Destination | { failure: ConnectFailure } {
  const svc = opts.fromHost ? undefined : net.serviceByClusterIP(ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p: ServicePortSpec) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return { failure: 'timeout' };
    const local = svc.spec?.internalTrafficPolicy === 'Local' ? opts.clientNode : undefined;
    return pickEndpoint(net, svc, sp, { clientIP: opts.clientIP, onlyNode: local, dropIfNone: !!local });
  }
  const node = net.nodeByIP(ip);
  if (node) {
    for (const s of net.services.list()) {
      const type = s.spec?.type;
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      const local = s.spec?.externalTrafficPolicy === 'Local' ? node.metadata.name : undefined;
      const pickOpts = { clientIP: opts.clientIP, onlyNode: local, dropIfNone: !!local };
      const byNodePort = (s.spec?.ports ?? []).find((p: ServicePortSpec) => p.nodePort === port);
      if (byNodePort) return pickEndpoint(net, s, byNodePort, pickOpts);
      if (type === 'LoadBalancer' && lbIngressIPs(s).includes(ip)) {
        const sp = (s.spec?.ports ?? []).find((p: ServicePortSpec) => p.port === port);
        if (sp) return pickEndpoint(net, s, sp, pickOpts);
      }
    }
    return { failure: 'refused' };
  }
  if (opts.fromHost) return { failure: 'timeout' };
  const pod = net.podByIP(ip);
  if (pod) return { pod, podIP: ip, port };
  return { failure: inClusterRange(ip) ? 'timeout' : 'no-route' };
}

export function lbIngressIPs(svc: KubeObject): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string }) => i.ip).filter(Boolean);
}

function inClusterRange(ip: string): boolean {
  return ip.startsWith('10.42.') || ip.startsWith('10.43.') || ip.startsWith('172.');
}

export interface PickOptions {
  clientIP?: string;
  /** Only endpoints on this node (a Local traffic policy). */
  onlyNode?: string;
  /** With a Local policy and no local endpoint the packet is dropped (timeout), not rejected. */
  dropIfNone?: boolean;
}

const DEFAULT_AFFINITY_SECONDS = 10800;

export function pickEndpoint(net: ClusterNetwork, svc: KubeObject, sp: ServicePortSpec, opts: PickOptions = {}): Destination | { failure: ConnectFailure } {
  const ready: { ip: string; port: number }[] = [];
  const serving: { ip: string; port: number }[] = [];
  for (const s of net.slicesOf(svc)) {
    const p = (s.ports ?? []).find((x: { name?: string }) => (x.name ?? '') === (sp.name ?? ''));
    if (!p) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses?.[0];
      if (!ip) continue;
      if (opts.onlyNode && e.nodeName !== opts.onlyNode) continue;
      if (e.conditions?.ready !== false) ready.push({ ip, port: p.port });
      else if (e.conditions?.serving && e.conditions?.terminating) serving.push({ ip, port: p.port });
    }
  }
  const pool = ready.length ? ready : serving;
  if (!pool.length) return { failure: opts.dropIfNone ? 'timeout' : 'refused' };
  const affinityKey = svc.spec?.sessionAffinity === 'ClientIP' && opts.clientIP ? `${svc.metadata.uid}/${sp.name ?? ''}/${opts.clientIP}` : undefined;
  if (affinityKey) {
    const prev = net.affinity.get(affinityKey);
    const timeout = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) * 1000;
    const still = prev && net.clock.now() - prev.at <= timeout ? pool.find((x) => x.ip === prev.ip) : undefined;
    if (still) {
      net.affinity.set(affinityKey, { ip: still.ip, at: net.clock.now() });
      return { pod: net.podByIP(still.ip), podIP: still.ip, port: still.port, service: svc };
    }
  }
  let chosen = pool[pool.length - 1];
  for (let i = 0; i < pool.length - 1; i++) {
    if (net.random.next() < 1 / (pool.length - i)) {
      chosen = pool[i];
      break;
    }
  }
  if (affinityKey) net.affinity.set(affinityKey, { ip: chosen.ip, at: net.clock.now() });
  return { pod: net.podByIP(chosen.ip), podIP: chosen.ip, port: chosen.port, service: svc };
}
