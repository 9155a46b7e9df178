/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted (foreground propagation, so its pods go first) that many seconds after its
 * Complete or Failed condition's lastTransitionTime.
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, type ControllerContext } from './controller';
import { parseTime } from './util/pods';

export class TTLAfterFinishedController extends QueueController {
  private jobInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('ttl-after-finished-controller', ctx);
  }

  register(): void {
    const maybe = (j: KubeObject) => {
      if (j.spec?.ttlSecondsAfterFinished !== undefined && !j.metadata.deletionTimestamp && finishTime(j) !== undefined) this.enqueue(j);
    };
    this.jobInformer = this.informers.on(R.jobs, { add: maybe, update: (_o, j) => maybe(j) });
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const job = this.jobInformer.getByName(namespace, name);
    if (!job || job.metadata.deletionTimestamp || job.spec?.ttlSecondsAfterFinished === undefined) return;
    const finished = finishTime(job);
    if (finished === undefined) return;
    const expireAt = finished + job.spec.ttlSecondsAfterFinished * 1000;
    const now = this.clock.now();
    if (now < expireAt) {
      this.enqueueAfter(job, expireAt - now);
      return;
    }
    try {
      this.client.delete(R.jobs, namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function finishTime(job: KubeObject): number | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return parseTime(c.lastTransitionTime);
  return undefined;
}
