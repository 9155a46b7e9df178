// Expected results were produced with the real kubectl (`kubectl patch --local -f base.json --type strategic|json
// -p ... -o json`, which runs apimachinery's strategicpatch and evanphx/json-patch client-side); the
// three-way cases follow pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch.
import { describe, expect, it } from 'vitest';
import {
  applyApplyPatch,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  PatchError,
} from '../../../src/sim/apiserver/patch';

const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
/* eslint-disable @typescript-eslint/no-explicit-any */
const base = (): any => ({
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
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 443 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
          { name: 'side', image: 'busybox', args: ['x', 'y'] },
        ],
      },
    },
  },
});
const smp = (p: unknown) => applyStrategicMergePatch(base(), p, DEPLOY) as any;

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes on null, replaces lists', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [3] });
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and env by name; patch items come first, server-only items keep their place', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', env: [{ name: 'B', $patch: 'delete' }, { name: 'C', value: '3' }] }, { name: 'new', image: 'x' }] } } } });
    const cs = out.spec.template.spec.containers;
    expect(cs.map((c: any) => c.name)).toEqual(['nginx', 'new', 'side']);
    expect(cs[0].image).toBe('nginx:1.27');
    expect(cs[0].env).toEqual([{ name: 'C', value: '3' }, { name: 'A', value: '1' }]);
    expect(cs[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
  });
  it('unions finalizers and honours $deleteFromPrimitiveList', () => {
    expect(smp({ metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers).toEqual(['b']);
  });
  it('$setElementOrder reorders, $retainKeys drops other keys', () => {
    const out = smp({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'nginx' }], containers: [{ name: 'nginx', image: 'n2' }] } } } });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['side', 'nginx']);
    expect(smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }).spec.strategy).toEqual({ type: 'Recreate' });
  });
  it('replaces lists without a merge strategy (tolerations, args) and with $patch: replace', () => {
    expect(smp({ spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } }).spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect(smp({ spec: { template: { spec: { containers: [{ name: 'side', args: ['z'] }] } } } }).spec.template.spec.containers[1].args).toEqual(['z']);
    expect(smp({ spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'o' }] } } } }).spec.template.spec.containers).toEqual([{ name: 'only', image: 'o' }]);
    expect(smp({ metadata: { labels: { $patch: 'replace', new: 'y' } } }).metadata.labels).toEqual({ new: 'y' });
  });
  it('deletes ports by containerPort, deletes fields on null, ignores an empty merge list', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 8080 }, { containerPort: 80, $patch: 'delete' }] }] } } } });
    expect(out.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }, { containerPort: 443 }]);
    const n = smp({ spec: { replicas: null, template: { metadata: { labels: { app: null, extra: 'e' } } } } });
    expect(n.spec.replicas).toBeUndefined();
    expect(n.spec.template.metadata.labels).toEqual({ extra: 'e' });
    expect(smp({ spec: { template: { spec: { containers: [] } } } }).spec.template.spec.containers).toHaveLength(2);
  });
  it('rejects an element without its merge key with the upstream text', () => {
    expect(() => smp({ spec: { template: { spec: { containers: [{ image: 'nokey' }] } } } })).toThrow(new PatchError('map: map[image:nokey] does not contain declared merge key: name'));
  });
  it('does not modify its arguments', () => {
    const b = base();
    const copy = JSON.parse(JSON.stringify(b));
    applyStrategicMergePatch(b, { spec: { replicas: 5 } }, DEPLOY);
    expect(b).toEqual(copy);
  });
});

