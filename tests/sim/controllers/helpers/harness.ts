/** Builds the ApiServer + controller manager + a fake kubelet on one virtual clock for controller tests. */
import type { KubeObject } from '../../../../src/sim/apiserver/types';
import { VirtualClock } from '../../../../src/sim/clock';
import { ApiClient } from '../../../../src/sim/client/client';
import { R } from '../../../../src/sim/client/resources';
import { startControllerManager, type ControllerManager } from '../../../../src/sim/controllers';
import { Random } from '../../../../src/sim/random';
import { ApiServer } from '../../../../src/sim/apiserver/server';
import type { ApiHandler } from '../../../../src/sim/apiserver/types';
import { FakeKubelet } from './fake-kubelet';

export interface Harness {
  clock: VirtualClock;
  random: Random;
  server: ApiHandler & { all(resource: string, namespace?: string): KubeObject[] };
  client: ApiClient;
  manager: ControllerManager;
  kubelet: FakeKubelet;
  run(ms: number): void;
  events(reason?: string): string[];
}

export const NODES = ['k3d-mini-cluster-server-0', 'k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2'];

export function harness(opts: { seed?: number; nodes?: string[]; kubelet?: boolean; wrap?: (h: ApiHandler) => ApiHandler } = {}): Harness {
  const clock = new VirtualClock();
  const random = new Random(opts.seed ?? 7);
  const server = apiServer(clock, random);
  const client = new ApiClient(server, 'test');
  for (const ns of ['default', 'kube-system']) client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const nodes = opts.nodes ?? NODES;
  nodes.forEach((n, i) =>
    client.create(R.nodes, undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n, labels: { 'kubernetes.io/hostname': n, 'kubernetes.io/os': 'linux' } },
      spec: { podCIDR: `10.42.${i}.0/24` },
      status: { addresses: [{ type: 'InternalIP', address: `172.18.0.${2 + i}` }, { type: 'Hostname', address: n }], conditions: [{ type: 'Ready', status: 'True' }] },
    }),
  );
  // e.g. a test metrics API in front of the server, as metrics-server is aggregated in front of the real one
  const front = opts.wrap ? opts.wrap(server) : server;
  const manager = startControllerManager({ client: new ApiClient(front, 'kube-controller-manager'), clock, random });
  const kubelet = new FakeKubelet(new ApiClient(server, 'kubelet'), clock, nodes);
  if (opts.kubelet !== false) kubelet.start();
  clock.runDue();
  return {
    clock,
    random,
    server,
    client,
    manager,
    kubelet,
    run: (ms) => void clock.advance(ms),
    events: (reason) =>
      server
        .all('events')
        .filter((e) => !reason || e.reason === reason)
        .sort((a, b) => (eventOrder(a) < eventOrder(b) ? -1 : eventOrder(a) > eventOrder(b) ? 1 : 0))
        .map((e) => `${e.reason} ${e.message}`),
  };
}

export function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }], restartPolicy: 'Always' } },
      ...extra,
    },
  };
}

/** Events are named `<object>.<hex nanos>`, so creation order is the numeric order of the suffix. */
function eventOrder(e: KubeObject): bigint {
  return BigInt('0x' + e.metadata.name!.split('.').pop());
}

export const service = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: { selector: { app: name }, clusterIP: '10.43.100.1', type: 'ClusterIP', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ...extra },
});

/** The real ApiServer, with a direct read helper for assertions (a list through the API, no watch). */
function apiServer(clock: VirtualClock, random: Random): ApiHandler & { all(resource: string, namespace?: string): KubeObject[] } {
  const api = new ApiServer({ clock, random });
  const c = new ApiClient(api, 'test-reader');
  const groups: Record<string, string> = { endpointslices: 'discovery.k8s.io', deployments: 'apps', replicasets: 'apps', daemonsets: 'apps', statefulsets: 'apps', controllerrevisions: 'apps', jobs: 'batch', cronjobs: 'batch', leases: 'coordination.k8s.io' };
  return Object.assign(api, {
    all(resource: string, namespace?: string): KubeObject[] {
      const g = groups[resource] ?? '';
      return c.list({ group: g, version: 'v1', resource }, namespace).items;
    },
  });
}
