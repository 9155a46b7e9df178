import { describe, expect, it } from 'vitest';
import { labCli } from '../../src/labs/cli';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await labCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('kubelab lab', () => {
  it('list prints one aligned row per lab', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CHAPTER\s+TASKS\s+TITLE$/);
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(r.out).toMatch(/^create-cluster\s+first-cluster\s+2\s+Build mini-cluster with k3d$/m);
    const titleColumn = lines[0].indexOf('TITLE');
    for (const l of lines.slice(1)) expect(l[titleColumn - 1]).toBe(' ');
  });
  it('hints shows the tasks with their three tiers', async () => {
    const r = await run(['hints', 'rollout-undo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. Bring web back to nginx:1.27');
    expect(r.out).toContain('command: kubectl rollout undo deployment/web');
  });
  it('unknown labs, commands and flags are usage errors with exit 2', async () => {
    expect(await run(['hints', 'nope'])).toMatchObject({ code: 2, err: 'error: no lab named "nope" (see `kubelab lab list`)\n' });
    const bad = await run(['frob']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: unknown command "frob" for "kubelab lab"\nUsage:/);
    expect((await run(['verify', 'rollout-undo', '--wat'])).err).toMatch(/^error: unknown flag: --wat/);
    expect((await run([])).code).toBe(2);
  });
  it('verify against a kubeconfig that does not exist fails with a reason, not a crash', async () => {
    const r = await run(['verify', 'first-deployment', '--kubeconfig', 'tests/labs/no-such-kubeconfig']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: cannot read kubeconfig tests\/labs\/no-such-kubeconfig: /);
  });
});

describe('kubelab lab check and verify --script, over a scripted world', () => {
  it('proves a lab, then grades a script of the learner\'s commands', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LAB, scriptedHost } = await import('./scripted-host');
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-labs-'));
    try {
      mkdirSync(join(dir, 'settings'));
      writeFileSync(join(dir, 'settings', 'lab.yaml'), LAB);
      const opts = { labsDir: dir, hostFactory: async () => scriptedHost() };
      let out = '';
      const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
      expect(await labCli(['check'], io, opts)).toBe(0);
      expect(out).toBe('ok   settings: seed fails, solution passes, 1 wrong variant fails\n1 of 1 labs proven\n');
      out = '';
      writeFileSync(join(dir, 'script.sh'), '# half done\necho blue > ~/answer.txt\n');
      expect(await labCli(['verify', 'settings', '--script', join(dir, 'script.sh')], io, opts)).toBe(1);
      expect(out).toBe(
        '$ echo blue > ~/answer.txt\n' +
          'Settings (settings): 1/2 tasks done\n' +
          '✗ 1. Make a ConfigMap settings with colour blue\n' +
          '    configmap settings: expected it to exist, found no such object\n' +
          '✓ 2. Write blue in answer.txt\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
