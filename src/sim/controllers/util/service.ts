/**
 * What the Endpoints and EndpointSlice controllers share (pkg/controller/util/endpoint, endpointslice util):
 * which pods belong in endpoints, how a Service port's targetPort resolves on a pod (FindPort), and the
 * last-change-trigger-time tracker (trigger_time_tracker.go: the earliest Ready-transition time of the pods that
 * changed since the last sync, or the Service's creation time when it is new).
 */
import type { KubeObject } from '../../apiserver/types';
import { isPodReady, parseTime, podCondition } from './pods';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
  nodePort?: number;
}

/** ShouldPodBeInEndpoints: has an IP, not terminal, and (unless terminating pods are wanted) not terminating. */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** FindPort (pkg/api/v1/pod/util.go): a named targetPort is looked up among the containers' ports. */
export function findPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  const proto = sp.protocol ?? 'TCP';
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  return undefined;
}

export const isHeadless = (svc: KubeObject) => svc.spec?.clusterIP === 'None';

export { isPodReady };

export class TriggerTimeTracker {
  private state = new Map<string, { pods: Record<string, number>; service: number }>();

  /** Returns the trigger time (ms) to record, or undefined to clear the annotation. */
  compute(key: string, svc: KubeObject, pods: KubeObject[]): number | undefined {
    const prev = this.state.get(key);
    const next: { pods: Record<string, number>; service: number } = { pods: {}, service: parseTime(svc.metadata.creationTimestamp ?? undefined) ?? 0 };
    let min: number | undefined;
    const take = (t: number) => {
      if (t && (min === undefined || t < min)) min = t;
    };
    for (const p of pods) {
      const t = parseTime(podCondition(p, 'Ready')?.lastTransitionTime) ?? 0;
      next.pods[p.metadata.name!] = t;
      if (!prev || prev.pods[p.metadata.name!] !== t) take(t);
    }
    if (!prev || prev.service !== next.service) take(next.service);
    this.state.set(key, next);
    return min;
  }

  forget(key: string): void {
    this.state.delete(key);
  }

  snapshot(): [string, { pods: Record<string, number>; service: number }][] {
    return structuredClone([...this.state]);
  }

  restore(s: [string, { pods: Record<string, number>; service: number }][] | undefined): void {
    this.state = new Map(structuredClone(s ?? []));
  }
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
