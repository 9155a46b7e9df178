/**
 * ClusterIP allocation for Services (pkg/registry/core/service/ipallocator, k3s --service-cidr 10.43.0.0/16).
 * The allocator offsets dynamic picks above a static band (the first min(max(16, size/16), 256) addresses)
 * so hand-picked IPs such as 10.43.0.10 rarely collide: dynamic IPs come at random from the upper range
 * first (ipallocator bitmap with offset, KEP-3070). 10.43.0.1 is the kubernetes Service and 10.43.0.10 kube-dns.
 * Allocated state is read from the stored Services, so a deleted Service frees its IP.
 */
import type { ServerContext } from '../context';
import type { FieldError } from '../validation';
import type { KubeObject } from '../types';

export const SERVICE_CIDR = '10.43.0.0/16';
const BASE = (10 << 24) | (43 << 16);
const SIZE = 1 << 16;
const STATIC_BAND = Math.min(Math.max(16, SIZE / 16), 256);

export const ipToInt = (ip: string): number | undefined => {
  const p = ip.split('.');
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
};
export const intToIp = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

function allocated(ctx: ServerContext, except?: KubeObject): Set<number> {
  const used = new Set<number>();
  for (const s of ctx.store.list('/services')) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    for (const ip of (s.spec?.clusterIPs ?? [s.spec?.clusterIP]) as (string | undefined)[]) {
      const n = ip && ip !== 'None' ? ipToInt(ip) : undefined;
      if (n !== undefined) used.add(n);
    }
  }
  return used;
}

function inRange(n: number): boolean {
  const off = (n - BASE) >>> 0;
  return off > 0 && off < SIZE - 1;
}

/** Offsets 1..SIZE-2 (network and broadcast addresses excluded). Picks a random free one, upper band first. */
function pickFree(ctx: ServerContext, used: Set<number>): number | undefined {
  const bands: [number, number][] = [
    [STATIC_BAND, SIZE - 2],
    [1, STATIC_BAND - 1],
  ];
  for (const [lo, hi] of bands) {
    const span = hi - lo + 1;
    const start = ctx.random.int(span);
    for (let i = 0; i < span; i++) {
      const n = (BASE + lo + ((start + i) % span)) >>> 0;
      if (!used.has(n)) return n;
    }
  }
  return undefined;
}

/** Allocates on create (and when an update moves away from ExternalName/headless). Returns field errors. */
export function allocateClusterIP(ctx: ServerContext, svc: KubeObject, old?: KubeObject): FieldError[] {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return [];
  }
  // An update that does not mention the IP keeps the allocated one (service REST patchAllocatedValues).
  if (old && !spec.clusterIP && old.spec?.clusterIP) {
    spec.clusterIP = old.spec.clusterIP;
    spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
  }
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
  } else if (spec.clusterIP) {
    if (old && old.spec?.clusterIP === spec.clusterIP) {
      spec.clusterIPs = spec.clusterIPs ?? [spec.clusterIP];
    } else {
      const n = ipToInt(spec.clusterIP);
      if (n === undefined) return [];
      if (!inRange(n)) {
        return [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: [spec.clusterIP], message: `spec.clusterIPs: Invalid value: []string{${JSON.stringify(spec.clusterIP)}}: failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}` }];
      }
      if (allocated(ctx, old).has(n)) {
        return [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: [spec.clusterIP], message: `spec.clusterIPs: Invalid value: []string{${JSON.stringify(spec.clusterIP)}}: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` }];
      }
      spec.clusterIPs = [spec.clusterIP];
    }
  } else {
    const n = pickFree(ctx, allocated(ctx, old));
    if (n === undefined) return [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', message: 'spec.clusterIPs: Internal error: failed to allocate a serviceIP: range is full' }];
    spec.clusterIP = intToIp(n);
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  return [];
}
