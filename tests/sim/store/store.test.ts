import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/sim/store';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const cm = (ns: string, name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name }, data });

describe('Store', () => {
  it('stamps one global, increasing revision as resourceVersion', () => {
    const s = new Store();
    const a = s.create('/configmaps', cm('default', 'a'));
    const b = s.create('apps/deployments', { metadata: { namespace: 'default', name: 'd' } });
    expect(a.metadata.resourceVersion).toBe('1');
    expect(b.metadata.resourceVersion).toBe('2');
    const a2 = s.update('/configmaps', cm('default', 'a', { k: 'v' }));
    expect(a2.metadata.resourceVersion).toBe('3');
    expect(s.revision()).toBe(3);
  });

  it('lists in key order (namespace, then name, bytewise)', () => {
    const s = new Store();
    for (const [ns, n] of [['b', 'x'], ['a', 'z'], ['a', 'B'], ['a', 'a']]) s.create('/configmaps', cm(ns, n));
    expect(s.list('/configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/B', 'a/a', 'a/z', 'b/x']);
    expect(s.list('/configmaps', 'b').map((o) => o.metadata.name)).toEqual(['x']);
  });

  it('enforces existence and compare-and-swap on the revision', () => {
    const s = new Store();
    s.create('/configmaps', cm('d', 'a'));
    expect(() => s.create('/configmaps', cm('d', 'a'))).toThrow(/already exists/);
    expect(() => s.update('/configmaps', cm('d', 'nope'))).toThrow(/not found/);
    expect(() => s.update('/configmaps', cm('d', 'a'), '99')).toThrow(/resourceVersion/);
    expect(() => s.delete('/configmaps', 'd', 'a', '99')).toThrow(/resourceVersion/);
  });

  it('gives the deleted object the delete revision', () => {
    const s = new Store();
    s.create('/configmaps', cm('d', 'a'));
    const gone = s.delete('/configmaps', 'd', 'a');
    expect(gone.metadata.resourceVersion).toBe('2');
    expect(s.get('/configmaps', 'd', 'a')).toBeUndefined();
  });

  it('keeps a bounded history and reports expiry past it', () => {
    const s = new Store(100);
    for (let i = 0; i < 500; i++) s.create('/configmaps', cm('d', `c${i}`));
    expect(s.changesSince(0)).toBe('expired');
    const c = s.compactedRevision();
    expect(c).toBeGreaterThan(0);
    const recent = s.changesSince(490);
    expect(recent).not.toBe('expired');
    expect((recent as { rev: number }[]).map((e) => e.rev)).toEqual([491, 492, 493, 494, 495, 496, 497, 498, 499, 500]);
    expect(s.changesSince(c)).not.toBe('expired');
  });

  it('notifies listeners synchronously with prev objects', () => {
    const s = new Store();
    const seen: string[] = [];
    s.subscribe((e) => seen.push(`${e.type}:${e.name}:${e.prev?.metadata.resourceVersion ?? '-'}`));
    s.create('/configmaps', cm('d', 'a'));
    s.update('/configmaps', cm('d', 'a', { x: '1' }));
    s.delete('/configmaps', 'd', 'a');
    expect(seen).toEqual(['ADDED:a:-', 'MODIFIED:a:1', 'DELETED:a:2']);
  });

  it('snapshots to plain JSON and restores', () => {
    const s = new Store();
    s.create('/configmaps', cm('d', 'a', { k: 'v' }));
    s.create('apps/deployments', { metadata: { namespace: 'd', name: 'x' } });
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const r = new Store();
    r.restore(snap);
    expect(r.revision()).toBe(2);
    expect(r.get('/configmaps', 'd', 'a')?.data).toEqual({ k: 'v' });
    expect(r.create('/configmaps', cm('d', 'b')).metadata.resourceVersion).toBe('3');
    // watches cannot resume into the pre-restore history
    expect(r.changesSince(1)).toBe('expired');
    expect(r.changesSince(2)).toEqual([{ rev: 3, type: 'ADDED', resource: '/configmaps', namespace: 'd', name: 'b', object: r.get('/configmaps', 'd', 'b') }]);
  });
});
