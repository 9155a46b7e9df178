import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/index';
import { condition, eventsFor, miniWorld, pod, podSpec, stepUntil, waiting } from './helpers';

describe('kubelet pod lifecycle', () => {
  it('starts nginx: conditions in order, IP from the node podCIDR, pull then cached', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('web', { nodeName: 'k3d-mini-cluster-agent-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] }));
    world.advance(200);
    let p = pod(client, 'web');
    expect(p.status.phase).toBe('Pending');
    expect(waiting(p)).toBe('ContainerCreating');
    expect(p.status.hostIP).toBe('172.18.0.5');
    expect(p.status.conditions.map((c: { type: string }) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(stepUntil(world, () => pod(client, 'web').status.phase === 'Running', 15_000)).toBeGreaterThan(0);
    p = pod(client, 'web');
    expect(p.status.podIP).toMatch(/^10\.42\.2\.\d+$/);
    expect(p.status.podIPs).toEqual([{ ip: p.status.podIP }]);
    expect(p.status.conditions.every((c: { status: string }) => c.status === 'True')).toBe(true);
    const cs = p.status.containerStatuses[0];
    expect(cs).toMatchObject({ name: 'nginx', ready: true, restartCount: 0, started: true, image: 'docker.io/library/nginx:1.27' });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const ev = eventsFor(client, 'web');
    expect(ev.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[1].message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(ev[2].message).toBe('Created container nginx');
    expect(ev[3].message).toBe('Started container nginx');
    expect(ev[3].source).toEqual({ component: 'kubelet', host: 'k3d-mini-cluster-agent-1' });
    expect(ev[3].involvedObject.fieldPath).toBe('spec.containers{nginx}');
    // the same image again on the same node: no pull
    client.create(R.pods, 'default', podSpec('web2', { nodeName: 'k3d-mini-cluster-agent-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] }));
    world.advance(3_000);
    expect(eventsFor(client, 'web2').map((e) => e.message)[0]).toBe('Container image "nginx:1.27" already present on machine');
    expect(pod(client, 'web2').status.phase).toBe('Running');
  });

  it('a bad image: ErrImagePull, then ImagePullBackOff, retried on a doubling back-off', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('bad', { containers: [{ name: 'app', image: 'ngnix' }] }));
    const pulls: number[] = [];
    const seen: string[] = [];
    let last: string | undefined;
    const start = world.clock.now();
    stepUntil(world, () => {
      const r = waiting(pod(client, 'bad'));
      if (r !== last) {
        if (r === 'ErrImagePull') pulls.push(world.clock.now() - start);
        if (r) seen.push(r);
        last = r;
      }
      return false;
    }, 200_000);
    expect(seen.slice(0, 4)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
    // gaps between pull attempts follow the 10 s, 20 s, 40 s, 80 s back-off (plus the worker's re-sync delay)
    const gaps = pulls.slice(1).map((t, i) => t - pulls[i]);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    [10_000, 20_000, 40_000].forEach((b, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(b);
      expect(gaps[i]).toBeLessThanOrEqual(b + 17_000);
    });
    const ev = eventsFor(client, 'bad');
    const failed = ev.find((e) => e.message.startsWith('Failed to pull image'))!;
    expect(failed.type).toBe('Warning');
    expect(failed.message).toBe(
      'Failed to pull image "ngnix": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(failed.count).toBe(pulls.length);
    expect(ev.find((e) => e.message === 'Error: ErrImagePull')!.count).toBe(pulls.length);
    const backoff = ev.find((e) => e.reason === 'BackOff')!;
    expect(backoff).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "ngnix"' });
    expect(ev.find((e) => e.message === 'Error: ImagePullBackOff')!.type).toBe('Warning');
  });

  it('CrashLoopBackOff: restarts after 0, 10, 20, 40 s, with lastState and the back-off message', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('crashy', { nodeName: 'k3d-mini-cluster-agent-0', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 1; exit 2'] }] }));
    const starts: number[] = [];
    let lastStarted = '';
    stepUntil(world, () => {
      const cs = pod(client, 'crashy').status?.containerStatuses?.[0];
      const s = cs?.state?.running?.startedAt;
      if (s && s !== lastStarted) {
        lastStarted = s;
        starts.push(world.clock.now());
      }
      return starts.length >= 5;
    }, 200_000);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // each run lasts 1 s; then the wait is 0 (first restart), 10 s, 20 s, 40 s (+ at most the worker's retry delay)
    [0, 10_000, 20_000, 40_000].forEach((b, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(1000 + b);
      expect(gaps[i]).toBeLessThanOrEqual(1000 + b + 2_000);
    });
    world.advance(1_500);
    const p = pod(client, 'crashy');
    const cs = p.status.containerStatuses[0];
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.state.waiting.message).toBe(`back-off 1m20s restarting failed container=app pod=crashy_default(${p.metadata.uid})`);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(cs.restartCount).toBe(4);
    expect(p.status.phase).toBe('Running');
    const bo = eventsFor(client, 'crashy').find((e) => e.reason === 'BackOff')!;
    expect(bo.message).toBe(`Back-off restarting failed container app in pod crashy_default(${p.metadata.uid})`);
  });

  it('restartPolicy Never: Completed and Succeeded; a failing command: Error and Failed', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('once', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo done'] }] }));
    client.create(R.pods, 'default', podSpec('fails', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }] }));
    world.advance(15_000);
    const a = pod(client, 'once');
    expect(a.status.phase).toBe('Succeeded');
    expect(a.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(condition(a, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(condition(a, 'PodReadyToStartContainers')?.status).toBe('False');
    const b = pod(client, 'fails');
    expect(b.status.phase).toBe('Failed');
    expect(b.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('graceful deletion: nginx stops at once, sleep is killed at the end of the grace period', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('fast', { containers: [{ name: 'nginx', image: 'nginx' }] }));
    client.create(R.pods, 'default', podSpec('slow', { containers: [{ name: 'sleeper', image: 'busybox', command: ['sleep', '3600'] }] }));
    world.advance(15_000);
    expect(pod(client, 'fast').status.phase).toBe('Running');
    expect(pod(client, 'slow').status.phase).toBe('Running');
    client.delete(R.pods, 'default', 'fast');
    client.delete(R.pods, 'default', 'slow');
    world.advance(2_000);
    expect(client.tryGet(R.pods, 'default', 'fast')).toBeUndefined();
    expect(client.tryGet(R.pods, 'default', 'slow')?.metadata.deletionTimestamp).toBeDefined();
    const killing = eventsFor(client, 'slow').find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Stopping container sleeper');
    world.advance(27_000);
    expect(client.tryGet(R.pods, 'default', 'slow')).toBeDefined();
    world.advance(2_000);
    expect(client.tryGet(R.pods, 'default', 'slow')).toBeUndefined();
  });

  it('logs with timestamps and --previous, exec, readiness and liveness probes', () => {
    const { world, client } = miniWorld();
    const api = world.api()!;
    client.create(R.pods, 'default', podSpec('talk', { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'while true; do echo "tick $(date +%s)"; sleep 10; done'] }] }));
    world.advance(25_000);
    const res = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/talk/log', query: { timestamps: 'true' } });
    const text = (res.body as string) ?? '';
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^2026-11-25T09:00:\d\d\.\d{9}Z tick \d+$/);
    // liveness: a file the probe reads is removed after 30 s (the docs' exec-liveness example)
    client.create(R.pods, 'default', podSpec('live', {
      containers: [{ name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }],
    }));
    world.advance(75_000);
    const ev = eventsFor(client, 'live');
    const unhealthy = ev.find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(ev.find((e) => e.reason === 'Killing')!.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(pod(client, 'live').status.containerStatuses[0].restartCount).toBe(1);
    // readiness: nothing listens on 8080 in nginx
    client.create(R.pods, 'default', podSpec('notready', { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }] }));
    world.advance(20_000);
    const nr = pod(client, 'notready');
    expect(nr.status.phase).toBe('Running');
    expect(nr.status.containerStatuses[0].ready).toBe(false);
    expect(eventsFor(client, 'notready').find((e) => e.reason === 'Unhealthy')!.message).toBe(`Readiness probe failed: Get "http://${nr.status.podIP}:8080/": dial tcp ${nr.status.podIP}:8080: connect: connection refused`);
    // exec through the API server's connector
    const ex = api.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/talk/exec', query: { command: JSON.stringify(['sh', '-c', 'echo $HOSTNAME; exit 4']), stdout: 'true', stderr: 'true' } });
    expect(ex.exec).toBeDefined();
    let out = '';
    let code = -1;
    ex.exec!.onOutput((_s, d) => (out += d));
    ex.exec!.onExit((c) => (code = c));
    world.advance(10);
    expect(out).toBe('talk\n');
    expect(code).toBe(4);
  });
});

describe('kubelet admission', () => {
  it('rejects a pod bound by hand to a node without room: OutOfcpu', () => {
    const { world, client } = miniWorld();
    client.create(R.pods, 'default', podSpec('huge', { nodeName: 'k3d-mini-cluster-agent-2', containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100' } } }] }));
    world.advance(2_000);
    const p = pod(client, 'huge');
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 100000, used: 0, capacity: 4000" });
    const ev = eventsFor(client, 'huge');
    expect(ev.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'OutOfcpu', "Node didn't have enough resource: cpu, requested: 100000, used: 0, capacity: 4000"]]);
  });
});