describe('JSON patch (RFC 6902) with evanphx/json-patch texts', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v', l: 'w' } };
  it.each([
    [[{ op: 'remove', path: '/data/zz' }], "error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value"],
    [[{ op: 'remove', path: '/nope/zz' }], 'remove operation does not apply: doc is missing path: "/nope/zz": missing value'],
    [[{ op: 'test', path: '/data/k', value: 'nope' }], 'testing value /data/k failed: test failed'],
    [[{ op: 'add', path: '/a/b/c', value: 1 }], 'add operation does not apply: doc is missing path: "/a/b/c": missing value'],
    [[{ op: 'bogus', path: '/data' }], 'Unexpected kind: bogus'],
  ])('%j fails with the real message', (p, msg) => {
    expect(() => applyJsonPatch(cm, p)).toThrow(new PatchError(msg));
  });
  it('applies add/replace/move/copy/test and escapes ~1', () => {
    const out = applyJsonPatch(cm, [
      { op: 'test', path: '/data/k', value: 'v' },
      { op: 'replace', path: '/data/zz', value: 1 },
      { op: 'move', from: '/data/k', path: '/data/moved' },
      { op: 'copy', from: '/data/nope', path: '/data/c' },
      { op: 'add', path: '/metadata/labels', value: {} },
      { op: 'add', path: '/metadata/labels/x~1y', value: 'z' },
    ]);
    expect(out).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'x/y': 'z' } }, data: { l: 'w', zz: 1, moved: 'v', c: null } });
  });
});

describe('three-way merge patch (kubectl apply)', () => {
  const file = (image: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { ...extra, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } } },
  });
  const live = (image: string, replicas: number) => {
    const l: any = file(image, { replicas });
    l.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    l.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    l.spec.template.spec.dnsPolicy = 'ClusterFirst';
    return l;
  };
  it('changes the image with a $setElementOrder and keeps server defaults', () => {
    const patch = createThreeWayMergePatch(file('nginx:1.25', { replicas: 2 }), file('nginx:1.27', { replicas: 2 }), live('nginx:1.25', 2), DEPLOY);
    expect(patch).toEqual({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] } } } });
  });
  it('removes a field dropped from the file but keeps one set by someone else', () => {
    // replicas was in the last-applied file and is gone now: null. The live dnsPolicy was never in the file: kept.
    const patch = createThreeWayMergePatch(file('nginx:1.25', { replicas: 2 }), file('nginx:1.25'), live('nginx:1.25', 5), DEPLOY);
    expect(patch).toEqual({ spec: { replicas: null } });
  });
  it('deletes a container dropped from the file with $patch: delete', () => {
    const two = (img: string): any => {
      const f: any = file(img);
      f.spec.template.spec.containers.push({ name: 'side', image: 'busybox' });
      return f;
    };
    const patch = createThreeWayMergePatch(two('nginx'), file('nginx'), two('nginx'), DEPLOY);
    expect(patch).toEqual({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'side' }] } } } });
    // Applying the patch to the live object gives the file's containers.
    const after = applyStrategicMergePatch(two('nginx'), patch, DEPLOY) as any;
    expect(after.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx' }]);
  });
  it('adds $retainKeys when the strategy type changes', () => {
    const orig: any = file('nginx', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
    const mod: any = file('nginx', { strategy: { type: 'Recreate' } });
    const patch = createThreeWayMergePatch(orig, mod, orig, DEPLOY);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    expect((applyStrategicMergePatch(orig, patch, DEPLOY) as any).spec.strategy).toEqual({ type: 'Recreate' });
  });
  it('is empty when nothing changed', () => {
    expect(createThreeWayMergePatch(file('nginx'), file('nginx'), live('nginx', 1), DEPLOY)).toEqual({});
  });
  it('two-way patch for edit', () => {
    expect(createTwoWayMergePatch({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: '1', c: '3' } } }, DEPLOY)).toEqual({ metadata: { labels: { b: null, c: '3' } } });
  });
});

describe('apply patch (server-side apply, simplified)', () => {
  it('creates from the configuration and merges list-map keys', () => {
    expect(applyApplyPatch(undefined, { a: 1 })).toEqual({ a: 1 });
    const out = applyApplyPatch(base(), { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox:2' }, { name: 'extra', image: 'e' }] } } } }, DEPLOY) as any;
    expect(out.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.25', 'side=busybox:2', 'extra=e']);
    expect(out.spec.template.spec.containers[1].args).toEqual(['x', 'y']);
  });
});
