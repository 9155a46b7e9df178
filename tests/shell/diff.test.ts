/**
 * The shell's diff against GNU diff where this machine has it: the same two files (or folders) give the same
 * hunks, headers (modification times aside, which come from each side's own clock) and exit status.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TestShell } from './harness';
import { compareLines } from '../../src/shell/commands/diffseq';

const gnu = spawnSync('diff', ['--version'], { encoding: 'utf8' });
const hasGnuDiff = gnu.status === 0 && /GNU diffutils/.test(gnu.stdout);
if (!hasGnuDiff) console.log('skipping the GNU diff comparisons: no GNU diff on this machine');

/** Timestamps differ between the real files and the virtual ones; everything else must match. */
const noTimes = (s: string) => s.replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}(\x1b\[0m)?$/gm, '\t<time>$1');

function realDiff(files: Record<string, string>, args: string[]): { code: number; out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kdiff-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const r = spawnSync('diff', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ourDiff(files: Record<string, string>, args: string[]) {
  const t = new TestShell();
  const vfs = t.shell.fs;
  for (const [p, text] of Object.entries(files)) {
    const abs = `/root/${p}`;
    vfs.mkdir(abs.slice(0, abs.lastIndexOf('/')), { recursive: true });
    vfs.writeFile(abs, text);
  }
  const quoted = args.map((a) => `'${a}'`).join(' ');
  return t.run(`cd /root && diff ${quoted}`);
}

async function same(files: Record<string, string>, args: string[]) {
  const ours = await ourDiff(files, args);
  const real = realDiff(files, args);
  expect(noTimes(ours.out)).toBe(noTimes(real.out));
  expect(ours.err).toBe(real.err);
  expect(ours.code).toBe(real.code);
  return ours;
}

const DEPLOY_LIVE = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  creationTimestamp: "2026-11-26T00:00:00Z"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "612"
  uid: 5d9e0c2a-1111-2222-3333-444455556666
spec:
  progressDeadlineSeconds: 600
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        imagePullPolicy: IfNotPresent
        name: nginx
        resources: {}
`;
const DEPLOY_MERGED = DEPLOY_LIVE.replace('generation: 1', 'generation: 2').replace('replicas: 2', 'replicas: 4').replace('image: nginx:1.27', 'image: nginx:1.28');

describe.skipIf(!hasGnuDiff)('diff matches GNU diff', () => {
  it.each([
    ['unified, one change', { a: 'x\ny\nz\n', b: 'x\nY\nz\n' }, ['-u', 'a', 'b']],
    ['normal format', { a: 'a\nb\nc\nd\ne\n', b: 'a\nc\nd\nE\ne\nf\n' }, ['a', 'b']],
    ['deployment edited in three places', { live: DEPLOY_LIVE, merged: DEPLOY_MERGED }, ['-u', '-N', 'live', 'merged']],
    ['context of 1', { live: DEPLOY_LIVE, merged: DEPLOY_MERGED }, ['-U', '1', 'live', 'merged']],
    ['new file with -N', { 'l/x': 'a: 1\n', 'm/x': 'a: 1\n', 'm/y': 'kind: Pod\n' }, ['-u', '-N', 'l', 'm']],
    ['deleted file with -N', { 'l/y': 'kind: Pod\nname: p\n', 'm/z': '' }, ['-u', '-N', 'l', 'm']],
    ['only in, without -N', { 'l/x': 'a\n', 'm/y': 'b\n' }, ['l', 'm']],
    ['no newline at the end', { a: 'a\nb', b: 'a\nc' }, ['-u', 'a', 'b']],
    ['newline added at the end', { a: 'a\nb', b: 'a\nb\n' }, ['a', 'b']],
    ['recursive', { 'l/s/x': '1\n2\n', 'm/s/x': '1\n3\n', 'l/t': 'q\n', 'm/t': 'q\n' }, ['-r', '-u', 'l', 'm']],
    ['common subdirectories', { 'l/s/x': '1\n', 'm/s/x': '2\n' }, ['l', 'm']],
    ['brief', { 'l/x': '1\n', 'm/x': '2\n' }, ['-q', 'l', 'm']],
    ['colours, unified', { 'l/x': 'a\nb\nc', 'm/x': 'a\nB\nc' }, ['--color=always', '-u', '-N', 'l', 'm']],
    ['colours, normal', { a: 'a\nb\n', b: 'a\nc\nd\n' }, ['--color=always', 'a', 'b']],
    ['bad colour', { a: '' }, ['--color=pink', 'a', 'a']],
    ['identical', { a: 'same\n', b: 'same\n' }, ['-u', 'a', 'b']],
    ['binary files', { a: 'a\0b\n', b: 'b\0b\n' }, ['-u', 'a', 'b']],
    ['binary files in folders', { 'l/x': 'a\0', 'm/x': 'b\0' }, ['-u', '-N', 'l', 'm']],
    ['empty against text', { a: '', b: 'one\ntwo\n' }, ['-u', 'a', 'b']],
    ['missing operand', { a: '' }, ['a']],
    ['missing file', { a: '' }, ['a', 'nope']],
    ['bad option', { a: '' }, ['-z', 'a', 'a']],
    ['bad context length', { a: '' }, ['-U', 'x', 'a', 'a']],
  ] as [string, Record<string, string>, string[]][])('%s', async (_name, files, args) => {
    await same(files, args);
  });

  it('colours with --color only when stdout is the terminal', async () => {
    const t = new TestShell();
    await t.run("printf 'a\\n' > a; printf 'b\\n' > b");
    expect((await t.run('diff --color -u a b | cat')).out).not.toContain('\x1b[');
    expect((await t.run('diff --color=never a b')).out).toBe('1c1\n< a\n---\n> b\n');
  });

  it('prints the times of the files in GNU format, and the epoch for an absent one', async () => {
    const r = await ourDiff({ 'l/x': 'a\n', 'm/x': 'b\n', 'm/y': 'c\n' }, ['-u', '-N', 'l', 'm']);
    expect(r.out).toMatch(/^--- l\/x\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}000000 \+0000$/m);
    expect(r.out).toContain('--- l/y\t1970-01-01 00:00:00.000000000 +0000\n');
    expect(r.out).toContain('diff -u -N l/y m/y\n');
  });

  it('chooses the same hunks as GNU diff on random small files', async () => {
    // Few distinct lines, so that many equally short edit scripts exist and GNU's tie-breaks show.
    const file = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '- name: x', '  key: 1'), { maxLength: 24 }).map((ls) => ls.map((l) => l + '\n').join(''));
    await fc.assert(
      fc.asyncProperty(file, file, fc.constantFrom(['-u'], [], ['-U', '1'], ['-U', '0']), async (a, b, opts) => {
        const args = [...opts, 'a', 'b'];
        const ours = await ourDiff({ a, b }, args);
        const real = realDiff({ a, b }, args);
        expect(noTimes(ours.out)).toBe(noTimes(real.out));
        expect(ours.code).toBe(real.code);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('and on longer files with lines repeated often (the provisional discards)', async () => {
    const file = fc.array(fc.constantFrom('a', 'b', 'c', 'spec:', '  x', '  y', '  z', 'w'), { minLength: 40, maxLength: 90 }).map((ls) => ls.map((l) => l + '\n').join(''));
    await fc.assert(
      fc.asyncProperty(file, file, async (a, b) => {
        const ours = await ourDiff({ a, b }, ['-u', 'a', 'b']);
        expect(noTimes(ours.out)).toBe(noTimes(realDiff({ a, b }, ['-u', 'a', 'b']).out));
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});

describe('compareLines', () => {
  it('reports nothing for equal files and one change for a replaced line', () => {
    expect(compareLines(['a\n', 'b\n'], ['a\n', 'b\n'], 3)).toEqual([]);
    expect(compareLines(['a\n', 'b\n', 'c\n'], ['a\n', 'x\n', 'c\n'], 3)).toEqual([{ line0: 1, line1: 1, deleted: 1, inserted: 1 }]);
  });
});
