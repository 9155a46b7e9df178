import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { R } from '../../../src/sim/client/resources';
import { parseSchedule, rfc3339In } from '../../../src/sim/controllers/cron';
import { harness } from './helpers/harness';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0); // a Wednesday
const iso = (t: number) => new Date(t).toISOString();
const times = (spec: string, n: number, from = T0, tz?: string) => {
  const s = parseSchedule(spec, tz);
  const out: string[] = [];
  let t = from;
  for (let i = 0; i < n; i++) out.push(iso((t = s.next(t))));
  return out;
};

describe('cron schedules', () => {
  it('steps, ranges, lists, names and descriptors', () => {
    expect(times('*/15 * * * *', 3)).toEqual(['2026-11-25T09:15:00.000Z', '2026-11-25T09:30:00.000Z', '2026-11-25T09:45:00.000Z']);
    expect(times('@hourly', 2)).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T11:00:00.000Z']);
    expect(times('0 9-17/4 * * MON-FRI', 3)).toEqual(['2026-11-25T13:00:00.000Z', '2026-11-25T17:00:00.000Z', '2026-11-26T09:00:00.000Z']);
    expect(times('30 2 1 jan,jul *', 2)).toEqual(['2027-01-01T02:30:00.000Z', '2027-07-01T02:30:00.000Z']);
    expect(times('@every 90s', 2)).toEqual(['2026-11-25T09:01:30.000Z', '2026-11-25T09:03:00.000Z']);
    // both day fields restricted: either matches (the 1st of the month OR a Sunday)
    expect(times('0 0 1 * 0', 3)).toEqual(['2026-11-29T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-06T00:00:00.000Z']);
    expect(times('@weekly', 1)).toEqual(['2026-11-29T00:00:00.000Z']);
  });

  it('time zones', () => {
    expect(times('0 8 * * *', 1, T0, 'Europe/Berlin')).toEqual(['2026-11-26T07:00:00.000Z']);
    expect(times('CRON_TZ=America/New_York 0 8 * * *', 1)).toEqual(['2026-11-25T13:00:00.000Z']);
    expect(rfc3339In('Europe/Berlin', Date.UTC(2026, 10, 26, 7))).toBe('2026-11-26T08:00:00+01:00');
    expect(rfc3339In('UTC', T0)).toBe('2026-11-25T09:00:00Z');
  });

  it('rejects bad schedules with robfig/cron texts', () => {
    expect(() => parseSchedule('* * * *')).toThrow('expected exactly 5 fields, found 4: * * * *');
    expect(() => parseSchedule('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseSchedule('@sometimes')).toThrow('unrecognized descriptor: @sometimes');
  });
});

const cronjob = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'default' },
  spec: {
    schedule: '*/1 * * * *',
    concurrencyPolicy: 'Allow',
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    suspend: false,
    jobTemplate: { spec: { template: { spec: { containers: [{ name, image: 'busybox:1.36', command: ['date'] }], restartPolicy: 'OnFailure' } } } },
    ...spec,
  },
});

describe('cronjob controller', () => {
  it('creates one Job per minute named by the scheduled minute, keeps 3, and records events', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 2000, code: 0 } });
    h.client.create(R.cronjobs, 'default', cronjob('hello'));
    h.run(5 * 60_000 + 30_000);
    const minute = Math.floor(T0 / 60_000);
    const jobs = h.server.all('jobs').map((j) => j.metadata.name).sort();
    expect(jobs).toEqual([`hello-${minute + 3}`, `hello-${minute + 4}`, `hello-${minute + 5}`]);
    const j = h.client.get(R.jobs, 'default', `hello-${minute + 5}`);
    expect(j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-11-25T09:05:00Z');
    expect(j.metadata.ownerReferences![0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    const cj = h.client.get(R.cronjobs, 'default', 'hello');
    expect(cj.status.lastScheduleTime).toBe('2026-11-25T09:05:00Z');
    expect(cj.status.lastSuccessfulTime).toMatch(/^2026-11-25T09:05:0\dZ$/);
    expect(cj.status.active).toBeUndefined();
    const ev = h.events().filter((e) => /^(SuccessfulCreate Created job|SawCompletedJob|SuccessfulDelete Deleted job)/.test(e));
    expect(ev.slice(0, 5)).toEqual([
      `SuccessfulCreate Created job hello-${minute + 1}`,
      `SawCompletedJob Saw completed job: hello-${minute + 1}, status: Complete`,
      `SuccessfulCreate Created job hello-${minute + 2}`,
      `SawCompletedJob Saw completed job: hello-${minute + 2}, status: Complete`,
      `SuccessfulCreate Created job hello-${minute + 3}`,
    ]);
    expect(ev).toContain(`SuccessfulDelete Deleted job hello-${minute + 1}`);
  });

  it('Forbid skips a run while the previous Job is active; suspend stops new runs', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 90_000, code: 0 } });
    h.client.create(R.cronjobs, 'default', cronjob('slow', { concurrencyPolicy: 'Forbid' }));
    h.run(2 * 60_000 + 30_000);
    expect(h.server.all('jobs')).toHaveLength(1);
    expect(h.events('JobAlreadyActive')[0]).toBe('JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid');
    h.client.patch(R.cronjobs, 'default', 'slow', 'merge', { spec: { suspend: true } });
    h.run(5 * 60_000);
    expect(h.server.all('jobs')).toHaveLength(1);
  });
});
