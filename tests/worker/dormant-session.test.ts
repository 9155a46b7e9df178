// The worker's front: a terminal scrolled into view gets its prompt without the cluster; the cluster loads on the
// learner's first reach (warm, a command, completion, the map) and then prints exactly what a session started at
// once prints.
import { afterEach, describe, expect, test } from 'vitest';
import { expose, proxy, wrap } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { DormantSession } from '../../src/worker/dormant-session';
import { Session } from '../../src/worker/session';
import { worldEngine } from '../../src/worker/world-engine';
import { FRESH_PROMPT } from '../../src/shell/prompt';
import type { SessionApi, SessionSnapshot, SinkMessage } from '../../src/worker/protocol';

function collector() {
  const got: SinkMessage[] = [];
  let batches = 0;
  const sink = (batch: SinkMessage[]) => {
    batches++;
    got.push(...batch);
  };
  const text = (runId: number) =>
    got
      .filter((m) => m.kind === 'output' && m.runId === runId)
      .map((m) => (m as { text: string }).text)
      .join('');
  return { got, sink, text, batches: () => batches };
}

/** A front over the real world session, counting how often the heavy part is loaded. */
function front(opts: { fail?: number; gate?: Promise<void> } = {}) {
  const loads = { n: 0 };
  let failures = opts.fail ?? 0;
  const d = new DormantSession(async () => {
    loads.n++;
    if (opts.gate) await opts.gate;
    if (failures > 0) {
      failures--;
      throw new Error('network error');
    }
    return new Session(worldEngine, undefined, undefined, { quickStart: true });
  }, FRESH_PROMPT);
  return { d, loads };
}

const COMMANDS = ['kubectl get nodes', 'kubectl get pods -A', 'kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl get deploy', 'cd /tmp', 'pwd'];

