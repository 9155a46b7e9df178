/**
 * Ingress (networking.k8s.io/v1) and IngressClass describers (kubectl pkg/describe/describe.go describeIngressV1,
 * describeBackendV1, formatEndpointSlices, ingressLoadBalancerStatusStringerV1, describeIngressClassV1).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, L2, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** What describe looks up for a service backend: its EndpointSlices and the Service, or the error text. */
export type BackendLookup = (namespace: string, service: string) => { slices: KubeObject[]; service: KubeObject } | { error: string };

/** Up to three `ip:port` of the slices' ports named `portName` (every endpoint, ready or not), then `+ N more...`. */
function formatEndpointSlices(slices: KubeObject[], portName: string): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    const ports: Any[] = s.ports ?? [];
    const eps: Any[] = s.endpoints ?? [];
    if (!ports.length) {
      for (const e of eps) {
        if (list.length < 3) list.push(e.addresses?.[0] ?? '');
        count++;
      }
      continue;
    }
    for (const p of ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of eps) {
        const addr: string = e.addresses?.[0] ?? '';
        if (list.length < 3) list.push(`${addr.includes(':') ? `[${addr}]` : addr}:${p.port}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return count > 3 ? `${ret} + ${count - 3} more...` : ret;
}

function describeBackend(ns: string, b: Any, lookup: BackendLookup): string {
  if (b?.service) {
    const port = b.service.port ?? {};
    const sb = `${b.service.name}:${port.number ? port.number : port.name ?? ''}`;
    const found = lookup(ns, b.service.name);
    if ('error' in found) return `${sb} (<error: ${found.error}>)`;
    let spName = '';
    for (const sp of (found.service.spec?.ports ?? []) as Any[]) {
      if (port.number && port.number === sp.port) spName = sp.name ?? '';
      else if (port.name && port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(found.slices, spName)})`;
  }
  if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind ?? ''}, Name: ${b.resource.name ?? ''}`;
  return '';
}

export function describeIngress(ing: KubeObject, lookup: BackendLookup, events: CoreEvent[] | undefined, now: number): string {
  const spec: Any = ing.spec ?? {};
  const ns = ing.metadata.namespace ?? '';
  const addresses = [...new Set(((ing.status?.loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip || i.hostname).filter(Boolean))].sort();
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${ing.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(L0, `Namespace:\t${ns}\n`);
  w.write(L0, `Address:\t${addresses.join(',')}\n`);
  w.write(L0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackend(ns, spec.defaultBackend, lookup) : '<default>';
  w.write(L0, `Default backend:\t${def}\n`);
  if (spec.tls?.length) {
    w.write(L0, 'TLS:\n');
    for (const t of spec.tls as Any[]) {
      const hosts = (t.hosts ?? []).join(',');
      w.write(L1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(L0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(L1, '----\t----\t--------\n');
  let count = 0;
  for (const r of (spec.rules ?? []) as Any[]) {
    if (!r.http) continue;
    count++;
    w.write(L1, `${r.host || '*'}\t\n`);
    for (const p of (r.http.paths ?? []) as Any[]) w.write(L2, `\t${p.path ?? ''} \t${describeBackend(ns, p.backend, lookup)}\n`);
  }
  if (!count) w.write(L1, `*\t*\t${def}\n`);
  annotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeIngressClass(ic: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const spec: Any = ic.spec ?? {};
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${ic.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ic.metadata.labels);
  annotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(L0, `Controller:\t${spec.controller ?? ''}\n`);
  if (spec.parameters) {
    w.write(L0, 'Parameters:\n');
    if (spec.parameters.apiGroup != null) w.write(L1, `APIGroup:\t${spec.parameters.apiGroup}\n`);
    w.write(L1, `Kind:\t${spec.parameters.kind ?? ''}\n`);
    w.write(L1, `Name:\t${spec.parameters.name ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
