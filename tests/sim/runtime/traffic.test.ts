import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/index';
import { httpRequest } from '../../../src/sim/network';
import { miniWorld, podSpec } from './helpers';

describe('traffic reaches the processes the kubelets run', () => {
  it('a Service call from a busybox pod lands in one nginx replica and its access log', () => {
    const { world, client } = miniWorld(4);
    client.create(R.deployments, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
    });
    client.create(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } });
    client.create(R.pods, 'default', podSpec('client', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20; wget -qO- http://web | head -n 4'] }] }));
    world.advance(40_000);
    const api = world.api()!;
    const out = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/client/log' }).body as string;
    expect(out).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    const client_ = client.get(R.pods, 'default', 'client');
    expect(client_.status.phase).toBe('Succeeded');
    const webPods = client.list(R.pods, 'default', { labelSelector: 'app=web' }).items;
    const logs = webPods.map((p) => api.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${p.metadata.name}/log` }).body as string);
    const hits = logs.filter((l) => l.includes('"GET / HTTP/1.1" 200 615 "-" "Wget" "-"'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain(`${client_.status.podIP} - - [`);
  });

  it('a stopped node stops answering, and port-forward reaches a pod port', () => {
    const { world, client } = miniWorld(4);
    client.create(R.pods, 'default', podSpec('hello', { nodeName: 'k3d-mini-cluster-agent-0', containers: [{ name: 'app', image: 'gcr.io/google-samples/hello-app:1.0' }] }));
    world.advance(10_000);
    const api = world.api()!;
    const pf = api.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/hello/portforward', query: { ports: '8080' } });
    const conn = pf.portForward!(8080);
    expect('request' in conn).toBe(true);
    const text = (conn as { request(d: string): string | undefined }).request('GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\n\r\n')!;
    expect(text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(text.endsWith('Hello, world!\nVersion: 1.0.0\nHostname: hello\n')).toBe(true);
    const net = world.cluster()!.network!;
    const ip = client.get(R.pods, 'default', 'hello').status.podIP;
    const r1 = httpRequest(net, { kind: 'node', name: 'k3d-mini-cluster-server-0' }, `http://${ip}:8080/`);
    expect(r1.ok).toBe(true);
    world.k3d.stopNode('k3d-mini-cluster-agent-0');
    const r2 = httpRequest(net, { kind: 'node', name: 'k3d-mini-cluster-server-0' }, `http://${ip}:8080/`);
    expect(r2.ok).toBe(false);
    // the API server cannot reach the kubelet any more
    const logs = api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/hello/log' });
    expect(logs.status).toBe(500);
    expect((logs.body as { message: string }).message).toBe('Get "https://172.18.0.4:10250/containerLogs/default/hello/app": dial tcp 172.18.0.4:10250: connect: no route to host');
  });
});
