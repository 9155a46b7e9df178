// The Session with the real engine (world + bash + lab engine), over comlink: what the browser worker runs.
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { expose, proxy, wrap, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Session } from '../../src/worker/session';
import { worldEngine } from '../../src/worker/world-engine';
import { worldLabHost } from '../../src/worker/world-lab-host';
import { labFactoryFor } from '../../src/worker/labs';
import type { LabStatus, SinkMessage } from '../../src/worker/protocol';

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
  const sink = proxy((batch: SinkMessage[]) => void got.push(...batch));
  const text = (runId: number) =>
    got
      .filter((m) => m.kind === 'output' && m.runId === runId)
      .map((m) => (m as { text: string }).text)
      .join('');
  const labs = () => got.filter((m) => m.kind === 'lab').map((m) => (m as { status: LabStatus }).status);
  return { got, sink, text, labs };
}

const turn = () => new Promise((r) => setTimeout(r, 20));

describe('Session on the simulated world', () => {
  test('kubectl get nodes lists the 4 nodes of mini-cluster; the prompt is root@kubelab', async () => {
    const remote = connect(new Session(worldEngine));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    expect(await remote.openTerminal('t', 100, 30)).toBe('root@kubelab:~# ');
    const r = await remote.exec('t', 1, 'kubectl get nodes');
    await turn();
    expect(r.exitCode).toBe(0);
    const lines = out.text(1).trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([
      'k3d-mini-cluster-agent-0',
      'k3d-mini-cluster-agent-1',
      'k3d-mini-cluster-agent-2',
      'k3d-mini-cluster-server-0',
    ]);
  });

  test('Tab completion knows resource types', async () => {
    const remote = connect(new Session(worldEngine));
    await remote.init({ seed: 1 }, collect().sink, null);
    await remote.openTerminal('t', 100, 30);
    const c = await remote.complete('t', 'kubectl get dep', 15);
    expect(c.candidates).toEqual(['deployments.apps']);
    expect('kubectl get dep'.slice(c.from, c.to)).toBe('dep');
  });

  test('a watch streams until cancelled and then exits 130', async () => {
    const remote = connect(new Session(worldEngine));
    const out = collect();
    await remote.init({ seed: 1 }, out.sink, null);
    await remote.openTerminal('t', 100, 30);
    const run = remote.exec('t', 2, 'kubectl get pods -A -w');
    await turn();
    await remote.advance(1000);
    await turn();
    expect(out.text(2)).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
    await remote.cancel('t', 2);
    const r = await run;
    expect(r.exitCode).toBe(130);
  });

  test('a snapshot restores the same pods in a new session', async () => {
    const a = connect(new Session(worldEngine));
    const outA = collect();
    await a.init({ seed: 7 }, outA.sink, null);
    await a.openTerminal('t', 100, 30);
    await a.exec('t', 1, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await a.advance(30_000);
    await a.exec('t', 2, 'kubectl get pods -o name');
    await turn();
    const before = outA.text(2);
    expect(before.trim().split('\n')).toHaveLength(2);
    const snap = await a.snapshot();

    const b = connect(new Session(worldEngine));
    const outB = collect();
    const init = await b.init({ seed: 7 }, outB.sink, JSON.parse(JSON.stringify(snap)));
    expect(init.restored).toBe(true);
    await b.openTerminal('t', 100, 30);
    await b.exec('t', 3, 'kubectl get pods -o name');
    await turn();
    expect(outB.text(3)).toBe(before);
  });

  test('a lab: the seed fails its tasks, replaying the solution ticks them, reset fails them again', async () => {
    const source = readFileSync(new URL('../../tests/e2e/fixtures/labs/e2e-lab/lab.yaml', import.meta.url), 'utf8');
    const remote = connect(new Session(worldEngine, undefined, labFactoryFor(worldLabHost)));
    const out = collect();
    await remote.init({ seed: 1, labId: 'e2e-lab', labSource: source }, out.sink, null);
    await remote.openTerminal('t', 100, 30);
    const first = await remote.labStatus();
    expect(first?.complete).toBe(false);
    expect(first?.tasks.every((t) => !t.done)).toBe(true);
    expect(first?.tasks[0].hints.command).toBe('kubectl create deployment e2e-web --image=nginx:1.27 --replicas=2');
    expect(first?.tasks[0].expected).toBeTruthy();
    let run = 10;
    for (const step of await remote.solution()) {
      if ('run' in step) {
        const id = run++;
        const r = await remote.exec('t', id, step.run);
        await turn();
        expect(r.exitCode, step.run + ': ' + out.text(id)).toBe(0);
      }
      else await remote.advance(step.wait * 1000);
    }
    await turn();
    const done = await remote.labStatus();
    expect(done?.tasks.map((t) => t.done)).toEqual([true, true]);
    expect(done?.complete).toBe(true);
    expect(out.labs().at(-1)?.complete).toBe(true);
    await remote.reset();
    expect((await remote.labStatus())?.complete).toBe(false);
  });
});
