import { describe, expect, it } from 'vitest';
import { planProcess, resolveImage, type ProcessAction, type ProcessContext } from '../../../src/sim/images/index';
import { answerHttp } from '../../../src/sim/images/http';

function start(image: string, c: { command?: string[]; args?: string[] } = {}, env: Record<string, string> = {}) {
  const img = resolveImage(image);
  if ('reason' in img) throw new Error(img.message);
  const plan = planProcess(img, c);
  if ('startError' in plan) return { startError: plan.startError, text: '', code: 128 as number | undefined };
  const ctx: ProcessContext = { now: () => Date.UTC(2026, 10, 25, 9, 0, 0), hostname: 'envar-demo', podIP: '10.42.0.9', kernel: '6.8.0-48-generic', env, fs: new Map() };
  const gen = plan.program.run(ctx);
  let text = '';
  for (let i = 0; i < 1000; i++) {
    const r = gen.next();
    if (r.done) return { text, code: r.value as number | undefined, program: plan.program };
    const a: ProcessAction = r.value;
    if (a.type === 'out') text += a.text;
    else if (a.type === 'serve') return { text, code: undefined, program: plan.program };
  }
  throw new Error('process did not settle');
}

describe('images the docs tutorials use', () => {
  it('serve_hostname (no tag) serves its hostname on 9376', () => {
    const r = start('registry.k8s.io/serve_hostname');
    expect(r.code).toBeUndefined();
    expect(r.text).toBe('2026/11/25 09:00:00 Serving on port 9376.\n');
    expect(r.program?.ports).toEqual([9376]);
    const a = answerHttp(r.program!.http!, { method: 'GET', path: '/anything', host: 'x', clientIP: '10.42.0.1' }, { hostname: 'cattle-abc', podIP: '10.42.0.9', now: 0, startedAt: 0, version: '1.4' });
    expect([a.status, a.body]).toEqual([200, 'cattle-abc']);
  });

  it('hello-app:2.0 has a busybox userland, so exec printenv answers', () => {
    const r = start('gcr.io/google-samples/hello-app:2.0', { command: ['printenv', 'DEMO_GREETING'] }, { DEMO_GREETING: 'Hello from the environment' });
    expect(r.startError).toBeUndefined();
    expect(r.text).toBe('Hello from the environment\n');
    expect(r.code).toBe(0);
    const server = start('gcr.io/google-samples/hello-app:2.0');
    expect(server.program?.ports).toEqual([8080]);
  });
});

describe('tags a real registry holds', () => {
  const ok = (ref: string) => !('reason' in resolveImage(ref));
  it('resolves the tags the tutorials pull', () => {
    for (const ref of ['httpd:2.4.41-alpine', 'nginx:1.19', 'nginx:1.20', 'nginx:stable', 'nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.17.3-alpine', 'nginx:1.21-alpine',
      'nginx:1.25-alpine', 'nginx:1.23.4-alpine-slim', 'nginx:1.15.12-perl', 'postgres:13-alpine', 'busybox:1.31.0', 'busybox:1.37.0', 'redis:5.0.4', 'mysql:5.6', 'curlimages/curl'])
      expect(ok(ref), ref).toBe(true);
  });
  it('nonsense tags fail as not found', () => {
    for (const ref of ['nginx:1.16.2', 'nginx:1.99', 'nginx:1.18-alpine-slim', 'nginx:2.0', 'nginx:1.21-debian', 'redis:5.0.99']) {
      const r = resolveImage(ref);
      expect('reason' in r && r.message, ref).toMatch(/: not found$/);
    }
  });
});