describe('DormantSession', () => {
  test('a scrolled-into-view terminal gets the real prompt and loads nothing', async () => {
    const { d, loads } = front();
    const c = collector();
    expect(await d.init({ seed: 4 }, c.sink, null)).toEqual({ restored: false });
    const prompt = d.openTerminal('main', 100, 30);
    d.resize('main', 90, 20);
    d.setSpeed(10);
    d.cancel('main', 7);
    d.key('main', 'x');
    await d.watchMap(false);
    expect(await d.labStatus()).toBeNull();
    expect(d.solution()).toEqual([]);
    expect(d.clock()).toEqual({ now: 0, speed: 10 });
    expect(await d.reset()).toEqual({ restored: false });
    expect(loads.n).toBe(0);
    expect(d.awake).toBe(false);

    // The prompt drawn without the shell is the one the shell of a started session prints.
    const real = new Session(worldEngine, undefined, undefined, { quickStart: true });
    await real.init({ seed: 4 }, () => {}, null);
    expect(prompt).toBe(real.openTerminal('main', 100, 30));
    real.dispose();
  });

  test('the first command loads the cluster once and prints what a session started at once prints', async () => {
    const { d, loads } = front();
    const a = collector();
    await d.init({ seed: 9 }, a.sink, null);
    d.openTerminal('t', 120, 30);

    const direct = new Session(worldEngine, undefined, undefined, { quickStart: true });
    const b = collector();
    await direct.init({ seed: 9 }, b.sink, null);
    direct.openTerminal('t', 120, 30);

    for (const [i, line] of COMMANDS.entries()) {
      const x = await d.exec('t', i + 1, line);
      const y = await direct.exec('t', i + 1, line);
      expect(x.exitCode, line).toBe(y.exitCode);
      expect(x.prompt, line).toBe(y.prompt);
      expect(a.text(i + 1), line).toBe(b.text(i + 1));
      // The page waits for this many sink batches before it draws the prompt.
      expect(x.batches, line).toBe(y.batches);
      expect(a.batches(), line).toBeGreaterThanOrEqual(x.batches!);
    }
    expect(loads.n).toBe(1);
    expect(a.text(2)).toMatch(/kube-system\s+coredns-/);
    const world = (s: SessionSnapshot) => JSON.parse(JSON.stringify(s.world)) as unknown;
    expect(world(await d.snapshot())).toEqual(world(direct.snapshot()));
    expect(await d.isComplete('t', 'cat <<EOF')).toBe(false);
    expect(await d.complete('t', 'kubectl get dep', 15)).toEqual(await direct.complete('t', 'kubectl get dep', 15));
    d.dispose();
    direct.dispose();
  });

  test('warm() starts the load early; terminals opened before it get their shells', async () => {
    const { d, loads } = front();
    const c = collector();
    await d.init({ seed: 2 }, c.sink, null);
    d.openTerminal('one', 80, 24);
    d.openTerminal('two', 80, 24);
    d.warm();
    d.warm();
    expect(loads.n).toBe(1);
    expect((await d.exec('two', 1, 'echo hi')).exitCode).toBe(0);
    expect(c.text(1)).toBe('hi\n');
    expect((await d.exec('one', 2, 'kubectl get ns default')).exitCode).toBe(0);
    expect(c.text(2)).toMatch(/^NAME\s+STATUS\s+AGE\ndefault\s+Active/);
    expect(d.awake).toBe(true);
    expect(loads.n).toBe(1);
    d.dispose();
  });

  test('a failed load says so, exits 1, and the next command retries', async () => {
    const { d, loads } = front({ fail: 1 });
    const c = collector();
    await d.init({ seed: 2 }, c.sink, null);
    d.openTerminal('t', 80, 24);
    const first = await d.exec('t', 1, 'kubectl get nodes');
    expect(first.exitCode).toBe(1);
    expect(first.prompt).toBe(FRESH_PROMPT);
    expect(c.text(1)).toBe('kubelab: the cluster could not be loaded (network error); run the command again\n');
    // Its own batch counts: the page must not wait for one more than it gets, nor draw the prompt too early.
    expect(first.batches).toBe(1);
    const second = await d.exec('t', 2, 'kubectl get nodes');
    expect(second.exitCode).toBe(0);
    expect(c.text(2)).toMatch(/k3d-mini-cluster-server-0\s+Ready/);
    expect(second.batches).toBe(c.batches());
    expect(loads.n).toBe(2);
    d.dispose();
  });

  test('Ctrl-C while the cluster loads stops the command before it runs', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { d } = front({ gate });
    const c = collector();
    await d.init({ seed: 2 }, c.sink, null);
    d.openTerminal('t', 80, 24);
    const pending = d.exec('t', 1, 'kubectl create deployment web --image=nginx');
    d.cancel('t', 1);
    open();
    const r = await pending;
    expect(r.exitCode).toBe(130);
    expect(r.prompt).toBe(FRESH_PROMPT);
    expect(c.text(1)).toBe('');
    await d.exec('t', 2, 'kubectl get deploy');
    expect(c.text(2)).toBe('No resources found in default namespace.\n');
    d.dispose();
  });

  test('saved work and labs start the cluster at init', async () => {
    const first = front();
    const c = collector();
    await first.d.init({ seed: 6 }, c.sink, null);
    first.d.openTerminal('t', 80, 24);
    await first.d.exec('t', 1, 'kubectl create ns team-a');
    await first.d.exec('t', 2, 'cd /etc');
    const saved = JSON.parse(JSON.stringify(await first.d.snapshot({ t: ['kubectl create ns team-a', 'cd /etc'] }))) as SessionSnapshot;
    first.d.dispose();

    const again = front();
    const c2 = collector();
    expect(await again.d.init({ seed: 6 }, c2.sink, saved)).toEqual({ restored: true, message: undefined });
    expect(again.loads.n).toBe(1);
    expect(again.d.openTerminal('t', 80, 24)).toBe('root@kubelab:/etc# ');
    await again.d.exec('t', 1, 'kubectl get ns team-a -o name');
    expect(c2.text(1)).toBe('namespace/team-a\n');
    again.d.dispose();

    const lab = front();
    // Not a loadable lab: what matters is that a lab session does not stay dormant.
    await lab.d.init({ seed: 6, labId: 'x', labSource: 'title: x\n' }, collector().sink, null);
    expect(lab.loads.n).toBe(1);
    lab.d.dispose();
  });
});

