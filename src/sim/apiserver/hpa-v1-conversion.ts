/**
 * autoscaling/v1 HorizontalPodAutoscalers over the autoscaling/v2 storage (pkg/apis/autoscaling/v1/conversion.go,
 * v1/defaults.go, annotations.go and helpers.go DropRoundTripHorizontalPodAutoscalerAnnotations, v1.31):
 * - v1 spec.targetCPUUtilizationPercentage ↔ a `Resource` cpu metric with a `Utilization` target; a v1 object
 *   without one and without other metrics gets the v2 default (cpu, 80 %), as conversion does it explicitly;
 * - v1 status.currentCPUUtilizationPercentage ↔ the cpu entry of status.currentMetrics;
 * - what v1 cannot express travels in annotations, in the v1 JSON shapes (Go struct field order, compact):
 *   `autoscaling.alpha.kubernetes.io/metrics` (the other metric specs), `…/current-metrics` (every current
 *   metric, the cpu one included, "to save the raw value"), `…/conditions` and `…/behavior` (the internal Go
 *   type marshalled without json tags, so Go field names: {"ScaleUp":{"StabilizationWindowSeconds":…}});
 * - on the way in, malformed annotations are ignored and all four are dropped after conversion; on the way out,
 *   annotations a client stored under those names are dropped before the server's are written.
 * v1 defaulting (minReplicas 1) runs on the v1 body before conversion.
 */
import type { KubeObject } from './types';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];
const DEFAULT_CPU_UTILIZATION = 80;

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: J | undefined, k: string) => isObj(o) && o[k] !== undefined && o[k] !== null;
/** A non-pointer resource.Quantity: the zero value marshals as "0". */
const qty = (o: J | undefined, k: string) => (has(o, k) ? o![k] : '0');
/** Copies the keys present (in the order given) from `src` under new names. */
function pick(out: J, src: J | undefined, pairs: [string, string][]): J {
  for (const [to, from] of pairs) if (has(src, from)) out[to] = src![from];
  return out;
}

const ref = (r: J | undefined): J => pick({ kind: r?.kind ?? '', name: r?.name ?? '' }, r, [['apiVersion', 'apiVersion']]);

function dropRoundTrip(o: KubeObject): void {
  const a = o.metadata?.annotations;
  if (!isObj(a) || !ROUND_TRIP.some((k) => k in a)) return;
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (!ROUND_TRIP.includes(k)) rest[k] = v as string;
  if (Object.keys(rest).length) o.metadata.annotations = rest;
  else delete o.metadata.annotations;
}

function annotate(o: KubeObject, key: string, value: unknown): void {
  o.metadata = { ...(o.metadata ?? {}) };
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [key]: goJson(value) };
}

/** encoding/json output: compact, with <, > and & escaped as Go's HTML-safe encoder does. */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseAnnotation(o: KubeObject, key: string): unknown {
  const raw = o.metadata?.annotations?.[key];
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined; // malformed: ignored (kubernetes#89963)
  }
}

const isCpuUtilization = (m: J) => m?.type === 'Resource' && m.resource?.name === 'cpu' && has(m.resource?.target, 'averageUtilization');

function metricIdentifier(src: J | undefined, nameKey = 'metricName', selectorKey = 'selector'): J {
  return pick({ name: src?.[nameKey] ?? '' }, src, [['selector', selectorKey]]);
}

// ---- metric specs

