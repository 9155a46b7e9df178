/**
 * The Job controller (pkg/controller/job/job_controller.go, as of 1.31):
 * - pods `<job>-<5 chars>` (Indexed: `<job>-<index>-<5 chars>`) with the batch.kubernetes.io/job-tracking finalizer;
 *   finished pods are first recorded in status.uncountedTerminatedPods, their finalizer removed, then moved into
 *   succeeded/failed (trackJobStatusAndRemoveFinalizers);
 * - parallelism/completions decide how many pods run; failed pods are replaced after an exponential back-off of
 *   10 s · 2^(failures−1), capped at 6 min (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff);
 * - more than backoffLimit failures, or activeDeadlineSeconds passed: FailureTarget, active pods deleted, then
 *   Failed once no pod is left running; reaching completions: SuccessCriteriaMet, then Complete
 *   ("Reached expected number of succeeded pods", reason CompletionsReached), completionTime, event Completed
 *   "Job completed". With JobPodReplacementPolicy (beta, on) status.terminating counts terminating pods.
 */
import type { KubeObject } from '../apiserver/types';
import { ApiError, isNotFound } from '../client/client';
import { objectKey, type Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { podFromTemplate } from './replicaset';
import { Expectations, type ExpectationsSnapshot } from './util/expectations';
import { controllerRef, deepCopy } from './util/owner';
import { isPodReady, parseTime, rankPodsForDeletion } from './util/pods';
import { selectorMatches } from './util/selector';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 6 * 60_000;

interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

const condition = (job: KubeObject, type: string): JobCondition | undefined => (job.status?.conditions ?? []).find((c: JobCondition) => c.type === type && c.status === 'True');

export class JobController extends QueueController {
  readonly expectations: Expectations;
  private jobInformer!: Informer;
  private podInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('job-controller', ctx);
    this.expectations = new Expectations(ctx.clock);
  }

  register(): void {
    this.jobInformer = this.informers.on(R.jobs, {
      add: (j) => this.enqueue(j),
      update: (_o, j) => this.enqueue(j),
      delete: (j) => {
        this.expectations.delete(objectKey(j));
        // pods of a deleted Job still carry the tracking finalizer: release them
        this.queue.add(objectKey(j));
      },
    });
    this.podInformer = this.informers.on(R.pods, {
      add: (p) => {
        const j = this.ownerOf(p);
        if (!j) return;
        if (!p.metadata.deletionTimestamp) this.expectations.creationObserved(objectKey(j));
        this.enqueue(j);
      },
      update: (_o, p) => {
        const j = this.ownerOf(p);
        if (j) this.enqueue(j);
        else if (controllerRef(p)?.kind === 'Job' && (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) this.removeTrackingFinalizer(p);
      },
      delete: (p) => {
        const j = this.ownerOf(p);
        if (!j) return;
        this.expectations.deletionObserved(objectKey(j), p.metadata.uid);
        this.enqueue(j);
      },
    });
  }

  private ownerOf(pod: KubeObject): KubeObject | undefined {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const j = this.jobInformer.getByName(pod.metadata.namespace, ref.name);
    return j && j.metadata.uid === ref.uid ? j : undefined;
  }

  sync(key: string): boolean | void {
    return this.syncJob(key);
  }

  syncJob(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.jobInformer.getByName(namespace, name);
    if (!cached) {
      // orphaned tracked pods: drop their finalizers so they can go
      for (const p of this.podInformer.list(namespace)) {
        const ref = controllerRef(p);
        if (ref?.kind === 'Job' && ref.name === name && (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) this.removeTrackingFinalizer(p);
      }
      this.expectations.delete(key);
      return;
    }
    const job = withKind(deepCopy(cached), 'batch/v1', 'Job');
    const pods = this.podInformer.list(namespace).filter((p) => controllerRef(p)?.uid === job.metadata.uid && selectorMatches(job.spec?.selector, p.metadata.labels));
    const now = this.clock.now();
    const nowStr = this.clock.nowRFC3339();
    const status = deepCopy(job.status ?? {});
    const finished = jobFinished(job);

    // 1. account for pods that finished since the last sync
    const counted = new Set([...(status.uncountedTerminatedPods?.succeeded ?? []), ...(status.uncountedTerminatedPods?.failed ?? [])]);
    const newSucceeded: KubeObject[] = [];
    const newFailed: KubeObject[] = [];
    for (const p of pods) {
      if (!(p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER) || counted.has(p.metadata.uid!)) continue;
      if (p.status?.phase === 'Succeeded') newSucceeded.push(p);
      else if (p.status?.phase === 'Failed') newFailed.push(p);
      else if (p.metadata.deletionTimestamp && (finished || condition(job, 'FailureTarget') || condition(job, 'SuccessCriteriaMet'))) newFailed.push(p);
    }
    // podFailurePolicy: Ignore leaves a failure uncounted, FailJob fails the Job at once
    let policyFailure: { reason: string; message: string } | undefined;
    const ignored: KubeObject[] = [];
    const counting: KubeObject[] = [];
    for (const p of newFailed) {
      const m = matchPodFailurePolicy(job, p);
      if (m?.action === 'Ignore') ignored.push(p);
      else {
        counting.push(p);
        if (m?.action === 'FailJob' && !policyFailure) policyFailure = { reason: 'PodFailurePolicy', message: m.message };
      }
    }
    if (newSucceeded.length || counting.length) {
      const u = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
      u.succeeded.push(...newSucceeded.map((p) => p.metadata.uid!));
      u.failed.push(...counting.map((p) => p.metadata.uid!));
      status.uncountedTerminatedPods = u;
      if (policyFailure && !condition(job, 'FailureTarget')) setJobCondition(status, 'FailureTarget', policyFailure.reason, policyFailure.message, nowStr);
      this.writeStatus(job, status);
    }
    for (const p of [...newSucceeded, ...newFailed]) this.removeTrackingFinalizer(p);
    const unc = status.uncountedTerminatedPods ?? {};
    if ((unc.succeeded ?? []).length || (unc.failed ?? []).length) {
      status.succeeded = (status.succeeded ?? 0) + (unc.succeeded ?? []).length;
      status.failed = (status.failed ?? 0) + (unc.failed ?? []).length;
      if (job.spec?.completionMode === 'Indexed') {
        const done = new Set(parseIndexes(status.completedIndexes));
        for (const p of newSucceeded) {
          const i = Number(p.metadata.annotations?.[COMPLETION_INDEX]);
          if (!Number.isNaN(i)) done.add(i);
        }
        status.completedIndexes = formatIndexes([...done]);
      }
      status.uncountedTerminatedPods = {};
    }
    status.uncountedTerminatedPods ??= {};
    if (finished) {
      this.writeStatus(job, this.countPods(status, pods));
      return;
    }

    // 2. start time, suspension
    const suspended = !!job.spec?.suspend;
    if (!status.startTime && !suspended) status.startTime = nowStr;
    this.syncSuspended(job, status, suspended, nowStr);

    const active = pods.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase) && !p.metadata.deletionTimestamp);
    const succeeded = status.succeeded ?? 0;
    const failed = status.failed ?? 0;
    const completions: number | undefined = job.spec?.completions ?? undefined;
    const parallelism: number = job.spec?.parallelism ?? 1;
    const backoffLimit: number = job.spec?.backoffLimit ?? 6;

    // 3. failure and success criteria
    let failure: { reason: string; message: string } | undefined;
    const failureTarget = condition({ ...job, status }, 'FailureTarget');
    if (failureTarget) failure = { reason: failureTarget.reason!, message: failureTarget.message! };
    else if (failed > backoffLimit) failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    else if (job.spec?.activeDeadlineSeconds !== undefined && status.startTime && !suspended) {
      const deadline = (parseTime(status.startTime) ?? now) + job.spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      else this.enqueueAfter(job, deadline - now);
    }
    let success = !!condition(job, 'SuccessCriteriaMet');
    if (!failure && !success) {
      if (completions !== undefined && completions !== null) success = succeeded >= completions;
      else success = succeeded > 0 && active.length === 0;
    }
    if (failure || success) {
      const type = failure ? 'FailureTarget' : 'SuccessCriteriaMet';
      const reason = failure ? failure.reason : 'CompletionsReached';
      const message = failure ? failure.message : 'Reached expected number of succeeded pods';
      if (!condition({ ...job, status }, type)) setJobCondition(status, type, reason, message, nowStr);
      for (const p of active) this.deletePod(job, p);
      const left = pods.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase) && (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER) && !active.includes(p));
      if (!active.length && !left.length) {
        setJobCondition(status, failure ? 'Failed' : 'Complete', reason, message, nowStr);
        if (failure) this.recorder.event(job, 'Warning', reason, message);
        else {
          status.completionTime = nowStr;
          this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
        }
      }
      this.writeStatus(job, this.countPods(status, pods, active.length ? [] : undefined));
      return;
    }

    // 4. manage the active pods
    let err: ApiError | undefined;
    if (this.expectations.satisfied(key)) {
      let want: number;
      if (suspended) want = 0;
      else if (completions !== undefined && completions !== null) want = Math.max(0, Math.min(parallelism, completions - succeeded));
      else want = succeeded > 0 ? active.length : parallelism;
      if (active.length > want) {
        const victims = rankPodsForDeletion(active, active, now).slice(0, active.length - want);
        this.expectations.expectDeletions(key, victims.map((p) => p.metadata.uid!));
        for (const p of victims) this.deletePod(job, p);
      } else if (active.length < want) {
        const wait = this.backoffRemaining(pods, failed, now);
        if (wait > 0) this.enqueueAfter(job, wait);
        else err = this.createPods(job, key, want - active.length, active, parseIndexes(status.completedIndexes));
      }
    }
    this.writeStatus(job, this.countPods(status, pods));
    if (err) return false;
  }

  private syncSuspended(job: KubeObject, status: KubeObject['status'], suspended: boolean, now: string): void {
    const cur = (status.conditions ?? []).find((c: JobCondition) => c.type === 'Suspended');
    if (suspended && cur?.status !== 'True') setJobCondition(status, 'Suspended', 'JobSuspended', 'Job suspended', now);
    else if (!suspended && cur?.status === 'True') {
      cur.status = 'False';
      cur.reason = 'JobResumed';
      cur.message = 'Job resumed';
      cur.lastTransitionTime = now;
      cur.lastProbeTime = now;
      status.startTime = now;
    }
    void job;
  }

  /** Back-off after failures: 10 s doubling, capped at 6 min, from the newest failure's finish. */
  private backoffRemaining(pods: KubeObject[], failed: number, now: number): number {
    if (failed <= 0) return 0;
    let last = 0;
    for (const p of pods) {
      if (p.status?.phase !== 'Failed') continue;
      for (const cs of p.status?.containerStatuses ?? []) last = Math.max(last, parseTime(cs.state?.terminated?.finishedAt) ?? 0);
      if (!last) last = Math.max(last, parseTime(p.metadata.creationTimestamp ?? undefined) ?? 0);
    }
    if (!last) return 0;
    const delay = Math.min(BACKOFF_BASE_MS * 2 ** (failed - 1), BACKOFF_MAX_MS);
    return Math.max(0, last + delay - now);
  }

  private createPods(job: KubeObject, key: string, n: number, active: KubeObject[], completed: number[]): ApiError | undefined {
    const indexed = job.spec?.completionMode === 'Indexed';
    const indexes: number[] = [];
    if (indexed) {
      const busy = new Set([...completed, ...active.map((p) => Number(p.metadata.annotations?.[COMPLETION_INDEX]))]);
      for (let i = 0; i < (job.spec?.completions ?? 0) && indexes.length < n; i++) if (!busy.has(i)) indexes.push(i);
      n = indexes.length;
    }
    this.expectations.expectCreations(key, n);
    let created = 0;
    let err: ApiError | undefined;
    let batch = Math.min(n, 1);
    let remaining = n;
    while (batch > 0 && !err) {
      for (let i = 0; i < batch && !err; i++) {
        const idx = indexed ? indexes[created] : undefined;
        const extra = indexed
          ? { generateName: `${job.metadata.name}-${idx}-`, annotations: { [COMPLETION_INDEX]: String(idx) }, labels: { [COMPLETION_INDEX]: String(idx) } }
          : {};
        const pod = podFromTemplate(job, 'batch/v1', 'Job', extra);
        pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
        pod.metadata.labels = { 'batch.kubernetes.io/controller-uid': job.metadata.uid!, 'batch.kubernetes.io/job-name': job.metadata.name!, 'controller-uid': job.metadata.uid!, 'job-name': job.metadata.name!, ...pod.metadata.labels };
        if (indexed) {
          pod.spec.hostname ??= `${job.metadata.name}-${idx}`;
          pod.spec.subdomain ??= undefined;
          if (pod.spec.subdomain === undefined) delete pod.spec.subdomain;
        }
        try {
          const p = this.client.create(R.pods, job.metadata.namespace, pod);
          created++;
          this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        } catch (e) {
          err = e instanceof ApiError ? e : undefined;
          this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      remaining -= batch;
      batch = Math.min(2 * batch, remaining);
    }
    for (let i = created; i < n; i++) this.expectations.creationObserved(key);
    return err;
  }

  private deletePod(job: KubeObject, p: KubeObject): void {
    if (p.metadata.deletionTimestamp) return;
    try {
      this.client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
      this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private removeTrackingFinalizer(p: KubeObject): void {
    try {
      const fins = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      this.client.patch(R.pods, p.metadata.namespace, p.metadata.name!, 'merge', { metadata: { uid: p.metadata.uid, finalizers: fins.length ? fins : null } });
    } catch {
      /* gone */
    }
  }

  /** active / ready / terminating as the status reports them (zero counters other than ready and terminating are omitted). */
  private countPods(status: KubeObject['status'], pods: KubeObject[], forceActive?: KubeObject[]): KubeObject['status'] {
    const active = forceActive ?? pods.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase) && !p.metadata.deletionTimestamp);
    const s = { ...status };
    if (active.length) s.active = active.length;
    else delete s.active;
    s.ready = active.filter(isPodReady).length;
    s.terminating = pods.filter((p) => p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase)).length;
    if (!s.succeeded) delete s.succeeded;
    if (!s.failed) delete s.failed;
    return s;
  }

  private writeStatus(job: KubeObject, status: KubeObject['status']): void {
    if (JSON.stringify(status) === JSON.stringify(job.status ?? {})) return;
    const updated = this.client.updateStatus(R.jobs, job.metadata.namespace, { ...job, status });
    job.metadata.resourceVersion = updated.metadata.resourceVersion;
    job.status = deepCopy(status);
  }

  protected override saveState(): ExpectationsSnapshot {
    return this.expectations.snapshot();
  }

  protected override loadState(s: unknown): void {
    if (s) this.expectations.restore(s as ExpectationsSnapshot);
  }
}

