/**
 * Rows of services, endpoints, endpointslices, ingresses, ingressclasses and networkpolicies (printService,
 * printEndpoints, printEndpointSlice, printIngress in pkg/printers/internalversion/printers.go).
 * The server prints with Wide=true, so a long LoadBalancer EXTERNAL-IP is never cut here.
 */
import type { KubeObject } from '../types';
import { translateTimestampSince } from './duration';
import { formatLabelSelector, formatLabels, listWithMore } from './format';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Printer = (o: KubeObject, nowMs: number) => unknown[];

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata.creationTimestamp, now);

/** Ingress IPs and hostnames, deduplicated and sorted (sets.String.List()), joined by ','. */
function loadBalancerIngress(status: any): string {
  const set = new Set<string>();
  for (const ing of status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    if (ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort().join(',');
}

function serviceExternalIP(svc: KubeObject): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc.status);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(ports: any[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

const services: Printer = (o, now) => {
  const spec = o.spec ?? {};
  const clusterIP = spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>';
  return [o.metadata.name, spec.type ?? '', clusterIP || '<none>', serviceExternalIP(o), portString(spec.ports) || '<none>', age(o, now), formatLabels(spec.selector)];
};

/** formatEndpoints with no port filter: the first 3 ip:port pairs, then ` + N more...`. */
function formatEndpoints(ep: KubeObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        // net.JoinHostPort brackets IPv6 addresses.
        list.push(String(a.ip).includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

const endpoints: Printer = (o, now) => [o.metadata.name, formatEndpoints(o), age(o, now)];

const endpointslices: Printer = (o, now) => {
  const ports: any[] = o.ports ?? [];
  const portList = ports.map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
  const addrs: string[] = [];
  for (const e of o.endpoints ?? []) for (const a of e.addresses ?? []) addrs.push(a);
  return [o.metadata.name, o.addressType ?? '', listWithMore(portList, portList.length, 3, '<unset>'), listWithMore(addrs, addrs.length, 3, '<unset>'), age(o, now)];
};

function formatHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

const ingresses: Printer = (o, now) => [
  o.metadata.name,
  o.spec?.ingressClassName ?? '<none>',
  formatHosts(o.spec?.rules),
  loadBalancerIngress(o.status),
  (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
  age(o, now),
];

const ingressclasses: Printer = (o, now) => {
  const p = o.spec?.parameters;
  let params = '<none>';
  if (p) params = `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}`;
  return [o.metadata.name, o.spec?.controller ?? '', params, age(o, now)];
};

const networkpolicies: Printer = (o, now) => [o.metadata.name, formatLabelSelector(o.spec?.podSelector), age(o, now)];

export const NETWORK_PRINTERS: Record<string, Printer> = {
  services,
  endpoints,
  endpointslices,
  ingresses,
  ingressclasses,
  networkpolicies,
};