function specToV1(m: J): J {
  const out: J = { type: m.type ?? '' };
  if (isObj(m.object)) {
    const s = m.object;
    const v: J = { target: ref(s.describedObject), metricName: s.metric?.name ?? '', targetValue: qty(s.target, 'value') };
    pick(v, s.metric, [['selector', 'selector']]);
    out.object = pick(v, s.target, [['averageValue', 'averageValue']]);
  }
  if (isObj(m.pods)) {
    const s = m.pods;
    out.pods = pick({ metricName: s.metric?.name ?? '', targetAverageValue: qty(s.target, 'averageValue') }, s.metric, [['selector', 'selector']]);
  }
  if (isObj(m.resource)) {
    const s = m.resource;
    out.resource = pick({ name: s.name ?? '' }, s.target, [['targetAverageUtilization', 'averageUtilization'], ['targetAverageValue', 'averageValue']]);
  }
  if (isObj(m.containerResource)) {
    const s = m.containerResource;
    const v = pick({ name: s.name ?? '' }, s.target, [['targetAverageUtilization', 'averageUtilization'], ['targetAverageValue', 'averageValue']]);
    v.container = s.container ?? '';
    out.containerResource = v;
  }
  if (isObj(m.external)) {
    const s = m.external;
    const v = pick({ metricName: s.metric?.name ?? '' }, s.metric, [['metricSelector', 'selector']]);
    out.external = pick(v, s.target, [['targetValue', 'value'], ['targetAverageValue', 'averageValue']]);
  }
  return out;
}

function resourceTargetFromV1(s: J): J {
  const t: J = { type: has(s, 'targetAverageUtilization') ? 'Utilization' : 'AverageValue' };
  return pick(t, s, [['averageUtilization', 'targetAverageUtilization'], ['averageValue', 'targetAverageValue']]);
}

function specFromV1(m: J): J {
  const out: J = { type: m?.type ?? '' };
  if (isObj(m.object)) {
    const s = m.object;
    const target = pick({ type: has(s, 'averageValue') ? 'AverageValue' : 'Value', value: qty(s, 'targetValue') }, s, [['averageValue', 'averageValue']]);
    out.object = { describedObject: ref(s.target), target, metric: metricIdentifier(s) };
  }
  if (isObj(m.pods)) {
    const s = m.pods;
    out.pods = { metric: metricIdentifier(s), target: { type: 'AverageValue', averageValue: qty(s, 'targetAverageValue') } };
  }
  if (isObj(m.resource)) out.resource = { name: m.resource.name ?? '', target: resourceTargetFromV1(m.resource) };
  if (isObj(m.containerResource)) {
    const s = m.containerResource;
    out.containerResource = { name: s.name ?? '', target: resourceTargetFromV1(s), container: s.container ?? '' };
  }
  if (isObj(m.external)) {
    const s = m.external;
    const target = pick({ type: has(s, 'targetValue') ? 'Value' : 'AverageValue' }, s, [['value', 'targetValue'], ['averageValue', 'targetAverageValue']]);
    out.external = { metric: metricIdentifier(s, 'metricName', 'metricSelector'), target };
  }
  return out;
}

// ---- metric statuses

function statusToV1(m: J): J {
  const out: J = { type: m.type ?? '' };
  if (isObj(m.object)) {
    const s = m.object;
    const v: J = { target: ref(s.describedObject), metricName: s.metric?.name ?? '', currentValue: qty(s.current, 'value') };
    pick(v, s.metric, [['selector', 'selector']]);
    out.object = pick(v, s.current, [['averageValue', 'averageValue']]);
  }
  if (isObj(m.pods)) {
    const s = m.pods;
    out.pods = pick({ metricName: s.metric?.name ?? '', currentAverageValue: qty(s.current, 'averageValue') }, s.metric, [['selector', 'selector']]);
  }
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue;
    const s = m[key];
    const v = pick({ name: s.name ?? '' }, s.current, [['currentAverageUtilization', 'averageUtilization']]);
    v.currentAverageValue = qty(s.current, 'averageValue');
    if (key === 'containerResource') v.container = s.container ?? '';
    out[key] = v;
  }
  if (isObj(m.external)) {
    const s = m.external;
    const v = pick({ metricName: s.metric?.name ?? '' }, s.metric, [['metricSelector', 'selector']]);
    v.currentValue = qty(s.current, 'value');
    out.external = pick(v, s.current, [['currentAverageValue', 'averageValue']]);
  }
  return out;
}

