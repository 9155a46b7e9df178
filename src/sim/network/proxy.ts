/**
 * kube-proxy in iptables mode (pkg/proxy/iptables/proxier.go), as k3s embeds it: a connection to a ClusterIP:port,
 * a NodePort on any node IP, or a LoadBalancer ingress IP:port (ServiceLB binds the service port on the nodes)
 * is DNATed to one ready endpoint. The KUBE-SVC chain jumps to endpoint i of n with probability 1/(n−i), the last
 * rule unconditionally: a uniform choice per connection. A Service with no ready endpoints gets a REJECT rule
 * (connection refused). A ClusterIP answers no other port (the packet is dropped: timeout) and no ICMP.
 * Terminating-but-serving endpoints are used only when no ready one exists (ProxyTerminatingEndpoints, GA 1.28).
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

/** Where a TCP connection to ip:port from inside the cluster (or a node) ends up. */
export function route(net: ClusterNetwork, ip: string, port: number, opts: { fromHost?: boolean } = {}): Destination | { failure: ConnectFailure } {
  const svc = opts.fromHost ? undefined : net.serviceByClusterIP(ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p: ServicePortSpec) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return { failure: 'timeout' };
    return pickEndpoint(net, svc, sp);
  }
  const node = net.nodeByIP(ip);
  if (node) {
    for (const s of net.services.list()) {
      const type = s.spec?.type;
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      const byNodePort = (s.spec?.ports ?? []).find((p: ServicePortSpec) => p.nodePort === port);
      if (byNodePort) return pickEndpoint(net, s, byNodePort);
      if (type === 'LoadBalancer' && lbIngressIPs(s).includes(ip)) {
        const sp = (s.spec?.ports ?? []).find((p: ServicePortSpec) => p.port === port);
        if (sp) return pickEndpoint(net, s, sp);
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

export function pickEndpoint(net: ClusterNetwork, svc: KubeObject, sp: ServicePortSpec): Destination | { failure: ConnectFailure } {
  const ready: { ip: string; port: number }[] = [];
  const serving: { ip: string; port: number }[] = [];
  for (const s of net.slicesOf(svc)) {
    const p = (s.ports ?? []).find((x: { name?: string }) => (x.name ?? '') === (sp.name ?? ''));
    if (!p) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses?.[0];
      if (!ip) continue;
      if (e.conditions?.ready !== false) ready.push({ ip, port: p.port });
      else if (e.conditions?.serving && e.conditions?.terminating) serving.push({ ip, port: p.port });
    }
  }
  const pool = ready.length ? ready : serving;
  if (!pool.length) return { failure: 'refused' };
  let chosen = pool[pool.length - 1];
  for (let i = 0; i < pool.length - 1; i++) {
    if (net.random.next() < 1 / (pool.length - i)) {
      chosen = pool[i];
      break;
    }
  }
  return { pod: net.podByIP(chosen.ip), podIP: chosen.ip, port: chosen.port, service: svc };
}
