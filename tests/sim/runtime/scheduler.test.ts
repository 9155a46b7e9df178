import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/index';
import { fitErrorMessage } from '../../../src/sim/scheduler/fiterror';
import { condition, eventsFor, miniWorld, pod, podSpec } from './helpers';

describe('scheduler', () => {
  it('aggregates filter reasons like FitError.Error', () => {
    expect(fitErrorMessage(4, [1, 2, 3, 4].map(() => ({ reasons: ['Insufficient cpu'], unresolvable: false })))).toBe(
      '0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    );
    expect(
      fitErrorMessage(4, [
        { reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false },
        { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true },
        { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true },
        { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true },
      ]),
    ).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });

  it('binds a pod and records Scheduled', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }));
    world.advance(100);
    const p = pod(client, 'web');
    expect(p.spec.nodeName).toMatch(/^k3d-mini-cluster-(server|agent)-\d$/);
    const ev = eventsFor(client, 'web').find((e) => e.reason === 'Scheduled')!;
    expect(ev.source).toEqual({ component: 'default-scheduler' });
    expect(ev.message).toBe(`Successfully assigned default/web to ${p.spec.nodeName}`);
    expect(condition(p, 'PodScheduled')?.status).toBe('True');
  });

  it('a pod asking for more CPU than any node has stays Pending with the real message', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('big', { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100' } } }] }));
    world.advance(2_000);
    const p = pod(client, 'big');
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status.phase).toBe('Pending');
    const msg = '0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.';
    expect(condition(p, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    const failed = eventsFor(client, 'big').filter((e) => e.reason === 'FailedScheduling');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', message: msg, source: { component: 'default-scheduler' } });
    // The leftover flush retries it after 5 minutes: the same event's count grows.
    world.advance(6 * 60_000);
    expect(eventsFor(client, 'big').find((e) => e.reason === 'FailedScheduling')!.count).toBeGreaterThanOrEqual(2);
  });

  it('nodeSelector mismatch, then the node gets the label and the pod schedules', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('picky', { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'app', image: 'nginx' }] }));
    world.advance(1_000);
    expect(condition(pod(client, 'picky'), 'PodScheduled')?.message).toBe(
      "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
    client.patch(R.nodes, undefined, 'k3d-mini-cluster-agent-2', 'merge', { metadata: { labels: { disktype: 'ssd' } } });
    world.advance(2_000);
    expect(pod(client, 'picky').spec.nodeName).toBe('k3d-mini-cluster-agent-2');
  });

  it('cordoned nodes and untolerated taints are filtered', () => {
    const { world, client } = miniWorld();
    for (const n of ['k3d-mini-cluster-server-0', 'k3d-mini-cluster-agent-0']) client.patch(R.nodes, undefined, n, 'merge', { spec: { unschedulable: true } });
    for (const n of ['k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2']) client.patch(R.nodes, undefined, n, 'merge', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    client.create(R.pods, 'default', podSpec('p', { containers: [{ name: 'app', image: 'nginx' }] }));
    world.advance(1_000);
    expect(condition(pod(client, 'p'), 'PodScheduled')?.message).toBe(
      '0/4 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('spreads the replicas of one owner across nodes', () => {
    const { world, client } = miniWorld();
    client.create(R.deployments, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    world.advance(5_000);
    const nodes = client.list(R.pods, 'default').items.map((p) => p.spec.nodeName);
    expect(nodes).toHaveLength(4);
    expect(new Set(nodes).size).toBe(4);
  });
});
