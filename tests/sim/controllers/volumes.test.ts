import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { R } from '../../../src/sim/client/resources';
import { PVCS, PVS, STORAGE_CLASSES } from '../../../src/sim/controllers/util/storage';
import { harness } from './helpers/harness';

const localPath = (): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'local-path', annotations: { defaultVolumeType: 'local', 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
});
const claim = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const podUsing = (name: string, claimName: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
});

describe('persistent volume controllers', () => {
  it('binds a claim to a matching static volume at once', () => {
    const h = harness();
    h.client.create(PVS, undefined, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'task-pv-volume', labels: { type: 'local' } },
      spec: { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } },
    });
    h.run(10);
    expect(h.client.get(PVS, undefined, 'task-pv-volume').status.phase).toBe('Available');
    h.client.create(PVCS, 'default', claim('task-pv-claim', { storageClassName: 'manual', resources: { requests: { storage: '3Gi' } } }));
    h.run(10);
    const pvc = h.client.get(PVCS, 'default', 'task-pv-claim');
    expect(pvc.spec.volumeName).toBe('task-pv-volume');
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
    expect(pvc.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const pv = h.client.get(PVS, undefined, 'task-pv-volume');
    expect(pv.status.phase).toBe('Bound');
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'task-pv-claim', uid: pvc.metadata.uid });
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('a default-class claim waits for its first consumer, then local-path provisions a volume on its node', () => {
    const h = harness();
    h.client.create(STORAGE_CLASSES, undefined, localPath());
    h.client.create(PVCS, 'default', claim('data'));
    h.run(100);
    let pvc = h.client.get(PVCS, 'default', 'data');
    expect(pvc.spec.storageClassName).toBe('local-path');
    expect(pvc.status.phase).toBe('Pending');
    expect(h.events('WaitForFirstConsumer')[0]).toBe('WaitForFirstConsumer waiting for first consumer to be created before binding');
    h.client.create(R.pods, 'default', podUsing('app', 'data'));
    h.run(5000);
    pvc = h.client.get(PVCS, 'default', 'data');
    const node = h.client.get(R.pods, 'default', 'app').spec.nodeName;
    expect(pvc.status.phase).toBe('Bound');
    expect(pvc.spec.volumeName).toBe(`pvc-${pvc.metadata.uid}`);
    expect(pvc.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'pv.kubernetes.io/bind-completed': 'yes',
    });
    const pv = h.client.get(PVS, undefined, pvc.spec.volumeName);
    expect(pv.spec.local.path).toBe(`/var/lib/rancher/k3s/storage/${pv.metadata.name}_default_data`);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.status.phase).toBe('Bound');
    const reasons = h.events().filter((e) => /^(WaitForFirstConsumer|ExternalProvisioning|Provisioning|ProvisioningSucceeded) /.test(e)).map((e) => e.split(' ')[0]);
    expect([...new Set(reasons)]).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    const src = h.server.all('events').find((e) => e.reason === 'ProvisioningSucceeded')!.source.component;
    expect(src).toMatch(/^rancher\.io\/local-path_local-path-provisioner_[0-9a-f-]{36}$/);
  });

  it('a claim in use stays Terminating until its pod goes; then the Delete policy removes the volume', () => {
    const h = harness();
    h.client.create(STORAGE_CLASSES, undefined, localPath());
    h.client.create(PVCS, 'default', claim('data'));
    h.client.create(R.pods, 'default', podUsing('app', 'data'));
    h.run(5000);
    const pvName = h.client.get(PVCS, 'default', 'data').spec.volumeName;
    h.client.delete(PVCS, 'default', 'data');
    h.run(1000);
    expect(h.client.get(PVCS, 'default', 'data').metadata.deletionTimestamp).toBeDefined();
    h.client.delete(R.pods, 'default', 'app');
    h.run(2000);
    expect(h.client.tryGet(PVCS, 'default', 'data')).toBeUndefined();
    h.run(3000);
    expect(h.client.tryGet(PVS, undefined, pvName)).toBeUndefined();
  });

  it('StatefulSet claims from volumeClaimTemplates are provisioned and bound', () => {
    const h = harness();
    h.client.create(STORAGE_CLASSES, undefined, localPath());
    h.client.create(R.statefulsets, 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    h.run(20_000);
    const claims = h.server.all('persistentvolumeclaims');
    expect(claims.map((c) => `${c.metadata.name} ${c.status.phase} ${c.spec.storageClassName}`).sort()).toEqual(['www-web-0 Bound local-path', 'www-web-1 Bound local-path']);
    const forClaim = h.server.all('events').filter((e) => e.involvedObject.name === 'www-web-0').map((e) => e.reason);
    expect(forClaim).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  });
});
