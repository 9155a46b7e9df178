// The map and the clock controls through the worker's Session, on the real world, with a hand-driven wall clock.
import { describe, expect, test } from 'vitest';
import type { WallTime } from '../../src/sim/clock';
import { Session } from '../../src/worker/session';
import { worldEngine } from '../../src/worker/world-engine';
import type { ClusterSummary, SinkMessage } from '../../src/worker/protocol';

class ManualWall implements WallTime {
  t = 0;
  /** Wall milliseconds per 50 ms step; a browser's performance.now() is fractional. */
  step = 50;
  private fns = new Map<number, () => void>();
  private next = 1;
  now() {
    return this.t;
  }
  setInterval(fn: () => void) {
    const id = this.next++;
    this.fns.set(id, fn);
    return id;
  }
  clearInterval(h: unknown) {
    this.fns.delete(h as number);
  }
  /** Real time passes in 50 ms steps, as the driver's interval would see it. */
  async pass(ms: number) {
    for (let done = 0; done < ms; done += this.step) {
      this.t += this.step;
      for (const fn of [...this.fns.values()]) fn();
    }
    await new Promise((r) => setTimeout(r, 0));
  }
}

async function start() {
  const wall = new ManualWall();
  const session = new Session(worldEngine, wall);
  const got: SinkMessage[] = [];
  await session.init({ seed: 2 }, (batch) => void got.push(...batch), null);
  session.openTerminal('t', 100, 30);
  const maps = () => got.filter((m): m is Extract<SinkMessage, { kind: 'map' }> => m.kind === 'map').map((m) => m.summary);
  const last = () => maps()[maps().length - 1];
  const text = (runId: number) =>
    got
      .filter((m) => m.kind === 'output' && m.runId === runId)
      .map((m) => (m as { text: string }).text)
      .join('');
  return { wall, session, maps, last, text };
}

const webPods = (s: ClusterSummary | undefined) => (s ? s.nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith('web-')) : []);

describe('the map and the clock in the Session', () => {
  test('no map summaries while the map is closed; opening it sends the picture', async () => {
    const { wall, session, maps } = await start();
    await session.exec('t', 1, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await wall.pass(2000);
    expect(maps()).toEqual([]);
    session.watchMap(true);
    await wall.pass(100);
    expect(maps()).toHaveLength(1);
    expect(webPods(maps()[0])).toHaveLength(2);
    session.dispose();
  });

  test('paused, the cluster stands still: no pods, no watch output; 10× runs ten virtual seconds per second', async () => {
    const { wall, session, last, text } = await start();
    session.watchMap(true);
    await wall.pass(100);
    session.setSpeed(0);
    const t0 = session.clock().now;
    // The watch runs in a second terminal on the same cluster, as a learner would split the screen.
    session.openTerminal('w', 100, 30);
    const watch = session.exec('w', 2, 'kubectl get pods -w');
    await wall.pass(200);
    const watchedBefore = text(2);
    await session.exec('t', 3, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await wall.pass(10_000);
    expect(session.clock()).toEqual({ now: t0, speed: 0 });
    expect(webPods(last())).toEqual([]);
    expect(text(2)).toBe(watchedBefore);

    session.setSpeed(10);
    await wall.pass(1000);
    expect(session.clock().now - t0).toBe(10_000);
    // Ten virtual seconds are enough for the pods to be created, pulled and started.
    expect(webPods(last()).map((p) => p.state)).toEqual(['ready', 'ready']);
    expect(text(2)).toMatch(/web-\S+\s+0\/1\s+Pending/);
    session.cancel('w', 2);
    expect((await watch).exitCode).toBe(130);
    session.dispose();
  });

  test('a busy second of real time sends at most ten map updates', async () => {
    const { wall, session, maps } = await start();
    session.watchMap(true);
    await wall.pass(100);
    session.setSpeed(10);
    const before = maps().length;
    await session.exec('t', 1, 'kubectl create deployment web --image=nginx:1.27 --replicas=5');
    await wall.pass(1000);
    const sent = maps().length - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(10);
    session.dispose();
  });

  test('a fractional wall clock (performance.now) still moves virtual time in whole ms, and controllers record events', async () => {
    const { wall, session, last } = await start();
    wall.step = 50.37;
    session.watchMap(true);
    await session.exec('t', 1, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await wall.pass(10_000);
    expect(Number.isInteger(session.clock().now)).toBe(true);
    await session.exec('t', 2, 'kubectl scale deployment web --replicas=0');
    await wall.pass(3000);
    expect(last()!.events.some((e) => e.reason === 'ScalingReplicaSet' && /^Scaled down replica set web-\S+ from 2 to 0$/.test(e.message))).toBe(true);
    session.dispose();
  });
});
