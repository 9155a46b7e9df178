import { describe, expect, it } from 'vitest';
import { validateCheck } from '../../src/labs/checks/registry';
import { evaluateCheck } from '../../src/labs/evaluate';
import type { EvalContext } from '../../src/labs/checks/types';
import { memoryObjectSource } from '../../src/labs/source';
import { deployment, endpoints, files, node, pod, service } from './fixtures';

function check(raw: unknown) {
  const r = validateCheck(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.check;
}

const ctx = (objects: Parameters<typeof memoryObjectSource>[0], more: Partial<EvalContext> = {}): EvalContext => ({ objects: memoryObjectSource(objects), home: '/root', ...more });

describe('deployment check', () => {
  it('explains a shortfall of available replicas in expected-vs-found words', async () => {
    const r = await evaluateCheck(check({ deployment: 'web', availableReplicas: 3, image: 'nginx:1.27' }), ctx([deployment('web', { replicas: 3, available: 2 })]));
    expect(r.pass).toBe(false);
    expect(r.text).toBe('deployment web: expected 3 available replicas, found 2 available replicas');
  });
  it('passes when replicas and image match', async () => {
    const r = await evaluateCheck(check({ deployment: 'web', availableReplicas: 3, image: 'nginx:1.27' }), ctx([deployment('web', { replicas: 3, available: 3 })]));
    expect(r.pass).toBe(true);
    expect(r.text).toBe('deployment web: 3 available replicas, image nginx:1.27');
  });
  it('names the wrong image', async () => {
    const r = await evaluateCheck(check({ deployment: 'web', image: 'nginx:1.27' }), ctx([deployment('web', { image: 'nginx:1.277' })]));
    expect(r.text).toBe('deployment web: expected image nginx:1.27, found image nginx:1.277');
  });
  it('reports a missing deployment and respects namespaces', async () => {
    const r = await evaluateCheck(check({ deployment: 'web', namespace: 'shop', replicas: 1 }), ctx([deployment('web')]));
    expect(r.pass).toBe(false);
    expect(r.actual).toBe('no deployment named web in namespace shop');
  });
  it('reads what kubectl apply last wrote, and says when apply was never used', async () => {
    const c = check({ deployment: 'web', lastApplied: { 'spec.replicas': 4 } });
    const applied = await evaluateCheck(c, ctx([deployment('web', { replicas: 4, lastApplied: { spec: { replicas: 4 } } })]));
    expect(applied.pass).toBe(true);
    const scaled = await evaluateCheck(c, ctx([deployment('web', { replicas: 4, lastApplied: { spec: { replicas: 2 } } })]));
    expect(scaled.text).toBe('deployment web: expected spec.replicas 4 in the last applied manifest, found spec.replicas 2 in the last applied manifest');
    const created = await evaluateCheck(c, ctx([deployment('web', { replicas: 4 })]));
    expect(created.actual).toContain('not written by kubectl apply');
  });
  it('accepts count comparators', async () => {
    const r = await evaluateCheck(check({ deployment: 'web', availableReplicas: '>=2' }), ctx([deployment('web', { replicas: 3, available: 1 })]));
    expect(r.text).toBe('deployment web: expected at least 2 available replicas, found 1 available replica');
  });
});

describe('pods check', () => {
  const objs = [pod('web-1', { node: 'a' }), pod('web-2', { node: 'b' }), pod('web-3', { node: 'b', ready: false, waiting: 'ErrImagePull', image: 'nginx:1.277' }), pod('web-0', { node: 'b', terminating: true }), pod('db-1', { app: 'db', node: 'b' })];
  it('counts non-terminating pods of the selector', async () => {
    const r = await evaluateCheck(check({ pods: 'app=web', count: 3 }), ctx(objs));
    expect(r.pass).toBe(true);
  });
  it('requires every pod to be ready and names the one that is not, with its STATUS word', async () => {
    const r = await evaluateCheck(check({ pods: 'app=web', count: 3, ready: true }), ctx(objs));
    expect(r.pass).toBe(false);
    expect(r.text).toBe('pods with app=web: expected all ready, found web-3 not ready (ErrImagePull)');
  });
  it('checks node placement', async () => {
    const r = await evaluateCheck(check({ pods: { selector: 'app=web' }, notOnNode: 'b' }), ctx(objs));
    expect(r.text).toBe('pods with app=web: expected none on node b, found web-2 on b, web-3 on b');
  });
  it('supports set-based and negated selectors', async () => {
    const labelled = [pod('web-1', { labels: { app: 'web', batch: 'first' } }), pod('web-2', { labels: { app: 'web' } })];
    expect((await evaluateCheck(check({ pods: 'app=web,!batch', count: 1 }), ctx(labelled))).pass).toBe(true);
    expect((await evaluateCheck(check({ pods: 'app in (web,api),batch=first', count: 1 }), ctx(labelled))).pass).toBe(true);
  });
});

describe('pod check', () => {
  it('shows Pending pods and their node', async () => {
    const p = pod('big', { phase: 'Pending', ready: false });
    p.status.containerStatuses = [];
    const r = await evaluateCheck(check({ pod: 'big', phase: 'Running', node: 'k3d-mini-cluster-agent-2' }), ctx([p]));
    expect(r.text).toBe('pod big: expected phase Running, on node k3d-mini-cluster-agent-2, found status Pending, not scheduled to any node');
  });
  it('counts containers for multi-container pods', async () => {
    const p = pod('duo', { node: 'a' });
    p.spec.containers.push({ name: 'poller', image: 'busybox:1.36' });
    p.status.containerStatuses.push({ name: 'poller', ready: true, state: { running: {} } });
    expect((await evaluateCheck(check({ pod: 'duo', containers: 2, readyContainers: 2 }), ctx([p]))).pass).toBe(true);
  });
});

describe('service check', () => {
  it('counts ready endpoints only', async () => {
    const r = await evaluateCheck(check({ service: 'web', type: 'ClusterIP', endpoints: 3 }), ctx([service('web'), endpoints('web', ['10.42.1.5', '10.42.2.3'], ['10.42.3.4'])]));
    expect(r.text).toBe('service web: expected 3 ready endpoints, found 2 (10.42.1.5, 10.42.2.3)');
  });
  it('falls back to EndpointSlices', async () => {
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [{ addresses: ['10.42.1.5'], conditions: { ready: true } }, { addresses: ['10.42.1.6'], conditions: { ready: false } }],
    };
    expect((await evaluateCheck(check({ service: 'web', endpoints: 1 }), ctx([service('web'), slice]))).pass).toBe(true);
  });
  it('compares selector, type and node port', async () => {
    const r = await evaluateCheck(check({ service: 'web', type: 'NodePort', nodePort: 30080, selector: { app: 'web' } }), ctx([service('web', { selector: { app: 'webapp' } })]));
    expect(r.text).toBe('service web: expected type NodePort, node port 30080, selector app=web, found type ClusterIP, ports 80/TCP, selector app=webapp');
  });
});

