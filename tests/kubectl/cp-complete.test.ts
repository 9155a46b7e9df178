/**
 * `kubectl cp` completion against the real kubectl 1.31's `__complete` over `kubelab serve` (same world, and a
 * local folder with the same files on both sides): namespaces as `ns/`, pods as `pod:`, `ns/pod:` after a
 * namespace, local files once something matched, `./` and `/` for an empty word. Skips without a real kubectl.
 * Also: the learner's shell falls back to file names when kubectl offers nothing, as bash does for cp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createWorld, type World } from '../../src/sim/world';
import { startHttpServer, type RunningServer } from '../../src/cli/serve/server';
import { completeKubectl } from '../../src/kubectl/index';
import { complete } from '../../src/shell/completion';
import { MemFS } from './harness';
import { findKubectl } from './oracle-util';

const pexec = promisify(execFile);
const bin = findKubectl();
if (!bin) console.log('cp completion oracle skipped: no kubectl.1.31 next to kubectl on PATH');

const KUBECONFIG = (url: string) =>
  `apiVersion: v1\nclusters:\n- cluster:\n    server: ${url}\n  name: k3d-mini-cluster\ncontexts:\n- context:\n    cluster: k3d-mini-cluster\n    user: admin@k3d-mini-cluster\n  name: k3d-mini-cluster\ncurrent-context: k3d-mini-cluster\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-mini-cluster\n  user:\n    token: abc\n`;

function makeWorld(): World {
  const world = createWorld({ seed: 5 });
  const api = world.api()!;
  for (const name of ['web', 'worker', 'api'])
    api.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } });
  world.advance(30_000);
  return world;
}

describe.runIf(bin)('cp completion matches the real kubectl __complete', () => {
  let world: World;
  let server: RunningServer;
  let dir: string;
  let work: string;
  let fs: MemFS;

  beforeAll(async () => {
    world = makeWorld();
    server = await startHttpServer(world.api()!, { port: 0, onRequest: () => world.clock.runDue() });
    dir = mkdtempSync(join(tmpdir(), 'kubelab-cpcomplete-'));
    writeFileSync(join(dir, 'config'), KUBECONFIG(server.url));
    // the folder the completion runs in: the same names on both sides
    work = join(dir, 'work');
    mkdirSync(join(work, 'website'), { recursive: true });
    writeFileSync(join(work, 'web.yaml'), 'x');
    writeFileSync(join(work, 'kube.txt'), 'x');
    fs = new MemFS();
    fs.writeFile('/root/.kube/config', KUBECONFIG(world.serverURL()!));
    fs.writeFile('/root/work/web.yaml', 'x');
    fs.writeFile('/root/work/kube.txt', 'x');
    fs.mkdir('/root/work/website');
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function real(args: string[]): Promise<string[]> {
    const r = await pexec(bin!, [`--cache-dir=${dir}/cache`, '__complete', ...args], { encoding: 'utf8', env: { HOME: dir, KUBECONFIG: join(dir, 'config'), PATH: '/nonexistent' }, cwd: work });
    return r.stdout
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith(':'))
      .map((l) => l.split('\t')[0]);
  }

  function ours(args: string[]): string[] {
    const ctx = { host: { clock: world.clock, resolveServer: (u: string) => world.resolveServer(u) }, fs, env: { HOME: '/root' }, cwd: '/root/work' };
    return completeKubectl(['kubectl', ...args], ctx);
  }

  it.each([[['cp', '']], [['cp', 'w']], [['cp', 'we']], [['cp', 'kube']], [['cp', 'default/']], [['cp', 'default/w']], [['cp', 'kube-system/co']], [['cp', 'web:']], [['cp', './']], [['cp', 'x']], [['cp', 'web:/etc/hosts', '']], [['-n', 'kube-system', 'cp', 'co']]])(
    'kubectl %j<TAB>',
    async (args) => {
      const expected = await real(args);
      expect(ours(args)).toEqual(expected);
    },
  );
});

describe('cp completion in the shell', () => {
  it('offers pods and namespaces, and files where kubectl has nothing to offer', () => {
    const world = makeWorld();
    const fs = new MemFS();
    fs.writeFile('/root/.kube/config', KUBECONFIG(world.serverURL()!));
    fs.writeFile('/root/xfile.txt', 'x');
    fs.writeFile('/root/web.yaml', 'x');
    const ctx = { host: { clock: world.clock, resolveServer: (u: string) => world.resolveServer(u) }, fs, env: { HOME: '/root' }, cwd: '/root', commands: ['kubectl'] };
    const at = (line: string) => complete(line, line.length, ctx as never).candidates;
    expect(at('kubectl cp w')).toEqual(['web.yaml', 'web:', 'worker:']);
    expect(at('kubectl cp x')).toEqual(['xfile.txt']);
    expect(at('kubectl cp web:/etc/hosts x')).toEqual(['xfile.txt']);
  });
});
