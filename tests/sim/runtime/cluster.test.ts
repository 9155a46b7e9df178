import { describe, expect, it } from 'vitest';
import { ApiClient, createWorld, R, World } from '../../../src/sim/index';
import { condition, dump, miniWorld, stepUntil } from './helpers';

const deployment = (name: string, replicas: number, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } } },
});

describe('a fresh mini-cluster (k3d cluster create mini-cluster --servers 1 --agents 3)', () => {
  const { world, client } = miniWorld(1);

  it('has the four nodes with k3s names, roles, IPs, podCIDRs and node info', () => {
    const nodes = client.list(R.nodes).items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2', 'k3d-mini-cluster-server-0']);
    const server = nodes[3];
    expect(server.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true', 'kubernetes.io/hostname': 'k3d-mini-cluster-server-0', 'node.kubernetes.io/instance-type': 'k3s' });
    expect(nodes[0].metadata.labels?.['node-role.kubernetes.io/control-plane']).toBeUndefined();
    expect(server.spec.podCIDR).toBe('10.42.0.0/24');
    expect(server.status.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'k3d-mini-cluster-server-0' }]);
    expect(server.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.31.5+k3s1', osImage: 'K3s v1.31.5+k3s1', containerRuntimeVersion: 'containerd://1.7.23-k3s2', operatingSystem: 'linux', architecture: 'amd64' });
    expect(server.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['NetworkUnavailable=False', 'MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(condition(server, 'Ready')).toMatchObject({ reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(server.status.capacity.pods).toBe('110');
    // k3s's eviction-hard nodefs.available<5% is the only reservation: 5 % of 61202244Ki, in bytes
    expect(server.status.allocatable['ephemeral-storage']).toBe('59537542964');
    expect(server.status.allocatable.memory).toBe(server.status.capacity.memory);
    const leases = client.list(R.leases, 'kube-node-lease').items;
    expect(leases.map((l) => l.metadata.name).sort()).toEqual(nodes.map((n) => n.metadata.name));
    expect(leases[0].spec.leaseDurationSeconds).toBe(40);
  });

  it('runs the kube-system workloads of §1.6', () => {
    const ns = client.list(R.namespaces).items.map((n) => n.metadata.name).sort();
    expect(ns).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const pods = client.list(R.pods, 'kube-system').items;
    const byPrefix = (p: RegExp) => pods.filter((x) => p.test(x.metadata.name!));
    for (const d of ['coredns', 'local-path-provisioner', 'metrics-server', 'traefik']) {
      const ps = byPrefix(new RegExp(`^${d}-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(ps, d).toHaveLength(1);
      expect(ps[0].status.phase).toBe('Running');
      expect(condition(ps[0], 'Ready')?.status).toBe('True');
    }
    for (const j of ['helm-install-traefik-crd', 'helm-install-traefik']) {
      const ps = byPrefix(new RegExp(`^${j}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(ps, j).toHaveLength(1);
      expect(ps[0].status.phase).toBe('Succeeded');
      expect(ps[0].status.containerStatuses[0].state.terminated.reason).toBe('Completed');
    }
    const svclb = byPrefix(/^svclb-traefik-[0-9a-f]{8}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(svclb).toHaveLength(4);
    expect(new Set(svclb.map((p) => p.spec.nodeName)).size).toBe(4);
    expect(svclb.every((p) => p.status.containerStatuses.length === 2 && p.status.containerStatuses.every((c: { ready: boolean }) => c.ready))).toBe(true);
    const svcs = Object.fromEntries(client.list(R.services).items.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
    expect(svcs['default/kubernetes'].spec.clusterIP).toBe('10.43.0.1');
    expect(svcs['kube-system/kube-dns'].spec.clusterIP).toBe('10.43.0.10');
    expect(svcs['kube-system/kube-dns'].spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`)).toEqual(['53/UDP', '53/TCP', '9153/TCP']);
    expect(svcs['kube-system/metrics-server'].spec.type).toBe('ClusterIP');
    expect(svcs['kube-system/traefik'].spec.type).toBe('LoadBalancer');
    expect(svcs['kube-system/traefik'].status.loadBalancer.ingress.map((i: { ip: string }) => i.ip)).toEqual(['172.18.0.3', '172.18.0.4', '172.18.0.5', '172.18.0.6']);
  });

  it('gives a kubeconfig entry that resolves to the running API', () => {
    const kc = world.k3d.kubeconfig('mini-cluster');
    expect(kc).toMatchObject({ clusterName: 'k3d-mini-cluster', contextName: 'k3d-mini-cluster', userName: 'admin@k3d-mini-cluster' });
    expect(kc.server).toMatch(/^https:\/\/0\.0\.0\.0:\d{5}$/);
    expect(world.resolveServer(kc.server)).toBeDefined();
    expect(world.resolveServer('https://0.0.0.0:1')).toBeUndefined();
    world.k3d.stopCluster('mini-cluster');
    expect(world.resolveServer(kc.server)).toBeUndefined();
    world.k3d.startCluster('mini-cluster');
    expect(world.resolveServer(kc.server)).toBeDefined();
  });
});

describe('workloads and node failure', () => {
  it('a 3-replica Deployment reaches 3/3 ready', () => {
    const { world, client } = miniWorld(3);
    client.create(R.deployments, 'default', deployment('web', 3));
    const took = stepUntil(world, () => client.get(R.deployments, 'default', 'web').status?.readyReplicas === 3, 30_000, 250);
    expect(took).toBeGreaterThan(0);
    expect(took).toBeLessThan(15_000);
    const pods = client.list(R.pods, 'default').items;
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status.phase === 'Running' && /^10\.42\.\d\.\d+$/.test(p.status.podIP))).toBe(true);
  });

  it('a stopped node goes NotReady, is tainted, and its pods are replaced after the 300 s toleration', () => {
    const { world, client } = miniWorld(5);
    client.create(R.deployments, 'default', deployment('web', 4));
    world.advance(20_000);
    const victim = 'k3d-mini-cluster-agent-1';
    const onVictim = client.list(R.pods, 'default').items.filter((p) => p.spec.nodeName === victim);
    expect(onVictim.length).toBeGreaterThan(0);
    const stoppedAt = world.clock.now();
    world.k3d.stopNode(victim);
    expect(world.k3d.listNodes().find((n) => n.name === victim)!.state).toBe('exited');
    // unknown after the 40 s grace period (checked every 5 s)
    const tookUnknown = stepUntil(world, () => condition(client.get(R.nodes, undefined, victim), 'Ready')?.status === 'Unknown', 120_000, 1000);
    expect(world.clock.now() - stoppedAt).toBeGreaterThanOrEqual(40_000);
    expect(world.clock.now() - stoppedAt).toBeLessThanOrEqual(56_000);
    expect(tookUnknown).toBeGreaterThan(0);
    const node = client.get(R.nodes, undefined, victim);
    expect(condition(node, 'Ready')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(condition(node, 'MemoryPressure')?.status).toBe('Unknown');
    world.advance(5_000);
    const taints = client.get(R.nodes, undefined, victim).spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`);
    expect(taints).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const stale = client.get(R.pods, 'default', onVictim[0].metadata.name!);
    expect(condition(stale, 'Ready')?.status).toBe('False');
    expect(stale.status.phase).toBe('Running');
    // eviction ~300 s after the taint: Terminating forever (no kubelet), replacements elsewhere
    world.advance(290_000);
    expect(client.get(R.pods, 'default', onVictim[0].metadata.name!).metadata.deletionTimestamp).toBeUndefined();
    world.advance(20_000);
    const evicted = client.get(R.pods, 'default', onVictim[0].metadata.name!);
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(condition(evicted, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    const ev = client.list(R.events, 'default').items.find((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === onVictim[0].metadata.name);
    expect(ev?.message).toBe(`Marking for deletion Pod default/${onVictim[0].metadata.name}`);
    world.advance(20_000);
    const live = client.list(R.pods, 'default').items.filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(4);
    expect(live.every((p) => p.spec.nodeName !== victim && p.status.phase === 'Running')).toBe(true);
    // the node comes back: Ready again, taints gone, the terminating pods finally go
    world.k3d.startNode(victim);
    world.advance(30_000);
    expect(condition(client.get(R.nodes, undefined, victim), 'Ready')?.status).toBe('True');
    expect(client.get(R.nodes, undefined, victim).spec.taints ?? []).toEqual([]);
    expect(client.list(R.pods, 'default').items.filter((p) => p.spec.nodeName === victim)).toHaveLength(0);
  });
});

describe('determinism and snapshots', () => {
  const script = (w: World, from: number, to: number) => {
    const c = new ApiClient(w.resolveServer(w.serverURL()!)!);
    const steps: (() => void)[] = [
      () => c.create(R.deployments, 'default', deployment('web', 3)),
      () => w.advance(7_000),
      () => c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { containers: [{ name: 'c', image: 'nginx:1.99' }] } }),
      () => w.advance(12_345),
      () => c.patch(R.deployments, 'default', 'web', 'merge', { spec: { replicas: 5 } }),
      () => w.advance(31_000),
      () => c.delete(R.pods, 'default', 'bad'),
      () => w.advance(45_000),
    ];
    for (let i = from; i < to; i++) steps[i]();
    return c;
  };

  it('the same seed gives the same bytes; another seed does not', () => {
    const a = createWorld({ seed: 42 });
    const b = createWorld({ seed: 42 });
    const c = createWorld({ seed: 43 });
    const da = dump(script(a, 0, 8));
    expect(dump(script(b, 0, 8))).toBe(da);
    expect(dump(script(c, 0, 8))).not.toBe(da);
  });

  it('snapshot → restore → continue prints the same bytes as never snapshotting', () => {
    const straight = createWorld({ seed: 9 });
    const expected = dump(script(straight, 0, 8));
    const first = createWorld({ seed: 9 });
    script(first, 0, 4);
    const snap = JSON.stringify(first.snapshot());
    const restored = World.restore(JSON.parse(snap));
    expect(restored.clock.now()).toBe(first.clock.now());
    // the restored world carries the same history, so its own snapshots stay complete
    expect(JSON.stringify(restored.snapshot())).toBe(snap);
    expect(dump(script(restored, 4, 8))).toBe(expected);
  });
});

describe('exec input replays into the same session', () => {
  it('a file written through an interactive shell survives snapshot and restore', () => {
    const w = createWorld({ seed: 11 });
    const api = w.resolveServer(w.serverURL()!)!;
    const c = new ApiClient(api);
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } });
    w.advance(10_000);
    const res = api.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/box/exec', query: { command: JSON.stringify(['sh']), stdin: 'true', stdout: 'true', tty: 'true' } });
    res.exec!.write('echo saved > /tmp/note\r');
    res.exec!.write('exit\r');
    w.advance(100);
    const restored = World.restore(w.snapshot());
    const api2 = restored.resolveServer(restored.serverURL()!)!;
    const run = api2.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/box/exec', query: { command: JSON.stringify(['cat', '/tmp/note']), stdout: 'true' } });
    let out = '';
    run.exec!.onOutput((_s, d) => (out += d));
    restored.advance(10);
    expect(out).toBe('saved\n');
  });
});
