/**
 * The runner over a small scripted host: a real API server (no controllers) and a fake shell that understands
 * just enough commands to play a lab. It proves the runner's logic (seed order, replays, the three verdicts);
 * the full replay of every lab through the real world and shell is in labs-check.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/sim/client/client';
import { R } from '../../src/sim/client/resources';
import { applyManifests } from '../../src/labs/apply';
import type { LabHostFactory } from '../../src/labs/host';
import { LAB, scriptedHost } from './scripted-host';
import { checkLab, seedLab } from '../../src/labs/runner';
import { parseLab, type Lab } from '../../src/labs/schema';

const factory: LabHostFactory = async () => scriptedHost();

function lab(yaml: string): Lab {
  const r = parseLab(yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.lab;
}


describe('seedLab', () => {
  it('places files, applies manifests, runs commands and lets time pass, in order', async () => {
    const host = scriptedHost();
    const start = host.clock.now();
    await seedLab(lab(LAB), host);
    expect(host.lines).toEqual(['echo seeded > ~/seed.txt']);
    const ctx = host.evalContext();
    expect(ctx.files!.read('/root/notes.txt')).toBe('colour?\n');
    expect((await ctx.objects.get(R.configmaps, 'default', 'old'))?.data).toEqual({ colour: 'red' });
    expect(host.clock.now() - start).toBe(65_000); // 5 s step + 60 s default settle
  });
  it('fails loudly when a seed command fails', async () => {
    const bad = lab(LAB.replace('echo seeded > ~/seed.txt', 'frobnicate'));
    await expect(seedLab(bad, scriptedHost())).rejects.toThrow('lab settings: seeding failed: `frobnicate` exited 127: bash: frobnicate: command not found');
  });
});

describe('applyManifests', () => {
  it('creates, then merge-patches an object that already exists', () => {
    const host = scriptedHost();
    const api = host.api()!;
    expect(applyManifests(api, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: one}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n')).toEqual(['configmaps/a', 'namespaces/shop']);
    applyManifests(api, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: two}\n');
    expect(new ApiClient(api).get(R.configmaps, 'default', 'a').data).toEqual({ k: 'two' });
  });
});

describe('checkLab', () => {
  it('proves a good lab: seed fails, solution passes, variant fails with its text', async () => {
    const r = await checkLab(lab(LAB), factory);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.seed!.completed).toBe(0);
    expect(r.solved!.done).toBe(true);
    expect(r.variants.map((v) => v.ok)).toEqual([true]);
  });
  it('reports a solution that does not solve, with the failing checks and the failed command', async () => {
    const broken = lab(LAB.replace('  - kubectl create configmap settings --from-literal=colour=blue\n', '  - kubectl create cm settings\n'));
    const r = await checkLab(broken, factory);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'solution: 1/2 tasks pass',
      '  configmap settings: expected it to exist, found no such object',
      '  `kubectl create cm settings` exited 127: bash: kubectl: command not found',
    ]);
  });
  it('reports a variant that passes and one whose explanation differs', async () => {
    const passing = lab(LAB.replace('--from-literal=colour=green', '--from-literal=colour=blue'));
    expect((await checkLab(passing, factory)).problems[0]).toBe('variant "wrong colour": passes, but it is a wrong solution');
    const otherText = lab(LAB.replace('found data.colour = green', 'found data.colour = purple'));
    expect((await checkLab(otherText, factory)).problems[0]).toBe('variant "wrong colour": no failing check says "expected data.colour = blue, found data.colour = purple"');
  });
  it('reports a task that the seed already satisfies', async () => {
    const free = lab(LAB.replace('{ file: ~/answer.txt, equals: blue }', '{ file: ~/notes.txt, contains: "colour" }'));
    expect((await checkLab(free, factory)).problems).toContain('seed: task "Write blue in answer.txt" already passes before the learner does anything');
  });
});

describe('createLabRuntime', () => {
  it('seeds, summarises each task with its first gap and hints, and gives the solution as typed lines', async () => {
    const { createLabRuntime } = await import('../../src/labs/runtime');
    const text = LAB.replace('    checks:\n      - { file: ~/answer.txt, equals: blue }', '    checks:\n      - { file: ~/answer.txt, equals: blue }\n    hints:\n      nudge: look at notes.txt');
    const host = scriptedHost();
    const rt = createLabRuntime(text, host);
    await rt.seed();
    const s = await rt.status();
    expect(s).toMatchObject({ labId: 'settings', complete: false });
    expect(s.tasks[1]).toEqual({ title: 'Write blue in answer.txt', done: false, expected: 'file ~/answer.txt: the file to exist', actual: 'no such file', hints: { nudge: 'look at notes.txt', concept: undefined, command: undefined } });
    expect(rt.solution()).toEqual(['kubectl create configmap settings --from-literal=colour=blue', 'echo blue > ~/answer.txt']);
    for (const line of rt.solution()) await host.run(line);
    expect((await rt.status()).complete).toBe(true);
    expect(() => createLabRuntime('id: x', host)).toThrow(/^invalid lab: title: is required/);
  });
});

describe('variant explanations', () => {
  it('may name one failing aspect of a check that compares several', async () => {
    const twoParts = lab(
      LAB.replace('{ file: ~/answer.txt, equals: blue }', '{ file: ~/answer.txt, equals: blue, contains: bl }')
        .replace('      - echo blue > ~/answer.txt\n    expect: "expected data.colour = blue, found data.colour = green"', '      - echo green > ~/answer.txt\n    expect: \'file ~/answer.txt: expected exactly "blue", found "green"\''),
    );
    const r = await checkLab(twoParts, factory);
    expect(r.problems).toEqual([]);
    expect(r.variants[0].status!.tasks[1].checks[0].text).toBe('file ~/answer.txt: expected text containing "bl", exactly "blue", found "green"');
  });
});
