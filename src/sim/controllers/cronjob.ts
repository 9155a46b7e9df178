/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, utils.go):
 * - the most recent missed schedule since lastScheduleTime (or creation), bounded by startingDeadlineSeconds;
 *   more than 100 misses gives the TooManyMissedTimes warning;
 * - Jobs named `<cronjob>-<scheduled unix time in minutes>` (getTimeHashInMinutes) with the
 *   batch.kubernetes.io/cronjob-scheduled-timestamp annotation in the CronJob's time zone;
 * - concurrencyPolicy Allow / Forbid ("JobAlreadyActive") / Replace (the running Jobs are deleted first);
 * - finished Jobs leave status.active with SawCompletedJob "Saw completed job: <name>, status: Complete";
 *   history beyond successfulJobsHistoryLimit / failedJobsHistoryLimit is deleted oldest first;
 * - the next sync is queued 100 ms after the next schedule time, as nextScheduleTimeDuration does.
 */
import type { KubeObject } from '../apiserver/types';
import { isAlreadyExists, isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, withKind, type ControllerContext } from './controller';
import { CronParseError, isValidTimeZone, parseSchedule, rfc3339In, type CronSchedule } from './cron';
import { jobFinished } from './job';
import { controllerRef, deepCopy } from './util/owner';
import { parseTime } from './util/pods';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const NEXT_SCHEDULE_DELTA_MS = 100;

