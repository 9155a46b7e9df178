// Differential test against the real kubectl: `kubectl patch --local -f <file> --type strategic|json -p <patch>
// -o json` applies patches client-side with apimachinery's own code, so our results must be identical.
// Skipped (with the reason printed) where no kubectl binary is on the PATH.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyStrategicMergePatch } from '../../../src/sim/apiserver/patch';
import { sortKeys } from '../../../src/sim/apiserver/patch/json';

function findKubectl(): string | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return 'kubectl';
  } catch {
    return undefined;
  }
}
const kubectl = findKubectl();
if (!kubectl) console.log('patch-oracle: skipped, no kubectl binary on the PATH');

const deploy = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', finalizers: ['a', 'b'], labels: { app: 'web', tier: 'x' } },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        volumes: [{ name: 'v1', emptyDir: {} }, { name: 'v2', configMap: { name: 'c' } }],
        tolerations: [{ key: 'a', operator: 'Exists' }],
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 443 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], volumeMounts: [{ name: 'v1', mountPath: '/a' }] },
          { name: 'side', image: 'busybox', args: ['x', 'y'] },
          { name: 'third', image: 'alpine' },
        ],
      },
    },
  },
};

const STRATEGIC: unknown[] = [
  { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', env: [{ name: 'B', $patch: 'delete' }, { name: 'C', value: '3' }] }, { name: 'new', image: 'x' }] } } } },
  { spec: { template: { spec: { containers: [{ name: 'third', image: 't2' }, { name: 'new', image: 'x' }, { name: 'nginx', image: 'n' }] } } } },
  { metadata: { finalizers: ['c', 'a'] } },
  { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
  { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'third' }, { name: 'side' }, { name: 'nginx' }], containers: [{ name: 'nginx', image: 'n2' }] } } } },
  { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'new' }, { name: 'nginx' }], containers: [{ name: 'new', image: 'n' }] } } } },
  { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
  { spec: { template: { spec: { containers: [{ name: 'side', args: ['z'] }] } } } },
  { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } },
  { spec: { template: { spec: { volumes: [{ name: 'v2', secret: { secretName: 's' }, $retainKeys: ['name', 'secret'] }] } } } },
  { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'o' }] } } } },
  { metadata: { labels: { $patch: 'replace', new: 'y' } } },
  { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 8080 }, { containerPort: 80, $patch: 'delete' }], volumeMounts: [{ name: 'v9', mountPath: '/b' }] }] } } } },
  { spec: { template: { spec: { containers: [{ image: 'nokey' }] } } } },
  { spec: { replicas: null, template: { metadata: { labels: { app: null, extra: 'e' } } } } },
  { spec: { template: { spec: { containers: [] } } } },
];

const JSONPATCH: unknown[] = [
  [{ op: 'add', path: '/spec/replicas', value: 5 }],
  [{ op: 'remove', path: '/spec/zz' }],
  [{ op: 'remove', path: '/nope/zz' }],
  [{ op: 'replace', path: '/spec/zz', value: 1 }],
  [{ op: 'test', path: '/spec/replicas', value: 3 }],
  [{ op: 'add', path: '/spec/template/spec/containers/1/args/-', value: 'q' }],
  [{ op: 'add', path: '/spec/template/spec/containers/9/image', value: 'q' }],
  [{ op: 'remove', path: '/spec/template/spec/containers/7' }],
  [{ op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/level' }],
  [{ op: 'copy', from: '/spec/selector', path: '/spec/sel2' }],
  [{ op: 'bogus', path: '/spec' }],
];

function run(file: string, type: string, patch: unknown): string {
  try {
    const out = execFileSync(kubectl!, ['patch', '--local', '-f', file, '--type', type, '-p', JSON.stringify(patch), '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    return JSON.stringify(sortKeys(JSON.parse(out)));
  } catch (e) {
    return `ERROR ${String((e as { stderr?: string }).stderr ?? e).trim().replace(/^error: /, '')}`;
  }
}

function ours(fn: () => unknown): string {
  try {
    return JSON.stringify(sortKeys(fn()));
  } catch (e) {
    return `ERROR ${(e as Error).message}`;
  }
}

describe.skipIf(!kubectl)('patches agree with the real kubectl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-patch-'));
  const file = join(dir, 'deploy.json');
  writeFileSync(file, JSON.stringify(deploy));
  it.each(STRATEGIC.map((p) => [JSON.stringify(p), p]))('strategic %s', (_name, p) => {
    expect(ours(() => applyStrategicMergePatch(deploy, p, { group: 'apps', version: 'v1', kind: 'Deployment' }))).toBe(run(file, 'strategic', p));
  });
  it.each(JSONPATCH.map((p) => [JSON.stringify(p), p]))('json %s', (_name, p) => {
    expect(ours(() => applyJsonPatch(deploy, p))).toBe(run(file, 'json', p));
  });
});
