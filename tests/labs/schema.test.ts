import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../src/labs/load';
import { parseLab } from '../../src/labs/schema';

describe('every lab in labs/', () => {
  const labs = loadLabs();
  it('there are at least 14 labs', () => {
    expect(labs.length).toBeGreaterThanOrEqual(14);
  });
  for (const l of labs) {
    it(`${l.dir.split('/').pop()} validates`, () => {
      expect(l.errors).toEqual([]);
      expect(l.lab!.tasks.length).toBeGreaterThan(0);
      expect(l.lab!.solution.length).toBeGreaterThan(0);
      expect(l.lab!.variants.length, 'each lab ships at least one wrong variant').toBeGreaterThan(0);
      for (const t of l.lab!.tasks) expect(t.hints.nudge && t.hints.concept && t.hints.command, `hints of "${t.title}"`).toBeTruthy();
    });
  }
});

describe('lab.yaml validation', () => {
  const minimal = `
id: demo
title: Demo
chapter: pods
summary: A demo.
tasks:
  - title: t
    description: d
    checks:
      - { pod: x, phase: Running }
solution:
  - kubectl run x --image=nginx:1.27
`;
  it('accepts a minimal lab and fills defaults', () => {
    const r = parseLab(minimal);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.lab.seed.cluster).toEqual({ kind: 'default' });
      expect(r.lab.seed.settleSeconds).toBe(60);
      expect(r.lab.solution).toEqual([{ run: 'kubectl run x --image=nginx:1.27' }]);
    }
  });
  it('takes solution and variant steps as seed steps are written: a string, {run: command} or {wait: seconds}', () => {
    const text = minimal.replace(
      'solution:\n  - kubectl run x --image=nginx:1.27\n',
      'solution:\n  - run: kubectl run x --image=nginx:1.27\n  - wait: 30\n  - kubectl get pods\nvariants:\n  - name: wrong image\n    steps:\n      - run: kubectl run x --image=nginx:1.26\n    expect: nginx\n',
    );
    const r = parseLab(text);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) {
      expect(r.lab.solution).toEqual([{ run: 'kubectl run x --image=nginx:1.27' }, { wait: 30 }, { run: 'kubectl get pods' }]);
      expect(r.lab.variants[0].steps).toEqual([{ run: 'kubectl run x --image=nginx:1.26' }]);
    }
    const bad = parseLab(minimal.replace('  - kubectl run x --image=nginx:1.27\n', '  - runn: kubectl run x\n  - { run: "" }\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toContain('solution[0]: must be a command, {run: command} or {wait: seconds}, found keys runn');
      expect(bad.errors).toContain('solution[1].run: must be a non-empty string, found string ""');
    }
  });
  it('reports every problem with its path', () => {
    const r = parseLab(`
id: Bad_Id
title: ""
chapter: pods
sumary: typo
seed:
  cluster: { servers: 0, agents: two }
  steps:
    - apply: "kind: Pod"
    - { wait: soon }
tasks:
  - title: t
    description: d
    checks:
      - { deployment: web, availableReplica: 3 }
solution: []
variants:
  - { name: v, steps: [], expect: "x" }
`);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'unknown field "sumary" (did you mean "summary"?)',
        'id: "Bad_Id" must be lowercase letters, digits and \'-\'',
        'title: must be a non-empty string, found string ""',
        'summary: is required',
        'seed.cluster.servers: must be an integer >= 1, found number 0',
        'seed.cluster.agents: must be an integer >= 0, found string "two"',
        'seed.steps[0].apply: each document needs apiVersion and kind',
        'seed.steps[0].apply: each document needs metadata.name',
        'seed.steps[1].wait: must be a number of seconds, found string "soon"',
        'tasks[0].checks[0]: deployment check: unknown field "availableReplica" (did you mean "availableReplicas"?)',
        'solution: needs at least one step',
      ]);
  });
  it('rejects YAML that does not parse, without throwing', () => {
    const r = parseLab('id: [unclosed');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^not valid YAML: /);
  });
  it('reads files next to lab.yaml and refuses paths outside the lab', () => {
    const withSource = minimal + `seed:\n  files:\n    - { path: web.yaml, source: web.yaml }\n    - { path: x, source: ../other/lab.yaml }\n`;
    const r = parseLab(withSource, { readSibling: (p) => (p === 'web.yaml' ? 'kind: Deployment\n' : undefined) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(['seed.files[1].source: "../other/lab.yaml" must be a path inside the lab folder']);
  });
  it('refuses manifests when there is no cluster', () => {
    const r = parseLab(minimal + `seed:\n  cluster: none\n  steps:\n    - apply: "apiVersion: v1\\nkind: Namespace\\nmetadata: {name: x}"\n`);
    expect(r.ok ? [] : r.errors).toEqual(['seed.steps: apply needs a cluster (seed.cluster is none)']);
  });
});
