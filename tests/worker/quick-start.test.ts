// Quick start (what the browser worker uses): init and the first prompt come before the new cluster has settled;
// commands wait for it, and the world is the same as one built the slow way (same bytes, same snapshot).
import { describe, expect, test } from 'vitest';
import { Session } from '../../src/worker/session';
import { worldEngine, WorldAdapter } from '../../src/worker/world-engine';
import { createWorld } from '../../src/sim/world';
import type { SessionSnapshot, SinkMessage } from '../../src/worker/protocol';

function start(quickStart: boolean) {
  const session = new Session(worldEngine, undefined, undefined, { quickStart });
  const got: SinkMessage[] = [];
  const text = (runId: number) =>
    got
      .filter((m) => m.kind === 'output' && m.runId === runId)
      .map((m) => (m as { text: string }).text)
      .join('');
  return { session, sink: (batch: SinkMessage[]) => void got.push(...batch), text };
}

const COMMANDS = ['kubectl get nodes', 'kubectl get pods -A', 'kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl get events -A --sort-by=.metadata.creationTimestamp', 'ls -l ~/.kube'];

describe('quick start', () => {
  test('a world settled in slices is the world settled at once (clock, store, every timer)', () => {
    const slow = createWorld({ seed: 3 });
    const quick = createWorld({ seed: 3 }, { settle: 'later' });
    expect(quick.settled).toBe(false);
    let slices = 0;
    while (!quick.settle(700)) slices++;
    expect(slices).toBeGreaterThan(10);
    expect(quick.clock.now()).toBe(slow.clock.now());
    const api = (w: typeof slow) => w.cluster()!.apiserver;
    expect(api(quick).store.snapshot()).toEqual(api(slow).store.snapshot());
    expect(quick.clock.pending()).toBe(slow.clock.pending());
    // Recording starts once settled: both logs are empty, and they stay equal as time goes on.
    expect(quick.snapshot()).toEqual(slow.snapshot());
    quick.advance(120_000);
    slow.advance(120_000);
    expect(api(quick).store.snapshot()).toEqual(api(slow).store.snapshot());
  });

  test('init answers before the cluster settled; commands then print what the slow start prints', async () => {
    const quick = start(true);
    await quick.session.init({ seed: 5 }, quick.sink, null);
    const adapter = (quick.session as unknown as { world: WorldAdapter }).world;
    expect(adapter.inner.settled).toBe(false);
    expect(quick.session.openTerminal('t', 120, 30)).toBe('root@kubelab:~# ');

    const slow = start(false);
    await slow.session.init({ seed: 5 }, slow.sink, null);
    slow.session.openTerminal('t', 120, 30);

    for (const [i, line] of COMMANDS.entries()) {
      const a = await quick.session.exec('t', i + 1, line);
      const b = await slow.session.exec('t', i + 1, line);
      expect(a.exitCode, line).toBe(b.exitCode);
      expect(quick.text(i + 1), line).toBe(slow.text(i + 1));
    }
    expect(adapter.inner.settled).toBe(true);
    const snap = (s: Session) => JSON.parse(JSON.stringify(s.snapshot())) as SessionSnapshot;
    expect(snap(quick.session).world).toEqual(snap(slow.session).world);
  });

  test('a snapshot taken while settling restores to the settled world', async () => {
    const quick = start(true);
    await quick.session.init({ seed: 6 }, quick.sink, null);
    quick.session.openTerminal('t', 120, 30);
    const early = JSON.parse(JSON.stringify(quick.session.snapshot())) as SessionSnapshot;

    const restored = start(false);
    const r = await restored.session.init({ seed: 6 }, restored.sink, early);
    expect(r.restored).toBe(true);
    restored.session.openTerminal('t', 120, 30);
    await quick.session.exec('t', 1, 'kubectl get pods -A');
    await restored.session.exec('t', 1, 'kubectl get pods -A');
    expect(restored.text(1)).toBe(quick.text(1));
    expect(quick.text(1)).toMatch(/coredns-/);
  });

  test('a saved world replays in the background: the prompt first, then commands on the whole replayed world', async () => {
    const first = start(false);
    await first.session.init({ seed: 8 }, first.sink, null);
    first.session.openTerminal('t', 120, 30);
    await first.session.exec('t', 1, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    first.session.advance(2 * 3600_000);
    await first.session.exec('t', 2, 'cd /tmp && echo hi > note');
    const saved = JSON.parse(JSON.stringify(first.session.snapshot())) as SessionSnapshot;
    const end = first.session.clock().now;

    const again = start(true);
    const r = await again.session.init({ seed: 8 }, again.sink, saved);
    expect(r.restored).toBe(true);
    const adapter = (again.session as unknown as { world: WorldAdapter }).world;
    expect(adapter.inner.clock.now()).toBeLessThan(end);
    expect(again.session.openTerminal('t', 120, 30)).toBe('root@kubelab:/tmp# ');
    // A snapshot taken mid-replay is the saved world, not the part replayed so far.
    expect(again.session.snapshot().world).toEqual(saved.world);

    const lines = ['kubectl get pods -o wide', 'kubectl get events --sort-by=.lastTimestamp', 'cat note'];
    for (const [i, line] of lines.entries()) {
      await first.session.exec('t', 10 + i, line);
      await again.session.exec('t', 10 + i, line);
      expect(again.text(10 + i), line).toBe(first.text(10 + i));
    }
    expect(first.text(10)).toMatch(/web-/);
    expect(again.session.snapshot().world).toEqual(first.session.snapshot().world);
  });
});
