import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/index';
import { condition, miniWorld, pod, podSpec } from './helpers';

describe('init containers and pod log errors', () => {
  it('runs init containers in order before the app container', () => {
    const { world, client } = miniWorld(2);
    client.create(
      R.pods,
      'default',
      podSpec('init-demo', {
        initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting; sleep 8'] }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    world.advance(4_000);
    let p = pod(client, 'init-demo');
    expect(p.status.phase).toBe('Pending');
    expect(condition(p, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait]' });
    expect(p.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    world.advance(20_000);
    p = pod(client, 'init-demo');
    expect(p.status.phase).toBe('Running');
    expect(condition(p, 'Initialized')?.status).toBe('True');
    expect(p.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const api = world.api()!;
    const logs = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/init-demo/log', query: { container: 'wait' } });
    expect(logs.body).toBe('waiting\n');
  });

  it('log requests for waiting containers and multi-container pods fail with the kubelet texts', () => {
    const { world, client } = miniWorld(2);
    client.create(R.pods, 'default', podSpec('two', { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox', command: ['sleep', '600'] }] }));
    client.create(R.pods, 'default', podSpec('nope', { containers: [{ name: 'c', image: 'nginx:1.99' }] }));
    world.advance(3_000);
    const api = world.api()!;
    const two = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/two/log' });
    expect(two.status).toBe(400);
    expect((two.body as { message: string }).message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    const nope = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/nope/log' });
    expect(nope.status).toBe(400);
    expect((nope.body as { message: string }).message).toMatch(/^container "c" in pod "nope" is waiting to start: (image can't be pulled|trying and failing to pull image|ContainerCreating)$/);
    const prev = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/two/log', query: { container: 'a', previous: 'true' } });
    expect((prev.body as { message: string }).message).toBe('previous terminated container "a" in pod "two" not found');
  });
});