describe('node checks', () => {
  it('says NotReady for a stopped node', async () => {
    const r = await evaluateCheck(check({ node: 'k3d-mini-cluster-agent-1', ready: false }), ctx([node('k3d-mini-cluster-agent-1')]));
    expect(r.text).toBe('node k3d-mini-cluster-agent-1: expected NotReady, found Ready');
  });
  it('checks labels and cordons', async () => {
    const r = await evaluateCheck(check({ node: 'n1', labels: { disk: 'ssd' }, unschedulable: true }), ctx([node('n1', { labels: { disk: 'hdd' } })]));
    expect(r.text).toBe('node n1: expected label disk=ssd, cordoned (SchedulingDisabled), found label disk=hdd, schedulable');
  });
  it('counts nodes', async () => {
    const r = await evaluateCheck(check({ nodes: {}, count: 4, ready: true }), ctx([node('a'), node('b', { ready: false })]));
    expect(r.text).toBe('nodes: expected 4 nodes, all Ready, found 2 nodes, b NotReady');
  });
});

describe('file, kubeconfig and cluster checks', () => {
  const kubeconfig = `apiVersion: v1\nkind: Config\nclusters: []\ncontexts:\n- name: k3d-mini-cluster\n  context: {cluster: k3d-mini-cluster, user: admin@k3d-mini-cluster}\n- name: k3d-dev\n  context: {cluster: k3d-dev, user: admin@k3d-dev}\ncurrent-context: k3d-dev\n`;
  it('reads the kubeconfig from the learner home', async () => {
    const c = check({ kubeconfig: { contexts: ['k3d-mini-cluster', 'k3d-dev'], currentContext: 'k3d-mini-cluster' } });
    const r = await evaluateCheck(c, ctx([], { files: files({ '/root/.kube/config': kubeconfig }) }));
    expect(r.text).toBe('kubeconfig ~/.kube/config: expected current context k3d-mini-cluster, found current context k3d-dev');
    const none = await evaluateCheck(c, ctx([], { files: files({}) }));
    expect(none.actual).toBe('no such file');
  });
  it('compares a file with a live field', async () => {
    const c = check({ file: '~/web-ip.txt', sameAs: { resource: 'services', namespace: 'default', name: 'web', field: 'spec.clusterIP' } });
    expect((await evaluateCheck(c, ctx([service('web')], { files: files({ '/root/web-ip.txt': '10.43.12.34\n' }) }))).pass).toBe(true);
    const wrong = await evaluateCheck(c, ctx([service('web')], { files: files({ '/root/web-ip.txt': '10.43.0.10\n' }) }));
    expect(wrong.text).toBe('file ~/web-ip.txt: expected "10.43.12.34" (services web field spec.clusterIP), found "10.43.0.10"');
  });
  it('matches regular expressions', async () => {
    const c = check({ file: '/root/answer.txt', matches: '^k3d-mini-cluster-server-0\\s*$' });
    expect((await evaluateCheck(c, ctx([], { files: files({ '/root/answer.txt': 'k3d-mini-cluster-server-0\n' }) }))).pass).toBe(true);
  });
  it('asks the k3d runtime about clusters', async () => {
    const clusters = { clusters: () => [{ name: 'mini-cluster', servers: { running: 1, total: 1 }, agents: { running: 1, total: 1 } }] };
    const r = await evaluateCheck(check({ cluster: { name: 'mini-cluster', servers: 1, agents: 3 } }), ctx([], { clusters }));
    expect(r.text).toBe('k3d cluster mini-cluster: expected 3 agents, found 1');
    const noRuntime = await evaluateCheck(check({ cluster: { name: 'mini-cluster' } }), ctx([]));
    expect(noRuntime.pass).toBe(false);
    expect(noRuntime.actual).toContain('needs the simulator');
  });
});

