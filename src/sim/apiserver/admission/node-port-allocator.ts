/**
 * NodePort allocation (pkg/registry/core/service/portallocator, --service-node-port-range 30000-32767):
 * ports of NodePort and LoadBalancer Services without a nodePort get a random free one, picked above the
 * static band (min(max(16, size/32), 128) ports) first, like the ClusterIP allocator. A requested port must be
 * in range and free. An update keeps the node ports of ports it still has; a switch to ClusterIP drops them.
 */
import type { ServerContext } from '../context';
import type { FieldError } from '../validation';
import type { KubeObject } from '../types';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1;
const STATIC_BAND = Math.min(Math.max(16, Math.floor(SIZE / 32)), 128);

interface ServicePort {
  name?: string;
  port?: number;
  protocol?: string;
  nodePort?: number;
}

function used(ctx: ServerContext, except?: KubeObject): Set<number> {
  const s = new Set<number>();
  for (const svc of ctx.store.list('/services')) {
    if (except && svc.metadata.uid === except.metadata.uid) continue;
    for (const p of (svc.spec?.ports ?? []) as ServicePort[]) if (p.nodePort) s.add(p.nodePort);
    if (svc.spec?.healthCheckNodePort) s.add(svc.spec.healthCheckNodePort);
  }
  return s;
}

function pick(ctx: ServerContext, taken: Set<number>): number | undefined {
  const bands: [number, number][] = [
    [STATIC_BAND, SIZE - 1],
    [0, STATIC_BAND - 1],
  ];
  for (const [lo, hi] of bands) {
    const span = hi - lo + 1;
    const start = ctx.random.int(span);
    for (let i = 0; i < span; i++) {
      const p = NODE_PORT_MIN + lo + ((start + i) % span);
      if (!taken.has(p)) return p;
    }
  }
  return undefined;
}

export function allocateNodePorts(ctx: ServerContext, svc: KubeObject, old?: KubeObject): FieldError[] {
  const spec = (svc.spec ??= {});
  const ports = (spec.ports ?? []) as ServicePort[];
  const wants = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (!wants) {
    if (spec.type !== 'LoadBalancer') for (const p of ports) delete p.nodePort;
    return [];
  }
  const taken = used(ctx, old);
  const errs: FieldError[] = [];
  const oldPorts = (old?.spec?.ports ?? []) as ServicePort[];
  ports.forEach((p, i) => {
    if (!p.nodePort && old) {
      const prev = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
    if (p.nodePort) {
      const keeps = oldPorts.some((o) => o.nodePort === p.nodePort);
      if (!keeps) {
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
          errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, value: p.nodePort, message: `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` });
          return;
        }
        if (taken.has(p.nodePort)) {
          errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, value: p.nodePort, message: `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated` });
          return;
        }
      }
      taken.add(p.nodePort);
      return;
    }
    const n = pick(ctx, taken);
    if (n === undefined) {
      errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `spec.ports[${i}].nodePort: Internal error: failed to allocate a nodePort: range is full` });
      return;
    }
    p.nodePort = n;
    taken.add(n);
  });
  return errs;
}
