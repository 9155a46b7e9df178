/**
 * kubectl cp inside the learner's shell against a simulated cluster: files and folders both ways through the exec
 * API and the container's tar (GNU in Debian-based nginx, busybox's applet in busybox), and the real texts and
 * statuses of kubectl 1.31 (pkg/cmd/cp/cp.go), checked against the real kubectl through `kubelab serve`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '../../src/sim/world';
import { settle } from '../../src/cli/driver';
import { readTar, writeTar } from '../../src/sim/images/tar';
import { TestShell } from '../shell/harness';

async function shell(): Promise<TestShell> {
  const world = createWorld({ seed: 1 });
  await settle(world.clock, 60_000);
  const t = new TestShell(world);
  await t.run('kubectl run web --image=nginx:1.27 && kubectl run bb --image=busybox:1.36 -- sleep 3600 && kubectl run pa --image=registry.k8s.io/pause:3.9');
  await settle(world.clock, 30_000);
  return t;
}

describe('kubectl cp', () => {
  it('copies a file into a folder of the pod and into a named file', async () => {
    const t = await shell();
    await t.run('echo hello > h.txt');
    expect(await t.run('kubectl cp h.txt web:/tmp')).toEqual({ code: 0, out: '', err: '' });
    expect((await t.run('kubectl exec web -- cat /tmp/h.txt')).out).toBe('hello\n');
    expect(await t.run('kubectl cp h.txt default/web:/tmp/other.txt --no-preserve')).toEqual({ code: 0, out: '', err: '' });
    expect((await t.run('kubectl exec web -- ls /tmp')).out).toBe('h.txt\nother.txt\n');
  });

  it('copies folders both ways; tar’s notice about the leading slash is on stdout', async () => {
    const t = await shell();
    await t.run('mkdir -p d/sub && echo 1 > d/a && echo 2 > d/sub/b');
    expect(await t.run('kubectl cp d web:/tmp/d')).toEqual({ code: 0, out: '', err: '' });
    expect((await t.run('kubectl exec web -- cat /tmp/d/sub/b')).out).toBe('2\n');
    expect(await t.run('kubectl cp web:/tmp/d back')).toEqual({ code: 0, out: "tar: Removing leading `/' from member names\n", err: '' });
    expect((await t.run('cat back/a back/sub/b')).out).toBe('1\n2\n');
    expect(await t.run('kubectl cp web:/etc/hostname ./hn')).toEqual({ code: 0, out: "tar: Removing leading `/' from member names\n", err: '' });
    expect((await t.run('cat hn')).out).toBe('web\n');
  });

  it('uses busybox tar in a busybox container', async () => {
    const t = await shell();
    expect(await t.run('kubectl cp bb:/etc/hostname hn')).toEqual({ code: 0, out: "tar: removing leading '/' from member names\n", err: '' });
    expect((await t.run('cat hn')).out).toBe('bb\n');
    await t.run('echo x > x.txt');
    expect(await t.run('kubectl cp x.txt bb:/nodir/x')).toEqual({ code: 1, out: '', err: "tar: can't change directory to '/nodir': No such file or directory\ncommand terminated with exit code 1\n" });
  });

  it('reports a missing source in the pod as tar does, and still exits 0 (kubernetes/kubectl#980)', async () => {
    const t = await shell();
    expect(await t.run('kubectl cp web:/nope ./x')).toEqual({
      code: 0,
      out: "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      err: '',
    });
    expect((await t.run('ls x')).code).not.toBe(0);
  });

  it('hands piped stdin to a command exec runs, and to the shell it starts', async () => {
    const t = await shell();
    expect((await t.run('echo hi there | kubectl exec -i web -- cat')).out).toBe('hi there\n');
    expect((await t.run("printf 'a\\nb\\n' | kubectl exec -i bb -- sh -c 'cat > /tmp/f; wc -l /tmp/f'")).out).toBe('2 /tmp/f\n');
  });

  it('gives the real errors', async () => {
    const t = await shell();
    await t.run('echo x > x.txt');
    expect(await t.run('kubectl cp nope web:/tmp')).toEqual({ code: 1, out: '', err: "error: nope doesn't exist in local filesystem\n" });
    expect(await t.run('kubectl cp a:b c:d')).toEqual({ code: 1, out: '', err: 'error: one of src or dest must be a local file specification\n' });
    expect(await t.run('kubectl cp a b')).toEqual({ code: 1, out: '', err: 'error: one of src or dest must be a remote file specification\n' });
    expect(await t.run('kubectl cp a')).toEqual({ code: 1, out: '', err: 'error: source and destination are required\n' });
    expect(await t.run('kubectl cp x.txt a/b/c:/tmp')).toEqual({ code: 1, out: '', err: 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n' });
    expect(await t.run('kubectl cp x.txt web:')).toEqual({ code: 1, out: '', err: 'error: filepath can not be empty\n' });
    expect(await t.run('kubectl cp x.txt web:/nodir/x')).toEqual({
      code: 2,
      out: '',
      err: 'tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n',
    });
    expect(await t.run('kubectl cp x.txt ghost:/tmp')).toEqual({ code: 1, out: '', err: 'Error from server (NotFound): pods "ghost" not found\n' });
    // an image without tar (pause): the runtime's error, as the server reports it
    const pa = await t.run('kubectl cp x.txt pa:/tmp');
    expect(pa.code).toBe(1);
    expect(pa.err).toMatch(/^Error from server \(InternalError\): Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/);
  });
});

describe('tar archives', () => {
  it('round-trip files, folders and non-ASCII content', () => {
    const entries = [
      { name: 'a/', type: 'dir' as const, content: '', mode: 0o755, mtime: 1700000000 },
      { name: 'a/b.txt', type: 'file' as const, content: 'héllo ✓\n', mode: 0o644, mtime: 1700000000 },
      { name: 'x'.repeat(60) + '/' + 'y'.repeat(70), type: 'file' as const, content: 'z'.repeat(700), mode: 0o600, mtime: 1 },
    ];
    const back = readTar(writeTar(entries))!;
    expect(back.map((e) => [e.name, e.type, e.content, e.mode])).toEqual([
      ['a', 'dir', '', 0o755],
      ['a/b.txt', 'file', 'héllo ✓\n', 0o644],
      ['x'.repeat(60) + '/' + 'y'.repeat(70), 'file', 'z'.repeat(700), 0o600],
    ]);
  });

  const hasTar = spawnSync('tar', ['--version']).status === 0;
  if (!hasTar) console.log('skipping the archive check against GNU tar: no tar on this machine');
  it.skipIf(!hasTar)('writes archives GNU tar reads, and reads what GNU tar writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktar-'));
    try {
      const archive = writeTar([
        { name: 'd/', type: 'dir', content: '', mode: 0o755, mtime: 1700000000 },
        { name: 'd/f.txt', type: 'file', content: 'naïve\n', mode: 0o644, mtime: 1700000000 },
      ]);
      writeFileSync(join(dir, 'a.tar'), Buffer.from(archive, 'utf8'));
      const x = spawnSync('tar', ['xf', 'a.tar'], { cwd: dir });
      expect(x.status).toBe(0);
      expect(readFileSync(join(dir, 'd', 'f.txt'), 'utf8')).toBe('naïve\n');
      const c = spawnSync('tar', ['--format=ustar', '-cf', '-', 'd'], { cwd: dir });
      const entries = readTar(c.stdout.toString('utf8'))!;
      expect(entries.map((e) => [e.name, e.type, e.content])).toEqual([
        ['d', 'dir', ''],
        ['d/f.txt', 'file', 'naïve\n'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
