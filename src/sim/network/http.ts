/**
 * One HTTP request through the simulated network, for curl/wget on the learner's host, wget/curl inside a pod
 * (busybox), and the lab checks: resolve the host (cluster DNS from a pod; only IPs from the host, which does not
 * use CoreDNS), route the connection through kube-proxy's rules, and let the receiving pod's process answer.
 */
import type { HttpAnswer } from '../images';
import { dnsLookup } from './dns';
import { route, type ConnectFailure } from './proxy';
import { catalogResponder } from './responder';
import { isTraefikPod, traefikAnswer, TRAEFIK_WEB_PORT } from './ingress';
import type { ClusterNetwork } from './view';

export type From = { kind: 'host' } | { kind: 'node'; name: string } | { kind: 'pod'; namespace: string; name: string };

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  userAgent?: string;
}

/** `empty`: a proxy (k3d's serverlb) accepted the connection but its upstream refused: closed without a reply. */
export type HttpFailureKind = 'dns' | ConnectFailure | 'empty';

export interface HttpResponse {
  ok: true;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** `10.43.12.7:80`: the address connected to (before DNAT), as wget and curl -v print it. */
  address: string;
  /** The pod that answered (namespace/name). */
  servedBy: { namespace: string; name: string; ip: string };
}

export interface HttpFailure {
  ok: false;
  failure: HttpFailureKind;
  host: string;
  /** The IP connected to, when the name resolved. */
  ip?: string;
  port: number;
  /** How long the client waits before it gives up (timeouts: the kernel's SYN retries, ~2 min 10 s). */
  waitMs: number;
}

export const CONNECT_TIMEOUT_MS = 130_000;
/** resolv.conf defaults (timeout 5 s, 2 attempts) for each search-path candidate: what a client waits when DNS is down. */
export const DNS_TIMEOUT_MS = 10_000;

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s#]*)/i.exec(raw.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] || '/';
  if (!path.startsWith('/')) path = '/' + path;
  return { scheme, host: m[2].toLowerCase(), port, path };
}

const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h);

function clientIP(net: ClusterNetwork, from: From): string {
  if (from.kind === 'pod') return net.pods.getByName(from.namespace, from.name)?.status?.podIP ?? '10.42.0.1';
  if (from.kind === 'node') {
    const n = net.nodes.getByName(undefined, from.name);
    return (n && net.nodeInternalIP(n)) ?? '10.42.0.1';
  }
  return net.hostGateway;
}

export function httpRequest(net: ClusterNetwork, from: From, url: string, opts: HttpOptions = {}): HttpResponse | HttpFailure {
  const u = parseUrl(url);
  if (!u) return { ok: false, failure: 'dns', host: url, port: 80, waitMs: 0 };
  let ip = u.host;
  if (!isIP(u.host)) {
    if (u.host === 'localhost') ip = '127.0.0.1';
    else if (from.kind === 'host') return { ok: false, failure: 'dns', host: u.host, port: u.port, waitMs: 0 };
    else {
      const ns = from.kind === 'pod' ? from.namespace : 'default';
      const r = dnsLookup(net, ns, u.host);
      const a = r.answers[0];
      if (!a) return { ok: false, failure: 'dns', host: u.host, port: u.port, waitMs: r.status === 'TIMEOUT' ? DNS_TIMEOUT_MS : 0 };
      ip = a.address;
    }
  }
  const fail = (failure: ConnectFailure): HttpFailure => ({ ok: false, failure, host: u.host, ip, port: u.port, waitMs: failure === 'timeout' ? CONNECT_TIMEOUT_MS : 0 });
  let dest;
  if (ip === '127.0.0.1') {
    // loopback inside a pod reaches the pod's own processes; on the host, whatever k3d mapped (not routed here)
    if (from.kind !== 'pod') return fail('refused');
    const self = net.pods.getByName(from.namespace, from.name);
    if (!self) return fail('refused');
    dest = { pod: self, podIP: self.status?.podIP ?? ip, port: u.port };
  } else {
    const client = clientIP(net, from);
    const clientNode = from.kind === 'pod' ? net.pods.getByName(from.namespace, from.name)?.spec?.nodeName : from.kind === 'node' ? from.name : undefined;
    dest = route(net, ip, u.port, { fromHost: from.kind === 'host', clientIP: client, clientNode });
  }
  if ('failure' in dest) return fail(dest.failure);
  const pod = dest.pod;
  if (!pod) return fail('refused');
  const responder = net.responder ?? catalogResponder;
  // The client's Host header (curl -H 'Host: …') wins over the URL's authority, as on the wire.
  const hostHeader = Object.entries(opts.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
  const req = {
    method: opts.method ?? 'GET',
    path: u.path,
    host: hostHeader ?? (u.port === 80 ? u.host : `${u.host}:${u.port}`),
    clientIP: clientIP(net, from),
    userAgent: opts.userAgent,
    headers: opts.headers,
  };
  let answer: HttpAnswer | undefined = responder(pod, dest.port, req, net.clock.now());
  // Traefik listening on its web entrypoint routes by the cluster's Ingresses.
  if (answer && dest.port === TRAEFIK_WEB_PORT && isTraefikPod(pod)) answer = traefikAnswer(net, pod, req, net.clock.now());
  if (!answer) return fail('refused');
  return {
    ok: true,
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
    body: answer.body,
    address: `${ip}:${u.port}`,
    servedBy: { namespace: pod.metadata.namespace!, name: pod.metadata.name!, ip: dest.podIP },
  };
}

/** ICMP echo: pods and nodes answer; a ClusterIP is a virtual IP with no ICMP rules, so it never answers. */
export function ping(net: ClusterNetwork, from: From, host: string): { reachable: boolean; ip?: string; failure?: 'dns' } {
  let ip = host;
  if (!isIP(host)) {
    if (from.kind === 'host') return { reachable: false, failure: 'dns' };
    const a = dnsLookup(net, from.kind === 'pod' ? from.namespace : 'default', host).answers[0];
    if (!a) return { reachable: false, failure: 'dns' };
    ip = a.address;
  }
  if (net.nodeByIP(ip)) return { reachable: true, ip };
  if (from.kind !== 'host' && net.podByIP(ip)) return { reachable: true, ip };
  return { reachable: false, ip };
}
