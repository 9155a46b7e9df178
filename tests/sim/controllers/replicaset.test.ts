import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { R } from '../../../src/sim/client/resources';
import { comparePodsForDeletion } from '../../../src/sim/controllers/util/pods';
import { harness } from './helpers/harness';

const rs = (name: string, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const live = (h: ReturnType<typeof harness>) => h.server.all('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);

describe('replicaset controller', () => {
  it('creates pods in slow-start batches and reports status', () => {
    const h = harness();
    h.client.create(R.replicasets, 'default', rs('web', 5));
    h.run(3000);
    expect(live(h)).toHaveLength(5);
    const s = h.client.get(R.replicasets, 'default', 'web').status;
    expect(s).toEqual({ replicas: 5, fullyLabeledReplicas: 5, readyReplicas: 5, availableReplicas: 5, observedGeneration: 1 });
    expect(h.events('SuccessfulCreate')).toHaveLength(5);
  });

  it('replaces a deleted pod', () => {
    const h = harness();
    h.client.create(R.replicasets, 'default', rs('web', 2));
    h.run(3000);
    const victim = live(h)[0].metadata.name!;
    h.client.delete(R.pods, 'default', victim);
    h.run(10);
    // the replacement exists while the victim is still terminating
    expect(live(h)).toHaveLength(2);
    expect(live(h).map((p) => p.metadata.name)).not.toContain(victim);
    h.run(3000);
    expect(h.server.all('pods')).toHaveLength(2);
  });

  it('scale-down deletes not-ready pods before ready ones, and unscheduled before scheduled', () => {
    const h = harness();
    h.client.create(R.replicasets, 'default', rs('web', 3));
    h.run(3000);
    const [a, b] = live(h).map((p) => p.metadata.name!);
    h.kubelet.setReady('default', b, false);
    h.run(10);
    h.client.patch(R.replicasets, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    h.run(10);
    expect(h.events('SuccessfulDelete')).toEqual([`SuccessfulDelete Deleted pod: ${b}`]);
    void a;
  });

  it('ranks victims like ActivePodsWithRanks', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const pod = (name: string, o: { node?: string; phase?: string; ready?: boolean; readyAt?: number; restarts?: number; created?: number }): KubeObject => ({
      metadata: { name, uid: name, creationTimestamp: new Date(o.created ?? now - 3600_000).toISOString() },
      spec: { nodeName: o.node },
      status: {
        phase: o.phase ?? 'Running',
        conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: new Date(o.readyAt ?? now - 3600_000).toISOString() }],
        containerStatuses: [{ restartCount: o.restarts ?? 0 }],
      },
    });
    const cmp = (x: KubeObject, y: KubeObject) => comparePodsForDeletion(x, y, 1, 1, now);
    expect(cmp(pod('u', { phase: 'Pending' }), pod('s', { node: 'n' }))).toBeLessThan(0);
    expect(cmp(pod('p', { node: 'n', phase: 'Pending' }), pod('r', { node: 'n' }))).toBeLessThan(0);
    expect(cmp(pod('nr', { node: 'n', ready: false }), pod('r', { node: 'n' }))).toBeLessThan(0);
    // ready for 10 s goes before ready for an hour (different log2 buckets)
    expect(cmp(pod('young', { node: 'n', readyAt: now - 10_000 }), pod('old', { node: 'n' }))).toBeLessThan(0);
    expect(cmp(pod('crashy', { node: 'n', restarts: 5 }), pod('calm', { node: 'n' }))).toBeLessThan(0);
    // doubled-up pods (higher rank) go first
    expect(comparePodsForDeletion(pod('x', { node: 'n' }), pod('y', { node: 'm' }), 2, 1, now)).toBeLessThan(0);
  });

  it('adopts a matching orphan pod and releases a pod whose labels stop matching', () => {
    const h = harness();
    h.client.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    h.run(2000);
    h.client.create(R.replicasets, 'default', rs('web', 2));
    h.run(3000);
    const stray = h.client.get(R.pods, 'default', 'stray');
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
    expect(live(h)).toHaveLength(2);
    h.client.patch(R.pods, 'default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } });
    h.run(3000);
    expect(h.client.get(R.pods, 'default', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(live(h).filter((p) => p.metadata.labels!.app === 'web')).toHaveLength(2);
  });

  it('snapshot → restore → continue behaves as if no snapshot happened', () => {
    const run = (withSnapshot: boolean) => {
      const h = harness({ seed: 3 });
      h.client.create(R.replicasets, 'default', rs('web', 4));
      h.run(1);
      if (withSnapshot) h.manager.restore(h.manager.snapshot());
      h.run(5000);
      return live(h).map((p) => p.metadata.name).sort();
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('replication controller', () => {
  it('keeps a v1 ReplicationController at its replica count with a map selector', () => {
    const h = harness();
    const RC = { group: '', version: 'v1', resource: 'replicationcontrollers' };
    h.client.create(RC, 'default', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'nginx', namespace: 'default' },
      spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    h.run(3000);
    const pods = live(h);
    expect(pods).toHaveLength(3);
    expect(pods[0].metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0].metadata.ownerReferences![0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx' });
    expect(h.client.get(RC, 'default', 'nginx').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });
});
