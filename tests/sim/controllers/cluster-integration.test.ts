/**
 * The controllers and the network inside a whole k3d-made cluster (real scheduler, kubelets, image catalog,
 * k3s system workloads), driven only through the API and the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/sim/client/client';
import { R } from '../../../src/sim/client/resources';
import { dnsLookup, httpRequest } from '../../../src/sim/network';
import { createWorld } from '../../../src/sim/world';
import { deployment, service } from './helpers/harness';

describe('controllers in a k3d cluster', () => {
  it('brings up the k3s system workloads, then a Deployment behind a Service answering through kube-proxy', () => {
    const world = createWorld({ seed: 1 });
    const cluster = world.cluster()!;
    const c = new ApiClient(cluster.apiserver, 'test');
    const coredns = c.get(R.deployments, 'kube-system', 'coredns');
    expect(coredns.status).toMatchObject({ replicas: 1, availableReplicas: 1, updatedReplicas: 1 });
    expect(c.list(R.serviceaccounts, 'default').items.map((s) => s.metadata.name)).toContain('default');
    expect(c.list(R.configmaps, 'default').items.map((s) => s.metadata.name)).toContain('kube-root-ca.crt');

    c.create(R.deployments, 'default', deployment('web', 3));
    const svc = service('web');
    delete svc.spec.clusterIP;
    c.create(R.services, 'default', svc);
    world.clock.advance(60_000);
    const d = c.get(R.deployments, 'default', 'web');
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    const pods = c.list(R.pods, 'default').items;
    expect(pods.filter((p) => p.status.phase === 'Running')).toHaveLength(3);
    const ep = c.get(R.endpoints, 'default', 'web');
    expect(ep.subsets[0].addresses).toHaveLength(3);
    const net = cluster.network!;
    const clusterIP = c.get(R.services, 'default', 'web').spec.clusterIP;
    expect(dnsLookup(net, 'default', 'web').answers[0].address).toBe(clusterIP);
    const r = httpRequest(net, { kind: 'pod', namespace: 'default', name: pods[0].metadata.name! }, 'http://web/');
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && r.body).toContain('Welcome to nginx!');
  });
});

describe('storage in a k3d cluster', () => {
  it('a claim on the default local-path class binds once a pod uses it', () => {
    const world = createWorld({ seed: 2 });
    const c = new ApiClient(world.cluster()!.apiserver, 'test');
    const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
    c.create(PVCS, 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '128Mi' } } } });
    world.clock.advance(5000);
    expect(c.get(PVCS, 'default', 'data').status.phase).toBe('Pending');
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    world.clock.advance(30_000);
    const pvc = c.get(PVCS, 'default', 'data');
    expect(pvc.status.phase).toBe('Bound');
    expect(pvc.spec.storageClassName).toBe('local-path');
    expect(c.get(R.pods, 'default', 'app').status.phase).toBe('Running');
  });
});
