// The site hands the browser's lab engine one lab.yaml text; files named by `source:` are inlined at build time so
// the engine (which cannot read the lab folder) sees the same lab the command line sees.
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/labs/schema';
import { inlineSources } from '../../src/labs/inline-sources';

const files: Record<string, string> = {
  'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  'notes.txt': 'remember: three replicas\n',
};
const read = (rel: string) => files[rel];

const lab = `id: demo
title: Demo
chapter: deployments
summary: A demo.
seed:
  files:
    - path: web.yaml
      source: web.yaml
    - path: notes.txt
      source: notes.txt
  steps:
    - apply: { source: web.yaml }
    - kubectl get deploy
tasks:
  - title: t
    description: d
    checks:
      - { deployment: web, availableReplicas: 3 }
    hints:
      command: kubectl scale deployment web --replicas=3
solution:
  - run: kubectl scale deployment web --replicas=3
`;

describe('inlineSources', () => {
  it('gives the engine without a folder the lab the command line reads with one', () => {
    const withFolder = parseLab(lab, { readSibling: read });
    expect(withFolder.ok, JSON.stringify(withFolder)).toBe(true);
    // Without the folder the text as written is refused, as the browser refused it.
    expect(parseLab(lab).ok).toBe(false);
    const inlined = inlineSources(lab, read);
    const alone = parseLab(inlined);
    expect(alone.ok, JSON.stringify(alone)).toBe(true);
    if (withFolder.ok && alone.ok) expect(alone.lab).toEqual(withFolder.lab);
  });

  it('leaves a lab without source, and paths outside the folder, as written', () => {
    expect(inlineSources('id: a\ntitle: b\n', read)).toBe('id: a\ntitle: b\n');
    const outside = lab.replace('apply: { source: web.yaml }', 'apply: { source: ../web.yaml }');
    expect(inlineSources(outside, (rel) => (rel.includes('..') ? 'stolen' : read(rel)))).not.toContain('stolen');
  });
});