const rfc3339 = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class CronJobController extends QueueController {
  private cjInformer!: Informer;
  private jobInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('cronjob-controller', ctx);
  }

  register(): void {
    this.cjInformer = this.informers.on(R.cronjobs, {
      add: (c) => this.enqueue(c),
      update: (o, c) => {
        // a new schedule or time zone: look again now
        this.enqueue(c);
        void o;
      },
    });
    const owner = (j: KubeObject) => {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') this.queue.add(`${j.metadata.namespace}/${ref.name}`);
    };
    this.jobInformer = this.informers.on(R.jobs, { add: owner, update: (_o, j) => owner(j), delete: owner });
  }

  sync(key: string): boolean | void {
    return this.syncCronJob(key);
  }

  syncCronJob(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const cached = this.cjInformer.getByName(namespace, name);
    if (!cached) return;
    const cj = withKind(deepCopy(cached), 'batch/v1', 'CronJob');
    const status = deepCopy(cj.status ?? {});
    const jobs = this.jobInformer.list(namespace).filter((j) => controllerRef(j)?.uid === cj.metadata.uid);
    const now = this.clock.now();

    // reconcile status.active with the Jobs that exist
    let active: KubeObject[] = [...(status.active ?? [])];
    for (const j of jobs) {
      const inActive = active.some((r) => r.uid === j.metadata.uid);
      const finished = jobFinished(j);
      if (!inActive && !finished) {
        // a running Job we own but had not recorded (created before a restart): track it
        active.push(jobRef(j));
      } else if (inActive && finished) {
        active = active.filter((r) => r.uid !== j.metadata.uid);
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${finished}`);
        if (finished === 'Complete' && j.status?.completionTime) {
          const ct = parseTime(j.status.completionTime)!;
          if (!status.lastSuccessfulTime || (parseTime(status.lastSuccessfulTime) ?? 0) < ct) status.lastSuccessfulTime = j.status.completionTime;
        }
      }
    }
    for (const r of [...active]) {
      if (!jobs.some((j) => j.metadata.uid === r.uid)) {
        active = active.filter((x) => x.uid !== r.uid);
        this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      }
    }
    status.active = active;
    this.cleanupFinishedJobs(cj, jobs);

    if (cj.metadata.deletionTimestamp) return this.writeStatus(cj, status);
    const tz: string = cj.spec?.timeZone ?? 'UTC';
    if (!isValidTimeZone(tz)) {
      this.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return this.writeStatus(cj, status);
    }
    let sched: CronSchedule;
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '', tz);
    } catch (e) {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${e instanceof CronParseError ? e.message : String(e)}`);
      return this.writeStatus(cj, status);
    }
    if (cj.spec?.suspend) return this.writeStatus(cj, status);

    const scheduled = this.mostRecentScheduleTime(cj, status, now, sched);
    const requeue = () => this.enqueueAfter(cj, sched.next(now) - now + NEXT_SCHEDULE_DELTA_MS);
    if (scheduled === undefined) {
      this.writeStatus(cj, status);
      requeue();
      return;
    }
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      this.writeStatus(cj, status);
      requeue();
      return;
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    if (jobs.some((j) => j.metadata.name === jobName) || active.some((r) => r.name === jobName)) {
      this.writeStatus(cj, status);
      requeue();
      return;
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      this.writeStatus(cj, status);
      requeue();
      return;
    }
    if (policy === 'Replace') {
      for (const r of [...active]) {
        try {
          this.client.delete(R.jobs, namespace, r.name, { propagationPolicy: 'Background' });
          this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        active = active.filter((x) => x.uid !== r.uid);
      }
      status.active = active;
    }
    const tpl = cj.spec?.jobTemplate ?? {};
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace,
        labels: { ...(tpl.metadata?.labels ?? {}) },
        annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339In(tz, scheduled) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: deepCopy(tpl.spec ?? {}),
    };
    if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
    try {
      const created = this.client.create(R.jobs, namespace, job);
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
      status.active = [...active, jobRef(created)];
    } catch (e) {
      if (!isAlreadyExists(e)) {
        this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
    }
    status.lastScheduleTime = rfc3339(scheduled);
    this.writeStatus(cj, status);
    requeue();
  }

  /** mostRecentScheduleTime (utils.go): the latest schedule time in (earliest, now], counting misses. */
  private mostRecentScheduleTime(cj: KubeObject, status: KubeObject['status'], now: number, sched: CronSchedule): number | undefined {
    let earliest = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp ?? undefined) ?? now;
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null) {
      const d = now - sds * 1000;
      if (d > earliest) earliest = d;
    }
    const t1 = sched.next(earliest);
    if (t1 > now) return undefined;
    let last = t1;
    let missed = 1;
    for (let t = sched.next(t1); t <= now; t = sched.next(t)) {
      last = t;
      missed++;
      if (missed > 100_000) break;
    }
    if (missed > 100) this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    return last;
  }

  /** Deletes finished Jobs beyond the history limits, oldest first (by start time, then creation). */
  private cleanupFinishedJobs(cj: KubeObject, jobs: KubeObject[]): void {
    const limits: [string, number | undefined][] = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit],
      ['Failed', cj.spec?.failedJobsHistoryLimit],
    ];
    for (const [kind, limit] of limits) {
      if (limit === undefined || limit === null) continue;
      const done = jobs.filter((j) => jobFinished(j) === kind && !j.metadata.deletionTimestamp);
      if (done.length <= limit) continue;
      const when = (j: KubeObject) => parseTime(j.status?.startTime) ?? parseTime(j.metadata.creationTimestamp ?? undefined) ?? 0;
      done.sort((a, b) => when(a) - when(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
      for (const j of done.slice(0, done.length - limit)) {
        try {
          this.client.delete(R.jobs, j.metadata.namespace, j.metadata.name!, { propagationPolicy: 'Background' });
          this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
  }

  private writeStatus(cj: KubeObject, status: KubeObject['status']): void {
    const clean = { ...status };
    if (!clean.active?.length) delete clean.active;
    if (JSON.stringify(clean) === JSON.stringify(cj.status ?? {})) return;
    this.client.updateStatus(R.cronjobs, cj.metadata.namespace, { ...cj, status: clean });
  }
}

function jobRef(j: KubeObject): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid } as unknown as KubeObject;
}

/** Go's time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700" (UTC). */
function rfc1123z(t: number): string {
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