describe('logs check', () => {
  it('counts distinct replicas named in a log', async () => {
    const objs = [pod('web-aaaaa'), pod('web-bbbbb'), pod('web-ccccc')];
    const source = memoryObjectSource(objs, { 'default/client': 'Hostname: web-aaaaa\nHostname: web-ccccc\nHostname: web-aaaaa\n' });
    const r = await evaluateCheck(check({ logs: 'client', mentionsPods: { selector: 'app=web', count: '>=2' } }), { objects: source });
    expect(r.pass).toBe(true);
    const r3 = await evaluateCheck(check({ logs: 'client', mentionsPods: { selector: 'app=web', count: 3 } }), { objects: source });
    expect(r3.text).toBe('logs of pod client: expected answers from 3 pods of app=web, found answers from 2');
  });
});

describe('validation of checks', () => {
  it('rejects unknown kinds and suggests field names', () => {
    const a = validateCheck({ deploymnt: 'web' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.errors[0]).toContain('no check kind among its keys (deploymnt)');
    const b = validateCheck({ deployment: 'web', availableReplica: 3 });
    if (!b.ok) expect(b.errors[0]).toBe('deployment check: unknown field "availableReplica" (did you mean "availableReplicas"?)');
    else throw new Error('expected a validation error');
  });
  it('rejects wrong types and two kinds in one check', () => {
    const a = validateCheck({ deployment: 'web', availableReplicas: 'three' });
    expect(a.ok ? [] : a.errors).toEqual(['deployment check: availableReplicas must be a count like 3 or ">=2", found "three"']);
    const b = validateCheck({ deployment: 'web', service: 'web' });
    expect(b.ok ? [] : b.errors).toEqual(['more than one check kind (deployment, service)']);
  });
  it('rejects bad regular expressions and unknown resources', () => {
    expect(validateCheck({ file: 'x', matches: '(' }).ok).toBe(false);
    expect(validateCheck({ object: { resource: 'widgets', name: 'x' } }).ok).toBe(false);
  });
});

describe('errors never escape', () => {
  it('turns a source failure into a failing check with the reason', async () => {
    const broken = { get: async () => { throw new Error('connection refused'); }, list: async () => [] };
    const r = await evaluateCheck(check({ deployment: 'web', replicas: 1 }), { objects: broken });
    expect(r.pass).toBe(false);
    expect(r.actual).toBe('an error while checking: connection refused');
  });
});
