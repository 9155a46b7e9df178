// The Session facade as the page sees it: comlink over a real MessageChannel, one long-lived proxy sink.
import { afterEach, describe, expect, test } from 'vitest';
import { expose, proxy, wrap, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Session } from '../../src/worker/session';
import { echoEngine } from '../../src/worker/echo-engine';
import type { WallTime } from '../../src/sim/clock';
import type { LabRuntime } from '../../src/worker/lab-runtime';
import type { EngineWorld } from '../../src/worker/engine';
import { SNAPSHOT_FORMAT, type SinkMessage, type SessionSnapshot } from '../../src/worker/protocol';

/** A wall clock the test moves by hand, so real-time driving is deterministic. */
class ManualWall implements WallTime {
  t = 0;
  fns = new Map<number, () => void>();
  next = 1;
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
  tick(ms: number) {
    this.t += ms;
    for (const fn of [...this.fns.values()]) fn();
  }
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

function connect(session: Session): Remote<Session> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(session, port1 as never);
  return wrap<Session>(port2 as never);
}

function collect() {
  const got: SinkMessage[] = [];
  const calls = { n: 0 };
  const sink = proxy((batch: SinkMessage[]) => {
    calls.n++;
    got.push(...batch);
  });
  const text = (runId?: number) =>
    got
      .filter((m) => m.kind === 'output' && (runId === undefined || m.runId === runId))
      .map((m) => (m as { text: string }).text)
      .join('');
  return { got, sink, text, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('Session over comlink', () => {
  test('exec streams output through the one sink, tagged with the run id, and returns exit code and prompt', async () => {
    const remote = connect(new Session(echoEngine));
    const out = collect();
    const init = await remote.init({ seed: 1 }, out.sink, null);
    expect(init).toEqual({ restored: false, message: undefined });
    expect(await remote.openTerminal('t1', 80, 24)).toBe('$ ');
    const r = await remote.exec('t1', 7, 'hello world');
    await tick();
    // `batches` counts the sink calls made so far: the page waits for that many before it draws the prompt
    expect(r).toEqual({ runId: 7, exitCode: 0, prompt: '$ ', batches: out.calls.n });
    expect(r.batches).toBeGreaterThanOrEqual(1);
    expect(out.text(7)).toBe('hello world\n');
    const r2 = await remote.exec('t1', 8, 'fail badly');
    await tick();
    expect(r2.exitCode).toBe(1);
    expect(out.got.find((m) => m.kind === 'output' && m.runId === 8)).toMatchObject({ stream: 'stderr', text: 'fail: badly\n' });
  });

  test('cancel stops a running program: exit 130 and no more output', async () => {
    const wall = new ManualWall();
    const remote = connect(new Session(echoEngine, wall));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    await remote.openTerminal('t', 80, 24);
    const running = remote.exec('t', 1, 'ticks');
    await tick();
    wall.tick(1000);
    await tick();
    wall.tick(1000);
    await tick();
    await remote.cancel('t', 1);
    const r = await running;
    await tick();
    expect(r.exitCode).toBe(130);
    expect(out.text(1)).toBe('tick 0\ntick 1\ntick 2\n');
    wall.tick(5000);
    await tick();
    expect(out.text(1)).toBe('tick 0\ntick 1\ntick 2\n');
  });

  test('the clock runs at the chosen speed: paused, 1x, 10x', async () => {
    const wall = new ManualWall();
    const remote = connect(new Session(echoEngine, wall));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    const t0 = (await remote.clock()).now;
    wall.tick(1000);
    expect((await remote.clock()).now - t0).toBe(1000);
    await remote.setSpeed(0);
    wall.tick(1000);
    expect((await remote.clock()).now - t0).toBe(1000);
    await remote.setSpeed(10);
    wall.tick(1000);
    expect(await remote.clock()).toMatchObject({ now: t0 + 11_000, speed: 10 });
  });

  test('completion comes from the shell', async () => {
    const remote = connect(new Session(echoEngine));
    await remote.init({ seed: 1 }, collect().sink, null);
    await remote.openTerminal('t', 80, 24);
    expect(await remote.complete('t', 'ti', 2)).toEqual({ from: 0, to: 2, candidates: ['ticks'] });
    expect(await remote.complete('nope', 'ti', 2)).toEqual({ from: 2, to: 2, candidates: [] });
  });

  test('a snapshot restores exactly; a corrupt or older snapshot falls back to the seed with a message', async () => {
    const a = connect(new Session(echoEngine));
    await a.init({ seed: 1 }, collect().sink, null);
    await a.openTerminal('t', 80, 24);
    await a.exec('t', 1, 'one');
    await a.exec('t', 2, 'two');
    const snap = await a.snapshot({ t: ['one', 'two'] });
    expect(snap.format).toBe(SNAPSHOT_FORMAT);
    expect(snap.history).toEqual({ t: ['one', 'two'] });

    const b = connect(new Session(echoEngine));
    const ok = await b.init({ seed: 1 }, collect().sink, snap);
    expect(ok.restored).toBe(true);
    const again = await b.snapshot({ t: ['one', 'two'] });
    expect(again).toEqual(snap);

    const older = { ...snap, format: 0 } as SessionSnapshot;
    const c = connect(new Session(echoEngine));
    const r = await c.init({ seed: 1 }, collect().sink, older);
    expect(r.restored).toBe(false);
    expect(r.message).toBe('Saved state has an older format (0); starting from the beginning.');

    const corrupt = { ...snap, world: { nonsense: true } } as SessionSnapshot;
    const d = connect(new Session(echoEngine));
    const r2 = await d.init({ seed: 1 }, collect().sink, corrupt);
    expect(r2.restored).toBe(false);
    expect(r2.message).toMatch(/^Saved state could not be restored \(bad echo world snapshot\); starting from the beginning\.$/);
    const fresh = connect(new Session(echoEngine));
    await fresh.init({ seed: 1 }, collect().sink, null);
    expect((await d.snapshot()).world).toEqual((await fresh.snapshot()).world);
  });

  test('two terminals share one world; each has its own shell', async () => {
    const remote = connect(new Session(echoEngine));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    await remote.openTerminal('left', 80, 24);
    await remote.openTerminal('right', 80, 24);
    await remote.exec('left', 1, 'from-left');
    await remote.exec('right', 1, 'from-right');
    await tick();
    const byTerm = (id: string) => out.got.filter((m) => m.kind === 'output' && m.terminal === id).map((m) => (m as { text: string }).text).join('');
    expect(byTerm('left')).toBe('from-left\n');
    expect(byTerm('right')).toBe('from-right\n');
    const snap = await remote.snapshot();
    expect(Object.keys(snap.shells).sort()).toEqual(['left', 'right']);
    expect((snap.world as { lines: number }).lines).toBe(2);
  });

  test('lab status is pushed when the cluster changes, and only then; reset goes back to the seed', async () => {
    let seeded = 0;
    const factory = (_src: string, world: EngineWorld): LabRuntime => ({
      id: 'count-lines',
      async seed() {
        seeded++;
      },
      async status() {
        const lines = world.revision();
        const done = lines >= 2;
        return {
          labId: 'count-lines',
          title: 'Type two lines',
          complete: done,
          tasks: [{ title: 'two lines', done, expected: 'at least 2 lines', actual: `${lines} lines`, hints: { nudge: 'type' } }],
        };
      },
      solution: () => [{ run: 'a' }, { wait: 5 }, { run: 'b' }],
    });
    const remote = connect(new Session(echoEngine, undefined, factory));
    const out = collect();
    await remote.init({ seed: 1, labId: 'count-lines', labSource: 'x' }, out.sink, null);
    expect(seeded).toBe(1);
    await remote.openTerminal('t', 80, 24);
    await tick();
    const labs = () => out.got.filter((m) => m.kind === 'lab').map((m) => (m as { status: { complete: boolean; tasks: Array<{ actual?: string }> } }).status);
    expect(labs().map((s) => s.tasks[0].actual)).toEqual(['0 lines']);
    expect(await remote.solution()).toEqual([{ run: 'a' }, { wait: 5 }, { run: 'b' }]);
    await remote.exec('t', 1, 'a');
    await remote.exec('t', 2, 'b');
    await tick();
    expect(labs().map((s) => s.tasks[0].actual)).toEqual(['0 lines', '1 lines', '2 lines']);
    expect(labs().at(-1)!.complete).toBe(true);
    const r = await remote.reset();
    await tick();
    expect(r.restored).toBe(false);
    expect(seeded).toBe(2);
    expect(labs().at(-1)!.complete).toBe(false);
  });

  test('a program asking for raw keys switches the terminal to raw mode and gets the keys', async () => {
    const rawEngine = {
      ...echoEngine,
      name: 'raw-test',
      createShell: (world: EngineWorld, id: string) => {
        const base = echoEngine.createShell(world, id);
        return {
          ...base,
          prompt: () => '$ ',
          complete: base.complete.bind(base),
          snapshot: () => ({}),
          restore: () => {},
          async exec(_line: string, io: { stdout(t: string): void; terminal?: { readKey(): Promise<string> } }) {
            const k1 = await io.terminal!.readKey();
            const k2 = await io.terminal!.readKey();
            io.stdout(`got ${JSON.stringify(k1 + k2)}\n`);
            return 0;
          },
        };
      },
    };
    const remote = connect(new Session(rawEngine));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    await remote.openTerminal('t', 80, 24);
    const done = remote.exec('t', 3, 'vi');
    await tick();
    await remote.key('t', ':');
    await remote.key('t', 'q');
    const r = await done;
    await tick();
    expect(r.exitCode).toBe(0);
    const modes = out.got.filter((m) => m.kind === 'mode').map((m) => (m as { raw: boolean }).raw);
    expect(modes).toEqual([true, false]);
    expect(out.text(3)).toBe('got ":q"\n');
  });
});
