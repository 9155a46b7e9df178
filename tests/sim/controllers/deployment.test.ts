import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { deployment, harness } from './helpers/harness';

describe('deployment controller', () => {
  it('creates a ReplicaSet named by the pod-template hash and brings 3 pods up', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 3));
    h.run(5000);
    const rss = h.server.all('replicasets', 'default');
    expect(rss).toHaveLength(1);
    const rs = rss[0];
    expect(rs.metadata.name).toMatch(/^web-[4-9bcdf]{1,10}$/);
    const hash = rs.metadata.name!.slice(4);
    expect(rs.metadata.labels!['pod-template-hash']).toBe(hash);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    const pods = h.server.all('pods', 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    const d = h.client.get(R.deployments, 'default', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    const conds = d.status.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, c.reason, c.message]);
    expect(conds).toEqual([
      ['Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata.name}" has successfully progressed.`],
    ]);
    expect(h.events('ScalingReplicaSet')).toEqual([`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
    expect(h.events('SuccessfulCreate')).toHaveLength(3);
    expect(h.events('SuccessfulCreate')[0]).toMatch(/^SuccessfulCreate Created pod: web-/);
  });

  it('the same template always gives the same hash', () => {
    const a = harness({ seed: 1 });
    const b = harness({ seed: 99 });
    a.client.create(R.deployments, 'default', deployment('web', 1));
    b.client.create(R.deployments, 'default', deployment('web', 1));
    a.run(100);
    b.run(100);
    expect(a.server.all('replicasets')[0].metadata.name).toBe(b.server.all('replicasets')[0].metadata.name);
  });

  it('rolls 3 replicas with surge 1 / unavailable 0, alternating scale-up and scale-down', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 3));
    h.run(5000);
    const oldRS = h.server.all('replicasets')[0].metadata.name!;
    const d = h.client.get(R.deployments, 'default', 'web');
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    h.client.update(R.deployments, 'default', d);
    // Observe the sum of pods never exceeds 4 and available never drops below 3.
    let maxPods = 0;
    let minAvailable = 3;
    for (let t = 0; t < 30; t++) {
      h.run(250);
      const active = h.server.all('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, h.server.all('replicasets').reduce((a, rs) => a + rs.spec.replicas, 0));
      minAvailable = Math.min(minAvailable, active.filter((p) => p.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')).length);
    }
    expect(maxPods).toBe(4);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const rss = h.server.all('replicasets');
    const newRS = rss.find((r) => r.metadata.name !== oldRS)!.metadata.name!;
    expect(h.events('ScalingReplicaSet')).toEqual([
      `ScalingReplicaSet Scaled up replica set ${oldRS} from 0 to 3`,
      `ScalingReplicaSet Scaled up replica set ${newRS} from 0 to 1`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 3 to 2`,
      `ScalingReplicaSet Scaled up replica set ${newRS} from 1 to 2`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 2 to 1`,
      `ScalingReplicaSet Scaled up replica set ${newRS} from 2 to 3`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    const dd = h.client.get(R.deployments, 'default', 'web');
    expect(dd.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dd.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 });
    expect(h.server.all('pods').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(3);
  });
});
