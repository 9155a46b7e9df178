/**
 * The real kubectl (1.31 and 1.33) against `kubelab serve`: every everyday command works end to end over HTTP,
 * including the streaming ones (watch, logs, exec over WebSocket, port-forward over SPDY). Skips with a printed
 * reason where no real kubectl exists.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../src/sim/world';
import { startHttpServer, type RunningServer } from '../../src/cli/serve/server';
import { serveKubeconfig } from '../../src/cli/serve/kubeconfig';
import { findKubectl, KUBECTL_SKIP_REASON } from '../helpers/real-kubectl';

const VERSIONS = ['1.31', '1.33'];

for (const minor of VERSIONS) {
  const bin = findKubectl(minor);
  if (!bin) {
    console.log(`skipped: ${KUBECTL_SKIP_REASON(minor)}`);
    describe.skip(`real kubectl ${minor} against kubelab serve`, () => it('needs kubectl', () => {}));
    continue;
  }

  describe(`real kubectl ${minor} against kubelab serve`, () => {
    let world: World;
    let server: RunningServer;
    let ticker: NodeJS.Timeout;
    let dir: string;

    beforeAll(async () => {
      world = createWorld({ seed: 7 });
      server = await startHttpServer(world.api()!, { port: 0, onRequest: () => world.clock.runDue() });
      // Ten virtual seconds per real second, so rollouts finish while kubectl waits.
      ticker = setInterval(() => world.clock.advance(200), 20);
      dir = mkdtempSync(join(tmpdir(), 'kubelab-serve-'));
      writeFileSync(join(dir, 'config'), serveKubeconfig({ server: server.url, name: 'k3d-mini-cluster' }));
    });
    afterAll(async () => {
      clearInterval(ticker);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const kubectl = (args: string[], input?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          bin,
          [`--cache-dir=${join(dir, 'cache')}`, ...args],
          { env: { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir, TZ: 'UTC' }, timeout: 60_000 },
          (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        if (input !== undefined) child.stdin!.end(input);
      });

    it('get and api-resources', async () => {
      const nodes = await kubectl(['get', 'nodes']);
      expect(nodes.code).toBe(0);
      expect(nodes.stdout.split('\n').filter(Boolean)).toHaveLength(5);
      expect(nodes.stdout).toMatch(/k3d-mini-cluster-server-0\s+Ready\s+control-plane,master/);
      const res = await kubectl(['api-resources']);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    });

    it('apply, scale, set image, rollout status/history/undo, describe, delete', async () => {
      const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
`;
      expect((await kubectl(['apply', '-f', '-'], manifest)).stdout).toBe('deployment.apps/web created\n');
      expect((await kubectl(['apply', '-f', '-'], manifest)).stdout).toBe('deployment.apps/web unchanged\n');
      expect((await kubectl(['scale', 'deploy/web', '--replicas=3'])).stdout).toBe('deployment.apps/web scaled\n');
      const status = await kubectl(['rollout', 'status', 'deploy/web', '--timeout=60s']);
      expect(status.stdout).toContain('deployment "web" successfully rolled out');
      expect((await kubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.27'])).stdout).toBe('deployment.apps/web image updated\n');
      expect((await kubectl(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code).toBe(0);
      const history = await kubectl(['rollout', 'history', 'deploy/web']);
      expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
      expect((await kubectl(['rollout', 'undo', 'deploy/web'])).stdout).toBe('deployment.apps/web rolled back\n');
      const describe = await kubectl(['describe', 'deploy', 'web']);
      expect(describe.code).toBe(0);
      expect(describe.stdout).toMatch(/^Name:\s+web$/m);
      expect(describe.stdout).toMatch(/Replicas:\s+3 desired/);
      expect((await kubectl(['delete', 'deploy', 'web'])).stdout).toBe('deployment.apps "web" deleted\n');
    });

    it('logs, exec and port-forward', async () => {
      await kubectl(['run', 'www', '--image=nginx:1.27']);
      let phase = '';
      for (let i = 0; i < 50 && phase !== 'Running'; i++) {
        phase = (await kubectl(['get', 'pod', 'www', '-o', 'jsonpath={.status.phase}'])).stdout;
        if (phase !== 'Running') await new Promise((d) => setTimeout(d, 200));
      }
      expect(phase).toBe('Running');
      const logs = await kubectl(['logs', 'www']);
      expect(logs.stdout).toContain('/docker-entrypoint.sh');
      const exec = await kubectl(['exec', 'www', '--', 'sh', '-c', 'echo hello; exit 3']);
      expect(exec.stdout).toBe('hello\n');
      expect(exec.code).toBe(3);
      expect(exec.stderr).toContain('command terminated with exit code 3');

      const port = 20000 + Math.floor(Number(minor.split('.')[1]) * 37);
      const pf = execFile(bin, [`--cache-dir=${join(dir, 'cache')}`, 'port-forward', 'pod/www', `${port}:80`], {
        env: { ...process.env, KUBECONFIG: join(dir, 'config'), HOME: dir },
      });
      let out = '';
      pf.stdout!.on('data', (d) => (out += d));
      for (let i = 0; i < 100 && !out.includes('Forwarding from 127.0.0.1'); i++) await new Promise((d) => setTimeout(d, 100));
      expect(out).toContain(`Forwarding from 127.0.0.1:${port} -> 80`);
      const body = await new Promise<string>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/`, (res) => {
          let b = '';
          res.on('data', (d) => (b += d));
          res.on('end', () => resolve(b));
        }).on('error', reject);
      });
      pf.kill();
      expect(body).toContain('<title>Welcome to nginx!</title>');
    });

    it('explain', async () => {
      const r = await kubectl(['explain', 'deployment.spec.replicas']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n/);
      expect(r.stdout).toContain('FIELD: replicas <integer>');
    });
  });
}
