/**
 * kubectl diff inside the learner's shell against a simulated k3d cluster: live against merged (server dry run),
 * the temporary folders, Secret masking, the external diff program and the exit statuses (0 same, 1 differences,
 * 2 errors), as kubectl 1.31 behaves (pkg/cmd/diff/diff.go).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { settle } from '../../src/cli/driver';
import { TestShell } from '../shell/harness';
import { normalizeOutput } from '../conformance/normalize';

const DEPLOY = `apiVersion: apps/v1
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
        image: nginx:1.27
`;

async function shell(): Promise<TestShell> {
  const world = createWorld({ seed: 1 });
  await settle(world.clock, 60_000);
  const t = new TestShell(world);
  t.shell.fs.writeFile('/root/dep.yaml', DEPLOY);
  return t;
}

const HEADER = /^diff -u -N (\/tmp\/LIVE-\d+)\/apps\.v1\.Deployment\.default\.web (\/tmp\/MERGED-\d+)\/apps\.v1\.Deployment\.default\.web\n--- \1\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n\+\+\+ \2\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n/;

describe('kubectl diff', () => {
  it('shows a new object as added, from a dry-run create, and exits 1', async () => {
    const t = await shell();
    const r = await t.run('kubectl diff -f dep.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(HEADER);
    const body = r.out.split('\n').slice(3);
    expect(body[0]).toBe('@@ -0,0 +1,39 @@');
    expect(body).toContain('+  replicas: 2');
    expect(body).toContain('+      - image: nginx:1.27');
    expect(body).toContain('+status: {}');
    // the object was not created, and the temporary folders are gone
    expect((await t.run('kubectl get deploy web')).code).toBe(1);
    expect((await t.run('ls /tmp')).out).not.toMatch(/LIVE|MERGED/);
  });

  it('prints nothing and exits 0 when apply would change nothing', async () => {
    const t = await shell();
    expect((await t.run('kubectl apply -f dep.yaml')).out).toBe('deployment.apps/web created\n');
    expect(await t.run('kubectl diff -f dep.yaml')).toEqual({ code: 0, out: '', err: '' });
  });

  it('shows what a changed manifest would change: the field and the generation', async () => {
    const t = await shell();
    await t.run('kubectl apply -f dep.yaml');
    await t.run("sed -i 's/replicas: 2/replicas: 3/' dep.yaml");
    const r = await t.run('cat dep.yaml | kubectl diff -f -');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(HEADER);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^[-+] /.test(l))).toEqual(['-  generation: 1', '+  generation: 2', '-  replicas: 2', '+  replicas: 3']);
    expect(r.out).not.toContain('managedFields');
    // a dry run: the live object keeps its replicas
    expect((await t.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).out).toBe('2');
  });

  it('masks Secret values, marking changed ones before and after', async () => {
    const t = await shell();
    await t.run('kubectl create secret generic s --from-literal=a=1 --from-literal=b=2');
    t.shell.fs.writeFile('/root/s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: MQ==\n  b: Mw==\n  c: NA==\n');
    const r = await t.run('kubectl diff -f s.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toContain('/v1.Secret.default.s');
    const changed = r.out.split('\n').filter((l) => /^[-+] /.test(l));
    // an object made without apply gains the empty annotations map the patch carries (as with kubectl 1.31)
    expect(changed).toEqual(['-  b: \'*** (before)\'', '+  b: \'*** (after)\'', '+  c: \'***\'', '+  annotations: {}']);
    expect(r.out).toContain("\n   a: '***'\n");
  });

  it('runs KUBECTL_EXTERNAL_DIFF with the two folders, then its allowed extra words', async () => {
    const t = await shell();
    const r = await t.run('KUBECTL_EXTERNAL_DIFF="echo -x --y=1 a.b" kubectl diff -f dep.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\/tmp\/LIVE-\d+ \/tmp\/MERGED-\d+ -x --y=1\n$/);
    expect(await t.run('KUBECTL_EXTERNAL_DIFF=nonexist kubectl diff -f dep.yaml')).toEqual({
      code: 2,
      out: '',
      err: 'error: failed to run "nonexist": executable file not found in $PATH\n',
    });
    expect(await t.run('KUBECTL_EXTERNAL_DIFF=false kubectl diff -f dep.yaml')).toEqual({ code: 1, out: '', err: '' });
    // the tutorials' colour diff: options after the two folders, and the terminal's colours
    await t.run('kubectl apply -f dep.yaml');
    await t.run("sed -i 's/replicas: 2/replicas: 3/' dep.yaml");
    const coloured = await t.run('KUBECTL_EXTERNAL_DIFF="diff --color=always -u -N" kubectl diff -f dep.yaml');
    expect(coloured.code).toBe(1);
    expect(coloured.out).toContain('\x1b[31m-  replicas: 2\x1b[0m\n\x1b[32m+  replicas: 3\x1b[0m\n');
    expect(coloured.out).toMatch(/^diff '--color=always' -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web /);
    await t.run("sed -i 's/replicas: 3/replicas: 2/' dep.yaml");
    await t.run("printf '#!/bin/sh\\nexit 3\\n' > e3 && chmod +x e3");
    expect(await t.run('KUBECTL_EXTERNAL_DIFF=/root/e3 kubectl diff -f dep.yaml')).toEqual({ code: 2, out: '', err: 'error: failed to run "/root/e3": exit status 3\n' });
  });

  it('reads folders, recursively with -R, and keeps only objects matching -l', async () => {
    const t = await shell();
    await t.run('mkdir -p m/sub && cp dep.yaml m/sub/dep.yaml && kubectl create configmap cm --from-literal=k=v --dry-run=client -o yaml > m/cm.yaml');
    const flat = await t.run('kubectl diff -f m');
    expect(flat.code).toBe(1);
    expect(flat.out.match(/^diff -u -N .*$/gm)!.map((l) => l.split('/').pop())).toEqual(['v1.ConfigMap.default.cm']);
    const deep = await t.run('kubectl diff -R -f m');
    expect(deep.out.match(/^diff -u -N .*$/gm)!.map((l) => l.split('/').pop())).toEqual(['apps.v1.Deployment.default.web', 'v1.ConfigMap.default.cm']);
    expect(await t.run('kubectl diff -R -f m -l app=none')).toEqual({ code: 0, out: '', err: '' });
  });

  it('gives its errors with exit status 2', async () => {
    const t = await shell();
    expect(await t.run('kubectl diff')).toEqual({ code: 2, out: '', err: 'error: must specify one of -f and -k\n' });
    expect(await t.run('kubectl diff --bogus')).toEqual({ code: 2, out: '', err: "error: unknown flag: --bogus\nSee 'kubectl diff -h' for help and examples\n" });
    expect(await t.run('kubectl diff x -f a')).toEqual({ code: 2, out: '', err: "error: Unexpected args: [x]\nSee 'kubectl diff -h' for help and examples\n" });
    expect(await t.run('kubectl diff -f nope.yaml')).toEqual({ code: 2, out: '', err: 'error: the path "nope.yaml" does not exist\n' });
    expect(await t.run('kubectl diff --force-conflicts -f dep.yaml')).toEqual({ code: 2, out: '', err: 'error: --force-conflicts only works with --server-side\n' });
  });

  it('diffs against a server-side apply dry run with --server-side', async () => {
    const t = await shell();
    await t.run('kubectl apply --server-side -f dep.yaml');
    expect(await t.run('kubectl diff --server-side -f dep.yaml')).toEqual({ code: 0, out: '', err: '' });
    await t.run("sed -i 's/nginx:1.27/nginx:1.28/' dep.yaml");
    const r = await t.run('kubectl diff --server-side -f dep.yaml');
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => /^[-+] /.test(l))).toEqual(['-  generation: 1', '+  generation: 2', '-      - image: nginx:1.27', '+      - image: nginx:1.28']);
  });
});

describe('conformance normalisation of kubectl diff output', () => {
  it('hides only the temporary folder numbers and the file times', () => {
    const real = 'diff -u -N /tmp/LIVE-2573658386/v1.Pod.default.p /tmp/MERGED-3468838464/v1.Pod.default.p\n--- /tmp/LIVE-2573658386/v1.Pod.default.p\t2026-11-26 00:55:36.499610810 +0000\n+++ /tmp/MERGED-3468838464/v1.Pod.default.p\t2026-11-26 00:55:36.503610810 +0000\n@@ -1 +1 @@\n-a: 1\n+a: 2\n';
    const ours = 'diff -u -N /tmp/LIVE-17/v1.Pod.default.p /tmp/MERGED-99/v1.Pod.default.p\n--- /tmp/LIVE-17/v1.Pod.default.p\t2026-11-25 09:01:32.000000000 +0000\n+++ /tmp/MERGED-99/v1.Pod.default.p\t2026-11-25 09:01:32.000000000 +0000\n@@ -1 +1 @@\n-a: 1\n+a: 2\n';
    expect(normalizeOutput(ours)).toBe(normalizeOutput(real));
    expect(normalizeOutput(ours.replace('+a: 2', '+a: 3'))).not.toBe(normalizeOutput(real));
  });
});
