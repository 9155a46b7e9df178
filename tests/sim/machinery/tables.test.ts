// Expected values follow pkg/printers/internalversion/printers.go and apimachinery pkg/util/duration/duration.go,
// and the real outputs recorded in the kubectl output reference (§3–5).
import { describe, expect, it } from 'vitest';
import { buildTable, humanDuration, shortHumanDuration } from '../../../src/sim/apiserver/tables';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const ago = (sec: number) => new Date(NOW - sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (duration.HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [3 * M + 14 * S, '3m14s'],
    [10 * M, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H + 9 * M, '3h9m'],
    [5 * H, '5h'],
    [24 * H, '24h'],
    [47 * H + 59 * M, '47h'],
    [4 * D + 23 * H, '4d23h'],
    [5 * D, '5d'],
    [364 * D, '364d'],
    [2 * 365 * D + 15 * D, '2y15d'],
    [9 * 365 * D, '9y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
  it('short form uses one unit', () => {
    expect(shortHumanDuration(59 * S)).toBe('59s');
    expect(shortHumanDuration(90 * M)).toBe('1h');
    expect(shortHumanDuration(3 * D)).toBe('3d');
  });
});

function pod(name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', creationTimestamp: ago(25 * 60) }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: {}, ...extra };
}

describe('pods table (printPod)', () => {
  it('has the real columns with wide ones at priority 1', () => {
    const t = buildTable('', 'pods', [], NOW);
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(t.columnDefinitions[0].format).toBe('name');
  });

  it('prints a crash-looping pod as CrashLoopBackOff with `7 (75s ago)`', () => {
    const p = pod('crashy', {
      status: {
        phase: 'Running',
        podIP: '10.42.0.9',
        podIPs: [{ ip: '10.42.0.9' }],
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(75) } } },
        ],
      },
    });
    p.spec.nodeName = 'k3d-dev-server-0';
    const t = buildTable('', 'pods', [p], NOW);
    expect(t.rows[0].cells).toEqual(['crashy', '0/1', 'CrashLoopBackOff', '7 (75s ago)', '25m', '10.42.0.9', 'k3d-dev-server-0', '<none>', '<none>']);
  });

  it('prints Pending with no statuses and <none> for wide cells', () => {
    const t = buildTable('', 'pods', [pod('bigpod', { status: { phase: 'Pending' } })], NOW);
    expect(t.rows[0].cells).toEqual(['bigpod', '0/1', 'Pending', '0', '25m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('prints Init:0/1 while the first init container waits in PodInitializing', () => {
    const p = pod('init-demo', {
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'c', image: 'nginx' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: {} } }],
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    });
    expect(buildTable('', 'pods', [p], NOW).rows[0].cells.slice(0, 4)).toEqual(['init-demo', '0/1', 'Init:0/1', '0']);
  });

  it('prints Completed for a succeeded pod and marks the row condition', () => {
    const p = pod('job-x', { status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } });
    const row = buildTable('', 'pods', [p], NOW).rows[0];
    expect(row.cells.slice(1, 3)).toEqual(['0/1', 'Completed']);
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  it('prints Terminating for a pod being deleted, ExitCode:N without a reason', () => {
    const p = pod('web', { status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] } });
    p.metadata.deletionTimestamp = ago(1);
    expect(buildTable('', 'pods', [p], NOW).rows[0].cells.slice(1, 3)).toEqual(['1/1', 'Terminating']);
    const q = pod('x', { status: { phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] } });
    expect(buildTable('', 'pods', [q], NOW).rows[0].cells[2]).toBe('ExitCode:3');
  });

  it('includeObject None/Metadata/Object', () => {
    const p = pod('a');
    expect(buildTable('', 'pods', [p], NOW, 'None').rows[0].object).toBeUndefined();
    expect(buildTable('', 'pods', [p], NOW).rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata });
    expect(buildTable('', 'pods', [p], NOW, 'Object').rows[0].object).toBe(p);
  });
});

