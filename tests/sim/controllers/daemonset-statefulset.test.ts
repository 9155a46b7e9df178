import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sim/apiserver/types';
import { ApiClient } from '../../../src/sim/client/client';
import { R } from '../../../src/sim/client/resources';
import { dnsLookup, startClusterNetwork } from '../../../src/sim/network';
import { harness, NODES, service } from './helpers/harness';

const ds = (name: string, image = 'rancher/klipper-lb:v0.4.9'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: name } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'lb', image }] } },
  },
});

const sts = (name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    ...extra,
  },
});

describe('daemonset controller', () => {
  it('runs one pod per node, pinned by matchFields, with the daemon tolerations', () => {
    const h = harness();
    h.client.create(R.daemonsets, 'kube-system', ds('svclb'));
    h.run(3000);
    const pods = h.server.all('pods', 'kube-system');
    expect(pods).toHaveLength(4);
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual([...NODES].sort());
    const p = pods[0];
    expect(p.metadata.name).toMatch(/^svclb-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata.labels!['pod-template-generation']).toBe('1');
    const crs = h.server.all('controllerrevisions', 'kube-system');
    expect(crs).toHaveLength(1);
    expect(crs[0].metadata.name).toBe(`svclb-${p.metadata.labels!['controller-revision-hash']}`);
    expect(crs[0].revision).toBe(1);
    expect(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] },
    ]);
    const tols = p.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`);
    expect(tols).toEqual(expect.arrayContaining(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unschedulable:NoSchedule']));
    const d = h.client.get(R.daemonsets, 'kube-system', 'svclb');
    expect(d.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberAvailable: 4, updatedNumberScheduled: 4, numberMisscheduled: 0 });
    expect(h.events('SuccessfulCreate')).toHaveLength(4);
  });

  it('skips a node with an untolerated NoSchedule taint and follows node selectors', () => {
    const h = harness();
    h.client.patch(R.nodes, undefined, NODES[1], 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
    const d = ds('agent');
    d.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
    h.client.create(R.daemonsets, 'kube-system', d);
    h.run(3000);
    expect(h.server.all('pods', 'kube-system').map((p) => p.spec.nodeName).sort()).toEqual([NODES[0], NODES[2], NODES[3]].sort());
  });

  it('rolls a new template node by node within maxUnavailable 1', () => {
    const h = harness();
    h.client.create(R.daemonsets, 'kube-system', ds('svclb'));
    h.run(3000);
    const oldHash = h.server.all('pods', 'kube-system')[0].metadata.labels!['controller-revision-hash'];
    h.client.patch(R.daemonsets, 'kube-system', 'svclb', 'merge', { spec: { template: { spec: { containers: [{ name: 'lb', image: 'rancher/klipper-lb:v0.4.13' }] } } } });
    let maxDown = 0;
    for (let i = 0; i < 40; i++) {
      h.run(500);
      const ready = h.server.all('pods', 'kube-system').filter((p) => !p.metadata.deletionTimestamp && p.status.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')).length;
      maxDown = Math.max(maxDown, 4 - ready);
    }
    expect(maxDown).toBe(1);
    const pods = h.server.all('pods', 'kube-system');
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.metadata.labels!['controller-revision-hash'] !== oldHash && p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(h.server.all('controllerrevisions', 'kube-system').map((c) => c.revision).sort()).toEqual([1, 2]);
  });
});

describe('statefulset controller', () => {
  it('creates pods in order, each after the previous is Running and Ready, with stable DNS names', () => {
    const h = harness();
    h.client.create(R.services, 'default', service('web', { clusterIP: 'None' }));
    h.client.create(R.statefulsets, 'default', sts('web', 3, { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }));
    h.run(500);
    expect(h.server.all('pods').map((p) => p.metadata.name)).toEqual(['web-0']);
    h.run(1000);
    expect(h.server.all('pods').map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1']);
    h.run(5000);
    const pods = h.server.all('pods').sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    const p0 = pods[0];
    expect(p0.spec.hostname).toBe('web-0');
    expect(p0.spec.subdomain).toBe('web');
    expect(p0.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(p0.metadata.labels!['controller-revision-hash']).toMatch(/^web-[4-9bcdf]+$/);
    expect(p0.spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect(h.server.all('persistentvolumeclaims').map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(h.events().filter((e) => e.startsWith('SuccessfulCreate'))).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    const s = h.client.get(R.statefulsets, 'default', 'web').status;
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(s.currentRevision).toBe(s.updateRevision);
    const net = startClusterNetwork({ client: new ApiClient(h.server, 'coredns'), clock: h.clock, random: h.random });
    h.run(10);
    expect(dnsLookup(net, 'default', 'web-1.web').answers[0].address).toBe(pods[1].status.podIP);
  });

  it('scales down from the highest ordinal and rolls updates in reverse order', () => {
    const h = harness();
    h.client.create(R.statefulsets, 'default', sts('db', 3));
    h.run(10_000);
    h.client.patch(R.statefulsets, 'default', 'db', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
    h.run(20_000);
    const deletes = h.events('SuccessfulDelete');
    expect(deletes).toEqual([
      'SuccessfulDelete delete Pod db-2 in StatefulSet db successful',
      'SuccessfulDelete delete Pod db-1 in StatefulSet db successful',
      'SuccessfulDelete delete Pod db-0 in StatefulSet db successful',
    ]);
    const s = h.client.get(R.statefulsets, 'default', 'db').status;
    expect(s.currentRevision).toBe(s.updateRevision);
    expect(h.server.all('pods').every((p) => p.spec.containers[0].image === 'nginx:1.28')).toBe(true);
    h.client.patch(R.statefulsets, 'default', 'db', 'merge', { spec: { replicas: 1 } });
    h.run(500);
    const terminating = () => h.server.all('pods').filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(terminating()).toEqual(['db-2']);
    h.run(1000);
    expect(terminating()).toEqual(['db-1']);
    h.run(10_000);
    expect(h.server.all('pods').map((p) => p.metadata.name)).toEqual(['db-0']);
    // the same message again is folded into the existing Event (count 2), as the event correlator does
    const ev = h.server.all('events').find((e) => e.message === 'delete Pod db-2 in StatefulSet db successful')!;
    expect(ev.count).toBe(2);
  });
});
