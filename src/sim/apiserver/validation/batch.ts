/**
 * batch/v1 validation (pkg/apis/batch/validation/validation.go): Job spec counts, the generated selector,
 * template restartPolicy OnFailure/Never, immutable template and selector; CronJob schedule (robfig/cron
 * standard parser texts), concurrencyPolicy, name length, and its job template.
 */
import type { KubeObject } from '../types';
import { child, goStringMap, goValue, invalid, notSupported, required } from './field';
import { goLabelSelector, selectorMatches, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { maxLenError, nameIsDNSSubdomain } from './names';
import { nonNegative, validatePodTemplateSpec } from './pod';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

function validateJobSpec(spec: any, path: string, isTemplate: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec?.parallelism, child(path, 'parallelism')));
  errs.push(...nonNegative(spec?.completions, child(path, 'completions')));
  if (spec?.activeDeadlineSeconds != null && spec.activeDeadlineSeconds <= 0) errs.push(invalid(child(path, 'activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'must be greater than 0'));
  errs.push(...nonNegative(spec?.backoffLimit, child(path, 'backoffLimit')));
  errs.push(...nonNegative(spec?.ttlSecondsAfterFinished, child(path, 'ttlSecondsAfterFinished')));
  const mode = spec?.completionMode;
  if (mode != null && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && spec?.completions == null) errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  if (!isTemplate) {
    if (!spec?.selector) errs.push(required(child(path, 'selector'), ''));
    else {
      errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
      if (!selectorMatches(spec.selector, spec.template?.metadata?.labels)) errs.push(invalid(child(path, 'template', 'metadata', 'labels'), goStringMap(spec.template?.metadata?.labels ?? null), '`selector` does not match template `labels`'));
    }
  } else if (spec?.selector) errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
  errs.push(...validatePodTemplateSpec(spec?.template, child(path, 'template')));
  const rp = spec?.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(child(path, 'template', 'spec', 'restartPolicy'), rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

/** validateGeneratedSelector: unless manualSelector, the selector must be exactly the generated one. */
function validateGeneratedSelector(job: KubeObject): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true) return [];
  const labels = spec.template?.metadata?.labels;
  if (!labels) return [required('spec.template.metadata.labels', '')];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  if (!uid) errs.push(required('metadata.uid', ''));
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) {
    if (labels[k] !== uid) errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), `must be '${k}=${uid}'`));
  }
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) {
    if (labels[k] !== job.metadata.name) errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), `must be '${k}=${job.metadata.name}'`));
  }
  const sel = spec.selector;
  if (!sel) errs.push(required('spec.selector', ''));
  else {
    const ml = sel.matchLabels ?? {};
    const exact = Object.keys(ml).length === 1 && ml['batch.kubernetes.io/controller-uid'] === uid && !(sel.matchExpressions ?? []).length;
    if (!exact) errs.push(invalid('spec.selector', goLabelSelector(sel), '`selector` not auto-generated'));
  }
  return errs;
}

export function validateJob(job: KubeObject): FieldError[] {
  return [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain), ...validateGeneratedSelector(job), ...validateJobSpec(job.spec, 'spec', false)];
}

/** Job updates: the pod template and selector cannot change (suspended jobs may change a few template fields upstream). */
export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  if (JSON.stringify(job.spec?.selector) !== JSON.stringify(old.spec?.selector)) errs.push(invalid('spec.selector', goLabelSelector(job.spec?.selector), 'field is immutable'));
  if (JSON.stringify(job.spec?.template) !== JSON.stringify(old.spec?.template)) errs.push(invalid('spec.template', goValue('core.PodTemplateSpec{…}'), 'field is immutable'));
  if (old.spec?.completions != null && job.spec?.completions !== old.spec.completions && job.spec?.completionMode !== 'Indexed') {
    errs.push(invalid('spec.completions', job.spec?.completions ?? null, 'field is immutable'));
  }
  return errs;
}

/**
 * The standard cron parser of robfig/cron/v3 (ParseStandard): 5 fields or a descriptor (@hourly ...), ranges,
 * steps, lists and month/day names; returns the parser's error text.
 */
export function cronError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.length === 0) return 'empty spec string';
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) return undefined;
  if (s.startsWith('@')) {
    if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s)) return undefined;
    if (s.startsWith('@every ')) return undefined;
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const bounds: [number, number, Record<string, number>?][] = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
    [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
  ];
  for (let i = 0; i < 5; i++) {
    const [min, max, names] = bounds[i];
    for (const expr of fields[i].split(',')) {
      const [rangePart, stepPart, extra] = expr.split('/');
      if (extra !== undefined) return `too many slashes: ${expr}`;
      const num = (t: string): number | string => {
        if (names && t.toLowerCase() in names) return names[t.toLowerCase()];
        if (!/^\d+$/.test(t)) return `failed to parse int from ${t}: strconv.Atoi: parsing ${JSON.stringify(t)}: invalid syntax`;
        return Number(t);
      };
      if (rangePart !== '*' && rangePart !== '?') {
        const lohi = rangePart.split('-');
        if (lohi.length > 2) return `too many hyphens: ${expr}`;
        const lo = num(lohi[0]);
        if (typeof lo === 'string') return lo;
        const hi = lohi.length === 2 ? num(lohi[1]) : lo;
        if (typeof hi === 'string') return hi;
        if (lo < min) return `beginning of range (${lo}) below minimum (${min}): ${expr}`;
        if (hi > max) return `end of range (${hi}) above maximum (${max}): ${expr}`;
        if (lo > hi) return `beginning of range (${lo}) beyond end of range (${hi}): ${expr}`;
      }
      if (stepPart !== undefined) {
        const st = num(stepPart);
        if (typeof st === 'string') return st;
        if (st === 0) return `step of range should be a positive number: ${expr}`;
      }
    }
  }
  return undefined;
}

export function validateCronJob(cj: KubeObject): FieldError[] {
  const spec = cj.spec ?? {};
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain)];
  // The job name gets an 11-character suffix and must stay a valid label value.
  if (typeof cj.metadata.name === 'string' && cj.metadata.name.length > 52) errs.push(invalid('metadata.name', cj.metadata.name, maxLenError(52)));
  if (!spec.schedule) errs.push(required('spec.schedule', ''));
  else {
    const err = cronError(String(spec.schedule));
    if (err) errs.push(invalid('spec.schedule', spec.schedule, err));
    else if (/(^|\s)(CRON_)?TZ=/.test(String(spec.schedule))) errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required('spec.concurrencyPolicy', ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  errs.push(...validateJobSpec(spec.jobTemplate?.spec, 'spec.jobTemplate.spec', true));
  return errs;
}