describe('workload tables', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } };
  it('deployments: READY as ready/replicas, numbers typed as numbers, wide containers/images/selector', () => {
    const d: KubeObject = { metadata: { name: 'web', creationTimestamp: ago(3 * 3600 + 600) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } };
    const t = buildTable('apps', 'deployments', [d], NOW);
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(t.rows[0].cells).toEqual(['web', '3/3', 3, 3, '3h10m', 'nginx,side', 'nginx:1.27,busybox', 'app=web']);
  });
  it('daemonsets print NODE SELECTOR as k=v or <none>', () => {
    const ds: KubeObject = { metadata: { name: 'svclb', creationTimestamp: ago(60) }, spec: { selector: { matchLabels: { app: 'svclb' } }, template: { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'linux' } } } }, status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 } };
    expect(buildTable('apps', 'daemonsets', [ds], NOW).rows[0].cells.slice(0, 8)).toEqual(['svclb', 1, 1, 1, 1, 1, 'kubernetes.io/os=linux', '60s']);
  });
  it('jobs: STATUS, COMPLETIONS, DURATION', () => {
    const j: KubeObject = { metadata: { name: 'hello-job', creationTimestamp: ago(600) }, spec: { completions: 1, parallelism: 1, template: { spec: { containers: [] } } }, status: { succeeded: 1, startTime: ago(600), completionTime: ago(588), conditions: [{ type: 'Complete', status: 'True' }] } };
    expect(buildTable('batch', 'jobs', [j], NOW).rows[0].cells.slice(0, 5)).toEqual(['hello-job', 'Complete', '1/1', '12s', '10m']);
    const running: KubeObject = { metadata: { name: 'p', creationTimestamp: ago(30) }, spec: { parallelism: 2, template: { spec: { containers: [] } } }, status: { startTime: ago(30) } };
    expect(buildTable('batch', 'jobs', [running], NOW).rows[0].cells.slice(0, 4)).toEqual(['p', 'Running', '0/1 of 2', '30s']);
  });
  it('cronjobs: TIMEZONE <none>, SUSPEND False, LAST SCHEDULE age', () => {
    const cj: KubeObject = { metadata: { name: 'backup', creationTimestamp: ago(2 * 86400) }, spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: { lastScheduleTime: ago(135) } };
    expect(buildTable('batch', 'cronjobs', [cj], NOW).rows[0].cells.slice(0, 7)).toEqual(['backup', '*/5 * * * *', '<none>', 'False', 0, '2m15s', '2d']);
  });
  it('statefulsets and replicasets', () => {
    const ss: KubeObject = { metadata: { name: 'db', creationTimestamp: ago(5) }, spec: { replicas: 3, template }, status: { readyReplicas: 1 } };
    expect(buildTable('apps', 'statefulsets', [ss], NOW).rows[0].cells.slice(0, 3)).toEqual(['db', '1/3', '5s']);
    const rs: KubeObject = { metadata: { name: 'web-7d4b9c8f6d', creationTimestamp: ago(5) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, template }, status: { replicas: 3 } };
    expect(buildTable('apps', 'replicasets', [rs], NOW).rows[0].cells).toEqual(['web-7d4b9c8f6d', 3, 3, 0, '5s', 'nginx,side', 'nginx:1.27,busybox', 'app=web,pod-template-hash=7d4b9c8f6d']);
  });
});

