/**
 * Tab completion against the oracle: the real kubectl's `__complete` (what its bash completion calls on Tab) talks
 * to one simulated world over `kubelab serve`'s HTTP adapter; our completeKubectl talks to the same world
 * in-process. Both must offer the same candidates in the same order (descriptions and cobra's directive line
 * dropped: bash shows neither). Skips when no real kubectl exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createWorld, type World } from '../../src/sim/world';
import { startHttpServer, type RunningServer } from '../../src/cli/serve/server';
import { completeKubectl } from '../../src/kubectl/index';
import { MemFS } from './harness';
import { findKubectl } from './oracle-util';

const pexec = promisify(execFile);
const bin = findKubectl();
if (!bin) console.log('completion oracle skipped: no kubectl.1.31 next to kubectl on PATH');

/** Each case is the argument words after `kubectl`; the last one is the word being completed. */
const CASES: string[][] = [
  ['get', 'dep'],
  ['get', 'po'],
  ['get', 's'],
  ['get', ''],
  ['get', 'svc,po'],
  ['get', 'ingresscl'],
  ['describe', 'dep'],
  ['delete', 'dep'],
  ['get', 'no', ''],
  ['get', 'nodes', 'k3d-mini-cluster-a'],
  ['get', 'pods', ''],
  ['get', 'deploy', ''],
  ['get', 'deploy/'],
  ['get', 'pod/web'],
  ['-n', 'kube-system', 'get', 'deploy', 'coredns', ''],
  ['-n', 'kube-system', 'get', 'deploy/'],
  ['get', 'deploy/web', ''],
  ['get', 'deploy/web', 'dep'],
  ['get', '-n', ''],
  ['get', '--namespace', 'kube-'],
  ['get', 'pods', '--context', ''],
  ['get', '-o', ''],
  ['get', 'deploy', '-o', 'j'],
  ['logs', ''],
  ['logs', 'pod/'],
  ['-n', 'kube-system', 'logs', 'co'],
  ['exec', ''],
  ['scale', ''],
  ['scale', 'deployment', ''],
  ['scale', '--replicas', '3', 'deployment', ''],
  ['scale', 'deployment', 'w'],
  ['create', 'deployment', 'x', ''],
  ['create', 'cronjob', 'x', ''],
  ['rollout', 'status', ''],
  ['rollout', 'status', 'deployment/'],
  ['rollout', ''],
  ['set', 'image', ''],
  ['expose', ''],
  ['taint', ''],
  ['taint', 'node/'],
  ['cordon', ''],
  ['top', 'node', ''],
  ['config', 'use-context', ''],
  ['ro'],
  ['get', '--show-l'],
];

describe.runIf(bin)('completion matches the real kubectl __complete through kubelab serve', () => {
  let world: World;
  let server: RunningServer;
  let dir: string;
  let cfgPath: string;
  let fs: MemFS;

  beforeAll(async () => {
    world = createWorld({ seed: 5 });
    const api = world.api()!;
    const post = (path: string, body: unknown) => api.handle({ method: 'POST', path, body });
    post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      },
    });
    post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'httpd', image: 'httpd:2.4' }] } },
      },
    });
    world.advance(60_000);
    server = await startHttpServer(api, { port: 0, onRequest: () => world.clock.runDue() });
    dir = mkdtempSync(join(tmpdir(), 'kubelab-complete-'));
    const kubeconfig = (url: string) =>
      `apiVersion: v1\nclusters:\n- cluster:\n    server: ${url}\n  name: k3d-mini-cluster\ncontexts:\n- context:\n    cluster: k3d-mini-cluster\n    user: admin@k3d-mini-cluster\n  name: k3d-mini-cluster\ncurrent-context: k3d-mini-cluster\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-mini-cluster\n  user:\n    token: abc\n`;
    cfgPath = join(dir, 'config');
    writeFileSync(cfgPath, kubeconfig(server.url));
    fs = new MemFS();
    fs.writeFile("/root/.kube/config", kubeconfig(world.serverURL()!));
  });

  afterAll(async () => {
    await server?.close();
  });

  async function real(args: string[]): Promise<string[]> {
    const r = await pexec(bin!, [`--cache-dir=${dir}/cache`, '__complete', ...args], {
      encoding: 'utf8',
      env: { HOME: dir, KUBECONFIG: cfgPath, PATH: '/nonexistent' },
      cwd: dir,
    });
    // Candidates, then `:<directive>`; a tab starts a description.
    return r.stdout
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith(':'))
      .map((l) => l.split('\t')[0]);
  }

  function ours(args: string[]): string[] {
    const ctx = { host: { clock: world.clock, resolveServer: (u: string) => world.resolveServer(u) }, fs, env: { HOME: '/root' } };
    return completeKubectl(['kubectl', ...args], ctx);
  }

  it.each(CASES.map((c) => [c.map((w) => (w === '' ? "''" : w)).join(' '), c] as const))('kubectl %s<TAB>', async (_label, args) => {
    const expected = await real(args);
    expect(ours(args)).toEqual(expected);
  });

  it('the case the course shows: `kubectl get dep<TAB>` offers only deployments.apps', async () => {
    expect(await real(['get', 'dep'])).toEqual(['deployments.apps']);
    expect(ours(['get', 'dep'])).toEqual(['deployments.apps']);
  });
});
