import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { R } from '../../../src/sim/client/resources';
import { harness } from './helpers/harness';

const job = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: name, image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }], restartPolicy: 'Never' } }, ...spec },
});
const conds = (j: KubeObject) => (j.status.conditions ?? []).map((c: { type: string; reason: string; message: string }) => `${c.type}/${c.reason}/${c.message}`);

describe('job controller', () => {
  it('runs completions with parallelism and completes with SuccessCriteriaMet then Complete', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 2000, code: 0 } });
    h.client.create(R.jobs, 'default', job('pi', { completions: 3, parallelism: 2 }));
    h.run(100);
    let pods = h.server.all('pods');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
      expect(p.metadata.labels).toMatchObject({ 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi' });
      expect(p.metadata.ownerReferences![0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true });
    }
    let j = h.client.get(R.jobs, 'default', 'pi');
    expect(j.status).toMatchObject({ active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2026-11-25T09:00:00Z' });
    h.run(20_000);
    j = h.client.get(R.jobs, 'default', 'pi');
    expect(j.status.succeeded).toBe(3);
    expect(j.status.active).toBeUndefined();
    expect(j.status.completionTime).toBeDefined();
    expect(conds(j)).toEqual(['SuccessCriteriaMet/CompletionsReached/Reached expected number of succeeded pods', 'Complete/CompletionsReached/Reached expected number of succeeded pods']);
    pods = h.server.all('pods');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status.phase === 'Succeeded' && !p.metadata.finalizers)).toBe(true);
    expect(h.events('SuccessfulCreate')).toHaveLength(3);
    expect(h.events('Completed')).toEqual(['Completed Job completed']);
  });

  it('backs off 10 s, 20 s between failed pods and fails after backoffLimit', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ startMs: 1000, exit: { afterMs: 1000, code: 1 } });
    h.client.create(R.jobs, 'default', job('bad', { backoffLimit: 2 }));
    h.run(120_000);
    const pods = h.server.all('pods').sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    expect(pods).toHaveLength(3);
    const t = pods.map((p) => Date.parse(p.metadata.creationTimestamp!) - Date.parse(pods[0].metadata.creationTimestamp!));
    // pod 1 fails at 2 s → next at 2+10 s; pod 2 fails at 14 s → next at 14+20 s
    expect(t).toEqual([0, 12_000, 34_000]);
    const j = h.client.get(R.jobs, 'default', 'bad');
    expect(j.status.failed).toBe(3);
    expect(conds(j)).toEqual(['FailureTarget/BackoffLimitExceeded/Job has reached the specified backoff limit', 'Failed/BackoffLimitExceeded/Job has reached the specified backoff limit']);
    expect(h.events('BackoffLimitExceeded')).toEqual(['BackoffLimitExceeded Job has reached the specified backoff limit']);
  });

  it('activeDeadlineSeconds kills running pods and fails the Job with DeadlineExceeded', () => {
    const h = harness();
    h.client.create(R.jobs, 'default', job('slow', { activeDeadlineSeconds: 5 }));
    h.run(10_000);
    const j = h.client.get(R.jobs, 'default', 'slow');
    expect(conds(j)).toContain('Failed/DeadlineExceeded/Job was active longer than specified deadline');
    expect(h.events('SuccessfulDelete')).toHaveLength(1);
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 1000, code: 0 } });
    h.client.create(R.jobs, 'default', job('once', { ttlSecondsAfterFinished: 30 }));
    h.run(10_000);
    expect(h.client.tryGet(R.jobs, 'default', 'once')).toBeDefined();
    h.run(30_000);
    expect(h.client.tryGet(R.jobs, 'default', 'once')).toBeUndefined();
    expect(h.server.all('pods')).toHaveLength(0);
  });

  it('Indexed jobs name pods <job>-<index>-<random> and report completedIndexes', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 1000, code: 0 } });
    h.client.create(R.jobs, 'default', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    h.run(100);
    const names = h.server.all('pods').map((p) => p.metadata.name!).sort();
    expect(names.map((n) => n.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    h.run(10_000);
    expect(h.client.get(R.jobs, 'default', 'idx').status.completedIndexes).toBe('0-2');
  });
});
