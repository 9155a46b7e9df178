/**
 * batch/v1 defaulting (pkg/apis/batch/v1/defaults.go) plus the Job strategy's selector generation on create
 * (pkg/registry/batch/job/strategy.go generateSelector): unless spec.manualSelector is true, the template gets
 * the job-name and controller-uid labels (legacy and batch.kubernetes.io/ forms) and the selector matches
 * batch.kubernetes.io/controller-uid. The Job's own labels are then copied from the template when it has none,
 * which is what a read-back from storage (defaulting again) shows on a real cluster.
 */
import type { KubeObject } from '../types';
import { defaultPodTemplate } from './pod';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_INT32 = 2147483647;

function defaultJobSpec(s: Obj): void {
  if (s.completions == null && s.parallelism == null) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (s.parallelism == null) s.parallelism = 1;
  if (s.backoffLimit == null) s.backoffLimit = s.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  if (!s.completionMode) s.completionMode = 'NonIndexed';
  if (s.suspend == null) s.suspend = false;
  if (isObj(s.podFailurePolicy)) {
    for (const rule of s.podFailurePolicy.rules ?? []) for (const pattern of rule?.onPodConditions ?? []) if (isObj(pattern) && !pattern.status) pattern.status = 'True';
  }
  if (!s.podReplacementPolicy) s.podReplacementPolicy = isObj(s.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
}

/** generateSelector of the Job strategy. Needs metadata.uid, which the API server assigns before defaulting. */
function generateSelector(job: KubeObject): void {
  const s = job.spec;
  if (!isObj(s.template)) s.template = {};
  if (!isObj(s.template.metadata)) s.template.metadata = {};
  const labels: Obj = (s.template.metadata.labels ??= {});
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in labels)) labels[k] = uid;
  if (!isObj(s.selector)) s.selector = {};
  if (!isObj(s.selector.matchLabels)) s.selector.matchLabels = {};
  if (!('batch.kubernetes.io/controller-uid' in s.selector.matchLabels)) s.selector.matchLabels['batch.kubernetes.io/controller-uid'] = uid;
}

export function defaultJob(job: KubeObject, creating: boolean): void {
  if (!isObj(job.spec)) job.spec = {};
  defaultJobSpec(job.spec);
  if (creating && job.spec.manualSelector !== true) generateSelector(job);
  const tl = job.spec.template?.metadata?.labels;
  if (tl && (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0)) job.metadata.labels = { ...tl };
  defaultPodTemplate(job.spec.template ?? (job.spec.template = {}));
}

export function defaultCronJob(cj: KubeObject): void {
  if (!isObj(cj.spec)) cj.spec = {};
  const s = cj.spec;
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  if (s.suspend == null) s.suspend = false;
  if (s.successfulJobsHistoryLimit == null) s.successfulJobsHistoryLimit = 3;
  if (s.failedJobsHistoryLimit == null) s.failedJobsHistoryLimit = 1;
  // The job template is a JobTemplateSpec: only its pod template is defaulted, not the job spec fields.
  if (!isObj(s.jobTemplate)) s.jobTemplate = {};
  s.jobTemplate.metadata = isObj(s.jobTemplate.metadata) ? { creationTimestamp: null, ...s.jobTemplate.metadata } : { creationTimestamp: null };
  if (!isObj(s.jobTemplate.spec)) s.jobTemplate.spec = {};
  defaultPodTemplate(s.jobTemplate.spec.template ?? (s.jobTemplate.spec.template = {}));
}
