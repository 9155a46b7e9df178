/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go, replica_calculator.go),
 * autoscaling/v2 with Resource metrics (cpu, memory; Utilization or AverageValue targets):
 * - every 15 s (--horizontal-pod-autoscaler-sync-period) read the target's scale subresource and the pods' usage
 *   from the resource metrics API (metrics.k8s.io/v1beta1, served by metrics-server);
 * - desired = ceil(ready pods × usage / target), unchanged within the 10 % tolerance, clamped to min/max; scale-up
 *   at most max(4 pods, 100 %) per 15 s, scale-down takes the highest recommendation of the last 300 s
 *   (the default behavior);
 * - conditions AbleToScale / ScalingActive / ScalingLimited and events SuccessfulRescale
 *   "New size: N; reason: cpu resource utilization (percentage of request) above target" with the real texts;
 *   without a metrics API the status reads `<unknown>` and FailedGetResourceMetric explains why.
 */
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../client/informer';
import { gvr, R, resourcePath } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { deepCopy } from './util/owner';
import { isPodReady } from './util/pods';
import { quantityBytes } from './util/storage';

export const HPAS = gvr('autoscaling', 'v2', 'horizontalpodautoscalers');
export const SYNC_PERIOD_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 300_000;

interface Recommendation {
  at: number;
  replicas: number;
}

/** resource.Quantity for CPU in cores ("250m" → 0.25, "12345678n" → 0.012…). */
export function cpuCores(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(n|u|m)?$/.exec(q.trim());
  if (!m) return 0;
  const scale: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3 };
  return Number(m[1]) * (scale[m[2] ?? ''] ?? 1);
}

