import { describe, expect, it } from 'vitest';
import { collect, pod, setup } from './helpers';
import type { ApiStream, KubeObject, Status, WatchEvent } from '../../../src/sim/apiserver/types';

const watch = (t: ReturnType<typeof setup>, path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const res = t.call('GET', path, undefined, { query: { watch: 'true', ...query }, headers });
  expect(res.status).toBe(200);
  return collect(res.stream as ApiStream<WatchEvent>);
};

describe('watch', () => {
  it('never delivers inside the writer request; delivers on the clock in order', () => {
    const t = setup();
    const w = watch(t, '/api/v1/namespaces/default/pods', { resourceVersion: String(t.server.store.revision()) });
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a')));
    t.ok(t.call('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { x: 'y' } } }, { headers: { 'content-type': 'application/merge-patch+json' } }));
    t.ok(t.call('DELETE', '/api/v1/namespaces/default/pods/a'));
    expect(w.events).toHaveLength(0);
    t.clock.runDue();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(w.events[0].object.kind).toBe('Pod');
    expect(w.events[0].object.apiVersion).toBe('v1');
  });

  it('starts with the current state as ADDED for resourceVersion 0 or unset', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('b')));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a')));
    for (const rv of [undefined, '0']) {
      const w = watch(t, '/api/v1/namespaces/default/pods', rv === undefined ? {} : { resourceVersion: rv });
      t.clock.runDue();
      expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b']);
    }
  });

  it('replays history from a resourceVersion and answers 410 past it', () => {
    const t = setup(1, { historyLimit: 10 });
    const start = t.server.store.revision();
    for (let i = 0; i < 5; i++) t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } }));
    const w = watch(t, '/api/v1/namespaces/default/configmaps', { resourceVersion: String(start + 2) });
    t.clock.runDue();
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['c2', 'c3', 'c4']);
    for (let i = 5; i < 400; i++) t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } }));
    const old = watch(t, '/api/v1/namespaces/default/configmaps', { resourceVersion: String(start) });
    t.clock.runDue();
    expect(old.events).toHaveLength(1);
    expect(old.events[0].type).toBe('ERROR');
    const st = old.events[0].object as unknown as Status;
    expect(st.code).toBe(410);
    expect(st.reason).toBe('Expired');
    expect(st.message).toBe(`too old resource version: ${start} (${t.server.store.compactedRevision()})`);
    expect(old.ended()).toBe('expired');
  });

  it('filters by label and field selectors; objects that stop matching arrive as DELETED', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a', { app: 'web' })));
    const w = watch(t, '/api/v1/namespaces/default/pods', { labelSelector: 'app=web' });
    const f = watch(t, '/api/v1/pods', { fieldSelector: 'spec.nodeName=node-1' });
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('b', { app: 'db' })));
    t.ok(t.call('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { app: 'other' } } }, { headers: { 'content-type': 'application/merge-patch+json' } }));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods/b/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b' }, target: { kind: 'Node', name: 'node-1' } }));
    t.clock.runDue();
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'DELETED a']);
    expect(f.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b']);
  });

  it('ends after timeoutSeconds of virtual time, and close() stops delivery', () => {
    const t = setup();
    const res = t.call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { watch: '1', timeoutSeconds: '30' } });
    const c = collect(res.stream as ApiStream<WatchEvent>);
    t.clock.advance(29_000);
    expect(c.ended()).toBeNull();
    t.clock.advance(1_000);
    expect(c.ended()).toBe('timeout');
    const r2 = t.call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { watch: 'true' } });
    const c2 = collect(r2.stream as ApiStream<WatchEvent>);
    (r2.stream as ApiStream<WatchEvent>).close();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('z')));
    t.clock.runDue();
    expect(c2.events).toHaveLength(0);
    expect(t.server.watchCount()).toBe(0);
  });

  it('wraps events in one-row Tables for a Table Accept', () => {
    const t = setup();
    const w = watch(t, '/api/v1/namespaces/default/pods', { resourceVersion: String(t.server.store.revision()) }, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a')));
    t.clock.runDue();
    const tbl = w.events[0].object as unknown as { kind: string; rows: { cells: unknown[] }[] };
    expect(tbl.kind).toBe('Table');
    expect(tbl.rows).toHaveLength(1);
    expect(tbl.rows[0].cells[0]).toBe('a');
  });
});

