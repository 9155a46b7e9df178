import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { PDBS } from '../../../src/sim/controllers/disruption';
import { deployment, harness } from './helpers/harness';

const evict = (h: ReturnType<typeof harness>, name: string) =>
  h.client.raw({ method: 'POST', path: `/api/v1/namespaces/default/pods/${name}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } } });

describe('disruption controller', () => {
  it('minAvailable 2 of 3: one eviction is allowed, the next is refused until a replacement is ready', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 3));
    h.client.create(PDBS, 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
    h.run(5000);
    const pdb = h.client.get(PDBS, 'default', 'web');
    expect(pdb.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, observedGeneration: 1 });
    expect(pdb.status.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
    const [a, b] = h.server.all('pods').map((p) => p.metadata.name!);
    expect(evict(h, a).status).toBe(201);
    h.run(10);
    expect(evict(h, b).status).toBe(429);
    expect(h.client.get(PDBS, 'default', 'web').status.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    h.run(5000);
    expect(h.client.get(PDBS, 'default', 'web').status.disruptionsAllowed).toBe(1);
    expect(evict(h, b).status).toBe(201);
  });

  it('maxUnavailable 25% counts the Deployment scale', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 4));
    h.client.create(PDBS, 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'web' } } } });
    h.run(5000);
    expect(h.client.get(PDBS, 'default', 'web').status).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 });
  });
});
