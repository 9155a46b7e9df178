/**
 * apps/v1 validation (pkg/apis/apps/validation/validation.go): Deployment, ReplicaSet, DaemonSet, StatefulSet —
 * replicas >= 0, selector required and non-empty, selector must match the template labels, template
 * restartPolicy Always, strategy rules, and immutable selectors on update.
 */
import type { KubeObject } from '../types';
import { child, forbidden, goStringMap, invalid, notSupported, required } from './field';
import { goLabelSelector, selectorIsEmpty, selectorMatches, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';
import { nonNegative, validatePodTemplateSpec } from './pod';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** ValidatePodTemplateSpecForReplicaSet (also the shape DaemonSet and StatefulSet use). */
function templateForSelector(spec: any, path: string, owner: 'ReplicaSet' | 'DaemonSet' | 'StatefulSet'): FieldError[] {
  const errs: FieldError[] = [];
  const t = spec?.template;
  if (!t) return [required(child(path, 'template'), '')];
  const labels = t.metadata?.labels;
  if (spec?.selector && !selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid(child(path, 'template', 'metadata', 'labels'), goStringMap(labels ?? null), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, child(path, 'template')));
  const rp = t.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported(child(path, 'template', 'spec', 'restartPolicy'), rp ?? '', ['Always']));
  if (t.spec?.activeDeadlineSeconds != null) errs.push(forbidden(child(path, 'template', 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`));
  return errs;
}

function selectorErrors(spec: any, path: string, emptyMsg: string): FieldError[] {
  if (!spec?.selector) return [required(child(path, 'selector'), '')];
  const errs = validateLabelSelector(spec.selector, child(path, 'selector'));
  if (selectorIsEmpty(spec.selector)) errs.push(invalid(child(path, 'selector'), goLabelSelector(spec.selector), emptyMsg));
  return errs;
}

function intOrPercent(v: unknown): { value: number; percent: boolean } | undefined {
  if (typeof v === 'number') return { value: v, percent: false };
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) return { value: Number(m[1]), percent: true };
    if (/^\d+$/.test(v)) return undefined;
  }
  return undefined;
}

function positiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string' && !/^\d+%$/.test(v)) return [invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  if (typeof v === 'number' && v < 0) return [invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

function validateRollingUpdate(ru: any, path: string): FieldError[] {
  const errs = [...positiveIntOrPercent(ru?.maxUnavailable, child(path, 'maxUnavailable')), ...positiveIntOrPercent(ru?.maxSurge, child(path, 'maxSurge'))];
  const mu = intOrPercent(ru?.maxUnavailable);
  const ms = intOrPercent(ru?.maxSurge);
  if (mu && ms && mu.value === 0 && ms.value === 0) errs.push(invalid(child(path, 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  if (mu?.percent && mu.value > 100) errs.push(invalid(child(path, 'maxUnavailable'), ru.maxUnavailable, 'must not be greater than 100%'));
  return errs;
}

function validateDeploymentStrategy(strategy: any, path: string): FieldError[] {
  switch (strategy?.type) {
    case 'Recreate':
      return strategy.rollingUpdate != null ? [forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return strategy.rollingUpdate == null ? [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')] : validateRollingUpdate(strategy.rollingUpdate, child(path, 'rollingUpdate'));
    default:
      return [notSupported(child(path, 'type'), strategy?.type ?? '', ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeployment(d: KubeObject): FieldError[] {
  const spec = d.spec ?? {};
  const errs = [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain)];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...selectorErrors(spec, 'spec', 'empty selector is invalid for deployment'));
  errs.push(...templateForSelector(spec, 'spec', 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = rs.spec ?? {};
  return [
    ...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain),
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...selectorErrors(spec, 'spec', 'empty selector is invalid for deployment'),
    ...templateForSelector(spec, 'spec', 'ReplicaSet'),
  ];
}

export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const spec = ds.spec ?? {};
  const errs = [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...selectorErrors(spec, 'spec', 'empty selector is invalid for daemonset'), ...templateForSelector(spec, 'spec', 'DaemonSet')];
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const u = spec.updateStrategy ?? {};
  if (u.type === 'RollingUpdate') errs.push(...validateRollingUpdateDaemonSet(u.rollingUpdate, 'spec.updateStrategy.rollingUpdate'));
  else if (u.type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy', u.type ?? '', ['OnDelete', 'RollingUpdate']));
  return errs;
}

function validateRollingUpdateDaemonSet(ru: any, path: string): FieldError[] {
  const errs = [...positiveIntOrPercent(ru?.maxUnavailable, child(path, 'maxUnavailable')), ...positiveIntOrPercent(ru?.maxSurge, child(path, 'maxSurge'))];
  const mu = intOrPercent(ru?.maxUnavailable);
  const ms = intOrPercent(ru?.maxSurge);
  if (mu && ms && mu.value === 0 && ms.value === 0) errs.push(invalid(child(path, 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  return errs;
}

export function validateStatefulSet(ss: KubeObject): FieldError[] {
  const spec = ss.spec ?? {};
  const errs = [...validateObjectMeta(ss.metadata, true, nameIsDNSSubdomain)];
  const pmp = spec.podManagementPolicy;
  if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(notSupported('spec.podManagementPolicy', pmp ?? '', ['OrderedReady', 'Parallel']));
  const u = spec.updateStrategy ?? {};
  if (u.type !== 'RollingUpdate' && u.type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy.type', u.type ?? '', ['OnDelete', 'RollingUpdate']));
  if (u.type === 'OnDelete' && u.rollingUpdate != null) errs.push(invalid('spec.updateStrategy.rollingUpdate', 'OnDelete', "only allowed for updateStrategy 'RollingUpdate'"));
  if (u.type === 'RollingUpdate' && u.rollingUpdate) errs.push(...nonNegative(u.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...selectorErrors(spec, 'spec', 'empty selector is invalid for statefulset'));
  // Claims from volumeClaimTemplates are volumes of every pod: mounts may name them.
  const claims = (spec.volumeClaimTemplates ?? []).map((t: any) => ({ name: t?.metadata?.name, persistentVolumeClaim: { claimName: t?.metadata?.name } }));
  const withClaims = spec.template?.spec ? { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, volumes: [...(spec.template.spec.volumes ?? []), ...claims] } } } : spec;
  errs.push(...templateForSelector(withClaims, 'spec', 'StatefulSet'));
  return errs;
}

/** Updates: the selector of apps/v1 controllers is immutable (ValidateImmutableField). */
export function validateSelectorUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  if (JSON.stringify(sortSel(obj.spec?.selector)) !== JSON.stringify(sortSel(old.spec?.selector))) errs.push(invalid('spec.selector', goLabelSelector(obj.spec?.selector), 'field is immutable'));
  return errs;
}

function sortSel(sel: any): unknown {
  if (!sel) return null;
  return { l: Object.entries(sel.matchLabels ?? {}).sort(), e: sel.matchExpressions ?? [] };
}

/** StatefulSet updates may only touch a few spec fields. */
export function validateStatefulSetUpdate(ss: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(ss.metadata, old.metadata);
  const strip = (s: any) => {
    const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = s ?? {};
    return JSON.stringify(rest, Object.keys(rest).sort());
  };
  if (strip(ss.spec) !== strip(old.spec)) {
    errs.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}
