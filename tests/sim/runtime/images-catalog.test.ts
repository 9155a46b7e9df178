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
