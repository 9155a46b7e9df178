// Expected objects follow pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go
// and pkg/registry/batch/job/strategy.go, and the real `kubectl get deploy -o yaml` of the k8s behaviour
// reference §3.2.
import { describe, expect, it } from 'vitest';
import { applyDefaults, imageTag } from '../../../src/sim/apiserver/defaults';
import type { KubeObject } from '../../../src/sim/apiserver/types';

describe('image tags for imagePullPolicy', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/app', 'latest'],
    ['localhost:5000/app:v2', 'v2'],
    ['nginx@sha256:abc', ''],
  ])('%s -> %s', (image, tag) => expect(imageTag(image)).toBe(tag));
});

describe('Deployment defaults', () => {
  it('makes `kubectl create deployment web --image=nginx` look like the real stored object', () => {
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    applyDefaults('apps', 'deployments', d);
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });
  it('keeps given values and defaults probes and ports', () => {
    const d: KubeObject = {
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        strategy: { type: 'Recreate' },
        template: { spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] } },
      },
    };
    applyDefaults('apps', 'deployments', d);
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    const c = d.spec.template.spec.containers[0];
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });
});

describe('Pod defaults', () => {
  it('sets pod-only defaults and copies limits into requests', () => {
    const p: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } } }], volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'x' } }, { name: 'h', hostPath: { path: '/tmp' } }] } };
    applyDefaults('', 'pods', p);
    expect(p.spec.enableServiceLinks).toBe(true);
    expect(p.spec.containers[0].resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(p.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'x', defaultMode: 420 } },
      { name: 'h', hostPath: { path: '/tmp', type: '' } },
    ]);
  });
  it('templates do not get pod-only defaults', () => {
    const d: KubeObject = { metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'a', resources: { limits: { cpu: '1' } } }] } } } };
    applyDefaults('apps', 'replicasets', d);
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
  });
});

describe('DaemonSet, StatefulSet, Job, CronJob defaults', () => {
  it('DaemonSet: RollingUpdate maxUnavailable 1, maxSurge 0', () => {
    const ds: KubeObject = { metadata: { name: 'x' }, spec: { template: { spec: { containers: [] } } } };
    applyDefaults('apps', 'daemonsets', ds);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
  });
  it('StatefulSet: OrderedReady, partition 0, Retain/Retain', () => {
    const ss: KubeObject = { metadata: { name: 'x' }, spec: { serviceName: 'x', template: { spec: { containers: [] } } } };
    applyDefaults('apps', 'statefulsets', ss);
    expect(ss.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
  });
  it('Job: counts, policies, generated selector and labels', () => {
    const uid = '0b7c3f0e-7d2e-4a57-9c1c-2f7f0c1a1b2c';
    const job: KubeObject = { metadata: { name: 'pi', uid }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }], restartPolicy: 'Never' } } } };
    applyDefaults('batch', 'jobs', job);
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const expected = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(job.spec.template.metadata.labels).toEqual(expected);
    expect(job.metadata.labels).toEqual(expected);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });
  it('Job: parallelism alone leaves completions unset; manualSelector skips generation', () => {
    const job: KubeObject = { metadata: { name: 'j', uid: 'u' }, spec: { parallelism: 3, manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } };
    applyDefaults('batch', 'jobs', job);
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.selector).toEqual({ matchLabels: { a: 'b' } });
    expect(job.metadata.labels).toEqual({ a: 'b' });
  });
  it('CronJob: Allow, suspend false, history limits 3/1', () => {
    const cj: KubeObject = { metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.28' }], restartPolicy: 'OnFailure' } } } } } };
    applyDefaults('batch', 'cronjobs', cj);
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });
});

describe('Service, Secret, Namespace and others', () => {
  it('ClusterIP service', () => {
    const svc: KubeObject = { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } };
    applyDefaults('', 'services', svc);
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
  it('LoadBalancer service gets externalTrafficPolicy and allocateLoadBalancerNodePorts', () => {
    const svc: KubeObject = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } };
    applyDefaults('', 'services', svc);
    expect(svc.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster' });
    const en: KubeObject = { metadata: { name: 'en' }, spec: { type: 'ExternalName', externalName: 'example.com' } };
    applyDefaults('', 'services', en);
    expect(en.spec.internalTrafficPolicy).toBeUndefined();
    expect(en.spec.ipFamilies).toBeUndefined();
  });
  it('Secret type Opaque, Namespace name label, PVC volumeMode, StorageClass, RBAC subjects', () => {
    const s: KubeObject = { metadata: { name: 's' }, data: {} };
    applyDefaults('', 'secrets', s);
    expect(s.type).toBe('Opaque');
    const ns: KubeObject = { metadata: { name: 'dev' } };
    applyDefaults('', 'namespaces', ns);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    const pvc: KubeObject = { metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'] } };
    applyDefaults('', 'persistentvolumeclaims', pvc);
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    const sc: KubeObject = { metadata: { name: 'x' }, provisioner: 'p' };
    applyDefaults('storage.k8s.io', 'storageclasses', sc);
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    const rb: KubeObject = { metadata: { name: 'rb' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default' }] };
    applyDefaults('rbac.authorization.k8s.io', 'rolebindings', rb);
    expect(rb.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(rb.subjects.map((x: { apiGroup: string }) => x.apiGroup)).toEqual(['rbac.authorization.k8s.io', '']);
  });
  it('HPA v2 default metric and behavior rules', () => {
    const hpa: KubeObject = { apiVersion: 'autoscaling/v2', metadata: { name: 'h' }, spec: { maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } };
    applyDefaults('autoscaling', 'horizontalpodautoscalers', hpa);
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], selectPolicy: 'Max' });
    expect(hpa.spec.behavior.scaleUp.policies).toHaveLength(2);
  });
});

describe('defaulting is idempotent (the server defaults again on every update and read)', () => {
  it('over the docs example manifests', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseAllDocuments } = await import('yaml');
    const root = join(process.cwd(), '..', 'shared', 'corpus', 'manifests');
    if (!existsSync(join(root, 'INDEX.tsv'))) {
      console.log('defaults idempotency test: skipped, ../shared/corpus/manifests is missing');
      return;
    }
    const plural: Record<string, [string, string]> = { Pod: ['', 'pods'], Deployment: ['apps', 'deployments'], Service: ['', 'services'], Job: ['batch', 'jobs'], CronJob: ['batch', 'cronjobs'], DaemonSet: ['apps', 'daemonsets'], StatefulSet: ['apps', 'statefulsets'], ReplicaSet: ['apps', 'replicasets'], Secret: ['', 'secrets'], Namespace: ['', 'namespaces'], PersistentVolumeClaim: ['', 'persistentvolumeclaims'] };
    let checked = 0;
    for (const line of readFileSync(join(root, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1)) {
      for (const doc of parseAllDocuments(readFileSync(join(root, line.split('\t')[0]), 'utf8'))) {
        const o = doc.toJSON() as KubeObject | null;
        const r = o?.kind ? plural[o.kind] : undefined;
        if (!o || !r) continue;
        o.metadata ??= {};
        o.metadata.uid = 'u';
        applyDefaults(r[0], r[1], o);
        const once = JSON.stringify(o);
        applyDefaults(r[0], r[1], o, { old: JSON.parse(once) });
        expect(JSON.stringify(o)).toBe(once);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