interface PodFailurePolicyRule {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

/**
 * The first podFailurePolicy rule a failed pod matches (job/pod_failure_policy.go matchPodFailurePolicy), with
 * the condition message the real controller writes for FailJob.
 */
export function matchPodFailurePolicy(job: KubeObject, pod: KubeObject): { action: string; message: string } | undefined {
  const rules: PodFailurePolicyRule[] = job.spec?.podFailurePolicy?.rules ?? [];
  const statuses: { name: string; state?: { terminated?: { exitCode: number } } }[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.onExitCodes) {
      const req = r.onExitCodes;
      for (const cs of statuses) {
        if (req.containerName && req.containerName !== cs.name) continue;
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const inValues = req.values.includes(code);
        if (req.operator === 'In' ? inValues : !inValues) return { action: r.action, message: `Container ${cs.name} for pod ${ref} failed with exit code ${code} matching ${r.action} rule at index ${i}` };
      }
    }
    for (const pc of r.onPodConditions ?? []) {
      const c = (pod.status?.conditions ?? []).find((x: { type: string; status: string }) => x.type === pc.type && x.status === (pc.status ?? 'True'));
      if (c) return { action: r.action, message: `Pod ${ref} has condition ${pc.type} matching ${r.action} rule at index ${i}` };
    }
  }
  return undefined;
}

function setJobCondition(status: KubeObject['status'], type: string, reason: string, message: string, now: string): void {
  const conds: JobCondition[] = (status.conditions ?? []).filter((c: JobCondition) => c.type !== type);
  conds.push({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message });
  status.conditions = conds;
}

/** "1,3-5" → [1,3,4,5] (status.completedIndexes). */
export function parseIndexes(s: string | undefined): number[] {
  if (!s) return [];
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.push(i);
  }
  return out;
}

export function formatIndexes(xs: number[]): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j === i ? String(s[i]) : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
