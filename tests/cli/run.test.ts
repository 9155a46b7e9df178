/** `kubelab run` and the `kubelab` dispatcher: transcripts, determinism, flags and errors. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand, splitEntries } from '../../src/cli/run';
import { main } from '../../src/cli/main';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: async () => stdin });
  return { code, out, err };
}

describe('kubelab run', () => {
  it('prints each line with `$ `, continuation lines with `> `, and what the terminal shows', async () => {
    const r = await run(['--empty', '-'], 'echo hi\ncat <<EOF\na $((1+1))\nEOF\nnope\necho done\n');
    expect(r.out).toBe('$ echo hi\nhi\n$ cat <<EOF\n> a $((1+1))\n> EOF\na 2\n$ nope\nbash: nope: command not found\n$ echo done\ndone\n');
    expect(r.code).toBe(0);
  });

  it('advances virtual time: each command one second, sleep its duration', async () => {
    const r = await run(['--empty', '-'], 'date +%T\nsleep 90\ndate +%T\nsleep 2m\ndate +%T\n');
    const times = r.out.split('\n').filter((l) => /^\d\d:\d\d:\d\d$/.test(l));
    expect(times).toEqual(['09:00:00', '09:01:32', '09:03:34']);
  });

  it('stops a command that would run forever with ^C after the budget', async () => {
    const r = await run(['--empty', '--budget', '30s', '-'], 'while true; do sleep 5; done\necho next $?\n');
    expect(r.out).toBe('$ while true; do sleep 5; done\n^C\n$ echo next $?\nnext 130\n');
  });

  it('starts on the settled mini-cluster and prints the same bytes for the same seed', async () => {
    const script = 'kubectl get nodes\nkubectl create deployment web --image=nginx:1.27 --replicas=2\nsleep 20\nkubectl get pods\nk3d cluster list\n';
    const a = await run(['--seed', '42', '-'], script);
    const b = await run(['--seed', '42', '-'], script);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain('k3d-mini-cluster-server-0   Ready    control-plane,master');
    expect(a.out).toMatch(/deployment\.apps\/web created/);
    expect(a.out.match(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/gm)?.length).toBe(2);
    expect(a.out).toContain('mini-cluster   1/1       3/3      true');
    const c = await run(['--seed', '43', '-'], script);
    expect(c.out).not.toBe(a.out);
  }, 120_000);

  it('reports bad flags and missing files', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--seed', 'x', 'f'])).err).toContain('--seed needs a whole number');
    const missing = await run(['/nonexistent/script.sh']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('kubelab run: /nonexistent/script.sh: No such file or directory\n');
    expect((await run(['--bogus', 'f'])).err).toContain('unknown flag --bogus');
  });

  it('splits a script into prompt entries the way an interactive shell reads them', () => {
    expect(splitEntries('a\nif true; then\n  b\nfi\nc \\\n  d\n')).toEqual(['a', 'if true; then\n  b\nfi', 'c \\\n  d']);
  });
});

describe('kubelab main', () => {
  it('dispatches --help and rejects unknown commands', async () => {
    const write = process.stdout.write;
    const ewrite = process.stderr.write;
    let out = '';
    process.stdout.write = ((t: string) => ((out += t), true)) as typeof process.stdout.write;
    process.stderr.write = ((t: string) => ((out += t), true)) as typeof process.stderr.write;
    try {
      expect(await main(['--help'])).toBe(0);
      expect(out).toContain('Usage:\n  kubelab <command> [options]');
      out = '';
      expect(await main(['frobnicate'])).toBe(2);
      expect(out).toBe('kubelab: unknown command "frobnicate"\nRun \'kubelab --help\' for usage.\n');
    } finally {
      process.stdout.write = write;
      process.stderr.write = ewrite;
    }
  });

  it('runs a script file through bin/kubelab.mjs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-'));
    const file = join(dir, 's.sh');
    writeFileSync(file, 'echo from-file\nexit 3\necho never\n');
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../bin/kubelab.mjs'), 'run', '--empty', file], { encoding: 'utf8' });
    expect(r.stdout).toBe('$ echo from-file\nfrom-file\n$ exit 3\nexit\n');
    expect(r.status).toBe(3);
  }, 60_000);
});
