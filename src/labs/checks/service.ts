/**
 * `service:` — a Service's type, ports, selector, and how many ready endpoints back it. Endpoints are read
 * from the Endpoints object the endpoints controller keeps (ready addresses only, not notReadyAddresses), or
 * from EndpointSlices labelled kubernetes.io/service-name when no Endpoints object exists.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { R } from '../../sim/client/resources';
import { countOk, countWords, missing, nsOf, nsWords, parseCount, result, type Part } from './common';
import type { CheckKind, EvalContext } from './types';

interface Port {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export async function readyEndpointIPs(ctx: EvalContext, ns: string, name: string): Promise<string[]> {
  const ep = await ctx.objects.get(R.endpoints, ns, name);
  if (ep) {
    const ips = new Set<string>();
    for (const s of ep.subsets ?? []) for (const a of s.addresses ?? []) ips.add(a.ip);
    return [...ips];
  }
  const slices = await ctx.objects.list(R.endpointslices, ns, `kubernetes.io/service-name=${name}`);
  const ips = new Set<string>();
  for (const sl of slices as KubeObject[]) for (const e of sl.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses ?? []) ips.add(a);
  return [...ips];
}

export const serviceCheck: CheckKind = {
  key: 'service',
  subject: 'name',
  fields: { namespace: 'string', exists: 'boolean', type: 'string', port: 'number', targetPort: 'number', nodePort: 'number', selector: 'stringMap', endpoints: 'count' },
  async evaluate(spec, ctx) {
    const name = spec.service as string;
    const ns = nsOf(spec);
    const subject = `service ${name}${nsWords(ns)}`;
    const svc = await ctx.objects.get(R.services, ns, name);
    if (spec.exists === false) return result(subject, [{ pass: !svc, expected: 'no such service', actual: 'it still exists' }]);
    if (!svc) return missing(subject, 'it to exist', `no service named ${name}${nsWords(ns)}`);
    const parts: Part[] = [];
    const ports: Port[] = svc.spec?.ports ?? [];
    const type = svc.spec?.type ?? 'ClusterIP';
    if (typeof spec.type === 'string') parts.push({ pass: type === spec.type, expected: `type ${spec.type}`, actual: `type ${type}` });
    const portList = ports.map((p) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol ?? 'TCP'}`).join(',') || 'no ports';
    if (typeof spec.port === 'number') parts.push({ pass: ports.some((p) => p.port === spec.port), expected: `port ${spec.port}`, actual: `ports ${portList}` });
    if (typeof spec.targetPort === 'number') parts.push({ pass: ports.some((p) => String(p.targetPort ?? p.port) === String(spec.targetPort)), expected: `target port ${spec.targetPort}`, actual: `target ports ${ports.map((p) => p.targetPort ?? p.port).join(',')}` });
    if (typeof spec.nodePort === 'number') parts.push({ pass: ports.some((p) => p.nodePort === spec.nodePort), expected: `node port ${spec.nodePort}`, actual: `ports ${portList}` });
    if (spec.selector && typeof spec.selector === 'object') {
      const want = spec.selector as Record<string, string>;
      const got: Record<string, string> = svc.spec?.selector ?? {};
      const same = Object.keys(want).length === Object.keys(got).length && Object.entries(want).every(([k, v]) => got[k] === String(v));
      const words = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',') || 'none';
      parts.push({ pass: same, expected: `selector ${words(want)}`, actual: `selector ${words(got)}` });
    }
    const c = parseCount(spec.endpoints);
    if (c) {
      const ips = await readyEndpointIPs(ctx, ns, name);
      parts.push({ pass: countOk(c, ips.length), expected: countWords(c, 'ready endpoint'), actual: ips.length ? `${ips.length} (${ips.join(', ')})` : '0 endpoints' });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