describe('DormantSession: wishes made before the cluster', () => {
  /** A wall clock that only moves when told (the real-time driver reads it). */
  const wall = () => {
    const fns = new Map<number, () => void>();
    let t = 0;
    let next = 1;
    return {
      now: () => t,
      setInterval: (fn: () => void) => {
        fns.set(next, fn);
        return next++;
      },
      clearInterval: (h: unknown) => void fns.delete(h as number),
      tick(ms: number) {
        t += ms;
        for (const fn of [...fns.values()]) fn();
      },
    };
  };

  test('a speed chosen before the first command is the speed the clock runs at and reports', async () => {
    const w = wall();
    let real: Session | undefined;
    const d = new DormantSession(async () => (real = new Session(worldEngine, w, undefined, { quickStart: true })), FRESH_PROMPT);
    const c = collector();
    await d.init({ seed: 5 }, c.sink, null);
    d.openTerminal('t', 80, 24);
    d.setSpeed(10);
    expect(d.clock().speed).toBe(10);
    await d.exec('t', 1, 'kubectl get ns default -o name');
    const clocks = c.got.filter((m) => m.kind === 'clock') as { speed: number }[];
    expect(clocks.length).toBeGreaterThan(0);
    // Never "paused" (0) while the new cluster settles: the controls show what the learner chose.
    expect(clocks.map((m) => m.speed)).toEqual(clocks.map(() => 10));
    expect(d.clock().speed).toBe(10);
    const before = real!.clock().now;
    w.tick(1000);
    expect(real!.clock().now - before).toBe(10_000);
    d.dispose();
  });

  test('the map opened and closed again while the cluster loads stays closed', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let real: Session | undefined;
    const d = new DormantSession(async () => {
      await gate;
      return (real = new Session(worldEngine, undefined, undefined, { quickStart: true }));
    }, FRESH_PROMPT);
    const c = collector();
    await d.init({ seed: 5 }, c.sink, null);
    d.openTerminal('t', 80, 24);
    const opening = d.watchMap(true);
    await d.watchMap(false);
    open();
    await opening;
    await d.exec('t', 1, 'kubectl create deployment web --image=nginx');
    await new Promise((r) => setTimeout(r, 150));
    expect((real as unknown as { map: { enabled: boolean } }).map.enabled).toBe(false);
    expect(c.got.filter((m) => m.kind === 'map')).toEqual([]);
    d.dispose();
  });
});

describe('DormantSession over comlink', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const p of ports.splice(0)) p.close();
  });

  test('the page drives it as it drives the Session', async () => {
    const { d, loads } = front();
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    expose(d, port1 as never);
    const remote = wrap<DormantSession>(port2 as never);
    const api: SessionApi = d;
    expect(api).toBeDefined();
    const got: SinkMessage[] = [];
    await remote.init({ seed: 3 }, proxy((b: SinkMessage[]) => void got.push(...b)), null);
    expect(await remote.openTerminal('main', 80, 24)).toBe(FRESH_PROMPT);
    expect(loads.n).toBe(0);
    await remote.warm();
    const r = await remote.exec('main', 1, 'kubectl get nodes --no-headers | wc -l');
    expect(r.exitCode).toBe(0);
    await new Promise((res) => setTimeout(res, 20));
    const out = got.filter((m) => m.kind === 'output' && m.runId === 1).map((m) => (m as { text: string }).text).join('');
    expect(out.trim()).toBe('4');
    expect(loads.n).toBe(1);
    d.dispose();
  });
});
