import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { deployment, harness } from './helpers/harness';

import type { KubeObject } from '../../../src/sim/apiserver/types';

const progressing = (d: KubeObject): { status: string; reason: string; message: string } => d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');

describe('deployment lifecycle', () => {
  it('Recreate scales the old ReplicaSet to 0 and waits for its pods before creating the new one', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('api', 2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    h.run(5000);
    const oldRS = h.server.all('replicasets')[0].metadata.name!;
    const d = h.client.get(R.deployments, 'default', 'api');
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    h.client.update(R.deployments, 'default', d);
    h.run(500);
    // old pods are terminating (kubelet takes 1 s), the new RS does not exist yet
    expect(h.server.all('replicasets')).toHaveLength(1);
    h.run(5000);
    const newRS = h.server.all('replicasets').find((r) => r.metadata.name !== oldRS)!.metadata.name!;
    expect(h.events('ScalingReplicaSet')).toEqual([
      `ScalingReplicaSet Scaled up replica set ${oldRS} from 0 to 2`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 2 to 0`,
      `ScalingReplicaSet Scaled up replica set ${newRS} from 0 to 2`,
    ]);
    expect(h.client.get(R.deployments, 'default', 'api').status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
  });

  it('rollback to an old template reuses its ReplicaSet with the next revision and a revision-history', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    const rs1 = h.server.all('replicasets')[0];
    let d = h.client.get(R.deployments, 'default', 'web');
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    h.client.update(R.deployments, 'default', d);
    h.run(10000);
    // what `kubectl rollout undo` sends: the old RS's template without pod-template-hash
    const tpl = structuredClone(rs1.spec.template);
    delete tpl.metadata.labels['pod-template-hash'];
    d = h.client.get(R.deployments, 'default', 'web');
    h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { template: { ...tpl, spec: { ...tpl.spec, containers: tpl.spec.containers } } } });
    h.run(10000);
    const rss = h.server.all('replicasets');
    expect(rss).toHaveLength(2);
    const back = rss.find((r) => r.metadata.name === rs1.metadata.name)!;
    expect(back.spec.replicas).toBe(2);
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(rss.find((r) => r !== back)!.spec.replicas).toBe(0);
    expect(h.client.get(R.deployments, 'default', 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('change-cause is copied to the new ReplicaSet', () => {
    const h = harness();
    const d = deployment('web', 1);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl create deployment web --image=nginx:1.27' };
    h.client.create(R.deployments, 'default', d);
    h.run(2000);
    expect(h.server.all('replicasets')[0].metadata.annotations!['kubernetes.io/change-cause']).toBe('kubectl create deployment web --image=nginx:1.27');
  });

  it('pause holds template changes; resume rolls them out', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { paused: true } });
    h.run(100);
    let d = h.client.get(R.deployments, 'default', 'web');
    expect(progressing(d)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
    h.run(5000);
    expect(h.server.all('replicasets')).toHaveLength(1);
    h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { paused: null } });
    h.run(100);
    d = h.client.get(R.deployments, 'default', 'web');
    expect(h.server.all('replicasets')).toHaveLength(2);
    h.run(10000);
    d = h.client.get(R.deployments, 'default', 'web');
    expect(d.status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2 });
    expect(progressing(d).reason).toBe('NewReplicaSetAvailable');
  });

  it('scaling while paused resizes the active ReplicaSet', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { paused: true, replicas: 5 } });
    h.run(5000);
    const rs = h.server.all('replicasets')[0];
    expect(rs.spec.replicas).toBe(5);
    expect(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(h.events('ScalingReplicaSet').at(-1)).toBe(`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 2 to 5`);
  });

  it('progress deadline: pods that never become ready give ProgressDeadlineExceeded', () => {
    const h = harness();
    h.kubelet.behaviour = () => ({ ready: false });
    h.client.create(R.deployments, 'default', deployment('web', 1, 'nginx:1.27', { progressDeadlineSeconds: 30 }));
    h.run(10_000);
    let d = h.client.get(R.deployments, 'default', 'web');
    expect(progressing(d).status).toBe('True');
    const avail = d.status.conditions.find((c: { type: string }) => c.type === 'Available');
    expect(avail).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(d.status.unavailableReplicas).toBe(1);
    h.run(25_000);
    d = h.client.get(R.deployments, 'default', 'web');
    const rs = h.server.all('replicasets')[0].metadata.name;
    expect(progressing(d)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` });
  });

  it('revisionHistoryLimit deletes the oldest scaled-down ReplicaSets', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 1, 'nginx:1.0', { revisionHistoryLimit: 1 }));
    h.run(5000);
    for (const v of ['1.1', '1.2', '1.3']) {
      h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:' + v }] } } } });
      h.run(10_000);
    }
    const revs = h.server.all('replicasets').map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']).sort();
    expect(revs).toEqual(['3', '4']);
  });
});

describe('minReadySeconds', () => {
  it('pods count as available only minReadySeconds after they became ready', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2, 'nginx:1.27', { minReadySeconds: 10 }));
    h.run(2000);
    let d = h.client.get(R.deployments, 'default', 'web');
    expect(d.status).toMatchObject({ readyReplicas: 2, unavailableReplicas: 2 });
    expect(d.status.availableReplicas).toBeUndefined();
    h.run(10_000);
    d = h.client.get(R.deployments, 'default', 'web');
    expect(d.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    expect(h.server.all('replicasets')[0].spec.minReadySeconds).toBe(10);
  });
});
