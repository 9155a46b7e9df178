/**
 * Validation of networking.k8s.io/v1 Ingress (pkg/apis/networking/validation/validation.go: paths, pathType,
 * backends, hosts) and the name rules of the remaining kinds (RBAC names are path segments).
 */
import type { KubeObject } from '../types';
import { child, forbidden, index, invalid, notSupported, required } from './field';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNSSubdomain, nameIsPathSegment } from './names';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function validateBackend(b: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const svc = b?.service;
  if (!svc && !b?.resource) return [invalid(path, '', 'one backend (service or resource) must be specified')];
  if (svc) {
    if (!svc.name) errs.push(required(child(path, 'service', 'name'), ''));
    else for (const m of isDNS1123Label(String(svc.name))) errs.push(invalid(child(path, 'service', 'name'), svc.name, m));
    const port = svc.port ?? {};
    const pp = child(path, 'service', 'port');
    if (port.name && port.number) errs.push(invalid(pp, '', 'cannot set both port name & port number'));
    else if (port.name) for (const m of isValidPortName(String(port.name))) errs.push(invalid(child(pp, 'name'), port.name, m));
    else if (port.number) for (const m of isValidPortNum(port.number)) errs.push(invalid(child(pp, 'number'), port.number, m));
    else errs.push(invalid(pp, '', 'port name or number is required'));
  }
  return errs;
}

export function validateIngress(ing: KubeObject): FieldError[] {
  const spec = ing.spec ?? {};
  const errs = [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain)];
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  else if (arr(spec.rules).length === 0) errs.push(invalid('spec.rules', goRules(), 'either `defaultBackend` or `rules` must be specified'));
  arr(spec.rules).forEach((r, i) => {
    const rp = index('spec.rules', i);
    if (r?.host) {
      const host = String(r.host).startsWith('*.') ? `a${String(r.host).slice(1)}` : String(r.host);
      for (const m of isDNS1123Subdomain(host)) errs.push(invalid(child(rp, 'host'), r.host, m));
    }
    if (!r?.http) return;
    const paths = arr(r.http.paths);
    if (paths.length === 0) errs.push(required(child(rp, 'http', 'paths'), ''));
    paths.forEach((p, j) => {
      const pp = index(child(rp, 'http', 'paths'), j);
      if (!p?.pathType) errs.push(required(child(pp, 'pathType'), 'pathType must be specified'));
      else if (!['Exact', 'ImplementationSpecific', 'Prefix'].includes(p.pathType)) errs.push(notSupported(child(pp, 'pathType'), p.pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
      if ((p?.pathType === 'Exact' || p?.pathType === 'Prefix') && !String(p?.path ?? '').startsWith('/')) errs.push(invalid(child(pp, 'path'), p?.path ?? '', 'must be an absolute path'));
      errs.push(...validateBackend(p?.backend, child(pp, 'backend')));
    });
  });
  return errs;
}

function goRules() {
  return { go: '[]networking.IngressRule(nil)' };
}

export const validateRbacObject = (o: KubeObject, namespaced: boolean) => {
  const errs = validateObjectMeta(o.metadata, namespaced, nameIsPathSegment);
  if (o.roleRef !== undefined) {
    if (!o.roleRef?.name) errs.push(required('roleRef.name', ''));
    if (o.roleRef?.kind !== 'Role' && o.roleRef?.kind !== 'ClusterRole') errs.push(notSupported('roleRef.kind', o.roleRef?.kind ?? '', namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole']));
    arr(o.subjects).forEach((s, i) => {
      const sp = index('subjects', i);
      if (!s?.name) errs.push(required(child(sp, 'name'), ''));
      if (!['ServiceAccount', 'User', 'Group'].includes(s?.kind)) errs.push(notSupported(child(sp, 'kind'), s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    });
  }
  return errs;
};

export const validateGeneric = (o: KubeObject, namespaced: boolean) => validateObjectMeta(o.metadata, namespaced, nameIsDNSSubdomain);

/**
 * HorizontalPodAutoscaler (pkg/apis/autoscaling/validation/validation.go): replica bounds and the scale
 * target reference (HPAScaleToZero is off, so minReplicas must be at least 1).
 */
export function validateHPA(hpa: KubeObject): FieldError[] {
  const spec = hpa.spec ?? {};
  const errs = validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain);
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  if (!(spec.maxReplicas >= 1)) errs.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas < spec.minReplicas) errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind', ''));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name', ''));
  const pct = spec.targetCPUUtilizationPercentage;
  if (pct != null && pct < 1) errs.push(invalid('spec.targetCPUUtilizationPercentage', pct, 'must be greater than 0'));
  arr(spec.metrics).forEach((m, i) => {
    const mp = index('spec.metrics', i);
    const types = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'];
    if (!m?.type) errs.push(required(child(mp, 'type'), 'must specify a metric source type'));
    else if (!types.includes(m.type)) errs.push(notSupported(child(mp, 'type'), m.type, types));
    if (m?.type === 'Resource') {
      const t = m.resource?.target ?? {};
      if (!m.resource?.name) errs.push(required(child(mp, 'resource', 'name'), 'must specify a resource name'));
      if (t.type === 'Utilization' && !(t.averageUtilization > 0)) errs.push(invalid(child(mp, 'resource', 'target', 'averageUtilization'), t.averageUtilization ?? 0, 'must be greater than 0'));
    }
  });
  return errs;
}

/** PodDisruptionBudget (pkg/apis/policy/validation): one of minAvailable/maxUnavailable, valid int-or-percent. */
export function validatePDB(pdb: KubeObject): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs = validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain);
  if (spec.minAvailable != null && spec.maxUnavailable != null) errs.push(invalid('spec', { go: 'policy.PodDisruptionBudgetSpec{…}' }, 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = spec[f];
    if (typeof v === 'number' && v < 0) errs.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
    if (typeof v === 'string') {
      const m = /^(\d+)%$/.exec(v);
      if (!m) errs.push(invalid(`spec.${f}`, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (Number(m[1]) > 100) errs.push(invalid(`spec.${f}`, v, 'must not be greater than 100%'));
    }
  }
  return errs;
}

/** The classes a `system-` name may take, with their values (pkg/apis/scheduling/helpers.go). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/**
 * PriorityClass (pkg/apis/scheduling/validation/validation.go): `system-` names reserved for the known classes,
 * user values at most 1000000000, preemptionPolicy one of PreemptLowerPriority or Never.
 */
export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = String(pc.metadata.name ?? '');
  const value = Number(pc.value ?? 0);
  if (name.startsWith('system-')) {
    let why: string | undefined;
    if (!(name in SYSTEM_PRIORITY_CLASSES)) why = `${name} is not a known system priority class`;
    else if (SYSTEM_PRIORITY_CLASSES[name] !== value) why = `value of ${name} PriorityClass must be ${SYSTEM_PRIORITY_CLASSES[name]}`;
    else if (pc.globalDefault) why = `globalDefault of ${name} PriorityClass must be false`;
    if (why) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
  } else if (value > 1000000000) errs.push(forbidden('value', 'maximum allowed value of a user defined priority is 1000000000'));
  const policy = pc.preemptionPolicy;
  if (policy !== undefined && policy !== null) {
    if (policy === '') errs.push(required('preemptionPolicy', ''));
    else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') errs.push(notSupported('preemptionPolicy', policy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}
