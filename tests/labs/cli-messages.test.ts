/**
 * What `kubelab lab` tells an author about a broken lab: each schema error at its file:line:col, an invalid lab
 * named as invalid (not as missing), a YAML syntax error with its position and quoted line, and a FAIL line that
 * says which proof broke.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labCli } from '../../src/labs/cli';
import { LAB, scriptedHost } from './scripted-host';

// Inside the project, so the CLI shows paths relative to the working directory as an author types them.
mkdirSync('.cache', { recursive: true });
const dir = mkdtempSync(join('.cache', 'lab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function labsDir(name: string, labs: Record<string, string>): string {
  const d = join(dir, name);
  for (const [id, text] of Object.entries(labs)) {
    mkdirSync(join(d, id), { recursive: true });
    writeFileSync(join(d, id, 'lab.yaml'), text);
  }
  return d;
}

async function run(argv: string[], labsDir: string) {
  let out = '';
  let err = '';
  const code = await labCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, { labsDir, hostFactory: async () => scriptedHost() });
  return { code, out, err };
}

describe('kubelab lab, on a broken lab', () => {
  it('prints each schema error at file:line:col, then says the lab is invalid', async () => {
    const d = labsDir('schema', { settings: LAB.replace('summary: Store a setting.', 'summary: Store a setting.\nsumary: typo').replace('{ file: ~/answer.txt, equals: blue }', '{ file: ~/answer.txt, equal: blue }') });
    const r = await run(['hints', 'settings'], d);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${d}/settings/lab.yaml:6:1: unknown field "sumary" (did you mean "summary"?)\n` +
        `${d}/settings/lab.yaml:26:31: tasks[1].checks[0]: file check: unknown field "equal" (did you mean "equals"?)\n` +
        'error: lab "settings" is invalid (errors above)\n',
    );
    const c = await run(['check', 'settings'], d);
    expect(c.err).toMatch(/error: lab "settings" is invalid \(errors above\)\n$/);
    expect(c.err).not.toContain('no lab named');
    // Naming another lab reports only about that one.
    expect((await run(['hints', 'nope'], d)).err).toBe('error: no lab named "nope" (see `kubelab lab list`)\n');
  });

  it('keeps a YAML syntax error\'s position and the line it quotes', async () => {
    const d = labsDir('syntax', { settings: 'id: settings\ntitle: [Settings\nchapter: pods\n' });
    const r = await run(['list'], d);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${d}/settings/lab.yaml:3:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n` +
        '    title: [Settings\n' +
        '    chapter: pods\n' +
        '    ^\n',
    );
  });

  it('says which proof failed: a solution that does not pass', async () => {
    const d = labsDir('fail', { settings: LAB.replace('  - echo blue > ~/answer.txt\nvariants', '  - echo green > ~/answer.txt\nvariants') });
    const r = await run(['check'], d);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('FAIL settings: the solution does not pass (1/2 tasks)');
    expect(r.out).toContain('     solution: 1/2 tasks pass\n');
    expect(r.out).toMatch(/\n0 of 1 labs proven\n$/);
  });

  it('says which proof failed: a wrong variant that passes', async () => {
    const d = labsDir('variant', { settings: LAB.replace('--from-literal=colour=green', '--from-literal=colour=blue') });
    const r = await run(['check'], d);
    expect(r.out.split('\n')[0]).toBe('FAIL settings: the wrong variant does not fail as expected');
  });
});

describe('kubelab lab, with a broken lab beside a good one', () => {
  it("checking the good lab by name neither prints the other's errors nor fails", async () => {
    const d = labsDir('beside', { settings: LAB, broken: LAB.replace('id: settings', 'id: broken').replace('summary: Store a setting.', 'summary: Store a setting.\nsumary: typo') });
    const named = await run(['check', 'settings'], d);
    expect(named.err).toBe('');
    expect(named.out).toMatch(/^ok {3}settings: /);
    expect(named.code).toBe(0);
    // Checking everything still reports the broken one and fails.
    const all = await run(['check'], d);
    expect(all.err).toContain('unknown field "sumary"');
    expect(all.code).toBe(1);
  });
});
