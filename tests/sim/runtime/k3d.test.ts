import { describe, expect, it } from 'vitest';
import { ApiClient, createWorld, K3dError, R } from '../../../src/sim/index';

describe('k3d runtime', () => {
  it('validates names like k3d and refuses duplicates', () => {
    const w = createWorld({ seed: 1, empty: true });
    expect(() => w.k3d.createCluster({ name: 'a'.repeat(33) })).toThrow('Cluster name must be <= 32 characters, but has 33');
    expect(() => w.k3d.createCluster({ name: 'Bad_Name' })).toThrow('Invalid cluster name. name Bad_Name is not a valid hostname as per RFC 1123');
    w.k3d.createCluster({ name: 'dev' });
    expect(() => w.k3d.createCluster({ name: 'dev' })).toThrow(K3dError);
  });

  it('gives each cluster its network, nodes and API port; lists and deletes', () => {
    const w = createWorld({ seed: 2, empty: true });
    expect(w.k3d.listClusters()).toEqual([]);
    const a = w.k3d.createCluster({ name: 'one', agents: 1 });
    const b = w.k3d.createCluster({ name: 'two' });
    expect(a.network).toBe('k3d-one');
    expect(a.nodes.map((n) => `${n.name} ${n.role} ${n.ip}`)).toEqual(['k3d-one-server-0 server 172.18.0.3', 'k3d-one-agent-0 agent 172.18.0.4', 'k3d-one-serverlb loadbalancer 172.18.0.5']);
    expect(b.nodes[0].ip).toBe('172.19.0.3');
    expect(a.apiPort).not.toBe(b.apiPort);
    expect(a.token).toMatch(/^[a-zA-Z]{20}$/);
    expect(w.k3d.listClusters().map((c) => `${c.name} ${c.serversRunning}/${c.serversCount} ${c.agentsRunning}/${c.agentsCount} ${c.hasLoadBalancer}`)).toEqual(['one 1/1 1/1 true', 'two 1/1 0/0 true']);
    w.advance(30_000);
    const api = w.resolveServer(w.k3d.kubeconfig('one').server)!;
    expect(new ApiClient(api).list(R.nodes).items.map((n) => n.metadata.name)).toEqual(['k3d-one-agent-0', 'k3d-one-server-0']);
    w.k3d.deleteCluster('two');
    expect(w.k3d.listClusters().map((c) => c.name)).toEqual(['one']);
    expect(() => w.k3d.kubeconfig('two')).toThrow(K3dError);
  });

  it('node create joins the cluster as k3d-NAME-0; node delete removes the Node', () => {
    const w = createWorld({ seed: 3 });
    const c = new ApiClient(w.api()!);
    const n = w.k3d.createNode({ name: 'extra', cluster: 'mini-cluster' });
    expect(n).toMatchObject({ name: 'k3d-extra-0', role: 'agent', ip: '172.18.0.8', state: 'running' });
    w.advance(10_000);
    const node = c.get(R.nodes, undefined, 'k3d-extra-0');
    expect(node.spec.podCIDR).toBe('10.42.4.0/24');
    expect(node.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('True');
    w.advance(20_000);
    // the svclb DaemonSet follows the new node
    expect(c.list(R.pods, 'kube-system').items.filter((p) => p.spec.nodeName === 'k3d-extra-0' && p.metadata.name!.startsWith('svclb-traefik-'))).toHaveLength(1);
    w.k3d.deleteNode('k3d-extra-0');
    w.advance(1_000);
    expect(c.tryGet(R.nodes, undefined, 'k3d-extra-0')).toBeUndefined();
    expect(w.k3d.listNodes().map((x) => x.name)).not.toContain('k3d-extra-0');
  });

  it('stopping the only server takes the API away until it starts again', () => {
    const w = createWorld({ seed: 4 });
    const url = w.serverURL()!;
    w.k3d.stopNode('k3d-mini-cluster-server-0');
    expect(w.resolveServer(url)).toBeUndefined();
    expect(w.k3d.getCluster('mini-cluster').serversRunning).toBe(0);
    w.advance(60_000);
    w.k3d.startNode('k3d-mini-cluster-server-0');
    w.advance(30_000);
    const c = new ApiClient(w.resolveServer(url)!);
    const ready = c.list(R.nodes).items.filter((n) => n.status.conditions.find((x: { type: string }) => x.type === 'Ready').status === 'True');
    expect(ready).toHaveLength(4);
    expect(c.list(R.pods, 'kube-system').items.filter((p) => p.status.phase === 'Running').length).toBeGreaterThanOrEqual(8);
  });
});
