import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { deployment, harness, service } from './helpers/harness';


describe('endpoints and endpointslice controllers', () => {
  it('lists ready pods, moves not-ready ones to notReadyAddresses, and slices follow', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 3));
    h.client.create(R.services, 'default', service('web'));
    h.run(5000);
    let ep = h.client.get(R.endpoints, 'default', 'web');
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses).toHaveLength(3);
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const a0 = ep.subsets[0].addresses[0];
    expect(a0.targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' });
    expect(a0.nodeName).toMatch(/^k3d-/);
    expect(ep.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-11-25T09:00:0\dZ$/);
    const slices = h.server.all('endpointslices', 'default');
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(s.metadata.ownerReferences![0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(s.endpoints.map((e: { conditions: object }) => e.conditions)).toEqual(Array(3).fill({ ready: true, serving: true, terminating: false }));

    const pod = a0.targetRef.name;
    h.kubelet.setReady('default', pod, false);
    h.run(10);
    ep = h.client.get(R.endpoints, 'default', 'web');
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].notReadyAddresses.map((a: { targetRef: { name: string } }) => a.targetRef.name)).toEqual([pod]);
    const e = h.server.all('endpointslices')[0].endpoints.find((x: { targetRef: { name: string } }) => x.targetRef.name === pod);
    expect(e.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('keeps a terminating pod in the slice as terminating, not in Endpoints', () => {
    const h = harness();
    h.kubelet.terminateMs = 5000;
    h.client.create(R.deployments, 'default', deployment('web', 1));
    h.client.create(R.services, 'default', service('web'));
    h.run(3000);
    const pod = h.server.all('pods')[0].metadata.name!;
    h.client.delete(R.pods, 'default', pod);
    h.run(10);
    const e = h.server.all('endpointslices')[0].endpoints.find((x: { targetRef: { name: string } }) => x.targetRef.name === pod);
    expect(e.conditions).toEqual({ ready: false, serving: true, terminating: true });
    const ep = h.client.get(R.endpoints, 'default', 'web');
    expect((ep.subsets ?? []).flatMap((s: { addresses?: { targetRef: { name: string } }[] }) => s.addresses ?? []).map((a: { targetRef: { name: string } }) => a.targetRef.name)).not.toContain(pod);
  });

  it('resolves named target ports, marks headless services, and keeps an empty placeholder slice', () => {
    const h = harness();
    const d = deployment('db', 1);
    d.spec.template.spec.containers[0].ports = [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }];
    h.client.create(R.deployments, 'default', d);
    h.client.create(R.services, 'default', service('db', { clusterIP: 'None', ports: [{ name: 'sql', port: 5432, targetPort: 'pg', protocol: 'TCP' }] }));
    h.client.create(R.services, 'default', service('nobody', { selector: { app: 'nobody' } }));
    h.run(3000);
    const ep = h.client.get(R.endpoints, 'default', 'db');
    expect(ep.metadata.labels!['service.kubernetes.io/headless']).toBe('');
    expect(ep.subsets[0].ports).toEqual([{ name: 'sql', port: 5432, protocol: 'TCP' }]);
    const empty = h.client.get(R.endpoints, 'default', 'nobody');
    expect(empty.subsets).toBeUndefined();
    const placeholder = h.server.all('endpointslices').find((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'nobody')!;
    expect(placeholder.endpoints).toEqual([]);
  });
});