describe('network and cluster tables', () => {
  it('services: types, cluster IP, external IP and ports', () => {
    const mk = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ metadata: { name, creationTimestamp: ago(7200) }, spec, status });
    const t = buildTable('', 'services', [
      mk('kubernetes', { type: 'ClusterIP', clusterIP: '10.43.0.1', clusterIPs: ['10.43.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }),
      mk('web-lb', { type: 'LoadBalancer', clusterIPs: ['10.43.44.10'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }], selector: { app: 'web' } }),
      mk('traefik', { type: 'LoadBalancer', clusterIPs: ['10.43.1.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '172.18.0.3' }, { ip: '172.18.0.2' }] } }),
      mk('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }),
    ], NOW);
    expect(t.rows.map((r) => r.cells.slice(0, 5))).toEqual([
      ['kubernetes', 'ClusterIP', '10.43.0.1', '<none>', '443/TCP'],
      ['web-lb', 'LoadBalancer', '10.43.44.10', '<pending>', '80:31234/TCP'],
      ['traefik', 'LoadBalancer', '10.43.1.2', '172.18.0.2,172.18.0.3', '80:30080/TCP,443:30443/TCP'],
      ['db', 'ClusterIP', 'None', '<none>', '5432/TCP'],
    ]);
    expect(t.rows[1].cells[6]).toBe('app=web');
    expect(t.rows[0].cells[6]).toBe('<none>');
  });
  it('endpoints: first three then + N more...', () => {
    const ep: KubeObject = { metadata: { name: 'web-np', creationTimestamp: ago(7200) }, subsets: [{ addresses: ['10.244.1.5', '10.244.1.6', '10.244.1.7', '10.244.1.8'].map((ip) => ({ ip })), ports: [{ port: 80, protocol: 'TCP' }] }] };
    expect(buildTable('', 'endpoints', [ep], NOW).rows[0].cells).toEqual(['web-np', '10.244.1.5:80,10.244.1.6:80,10.244.1.7:80 + 1 more...', '120m']);
    expect(buildTable('', 'endpoints', [{ metadata: { name: 'x', creationTimestamp: ago(1) } }], NOW).rows[0].cells[1]).toBe('<none>');
  });
  it('nodes: STATUS with SchedulingDisabled, sorted ROLES', () => {
    const node: KubeObject = {
      metadata: { name: 'k3d-dev-server-0', creationTimestamp: ago(300), labels: { 'node-role.kubernetes.io/master': 'true', 'node-role.kubernetes.io/control-plane': 'true' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.31.5+k3s1', osImage: 'K3s v1.31.5+k3s1', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://1.7.23-k3s2' }, addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'k3d-dev-server-0' }] },
    };
    expect(buildTable('', 'nodes', [node], NOW).rows[0].cells).toEqual(['k3d-dev-server-0', 'Ready,SchedulingDisabled', 'control-plane,master', '5m', 'v1.31.5+k3s1', '172.18.0.2', '<none>', 'K3s v1.31.5+k3s1', '6.8.0', 'containerd://1.7.23-k3s2']);
  });
  it('events: LAST SEEN, OBJECT kind/name, SOURCE, COUNT default 1', () => {
    const ev: KubeObject = { metadata: { name: 'web.1', creationTimestamp: ago(60) }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Pulled', message: 'ok ', type: 'Normal', source: { component: 'kubelet', host: 'node1' }, firstTimestamp: ago(60), lastTimestamp: ago(30) };
    expect(buildTable('', 'events', [ev], NOW).rows[0].cells).toEqual(['30s', 'Normal', 'Pulled', 'pod/web', '', 'kubelet, node1', 'ok', '60s', 1, 'web.1']);
  });
  it('configmaps, secrets, namespaces, storageclasses, default convertor', () => {
    expect(buildTable('', 'configmaps', [{ metadata: { name: 'kube-root-ca.crt', creationTimestamp: ago(10) }, data: { 'ca.crt': 'x' } }], NOW).rows[0].cells).toEqual(['kube-root-ca.crt', 1, '10s']);
    expect(buildTable('', 'secrets', [{ metadata: { name: 's', creationTimestamp: ago(10) }, type: 'Opaque', data: { a: 'eA==', b: 'eQ==' } }], NOW).rows[0].cells).toEqual(['s', 'Opaque', 2, '10s']);
    expect(buildTable('', 'namespaces', [{ metadata: { name: 'dev', creationTimestamp: ago(10) }, status: { phase: 'Terminating' } }], NOW).rows[0].cells).toEqual(['dev', 'Terminating', '10s']);
    const sc: KubeObject = { metadata: { name: 'local-path', creationTimestamp: ago(10), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true };
    expect(buildTable('storage.k8s.io', 'storageclasses', [sc], NOW).rows[0].cells).toEqual(['local-path (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', true, '10s']);
    const t = buildTable('example.com', 'widgets', [{ metadata: { name: 'w', creationTimestamp: '2026-01-10T11:00:00Z' } }], NOW);
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(t.rows[0].cells).toEqual(['w', '2026-01-10T11:00:00Z']);
  });
});
