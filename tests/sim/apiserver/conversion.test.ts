import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import type { KubeObject } from '../../../src/sim/apiserver/types';

describe('events.k8s.io/v1 over core Events', () => {
  it('reads core Events in the events.k8s.io shape and writes them back to one storage', () => {
    const t = setup();
    t.ok(
      t.call('POST', '/api/v1/namespaces/default/events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web.1' },
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
        reason: 'Pulled',
        message: 'Successfully pulled image',
        source: { component: 'kubelet' },
        count: 2,
        type: 'Normal',
      }),
    );
    const ev = t.ok(t.call('GET', '/apis/events.k8s.io/v1/namespaces/default/events/web.1'));
    expect(ev.apiVersion).toBe('events.k8s.io/v1');
    expect(ev.regarding).toEqual({ kind: 'Pod', name: 'web', namespace: 'default' });
    expect(ev.note).toBe('Successfully pulled image');
    expect(ev.deprecatedCount).toBe(2);
    expect(ev.deprecatedSource).toEqual({ component: 'kubelet' });
    expect(ev.involvedObject).toBeUndefined();

    t.ok(
      t.call('POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'sched.1' },
        regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
        reason: 'Scheduled',
        note: 'Successfully assigned default/web to k3d-mini-agent-0',
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-k3d-mini-server-0',
        action: 'Binding',
        type: 'Normal',
        eventTime: '2026-11-25T09:00:00.000000Z',
      }),
    );
    const core = t.ok(t.call('GET', '/api/v1/namespaces/default/events/sched.1'));
    expect(core.apiVersion).toBe('v1');
    expect(core.message).toBe('Successfully assigned default/web to k3d-mini-agent-0');
    expect(core.reportingComponent).toBe('default-scheduler');
    const list = t.call('GET', '/api/v1/namespaces/default/events', undefined, { query: { fieldSelector: 'involvedObject.name=web' } }).body as { items: KubeObject[] };
    expect(list.items.map((e) => e.metadata.name)).toEqual(['sched.1', 'web.1']);
    const patched = t.ok(
      t.call('PATCH', '/apis/events.k8s.io/v1/namespaces/default/events/web.1', { note: 'changed' }, { headers: { 'content-type': 'application/merge-patch+json' } }),
    );
    expect(patched.note).toBe('changed');
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/events/web.1')).message).toBe('changed');
  });
});

describe('event TTL', () => {
  const ev = (name: string) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'X', message: 'm', type: 'Normal' });

  it('expires Events an hour after their last write, and keeps the due times across snapshots', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/events', ev('a')));
    t.clock.advance(30 * 60_000);
    t.ok(t.call('POST', '/api/v1/namespaces/default/events', ev('b')));
    t.ok(t.call('PATCH', '/api/v1/namespaces/default/events/a', { count: 2 }, { headers: { 'content-type': 'application/merge-patch+json' } }));
    t.clock.advance(40 * 60_000);
    expect(t.call('GET', '/api/v1/namespaces/default/events/a').status).toBe(200);
    const snap = JSON.parse(JSON.stringify({ api: t.server.snapshot(), clock: t.clock.snapshot() }));
    t.clock.advance(20 * 60_000);
    expect(t.call('GET', '/api/v1/namespaces/default/events/b').status).toBe(404);
    expect(t.call('GET', '/api/v1/namespaces/default/events/a').status).toBe(404);

    const u = setup();
    u.clock.restore(snap.clock);
    u.server.restore(snap.api);
    u.clock.advance(19 * 60_000);
    expect(u.call('GET', '/api/v1/namespaces/default/events/b').status).toBe(200);
    u.clock.advance(2 * 60_000);
    expect(u.call('GET', '/api/v1/namespaces/default/events/b').status).toBe(404);
    expect(u.call('GET', '/api/v1/namespaces/default/events/a').status).toBe(404);
  });
});