function statusFromV1(m: J): J {
  const out: J = { type: m?.type ?? '' };
  if (isObj(m.object)) {
    const s = m.object;
    out.object = { metric: metricIdentifier(s), current: pick({ value: qty(s, 'currentValue') }, s, [['averageValue', 'averageValue']]), describedObject: ref(s.target) };
  }
  if (isObj(m.pods)) out.pods = { metric: metricIdentifier(m.pods), current: { averageValue: qty(m.pods, 'currentAverageValue') } };
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue;
    const s = m[key];
    const v: J = { name: s.name ?? '' };
    if (key === 'containerResource') v.container = s.container ?? '';
    v.current = pick({ averageValue: qty(s, 'currentAverageValue') }, s, [['averageUtilization', 'currentAverageUtilization']]);
    out[key] = v;
  }
  if (isObj(m.external)) {
    const s = m.external;
    out.external = { metric: metricIdentifier(s, 'metricName', 'metricSelector'), current: pick({ value: qty(s, 'currentValue') }, s, [['averageValue', 'currentAverageValue']]) };
  }
  return out;
}

// ---- behavior: the internal type without json tags (Go field names; nil pointers and slices as null)

function rulesToGo(r: unknown): J | null {
  if (!isObj(r)) return null;
  return {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: Array.isArray(r.policies) ? r.policies.map((p: J) => ({ Type: p?.type ?? '', Value: p?.value ?? 0, PeriodSeconds: p?.periodSeconds ?? 0 })) : null,
  };
}

/** encoding/json matches keys case-insensitively when no exact match exists. */
function field(o: J, name: string): unknown {
  if (name in o) return o[name];
  const k = Object.keys(o).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : o[k];
}

function rulesFromGo(r: unknown): J | undefined {
  if (!isObj(r)) return undefined;
  const out: J = {};
  const w = field(r, 'StabilizationWindowSeconds');
  if (w !== undefined && w !== null) out.stabilizationWindowSeconds = w;
  const sp = field(r, 'SelectPolicy');
  if (sp !== undefined && sp !== null) out.selectPolicy = sp;
  const ps = field(r, 'Policies');
  if (Array.isArray(ps)) out.policies = ps.map((p) => (isObj(p) ? { type: field(p, 'Type') ?? '', value: field(p, 'Value') ?? 0, periodSeconds: field(p, 'PeriodSeconds') ?? 0 } : { type: '', value: 0, periodSeconds: 0 }));
  return out;
}

// ---- the objects

/** Stored (v2) HPA → its autoscaling/v1 representation. */
export function hpaToV1(stored: KubeObject): KubeObject {
  const out: KubeObject = { ...stored, metadata: { ...(stored.metadata ?? {}) } };
  out.apiVersion = 'autoscaling/v1';
  dropRoundTrip(out);
  const spec: J = isObj(stored.spec) ? stored.spec : {};
  const status: J = isObj(stored.status) ? stored.status : {};
  const metrics: J[] = Array.isArray(spec.metrics) ? spec.metrics : [];

  const v1spec: J = { scaleTargetRef: ref(spec.scaleTargetRef) };
  if (has(spec, 'minReplicas')) v1spec.minReplicas = spec.minReplicas;
  v1spec.maxReplicas = spec.maxReplicas ?? 0;
  // the first cpu Resource metric decides (the loop breaks there, with or without a utilization target)
  const cpu = metrics.find((m) => m?.type === 'Resource' && m.resource?.name === 'cpu');
  if (cpu && has(cpu.resource?.target, 'averageUtilization')) v1spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  out.spec = v1spec;

  // a struct in v1, so always serialised: currentReplicas and desiredReplicas print as 0 before the first sync
  const v1status = pick({}, status, [['observedGeneration', 'observedGeneration'], ['lastScaleTime', 'lastScaleTime']]);
  v1status.currentReplicas = status.currentReplicas ?? 0;
  v1status.desiredReplicas = status.desiredReplicas ?? 0;
  const current: J[] = Array.isArray(status.currentMetrics) ? status.currentMetrics : [];
  for (const m of current) {
    // no break here: the last cpu utilization wins
    if (m?.type === 'Resource' && m.resource?.name === 'cpu' && has(m.resource?.current, 'averageUtilization')) v1status.currentCPUUtilizationPercentage = m.resource.current.averageUtilization;
  }
  out.status = v1status;

  const others = metrics.filter((m) => !isCpuUtilization(m)).map(specToV1);
  if (others.length) annotate(out, METRIC_SPECS_ANNOTATION, others);
  if (current.length) annotate(out, METRIC_STATUSES_ANNOTATION, current.map(statusToV1));
  if (isObj(spec.behavior)) annotate(out, BEHAVIOR_ANNOTATION, { ScaleUp: rulesToGo(spec.behavior.scaleUp), ScaleDown: rulesToGo(spec.behavior.scaleDown) });
  const conditions: J[] = Array.isArray(status.conditions) ? status.conditions : [];
  if (conditions.length) {
    annotate(
      out,
      CONDITIONS_ANNOTATION,
      conditions.map((c) => pick({ type: c.type ?? '', status: c.status ?? '', lastTransitionTime: c.lastTransitionTime ?? null }, c, [['reason', 'reason'], ['message', 'message']])),
    );
  }
  return out;
}

