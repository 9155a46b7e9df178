import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { deployment, harness, service } from './helpers/harness';

/** Runs a rolling update with a job and a service; optionally snapshots and restores the manager mid-way. */
function scenario(snapshotAt: number | undefined): string[] {
  const h = harness({ seed: 11 });
  h.kubelet.behaviour = (p) => (p.metadata.labels?.['job-name'] ? { exit: { afterMs: 3000, code: 0 } } : {});
  h.client.create(R.deployments, 'default', deployment('web', 4));
  h.client.create(R.services, 'default', service('web'));
  h.client.create(R.jobs, 'default', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'default' }, spec: { completions: 2, template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } } });
  h.run(4000);
  h.client.patch(R.deployments, 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
  if (snapshotAt !== undefined) {
    h.run(snapshotAt);
    const s = JSON.parse(JSON.stringify(h.manager.snapshot()));
    h.manager.restore(s);
    h.run(20_000 - snapshotAt);
  } else h.run(20_000);
  const pods = h.server.all('pods').map((p) => `${p.metadata.name} ${p.status.phase}`).sort();
  return [...pods, ...h.events()];
}

describe('controller manager snapshot', () => {
  it('snapshot → restore → continue gives the same pods and events as never snapshotting', () => {
    const plain = scenario(undefined);
    expect(plain.length).toBeGreaterThan(10);
    for (const at of [0, 1, 700, 2500]) expect(scenario(at)).toEqual(plain);
  });

  it('the snapshot is plain data', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(10);
    const s = h.manager.snapshot();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(Object.keys(s.controllers)).toContain('deployment-controller');
  });
});