describe('list', () => {
  it('sorts by namespace then name and carries the list resourceVersion', () => {
    const t = setup();
    t.ns('b-ns');
    t.ns('a-ns');
    for (const [ns, n] of [['default', 'zeta'], ['b-ns', 'x'], ['a-ns', 'y'], ['default', 'alpha']]) t.ok(t.call('POST', `/api/v1/namespaces/${ns}/pods`, pod(n)));
    const res = t.call('GET', '/api/v1/pods');
    const list = res.body as { kind: string; apiVersion: string; metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['a-ns/y', 'b-ns/x', 'default/alpha', 'default/zeta']);
    expect(list.metadata.resourceVersion).toBe(String(t.server.store.revision()));
    expect(list.items[0].kind).toBeUndefined();
  });

  it('supports equality and set-based label selectors', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a', { app: 'web', tier: 'front' })));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('b', { app: 'db' })));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('c', { app: 'web', tier: 'back' })));
    const names = (sel: string) => ((t.call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { labelSelector: sel } }).body as { items: KubeObject[] }).items.map((p) => p.metadata.name));
    expect(names('app=web')).toEqual(['a', 'c']);
    expect(names('app!=web')).toEqual(['b']);
    expect(names('app in (db, web),tier notin (back)')).toEqual(['a', 'b']);
    expect(names('tier')).toEqual(['a', 'c']);
    expect(names('!tier')).toEqual(['b']);
    expect(names('app==web,tier=front')).toEqual(['a']);
  });

  it('supports field selectors and rejects unsupported labels with the real text', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('a')));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('b')));
    const q = (fs: string) => t.call('GET', '/api/v1/pods', undefined, { query: { fieldSelector: fs } });
    expect((q('metadata.name=b').body as { items: KubeObject[] }).items.map((p) => p.metadata.name)).toEqual(['b']);
    expect((q('status.phase=Pending,metadata.namespace=default').body as { items: KubeObject[] }).items).toHaveLength(2);
    expect((q('spec.nodeName=').body as { items: KubeObject[] }).items).toHaveLength(2);
    const bad = q('spec.foo=bar');
    expect(bad.status).toBe(400);
    expect((bad.body as Status).message).toBe('field label not supported: spec.foo');
    const secrets = t.call('GET', '/api/v1/secrets', undefined, { query: { fieldSelector: 'type=Opaque' } });
    expect(secrets.status).toBe(200);
  });
});

describe('chunked lists', () => {
  it('pages with limit and continue, in key order, with remainingItemCount', () => {
    const t = setup();
    for (let i = 0; i < 7; i++) t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } }));
    const names: string[] = [];
    let cont: string | undefined;
    const pages: number[] = [];
    do {
      const res = t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { query: { limit: '3', ...(cont ? { continue: cont } : {}) } });
      const body = res.body as { items: KubeObject[]; metadata: { continue?: string; remainingItemCount?: number } };
      names.push(...body.items.map((i) => i.metadata.name!));
      pages.push(body.metadata.remainingItemCount ?? 0);
      cont = body.metadata.continue;
    } while (cont);
    expect(names).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(pages).toEqual([4, 1, 0]);
    const all = t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { query: { limit: '3', resourceVersion: '0' } }).body as { items: KubeObject[] };
    expect(all.items).toHaveLength(7);
    const bad = t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { query: { continue: '!!' } });
    expect(bad.status).toBe(400);
  });
});
