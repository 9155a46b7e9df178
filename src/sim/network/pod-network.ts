/**
 * The kubelet's PodNetwork hook (src/sim/kubelet/types.ts) backed by the cluster network: what busybox wget and
 * nslookup inside a pod see. Error texts are busybox's (networking/wget.c: "bad address", "can't connect to
 * remote host (IP): Connection refused").
 */
import type { HttpResult } from '../images/process';
import { dnsLookup } from './dns';
import { httpRequest } from './http';
import type { ClusterNetwork } from './view';

export function podNetwork(net: ClusterNetwork): {
  http(fromPodIP: string, url: string): HttpResult | { error: string; waitMs?: number };
  dns(fromNamespace: string, name: string): { server: string; answers: { name: string; address: string }[]; timedOut?: boolean };
} {
  return {
    http(fromPodIP, url) {
      const pod = net.podByIP(fromPodIP);
      const from = pod ? { kind: 'pod' as const, namespace: pod.metadata.namespace!, name: pod.metadata.name! } : { kind: 'node' as const, name: '' };
      const r = httpRequest(net, from, url, { userAgent: 'Wget' });
      if (r.ok) return { status: r.status, statusText: r.statusText, body: r.body, address: r.address };
      // busybox waits out its resolver (5 s × 2 tries) when CoreDNS does not answer
      if (r.failure === 'dns') return r.waitMs ? { error: `wget: bad address '${r.host}'`, waitMs: r.waitMs } : { error: `wget: bad address '${r.host}'` };
      if (r.failure === 'refused') return { error: `wget: can't connect to remote host (${r.ip}): Connection refused` };
      if (r.failure === 'no-route') return { error: `wget: can't connect to remote host (${r.ip}): No route to host`, waitMs: 3000 };
      return { error: `wget: can't connect to remote host (${r.ip}): Connection timed out`, waitMs: r.waitMs };
    },
    dns(fromNamespace, name) {
      const r = dnsLookup(net, fromNamespace, name);
      return r.status === 'TIMEOUT' ? { server: r.server, answers: [], timedOut: true } : { server: r.server, answers: r.answers };
    },
  };
}
