// The real kubectl prints the server's Tables verbatim (upper-cased headers, wide columns by priority). A tiny
// HTTP server here answers `kubectl get` with buildTable() output; the printed text must be what a real cluster
// shows (layouts from the kubectl output reference §4–5). Skipped (reason printed) where no kubectl is on the PATH.
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTable } from '../../../src/sim/apiserver/tables';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const run = promisify(execFile);
function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
const available = hasKubectl();
if (!available) console.log('table-oracle: skipped, no kubectl binary on the PATH');

const NOW = Date.parse('2026-01-10T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pods: KubeObject[] = [
  {
    metadata: { name: 'crashy', namespace: 'default', creationTimestamp: ago(25 * 60) },
    spec: { nodeName: 'k3d-dev-server-0', containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase: 'Running', podIP: '10.42.0.9', podIPs: [{ ip: '10.42.0.9' }], containerStatuses: [{ name: 'c', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(75) } } }] },
  },
  {
    metadata: { name: 'web-7d4b9c8f6d-2xkqz', namespace: 'default', creationTimestamp: ago(3 * 3600 + 9 * 60) },
    spec: { nodeName: 'k3d-dev-agent-0', containers: [{ name: 'nginx', image: 'nginx' }] },
    status: { phase: 'Running', podIP: '10.42.1.5', podIPs: [{ ip: '10.42.1.5' }], containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: {} } }] },
  },
];

describe.skipIf(!available)('kubectl get prints our Tables', () => {
  let server: http.Server;
  let url = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const send = (obj: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (path === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
      if (path === '/apis') return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
      if (path === '/api/v1') return send({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] }] });
      if (path === '/api/v1/namespaces/default/pods') return send({ ...buildTable('', 'pods', pods, NOW), metadata: { resourceVersion: '10' } });
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('get pods and get pods -o wide', async () => {
    const plain = (await run('kubectl', ['--server', url, 'get', 'pods'], { timeout: 30_000 })).stdout;
    expect(plain).toBe(
      [
        'NAME                   READY   STATUS             RESTARTS      AGE',
        'crashy                 0/1     CrashLoopBackOff   7 (75s ago)   25m',
        'web-7d4b9c8f6d-2xkqz   1/1     Running            0             3h9m',
        '',
      ].join('\n'),
    );
    const wide = (await run('kubectl', ['--server', url, 'get', 'pods', '-o', 'wide'], { timeout: 30_000 })).stdout;
    expect(wide.split('\n')[0]).toBe('NAME                   READY   STATUS             RESTARTS      AGE    IP          NODE               NOMINATED NODE   READINESS GATES');
    expect(wide.split('\n')[2]).toBe('web-7d4b9c8f6d-2xkqz   1/1     Running            0             3h9m   10.42.1.5   k3d-dev-agent-0    <none>           <none>');
  });
});
