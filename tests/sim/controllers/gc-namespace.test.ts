import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/client/resources';
import { deployment, harness, service } from './helpers/harness';

const names = (h: ReturnType<typeof harness>, r: string, ns = 'default') => h.server.all(r, ns).map((o) => o.metadata.name!);

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSet, then its pods', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    h.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Background' });
    expect(names(h, 'deployments')).toEqual([]);
    h.run(50);
    expect(names(h, 'replicasets')).toEqual([]);
    expect(h.server.all('pods', 'default').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    h.run(3000);
    expect(names(h, 'pods')).toEqual([]);
  });

  it('foreground: the owner stays with foregroundDeletion until blocking dependents are gone', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    h.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Foreground' });
    h.run(100);
    const d = h.client.get(R.deployments, 'default', 'web');
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    const rs = h.server.all('replicasets')[0];
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    h.run(5000);
    expect(names(h, 'pods')).toEqual([]);
    expect(names(h, 'replicasets')).toEqual([]);
    expect(names(h, 'deployments')).toEqual([]);
  });

  it('orphan: dependents lose their ownerReference and stay', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', deployment('web', 2));
    h.run(5000);
    h.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Orphan' });
    h.run(1000);
    expect(names(h, 'deployments')).toEqual([]);
    const rs = h.server.all('replicasets');
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    expect(h.server.all('pods').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
  });

  it('deleting a Service removes its EndpointSlices', () => {
    const h = harness();
    h.client.create(R.services, 'default', service('web'));
    h.run(100);
    expect(h.server.all('endpointslices')).toHaveLength(1);
    h.client.delete(R.services, 'default', 'web');
    h.run(100);
    expect(h.server.all('endpointslices')).toHaveLength(0);
    expect(h.server.all('endpoints')).toHaveLength(0);
  });
});

describe('namespace and service-account controllers', () => {
  it('every namespace gets a default ServiceAccount and the kube-root-ca.crt ConfigMap', () => {
    const h = harness();
    h.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    h.run(10);
    expect(names(h, 'serviceaccounts', 'dev')).toEqual(['default']);
    const cm = h.server.all('configmaps', 'dev')[0];
    expect(cm.metadata.name).toBe('kube-root-ca.crt');
    expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    h.client.delete(R.serviceaccounts, 'dev', 'default');
    h.run(10);
    expect(names(h, 'serviceaccounts', 'dev')).toEqual(['default']);
  });

  it('deleting a namespace empties it, reports what remains, then removes it', () => {
    const h = harness();
    h.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    h.run(10);
    const d = deployment('web', 2);
    d.metadata.namespace = 'dev';
    h.client.create(R.deployments, 'dev', d);
    h.run(5000);
    h.kubelet.terminateMs = 4000;
    h.client.delete(R.namespaces, undefined, 'dev');
    h.run(100);
    const ns = h.client.get(R.namespaces, undefined, 'dev');
    expect(ns.status.phase).toBe('Terminating');
    const cond = Object.fromEntries(ns.status.conditions.map((c: { type: string; message: string }) => [c.type, c.message]));
    expect(cond.NamespaceContentRemaining).toBe('Some resources are remaining: pods. has 2 resource instances');
    expect(cond.NamespaceFinalizersRemaining).toBe('All content-preserving finalizers finished');
    expect(ns.status.conditions.map((c: { type: string }) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
    expect(names(h, 'deployments', 'dev')).toEqual([]);
    h.run(20_000);
    expect(h.client.tryGet(R.namespaces, undefined, 'dev')).toBeUndefined();
  });
});
