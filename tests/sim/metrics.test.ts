/**
 * The metrics pipeline in a whole simulated k3d cluster: kubelet resource metrics, metrics-server's readiness,
 * the aggregated metrics.k8s.io API (discovery, lists, gets, errors), usage that follows what containers do,
 * and the HPA scaling on those numbers.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, createWorld, R, type KubeObject, type World } from '../../src/sim/index';
import { HPAS } from '../../src/sim/controllers/hpa';

const M = '/apis/metrics.k8s.io/v1beta1';

function world(opts: { settleMs?: number; seed?: number } = {}): { w: World; c: ApiClient; get: (p: string, accept?: string) => { status: number; body: any } } {
  const w = createWorld({ seed: opts.seed ?? 3, settleMs: opts.settleMs });
  const c = new ApiClient(w.api()!, 'kubectl/v1.31.9');
  const get = (path: string, accept?: string) => c.raw({ method: 'GET', path, headers: accept ? { accept } : {} }) as { status: number; body: any };
  return { w, c, get };
}

const milli = (q: string) => {
  const m = /^(\d+)(n|u|m)?$/.exec(q)!;
  return (Number(m[1]) * ({ n: 1e-6, u: 1e-3, m: 1 }[m[2] ?? ''] ?? 1000));
};

const burner = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: name } },
  spec: { containers: [{ name: 'burn', image: 'busybox', command: ['sh', '-c', 'while true; do :; done'], ...extra }] },
});

describe('metrics pipeline', () => {
  it('answers 503 with stale discovery until metrics-server has stored two scrapes, then serves node metrics', () => {
    const { w, get } = world({ settleMs: 1_000 });
    const created = w.clock.now() - 1_000;
    const early = get(`${M}/nodes`);
    expect(early.status).toBe(503);
    expect(early.body).toBe('service unavailable\n');
    const disc = get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList').body;
    const g = disc.items.find((i: KubeObject) => i.metadata.name === 'metrics.k8s.io');
    expect(g.versions).toEqual([{ version: 'v1beta1', resources: [], freshness: 'Stale' }]);
    let readyAt = -1;
    for (let t = 0; t < 120_000; t += 1_000) {
      w.advance(1_000);
      if (get(`${M}/nodes`).status === 200) {
        readyAt = w.clock.now();
        break;
      }
    }
    expect(readyAt).toBeGreaterThan(0);
    console.log(`metrics.k8s.io available ${(readyAt - created) / 1000} s after cluster creation`);
    // ready as soon as something has two points (metrics-server's "metric-storage-ready"); a resolution later, all nodes
    w.advance(15_000);
    const list = get(`${M}/nodes`).body;
    expect(list.kind).toBe('NodeMetricsList');
    expect(list.items.map((n: KubeObject) => n.metadata.name)).toEqual(['k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2', 'k3d-mini-cluster-server-0']);
    for (const n of list.items) {
      expect(n.window).toBe('15s');
      expect(n.usage.cpu).toMatch(/^\d+n$/);
      expect(n.usage.memory).toMatch(/^\d+Ki$/);
      expect(n.kind).toBeUndefined();
    }
    // the server node carries the control plane: it uses more than an agent
    const server = list.items.find((n: KubeObject) => n.metadata.name!.includes('server'));
    const agent = list.items.find((n: KubeObject) => n.metadata.name!.includes('agent-0'));
    expect(milli(server.usage.cpu)).toBeGreaterThan(milli(agent.usage.cpu));
    // once available, discovery lists the group last with get and list
    const after = get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList').body;
    expect(after.items.at(-1).metadata.name).toBe('metrics.k8s.io');
    expect(after.items.at(-1).versions[0].resources.map((r: { resource: string; verbs: string[]; scope: string }) => [r.resource, r.scope, r.verbs.join(',')])).toEqual([
      ['nodes', 'Cluster', 'get,list'],
      ['pods', 'Namespaced', 'get,list'],
    ]);
    expect(get(`${M}`).body.resources.map((r: { name: string; kind: string }) => `${r.name}:${r.kind}`)).toEqual(['nodes:NodeMetrics', 'pods:PodMetrics']);
  });

  it('serves the kubelet resource metrics through nodes/proxy', () => {
    const { w, get } = world();
    const a = get('/api/v1/nodes/k3d-mini-cluster-agent-1/proxy/metrics/resource');
    expect(a.status).toBe(200);
    expect(a.body).toContain('# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds\n# TYPE node_cpu_usage_seconds_total counter\n');
    expect(a.body).toMatch(/\ncontainer_cpu_usage_seconds_total\{container="lb-tcp-80",namespace="kube-system",pod="svclb-traefik-[a-z0-9]+-[a-z0-9]+"\} [0-9.e+-]+ \d+\n/);
    expect(a.body).toContain('\nresource_scrape_error 0\n');
    const cpu = (t: string) => Number(/\nnode_cpu_usage_seconds_total (\S+) /.exec(t)![1]);
    w.advance(10_000);
    const b = get('/api/v1/nodes/k3d-mini-cluster-agent-1/proxy/metrics/resource');
    expect(cpu(b.body)).toBeGreaterThan(cpu(a.body));
    expect(get('/api/v1/nodes/nope/proxy/metrics/resource')).toMatchObject({ status: 404, body: { message: 'nodes "nope" not found' } });
  });

  it('lists pod metrics by namespace and label, and answers gets with the real NotFound texts', () => {
    const { w, c, get } = world();
    w.advance(30_000);
    const all = get(`${M}/pods`).body.items.map((p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect([...all].sort()).toEqual(all);
    const dns = get(`${M}/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns`).body.items;
    expect(dns).toHaveLength(1);
    expect(dns[0].containers[0].name).toBe('coredns');
    expect(get(`${M}/namespaces/default/pods`).body.items).toEqual([]);
    expect(get(`${M}/namespaces/default/pods/nope`)).toMatchObject({ status: 404, body: { reason: 'NotFound', message: 'pods "nope" not found' } });
    expect(get(`${M}/nodes/nope`)).toMatchObject({ status: 404, body: { message: 'nodes "nope" not found' } });
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb' }, spec: { containers: [{ name: 'bb', image: 'busybox', command: ['sleep', '3600'] }] } });
    w.advance(5_000);
    expect(get(`${M}/namespaces/default/pods/bb`)).toMatchObject({
      status: 404,
      body: { message: 'podmetrics.metrics.k8s.io "default/bb" not found', details: { name: 'default/bb', group: 'metrics.k8s.io', kind: 'podmetrics' } },
    });
    w.advance(30_000);
    const bb = get(`${M}/namespaces/default/pods/bb`).body;
    expect(bb).toMatchObject({ kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'bb', namespace: 'default' }, containers: [{ name: 'bb' }] });
    expect(milli(bb.containers[0].usage.cpu)).toBeLessThan(1);
    expect(get(`${M}/namespaces/default/pods?watch=true`).status).toBe(405);
    const table = get(`${M}/namespaces/kube-system/pods`, 'application/json;as=Table;v=v1;g=meta.k8s.io').body;
    expect(table.columnDefinitions.map((d: { name: string }) => d.name)).toEqual(['Name', 'cpu', 'memory', 'Window']);
  });

  it('reports what containers do: a CPU burner uses its limit, or a whole core', () => {
    const { w, c, get } = world();
    c.create(R.pods, 'default', burner('capped', { resources: { limits: { cpu: '300m' } } }));
    c.create(R.pods, 'default', burner('free'));
    const t0 = Date.now();
    w.advance(60_000);
    // a spinning shell costs the simulation little real time
    expect(Date.now() - t0).toBeLessThan(20_000);
    const cpu = (n: string) => milli(get(`${M}/namespaces/default/pods/${n}`).body.containers[0].usage.cpu);
    expect(cpu('capped')).toBeCloseTo(300, 0);
    expect(cpu('free')).toBeGreaterThan(900);
    expect(cpu('free')).toBeLessThanOrEqual(1000);
  });

  it('is deterministic: the same seed gives the same numbers', () => {
    const a = world({ seed: 11 });
    const b = world({ seed: 11 });
    a.w.advance(45_000);
    b.w.advance(45_000);
    const strip = (x: any) => JSON.stringify(x.items.map((i: KubeObject) => [i.metadata.name, i.usage ?? i.containers]));
    expect(strip(a.get(`${M}/pods`).body)).toBe(strip(b.get(`${M}/pods`).body));
    expect(strip(a.get(`${M}/nodes`).body)).toBe(strip(b.get(`${M}/nodes`).body));
  });

  it('drives the HPA: busy pods scale the deployment up with the real event and TARGETS', () => {
    const { w, c } = world();
    c.create(R.deployments, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'burn' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'burn' } },
        template: {
          metadata: { labels: { app: 'burn' } },
          spec: { containers: [{ name: 'burn', image: 'busybox', command: ['sh', '-c', 'while true; do :; done'], resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } } }] },
        },
      },
    });
    c.create(HPAS, 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'burn' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'burn' },
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    });
    w.advance(120_000);
    const hpa = c.get(HPAS, 'default', 'burn');
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBe(200);
    expect(c.get(R.deployments, 'default', 'burn').spec.replicas).toBe(4);
    const rescale = c.list(R.events, 'default').items.filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message);
    expect(rescale[0]).toBe('New size: 4; reason: cpu resource utilization (percentage of request) above target');
    const table = c.raw({ method: 'GET', path: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }).body as { rows: { cells: unknown[] }[] };
    expect(table.rows[0].cells[2]).toBe('cpu: 200%/50%');
  });

  it('runs the HorizontalPodAutoscaler walkthrough: php-apache under a wget loop settles at 7 replicas, and back to 1 after the 5 minute window', () => {
    const { w, c } = world();
    c.create(R.deployments, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'php-apache' },
      spec: {
        selector: { matchLabels: { run: 'php-apache' } },
        template: {
          metadata: { labels: { run: 'php-apache' } },
          spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } } }] },
        },
      },
    });
    c.create(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'php-apache' }, spec: { ports: [{ port: 80 }], selector: { run: 'php-apache' } } });
    c.create(HPAS, 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'php-apache' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    w.advance(60_000);
    const util = () => c.get(HPAS, 'default', 'php-apache').status.currentMetrics?.[0]?.resource?.current?.averageUtilization;
    const replicas = () => c.get(R.deployments, 'default', 'php-apache').spec.replicas;
    expect(util()).toBe(0);
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'load-generator' }, spec: { restartPolicy: 'Never', containers: [{ name: 'load-generator', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'] }] } });
    w.advance(30_000);
    // one pod at its 500m limit: 250 % of the request
    expect(util()).toBeGreaterThan(200);
    w.advance(90_000);
    expect(replicas()).toBe(7);
    expect(util()).toBeLessThanOrEqual(55);
    c.delete(R.pods, 'default', 'load-generator', { gracePeriodSeconds: 0 });
    w.advance(4 * 60_000);
    // below target, but the scale-down stabilization window (300 s) holds the highest recent recommendation
    expect(replicas()).toBe(7);
    w.advance(2 * 60_000);
    expect(replicas()).toBe(1);
    const msgs = c.list(R.events, 'default').items.filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message);
    expect(msgs.at(-1)).toBe('New size: 1; reason: All metrics below target');
  });

  it('runs the docs resource exercises: stress within its memory limit, stress past it OOM-killed, vish/stress capped at its CPU limit', () => {
    const { w, c, get } = world();
    const stress = (name: string, limit: string, bytes: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: `${name}-ctr`, image: 'polinux/stress', resources: { requests: { memory: '50Mi' }, limits: { memory: limit } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', bytes, '--vm-hang', '1'] }] },
    });
    c.create(R.pods, 'default', stress('memory-demo', '200Mi', '150M'));
    c.create(R.pods, 'default', stress('memory-demo-2', '100Mi', '250M'));
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cpu-demo' }, spec: { containers: [{ name: 'cpu-demo-ctr', image: 'vish/stress', resources: { limits: { cpu: '1' }, requests: { cpu: '0.5' } }, args: ['-cpus', '2'] }] } });
    w.advance(90_000);
    const mem = get(`${M}/namespaces/default/pods/memory-demo`).body.containers[0].usage.memory;
    expect(Math.floor(Number(/^(\d+)Ki$/.exec(mem)![1]) / 1024)).toBe(143);
    const logs = c.raw({ method: 'GET', path: '/api/v1/namespaces/default/pods/memory-demo/log' }).body;
    expect(logs).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
    const oom = c.get(R.pods, 'default', 'memory-demo-2').status.containerStatuses[0];
    expect(oom.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(oom.restartCount).toBeGreaterThanOrEqual(2);
    expect(milli(get(`${M}/namespaces/default/pods/cpu-demo`).body.containers[0].usage.cpu)).toBeCloseTo(1000, 0);
  });

  it('an HPA created before metrics-server is ready reports the aggregator 503 in client-go words', () => {
    const { w, c } = world({ settleMs: 1_000 });
    c.create(HPAS, 'kube-system', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'coredns' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'coredns' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    // the coredns Deployment appears when k3s applies its manifests; the next HPA sync then asks for metrics
    w.advance(16_000);
    const msgs = c.list(R.events, 'kube-system').items.filter((e) => e.reason === 'FailedGetResourceMetric').map((e) => e.message);
    expect(msgs[0]).toBe('failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)');
  });
});
