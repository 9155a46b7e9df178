/**
 * Workload manifests from the Kubernetes docs (../shared/corpus/manifests) reach the state the docs describe.
 * Skipped, with the reason printed, where the corpus is not beside the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { ApiClient } from '../../../src/sim/client/client';
import { R } from '../../../src/sim/client/resources';
import { createWorld } from '../../../src/sim/world';
import { harness } from './helpers/harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = resolve(root, '../shared/corpus/manifests');
const have = existsSync(corpus);
if (!have) console.log(`corpus tests skipped: ${corpus} not found`);
const manifest = (p: string): KubeObject => parse(readFileSync(resolve(corpus, p), 'utf8'));
const conds = (j: KubeObject) => (j.status?.conditions ?? []).map((c: { type: string; reason: string; message: string }) => `${c.type}/${c.reason}/${c.message}`);

describe.skipIf(!have)('docs manifests', () => {
  it('controllers/job.yaml: pi runs to Complete in a k3d cluster', () => {
    const world = createWorld({ seed: 3 });
    const c = new ApiClient(world.cluster()!.apiserver, 'test');
    c.create(R.jobs, 'default', manifest('controllers/job.yaml'));
    world.clock.advance(120_000);
    const j = c.get(R.jobs, 'default', 'pi');
    expect(j.status.succeeded).toBe(1);
    expect(conds(j)).toContain('Complete/CompletionsReached/Reached expected number of succeeded pods');
    const pods = c.list(R.pods, 'default').items;
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0].status.phase).toBe('Succeeded');
  });

  it('application/job/cronjob.yaml: hello runs every minute', () => {
    const world = createWorld({ seed: 4 });
    const c = new ApiClient(world.cluster()!.apiserver, 'test');
    c.create(R.cronjobs, 'default', manifest('application/job/cronjob.yaml'));
    world.clock.advance(150_000);
    const jobs = c.list(R.jobs, 'default').items;
    expect(jobs.length).toBe(2);
    for (const j of jobs) expect(j.metadata.name).toMatch(/^hello-\d{8}$/);
    expect(c.get(R.cronjobs, 'default', 'hello').status.lastScheduleTime).toBeDefined();
  });

  it('controllers/fluentd-daemonset.yaml: one pod per node, pinned with matchFields', () => {
    const world = createWorld({ seed: 5 });
    const c = new ApiClient(world.cluster()!.apiserver, 'test');
    const ds = manifest('controllers/fluentd-daemonset.yaml');
    c.create(R.daemonsets, ds.metadata.namespace ?? 'default', ds);
    world.clock.advance(10_000);
    const pods = c.list(R.pods, ds.metadata.namespace ?? 'default').items.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet' && p.metadata.ownerReferences[0].name === ds.metadata.name);
    expect(pods).toHaveLength(4);
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(4);
  });

  it('controllers/job-pod-failure-policy-failjob.yaml: exit code 42 fails the Job through the FailJob rule', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 30_000, code: 42 } });
    h.client.create(R.jobs, 'default', manifest('controllers/job-pod-failure-policy-failjob.yaml'));
    h.run(60_000);
    const j = h.client.get(R.jobs, 'default', 'job-pod-failure-policy-failjob');
    const failed = j.status.conditions.find((x: { type: string }) => x.type === 'Failed');
    expect(failed.reason).toBe('PodFailurePolicy');
    expect(failed.message).toMatch(/^Container main for pod default\/job-pod-failure-policy-failjob-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/);
    // both running pods failed at the same moment; no replacement was started
    expect(h.server.all('pods')).toHaveLength(2);
  });

  it('controllers/job-pod-failure-policy-ignore.yaml: a DisruptionTarget failure is not counted against backoffLimit 0', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ exit: { afterMs: 5000, code: 0 } });
    h.client.create(R.jobs, 'default', manifest('controllers/job-pod-failure-policy-ignore.yaml'));
    h.run(2000);
    // a pod disrupted (e.g. drained) fails with the DisruptionTarget condition
    const victim = h.server.all('pods')[0];
    h.client.updateStatus(R.pods, 'default', { ...victim, status: { ...victim.status, phase: 'Failed', conditions: [...victim.status.conditions, { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }] } });
    h.run(60_000);
    const j = h.client.get(R.jobs, 'default', 'job-pod-failure-policy-ignore');
    expect(j.status.failed).toBeUndefined();
    expect(j.status.succeeded).toBe(4);
    expect(conds(j)).toContain('Complete/CompletionsReached/Reached expected number of succeeded pods');
  });
});
