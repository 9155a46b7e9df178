// The cluster map's summary, read through the API of a real simulated cluster.
import { describe, expect, test } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { summarizeCluster } from '../../src/worker/cluster-summary';

describe('cluster summary', () => {
  test('nodes hold their pods with the STATUS column; workload Services list their endpoints', () => {
    const world = createWorld({ seed: 3 });
    const api = world.api()!;
    api.handle({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
        },
      },
    });
    api.handle({
      method: 'POST',
      path: '/api/v1/namespaces/default/services',
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
    });
    world.advance(60_000);
    const s = summarizeCluster(api);
    expect(s.nodes.map((n) => n.name)).toEqual(['k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2', 'k3d-mini-cluster-server-0']);
    expect(s.nodes.every((n) => n.ready)).toBe(true);
    expect(s.nodes.find((n) => n.name.endsWith('server-0'))?.roles).toBe('control-plane,master');
    const web = s.nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(2);
    for (const p of web) expect(p).toMatchObject({ namespace: 'default', status: 'Running', ready: true });
    const svc = s.services.find((x) => x.name === 'web')!;
    expect(svc.type).toBe('ClusterIP');
    expect(svc.endpoints.sort()).toEqual(web.map((p) => p.name).sort());
    expect(s.services.some((x) => x.namespace === 'kube-system')).toBe(false);
    expect(s.events.length).toBeGreaterThan(0);
    expect(s.unscheduled).toEqual([]);
  });

  test('no cluster: an empty picture, no throw', () => {
    expect(summarizeCluster(undefined)).toEqual({ nodes: [], unscheduled: [], services: [], events: [] });
  });
});
