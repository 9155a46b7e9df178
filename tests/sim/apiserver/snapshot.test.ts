import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sim/clock';
import { Random } from '../../../src/sim/random';
import { ApiServer } from '../../../src/sim/apiserver/server';
import type { ApiRequest, ApiStream, KubeObject, WatchEvent } from '../../../src/sim/apiserver/types';
import { deployment, pod } from './helpers';

const script1: ApiRequest[] = [
  { method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'default' } } },
  { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod(''), metadata: { generateName: 'a-' } } },
  { method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web', 2) },
  { method: 'POST', path: '/api/v1/namespaces/default/services', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } } },
];
const script2: ApiRequest[] = [
  { method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas: 4 } } },
  { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod(''), metadata: { generateName: 'b-' } } },
  { method: 'POST', path: '/api/v1/namespaces/default/services', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 't' }, spec: { ports: [{ port: 80 }] } } },
  { method: 'GET', path: '/api/v1/namespaces/default/pods' },
  { method: 'GET', path: '/api/v1/services' },
];

function run(server: ApiServer, reqs: ApiRequest[], clock: VirtualClock) {
  return reqs.map((r) => {
    clock.advance(1000);
    const res = server.handle(structuredClone(r));
    return { status: res.status, body: res.body };
  });
}

describe('snapshot and restore', () => {
  it('continuing after snapshot → JSON → restore equals never snapshotting', () => {
    const c1 = new VirtualClock();
    const r1 = new Random(9);
    const s1 = new ApiServer({ clock: c1, random: r1 });
    run(s1, script1, c1);
    const snap = JSON.parse(JSON.stringify({ api: s1.snapshot(), clock: c1.snapshot(), random: r1.state() }));
    const direct = run(s1, script2, c1);

    const c2 = new VirtualClock(0);
    const r2 = new Random(1);
    const s2 = new ApiServer({ clock: c2, random: r2 });
    c2.restore(snap.clock);
    r2.setState(snap.random);
    s2.restore(snap.api);
    const restored = run(s2, script2, c2);
    expect(restored).toEqual(direct);
    expect(s2.store.revision()).toBe(s1.store.revision());
  });

  it('ends open watches on restore so clients relist', () => {
    const clock = new VirtualClock();
    const s = new ApiServer({ clock, random: new Random(1) });
    s.handle({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'default' } } });
    const res = s.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true' } });
    let ended = '';
    (res.stream as ApiStream<WatchEvent>).subscribe(
      () => {},
      (r) => (ended = r ?? ''),
    );
    const snap = s.snapshot();
    s.restore(snap);
    clock.runDue();
    expect(ended).toBe('restore');
    const list = s.handle({ method: 'GET', path: '/api/v1/namespaces' }).body as { items: KubeObject[] };
    expect(list.items.map((n) => n.metadata.name)).toEqual(['default']);
  });
});