const quantity = (resource: string, q: string | number | undefined) => (resource === 'cpu' ? cpuCores(q) : quantityBytes(q));
/** resource.NewMilliQuantity(x).String(): whole cores print without a suffix ("1", "250m"). */
const milliString = (milli: number) => (milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`);
const formatQuantity = (resource: string, v: number) => (resource === 'cpu' ? milliString(Math.round(v * 1000)) : formatBytes(v));

function formatBytes(v: number): string {
  for (const [u, f] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (v >= f && Number.isInteger(v / f)) return `${v / f}${u}`;
  return String(Math.round(v));
}

/** A label selector string as the scale subresource reports it (`app=web,tier in (a,b)`). */
export function parseSelector(s: string): ((labels: Record<string, string> | undefined) => boolean) | undefined {
  const parts = s.match(/[^,(]+(\([^)]*\))?/g)?.map((p) => p.trim()).filter(Boolean) ?? [];
  const tests: ((l: Record<string, string>) => boolean)[] = [];
  for (const p of parts) {
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const [, k, op, vals] = m;
      const set = vals.split(',').map((v) => v.trim());
      tests.push((l) => (op === 'in' ? k in l && set.includes(l[k]) : !(k in l) || !set.includes(l[k])));
    } else if ((m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(p))) {
      const [, k, op, v] = m;
      tests.push((l) => (op === '!=' ? l[k] !== v : l[k] === v));
    } else if ((m = /^!(\S+)$/.exec(p))) {
      const k = m[1];
      tests.push((l) => !(k in l));
    } else if (/^\S+$/.test(p)) tests.push((l) => p in l);
    else return undefined;
  }
  return (labels) => tests.every((t) => t(labels ?? {}));
}

export class HorizontalPodAutoscalerController extends QueueController {
  private hpaInformer!: Informer;
  private podInformer!: Informer;
  /** Recent recommendations per HPA, for the scale-down stabilization window. */
  private recommendations = new Map<string, Recommendation[]>();

  constructor(ctx: ControllerContext) {
    super('horizontal-pod-autoscaler', ctx);
  }

  register(): void {
    this.hpaInformer = this.informers.on(HPAS, { add: (h) => this.enqueue(h), update: (o, h) => JSON.stringify(o.spec) !== JSON.stringify(h.spec) && this.enqueue(h) });
    this.podInformer = this.informers.informer(R.pods);
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.hpaInformer.getByName(namespace, name);
    if (!cached) {
      this.recommendations.delete(key);
      return;
    }
    // the next pass, whatever happens in this one
    this.queue.addAfter(key, SYNC_PERIOD_MS);
    const hpa = withKind(deepCopy(cached), 'autoscaling/v2', 'HorizontalPodAutoscaler');
    const now = this.clock.now();
    const nowStr = this.clock.nowRFC3339();
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const group = String(ref.apiVersion ?? 'apps/v1').includes('/') ? String(ref.apiVersion).split('/')[0] : '';
    const resource = `${String(ref.kind ?? '').toLowerCase()}s`;
    const scalePath = resourcePath(gvr(group, 'v1', resource), namespace, ref.name, 'scale');
    const status: Record<string, unknown> = { ...(hpa.status ?? {}) };
    const conds: Record<string, { status: string; reason: string; message: string }> = {};
    const scaleRes = this.client.raw({ method: 'GET', path: scalePath });
    if (scaleRes.status !== 200) {
      const msg = (scaleRes.body as { message?: string })?.message ?? 'not found';
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', msg);
      conds.AbleToScale = { status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${msg}` };
      return this.writeStatus(hpa, status, conds, nowStr);
    }
    const scale = scaleRes.body as KubeObject;
    const current: number = scale.spec?.replicas ?? 0;
    const min: number = hpa.spec?.minReplicas ?? 1;
    const max: number = hpa.spec?.maxReplicas ?? current;
    conds.AbleToScale = { status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" };
    status.currentReplicas = current;

    let desired: number;
    let rescaleReason = '';
    if (current === 0 && min !== 0) {
      // scaling is disabled while the target is scaled to zero
      desired = 0;
      conds.ScalingActive = { status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' };
    } else if (current > max) {
      desired = max;
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < min) {
      desired = min;
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const r = this.computeReplicas(hpa, scale, current);
      status.currentMetrics = r.metrics;
      if ('error' in r) {
        this.recorder.event(hpa, 'Warning', r.reason, r.error);
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get ${r.resource} resource metric value: ${r.error}`);
        conds.ScalingActive = { status: 'False', reason: r.reason, message: `the HPA was unable to compute the replica count: ${r.error}` };
        status.desiredReplicas = status.desiredReplicas ?? 0;
        return this.writeStatus(hpa, status, conds, nowStr);
      }
      conds.ScalingActive = { status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${r.description}` };
      desired = this.normalize(`${namespace}/${name}`, r.replicas, current, min, max, now, conds);
      rescaleReason = desired > current ? `${r.description} above target` : 'All metrics below target';
    }
    status.desiredReplicas = desired;
    if (desired !== current && !(current === 0 && min !== 0)) {
      const res = this.client.raw({ method: 'PUT', path: scalePath, body: { ...scale, spec: { ...scale.spec, replicas: desired } } });
      if (res.status >= 400) {
        const msg = (res.body as { message?: string })?.message ?? '';
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`);
        conds.AbleToScale = { status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${msg}` };
      } else {
        this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
        conds.AbleToScale = { status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` };
        status.lastScaleTime = nowStr;
      }
    } else if (conds.AbleToScale.reason === 'SucceededGetScale') {
      conds.AbleToScale = { status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    }
    this.writeStatus(hpa, status, conds, nowStr);
  }

  /** GetResourceReplicas over the first Resource metric (the spec's default is cpu at 80 % utilization). */
  private computeReplicas(hpa: KubeObject, scale: KubeObject, current: number):
    | { replicas: number; metrics: object[]; description: string }
    | { error: string; reason: string; resource: string; metrics: object[] } {
    const metric = (hpa.spec?.metrics ?? []).find((m: { type: string }) => m.type === 'Resource') ?? { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
    const res: string = metric.resource?.name ?? 'cpu';
    const target = metric.resource?.target ?? {};
    const unknown = [{ type: '' }];
    const fail = (error: string, reason = 'FailedGetResourceMetric') => ({ error, reason, resource: res, metrics: unknown });
    const matches = parseSelector(String(scale.status?.selector ?? ''));
    if (!matches) return fail(`couldn't convert selector into a corresponding internal selector object: ${scale.status?.selector}`, 'InvalidSelector');
    const ns = hpa.metadata.namespace;
    const pods = this.podInformer.list(ns).filter((p) => matches(p.metadata.labels) && !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    const mres = this.client.raw({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`, query: { labelSelector: String(scale.status?.selector ?? '') } });
    if (mres.status !== 200) {
      // client-go's texts for a bare 404 and for the aggregator's plain-text 503 (metrics-server not ready yet)
      const detail =
        mres.status === 404
          ? 'the server could not find the requested resource (get pods.metrics.k8s.io)'
          : mres.status === 503
            ? 'the server is currently unable to handle the request (get pods.metrics.k8s.io)'
            : ((mres.body as { message?: string })?.message ?? 'unknown error');
      return fail(`failed to get ${res} utilization: unable to get metrics for resource ${res}: unable to fetch metrics from resource metrics API: ${detail}`);
    }
    const usage = new Map<string, number>();
    for (const item of (mres.body as { items?: KubeObject[] }).items ?? []) {
      let sum = 0;
      for (const c of item.containers ?? []) sum += quantity(res, c.usage?.[res]);
      usage.set(item.metadata.name!, sum);
    }
    if (!usage.size) return fail(`failed to get ${res} utilization: unable to get metrics for resource ${res}: no metrics returned from resource metrics API`);
    const ready = pods.filter((p) => isPodReady(p));
    const withMetrics = ready.filter((p) => usage.has(p.metadata.name!));
    const missing = pods.filter((p) => !usage.has(p.metadata.name!));
    const unready = pods.filter((p) => !isPodReady(p) && usage.has(p.metadata.name!));
    let totalUsage = 0;
    let totalRequest = 0;
    for (const p of withMetrics) {
      totalUsage += usage.get(p.metadata.name!)!;
      for (const c of p.spec?.containers ?? []) {
        const req = c.resources?.requests?.[res];
        if (req === undefined && target.type === 'Utilization') return fail(`failed to get ${res} utilization: missing request for ${res} in container ${c.name} of Pod ${p.metadata.name}`);
        totalRequest += quantity(res, req);
      }
    }
    const n = withMetrics.length || 1;
    let ratio: number;
    let current_: object;
    let description: string;
    if (target.type === 'Utilization') {
      const utilization = totalRequest ? Math.floor((totalUsage * 100) / totalRequest) : 0;
      ratio = utilization / (target.averageUtilization ?? 80);
      current_ = { averageUtilization: utilization, averageValue: formatQuantity(res, totalUsage / n) };
      description = `${res} resource utilization (percentage of request)`;
    } else {
      const avg = totalUsage / n;
      ratio = avg / quantity(res, target.averageValue);
      current_ = { averageValue: formatQuantity(res, avg) };
      description = `${res} resource`;
    }
    // replica_calculator: unready pods and pods without metrics count as 0 % when scaling up, 100 % down
    if ((missing.length || unready.length) && Math.abs(1 - ratio) > TOLERANCE) {
      const extra = missing.length + (ratio > 1 ? unready.length : 0);
      const adjusted = ratio > 1 ? (ratio * withMetrics.length) / (withMetrics.length + extra) : (ratio * withMetrics.length + missing.length) / (withMetrics.length + missing.length);
      if (Math.abs(1 - adjusted) <= TOLERANCE || (ratio > 1) !== (adjusted > 1)) ratio = 1;
      else ratio = adjusted;
      const replicas = Math.abs(1 - ratio) <= TOLERANCE ? current : Math.ceil(ratio * (withMetrics.length + extra));
      return { replicas, metrics: [{ type: 'Resource', resource: { name: res, current: current_ } }], description };
    }
    const replicas = Math.abs(1 - ratio) <= TOLERANCE ? current : Math.ceil(ratio * withMetrics.length);
    return { replicas, metrics: [{ type: 'Resource', resource: { name: res, current: current_ } }], description };
  }

  /** normalizeDesiredReplicasWithBehaviors with the default behavior. */
  private normalize(key: string, proposed: number, current: number, min: number, max: number, now: number, conds: Record<string, { status: string; reason: string; message: string }>): number {
    const recs = (this.recommendations.get(key) ?? []).filter((r) => now - r.at < DOWNSCALE_WINDOW_MS);
    recs.push({ at: now, replicas: proposed });
    this.recommendations.set(key, recs);
    let desired = proposed;
    // scale-down stabilization: the highest recommendation in the window
    if (desired < current) desired = Math.min(current, Math.max(...recs.map((r) => r.replicas)));
    const upLimit = Math.max(current + 4, current * 2);
    conds.ScalingLimited = { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
    if (desired > upLimit) {
      desired = upLimit;
      conds.ScalingLimited = { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
    }
    if (desired > max) {
      desired = max;
      conds.ScalingLimited = { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    } else if (desired < min) {
      desired = min;
      conds.ScalingLimited = { status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    }
    return desired;
  }

  private writeStatus(hpa: KubeObject, status: Record<string, unknown>, conds: Record<string, { status: string; reason: string; message: string }>, now: string): void {
    const old: { type: string; status: string; lastTransitionTime: string }[] = (hpa.status?.conditions ?? []) as never;
    const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
    status.conditions = order
      .filter((t) => conds[t] || old.some((c) => c.type === t))
      .map((t) => {
        const prev = old.find((c) => c.type === t);
        const c = conds[t];
        if (!c) return prev;
        return { type: t, status: c.status, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now, reason: c.reason, message: c.message };
      });
    if (status.desiredReplicas === undefined) status.desiredReplicas = 0;
    if (status.currentReplicas === undefined) status.currentReplicas = 0;
    if (JSON.stringify(status) === JSON.stringify(hpa.status ?? {})) return;
    this.client.updateStatus(HPAS, hpa.metadata.namespace, { ...hpa, status });
  }

  protected override saveState(): unknown {
    return [...this.recommendations];
  }

  protected override loadState(s: unknown): void {
    this.recommendations = new Map((s as [string, Recommendation[]][] | undefined) ?? []);
  }
}
