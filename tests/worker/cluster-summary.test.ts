// The cluster map's summary (read through the API of a real simulated cluster) and its watch-fed feed.
import { describe, expect, test } from 'vitest';
import { createWorld, type World } from '../../src/sim/world';
import { podState, summarizeCluster } from '../../src/worker/cluster-summary';
import { ClusterMapFeed } from '../../src/worker/cluster-watch';
import type { ClusterSummary, MapPod } from '../../src/worker/protocol';

function deploy(world: World, name: string, replicas: number, image = 'nginx:1.27') {
  world.api()!.handle({
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
      },
    },
  });
}

function expose(world: World, name: string) {
  world.api()!.handle({
    method: 'POST',
    path: '/api/v1/namespaces/default/services',
    body: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } },
  });
}

function scale(world: World, name: string, replicas: number) {
  world.api()!.handle({
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/default/deployments/${name}/scale`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: { spec: { replicas } },
  });
}

const podsOf = (s: ClusterSummary, prefix: string): MapPod[] => [...s.nodes.flatMap((n) => n.pods), ...s.unscheduled].filter((p) => p.name.startsWith(prefix));

const watchCount = (world: World) => world.cluster()!.apiserver.watchCount();

describe('cluster summary', () => {
  test('nodes hold their pods with the STATUS column; workload Services list the pods behind ready endpoints', () => {
    const world = createWorld({ seed: 3 });
    deploy(world, 'web', 2);
    expose(world, 'web');
    world.advance(60_000);
    const s = summarizeCluster(world.api(), world.clock.now());
    expect(s.nodes.map((n) => n.name)).toEqual(['k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2', 'k3d-mini-cluster-server-0']);
    expect(s.nodes.every((n) => n.ready && n.status === 'Ready')).toBe(true);
    expect(s.nodes.find((n) => n.name.endsWith('server-0'))?.roles).toBe('control-plane,master');
    const web = podsOf(s, 'web-');
    expect(web).toHaveLength(2);
    for (const p of web) expect(p).toMatchObject({ namespace: 'default', status: 'Running', ready: true, state: 'ready' });
    // The learner's pods come before kube-system's in a node box.
    for (const n of s.nodes) {
      const sys = n.pods.findIndex((p) => p.namespace === 'kube-system');
      if (sys >= 0) expect(n.pods.slice(sys).every((p) => p.namespace === 'kube-system')).toBe(true);
    }
    const svc = s.services.find((x) => x.name === 'web')!;
    expect(svc).toMatchObject({ type: 'ClusterIP', ports: '80/TCP', notReady: [] });
    expect(svc.endpoints).toEqual(web.map((p) => p.name).sort());
    // The API server's own Service points at the server node's address, not at a pod.
    expect(s.services.find((x) => x.name === 'kubernetes')?.endpoints).toHaveLength(1);
    expect(s.services.some((x) => x.namespace === 'kube-system')).toBe(false);
    expect(s.events.length).toBeGreaterThan(0);
    expect(s.events.length).toBeLessThanOrEqual(8);
    expect(s.events[0]).toEqual({ type: expect.any(String), reason: expect.any(String), object: expect.stringMatching(/^[a-z]+\//), message: expect.any(String) });
    expect(s.unscheduled).toEqual([]);
  });

  test('a cordoned node says SchedulingDisabled; a pod with a bad image is failing', () => {
    const world = createWorld({ seed: 4 });
    world.api()!.handle({
      method: 'PATCH',
      path: '/api/v1/nodes/k3d-mini-cluster-agent-0',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { unschedulable: true } },
    });
    deploy(world, 'broken', 1, 'nginx:no-such-tag');
    world.advance(60_000);
    const s = summarizeCluster(world.api(), world.clock.now());
    expect(s.nodes[0]).toMatchObject({ name: 'k3d-mini-cluster-agent-0', status: 'Ready,SchedulingDisabled' });
    const [p] = podsOf(s, 'broken-');
    expect(p.status).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    expect(p.state).toBe('error');
  });

  test('the colour classes follow the STATUS column, phase and readiness', () => {
    expect(podState('Pending', 'Pending', false, false)).toBe('pending');
    expect(podState('ContainerCreating', 'Pending', false, false)).toBe('creating');
    expect(podState('Init:0/1', 'Pending', false, false)).toBe('creating');
    expect(podState('Running', 'Running', false, false)).toBe('running');
    expect(podState('Running', 'Running', true, false)).toBe('ready');
    expect(podState('CrashLoopBackOff', 'Running', false, false)).toBe('error');
    expect(podState('ImagePullBackOff', 'Pending', false, false)).toBe('error');
    expect(podState('Init:CrashLoopBackOff', 'Pending', false, false)).toBe('error');
    expect(podState('Terminating', 'Running', true, true)).toBe('terminating');
    expect(podState('Completed', 'Succeeded', false, false)).toBe('succeeded');
    expect(podState('Error', 'Failed', false, false)).toBe('failed');
  });

  test('no cluster: an empty picture, no throw', () => {
    expect(summarizeCluster(undefined)).toEqual({ nodes: [], unscheduled: [], services: [], events: [] });
  });
});

describe('the watch-fed map', () => {
  test('pods appear in node boxes, turn ready, and go on scale to 0, all from watch events', () => {
    const world = createWorld({ seed: 3 });
    const sent: ClusterSummary[] = [];
    const feed = new ClusterMapFeed((s) => sent.push(s), () => world.clock.now());
    const before = watchCount(world);
    feed.setEnabled(true);
    feed.poll(world.api());
    expect(watchCount(world)).toBe(before + 5);
    expect(sent).toHaveLength(1);
    expect(podsOf(sent[0], 'web-')).toEqual([]);

    deploy(world, 'web', 3);
    // Nothing arrives inside the request that caused it: watch events come on the clock.
    feed.poll(world.api());
    expect(sent).toHaveLength(1);
    const states = new Set<string>();
    for (let i = 0; i < 60; i++) {
      world.advance(500);
      feed.poll(world.api());
      for (const p of podsOf(sent[sent.length - 1], 'web-')) states.add(p.state);
    }
    const up = sent[sent.length - 1];
    const web = up.nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(3);
    expect(web.every((p) => p.state === 'ready' && p.status === 'Running')).toBe(true);
    // On the way the pods were seen waiting for their containers.
    expect(states.has('creating') || states.has('pending')).toBe(true);
    // The watch cache agrees with a fresh list.
    expect(up).toEqual(summarizeCluster(world.api(), world.clock.now()));

    scale(world, 'web', 0);
    const seen = new Set<string>();
    // nginx stops on SIGTERM within a few hundred virtual milliseconds: look often enough to see it.
    for (let i = 0; i < 200; i++) {
      world.advance(100);
      feed.poll(world.api());
      for (const p of podsOf(sent[sent.length - 1], 'web-')) seen.add(p.state);
    }
    expect(seen.has('terminating')).toBe(true);
    expect(podsOf(sent[sent.length - 1], 'web-')).toEqual([]);
    expect(sent[sent.length - 1].events.some((e) => e.reason === 'ScalingReplicaSet' && e.object === 'deployment/web')).toBe(true);
  });

  test('only changes are sent, at most once per 100 ms of real time', () => {
    const world = createWorld({ seed: 3 });
    let wall = 0;
    const sent: ClusterSummary[] = [];
    const feed = new ClusterMapFeed((s) => sent.push(s), () => world.clock.now(), () => wall);
    feed.setEnabled(true);
    feed.poll(world.api());
    expect(sent).toHaveLength(1);
    // A quiet cluster: polls send nothing (no watch event, nothing computed).
    const computed = feed.stats.computed;
    for (let i = 0; i < 10; i++) {
      wall += 50;
      feed.poll(world.api());
    }
    expect(sent).toHaveLength(1);
    expect(feed.stats.computed).toBe(computed);
    // A burst: 40 virtual seconds of a rollout inside 50 ms of real time is one update, not dozens.
    deploy(world, 'burst', 5);
    wall += 1;
    for (let i = 0; i < 40; i++) {
      world.advance(1000);
      feed.poll(world.api());
    }
    expect(feed.stats.watchEvents).toBeGreaterThan(20);
    expect(sent.length).toBeLessThanOrEqual(2);
    wall += 100;
    feed.poll(world.api());
    expect(podsOf(sent[sent.length - 1], 'burst-')).toHaveLength(5);
  });

  test('closed, the map watches nothing and sends nothing', () => {
    const world = createWorld({ seed: 3 });
    const sent: ClusterSummary[] = [];
    const feed = new ClusterMapFeed((s) => sent.push(s), () => world.clock.now());
    const before = watchCount(world);
    feed.poll(world.api());
    deploy(world, 'quiet', 2);
    world.advance(30_000);
    feed.poll(world.api());
    expect(sent).toEqual([]);
    expect(watchCount(world)).toBe(before);
    feed.setEnabled(true);
    feed.poll(world.api());
    expect(watchCount(world)).toBe(before + 5);
    feed.setEnabled(false);
    world.advance(1000);
    expect(watchCount(world)).toBe(before);
    expect(sent).toHaveLength(1);
  });

  test('watching changes nothing in the simulation: the same seed prints the same pods with the map open or closed', () => {
    const run = (open: boolean) => {
      const world = createWorld({ seed: 9 });
      const feed = new ClusterMapFeed(() => {}, () => world.clock.now());
      feed.setEnabled(open);
      deploy(world, 'same', 3);
      for (let i = 0; i < 60; i++) {
        world.advance(500);
        feed.poll(world.api());
      }
      return JSON.stringify(summarizeCluster(world.api(), world.clock.now()));
    };
    expect(run(true)).toBe(run(false));
  });
});