/** An autoscaling/v1 HPA (a request body) → the stored v2 shape, v1 defaults applied first. */
export function hpaFromV1(v1: KubeObject): KubeObject {
  const out: KubeObject = { ...v1, metadata: { ...(v1.metadata ?? {}) } };
  out.apiVersion = 'autoscaling/v2';
  const spec: J = isObj(v1.spec) ? v1.spec : {};
  const status: J | undefined = isObj(v1.status) ? v1.status : undefined;

  const v2spec: J = { scaleTargetRef: ref(spec.scaleTargetRef) };
  v2spec.minReplicas = has(spec, 'minReplicas') ? spec.minReplicas : 1; // SetDefaults_HorizontalPodAutoscaler
  v2spec.maxReplicas = spec.maxReplicas ?? 0;
  let metrics: J[] = [];
  if (has(spec, 'targetCPUUtilizationPercentage')) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  const other = parseAnnotation(v1, METRIC_SPECS_ANNOTATION);
  // the other metrics first, the cpu target the spec conversion produced last
  if (Array.isArray(other)) metrics = [...other.map((m) => specFromV1(isObj(m) ? m : {})), ...metrics];
  const behavior = parseAnnotation(v1, BEHAVIOR_ANNOTATION);
  if (isObj(behavior)) {
    const b: J = {};
    const up = rulesFromGo(field(behavior, 'ScaleUp'));
    const down = rulesFromGo(field(behavior, 'ScaleDown'));
    if (up) b.scaleUp = up;
    if (down) b.scaleDown = down;
    // only a well-formed, non-zero behavior moves to the field
    if (up || down) v2spec.behavior = b;
  }
  if (!metrics.length) metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  v2spec.metrics = metrics;
  out.spec = v2spec;

  const v2status: J = pick({}, status, [['observedGeneration', 'observedGeneration'], ['lastScaleTime', 'lastScaleTime']]);
  v2status.currentReplicas = status?.currentReplicas ?? 0;
  v2status.desiredReplicas = status?.desiredReplicas ?? 0;
  if (has(status, 'currentCPUUtilizationPercentage')) {
    v2status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status!.currentCPUUtilizationPercentage } } }];
  }
  const current = parseAnnotation(v1, METRIC_STATUSES_ANNOTATION);
  // "the ones here have more information"
  if (Array.isArray(current)) v2status.currentMetrics = current.map((m) => statusFromV1(isObj(m) ? m : {}));
  const conditions = parseAnnotation(v1, CONDITIONS_ANNOTATION);
  if (Array.isArray(conditions)) v2status.conditions = conditions.filter(isObj).map((c) => pick({ type: c.type ?? '', status: c.status ?? '' }, c, [['lastTransitionTime', 'lastTransitionTime'], ['reason', 'reason'], ['message', 'message']]));
  out.status = v2status;
  dropRoundTrip(out);
  return out;
}
