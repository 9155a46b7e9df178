import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImageRef, piDigits, planProcess, resolveImage, type ProcessAction, type ProcessContext } from '../../../src/sim/images/index';
import { answerHttp, NGINX_WELCOME } from '../../../src/sim/images/http';

function run(image: string, c: { command?: string[]; args?: string[] }, env: Record<string, string> = {}) {
  const img = resolveImage(image);
  if ('reason' in img) throw new Error(img.message);
  const plan = planProcess(img, c);
  if ('startError' in plan) return { startError: plan.startError, out: [] as { at: number; text: string; stream: string }[], code: 128, t: 0 };
  let t = 0;
  const ctx: ProcessContext = { now: () => Date.UTC(2026, 10, 25, 9, 0, 0) + t, hostname: 'box', podIP: '10.42.1.5', kernel: '6.8.0-48-generic', env, fs: new Map() };
  const gen = plan.program.run(ctx);
  const out: { at: number; text: string; stream: string }[] = [];
  for (let i = 0; i < 1000; i++) {
    const r = gen.next();
    if (r.done) return { out, code: r.value, t, program: plan.program };
    const a: ProcessAction = r.value;
    if (a.type === 'sleep') t += a.ms;
    else if (a.type === 'out') out.push({ at: t, text: a.text, stream: a.stream });
    else return { out, code: undefined, t, serving: true, program: plan.program };
  }
  return { out, code: undefined, t };
}

describe('image references (containerd normalisation)', () => {
  it('defaults docker.io/library and latest', () => {
    expect(parseImageRef('nginx')!.normalized).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('hashicorp/http-echo')!.normalized).toBe('docker.io/hashicorp/http-echo:latest');
    expect(parseImageRef('registry.k8s.io/e2e-test-images/agnhost:2.53')!.repository).toBe('registry.k8s.io/e2e-test-images/agnhost');
    expect(parseImageRef('Nginx')).toBeUndefined();
  });
  it('pull policy defaults from the tag', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
  });
  it('unknown repositories and tags fail like a registry', () => {
    const a = resolveImage('ngnix');
    expect('reason' in a && a.message).toContain('pull access denied, repository does not exist or may require authorization');
    expect('reason' in a && a.message).toContain('"docker.io/library/ngnix:latest"');
    const b = resolveImage('nginx:1.99');
    expect('reason' in b && b.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    );
    const upper = resolveImage('Nginx');
    expect(upper).toEqual({ reason: 'InvalidImageName', message: 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase' });
    const ok = resolveImage('nginx:1.27');
    expect('size' in ok && ok.size).toBeGreaterThan(50_000_000);
  });
});

describe('container processes', () => {
  it('busybox sh -c loops print on the virtual clock', () => {
    const r = run('busybox', { command: ['sh', '-c', 'i=0; while [ $i -lt 3 ]; do echo "tick $i on $(hostname)"; i=$((i+1)); sleep 5; done; exit 3'] });
    expect(r.out.map((o) => [o.at, o.text])).toEqual([
      [0, 'tick 0 on box\n'],
      [5000, 'tick 1 on box\n'],
      [10000, 'tick 2 on box\n'],
    ]);
    expect(r.code).toBe(3);
    expect(r.t).toBe(15000);
  });
  it('for loops, && / ||, variables, stderr and printenv', () => {
    const r = run('alpine', { command: ['/bin/sh', '-c', 'for x in a b; do echo $x; done; false || echo fallback; echo ${MISSING:-dflt} >&2; printenv GREETING'] }, { GREETING: 'hello' });
    expect(r.out.map((o) => `${o.stream}:${o.text}`)).toEqual(['stdout:a\n', 'stdout:b\n', 'stdout:fallback\n', 'stderr:dflt\n', 'stdout:hello\n']);
    expect(r.code).toBe(0);
  });
  it('a shell with no command and no terminal exits 0 at once', () => {
    const r = run('busybox', {});
    expect(r.code).toBe(0);
    expect(r.out).toEqual([]);
  });
  it('a missing executable is a runc start error', () => {
    const r = run('nginx', { command: ['foo'] });
    expect(r.startError).toContain('exec: "foo": executable file not found in $PATH: unknown');
  });
  it('nginx prints its entrypoint lines with the version of its tag and serves port 80', () => {
    const r = run('nginx:1.27', {});
    expect(r.serving).toBe(true);
    const text = r.out.map((o) => o.text).join('');
    expect(text).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(text).toContain('2026/11/25 09:00:00 [notice] 1#1: nginx/1.27.3\n');
    expect(r.program!.ports).toEqual([80]);
  });
  it('postgres without a password exits 1 with its error', () => {
    const r = run('postgres:16', {});
    expect(r.code).toBe(1);
    expect(r.out[0].text).toContain('superuser password is not specified');
  });
  it('the docs pi Job computes 2000 digits', () => {
    const r = run('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    expect(r.code).toBe(0);
    const digits = r.out[0].text.trim();
    expect(digits.length).toBe(2001);
    expect(digits.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(piDigits(30)).toBe('3.14159265358979323846264338328');
  });
  it('http: nginx welcome page and access log, bootcamp greeting', () => {
    const a = answerHttp({ kind: 'nginx' }, { method: 'GET', path: '/', host: '10.42.1.5', clientIP: '10.42.0.1', userAgent: 'curl/8.5.0' }, { hostname: 'web', podIP: '10.42.1.5', now: Date.UTC(2026, 10, 25, 9, 0, 0), startedAt: 0, version: '1.27.3' });
    expect(a.status).toBe(200);
    expect(a.body).toBe(NGINX_WELCOME);
    expect(a.body.length).toBe(615);
    expect(a.accessLog).toBe('10.42.0.1 - - [25/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"');
    const b = answerHttp({ kind: 'bootcamp' }, { method: 'GET', path: '/', host: 'x', clientIP: '1.2.3.4' }, { hostname: 'kubernetes-bootcamp-abc', podIP: '', now: 0, startedAt: 0, version: 'v1' });
    expect(b.body).toBe('Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-abc | v=1\n');
  });
});
