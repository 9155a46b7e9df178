// Ctrl-C while a command's code loads on first use: the command stops before it does anything (SIGINT kills the
// real kubectl, k3d or coreutils program wherever it is), with status 130 and no output.
import { describe, expect, test } from 'vitest';
import { worldEngine, type WorldAdapter } from '../../src/worker/world-engine';
import { loadsInFlight } from '../../src/sim/lazy';

class Signal {
  aborted = false;
  private cbs: (() => void)[] = [];
  onAbort(cb: () => void) {
    if (this.aborted) cb();
    else this.cbs.push(cb);
  }
  abort() {
    this.aborted = true;
    for (const cb of this.cbs.splice(0)) cb();
  }
}

async function setup() {
  const world = worldEngine.createWorld(3) as WorldAdapter;
  const shell = worldEngine.createShell(world, 'main');
  await world.letTimePass(60_000);
  const run = async (line: string, interrupt = false) => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    const signal = new Signal();
    const pending = shell.exec(line, io, signal);
    if (interrupt) {
      // Wait until the command is loading its code, then press Ctrl-C.
      for (let i = 0; i < 100 && !loadsInFlight(); i++) await Promise.resolve();
      expect(loadsInFlight(), `${line} loads its code`).toBeGreaterThan(0);
      signal.abort();
    }
    const code = await world.drive(pending, () => signal.abort());
    return { code, out };
  };
  return { run };
}

describe('Ctrl-C during a first-use load', () => {
  test('kubectl create stops before it sends the request', async () => {
    const { run } = await setup();
    const r = await run('kubectl create namespace should-not-exist', true);
    expect(r).toEqual({ code: 130, out: '' });
    const check = await run('kubectl get ns should-not-exist');
    expect(check.out).toBe('Error from server (NotFound): namespaces "should-not-exist" not found\n');
    // The chunk is in now: the same command runs.
    expect(await run('kubectl create namespace should-not-exist')).toEqual({ code: 0, out: 'namespace/should-not-exist created\n' });
  });

  test('a shell program and k3d stop the same way', async () => {
    const { run } = await setup();
    expect(await run('mkdir /tmp/d', true)).toEqual({ code: 130, out: '' });
    expect((await run('ls -d /tmp/d')).code).not.toBe(0);
    expect(await run('k3d cluster create second', true)).toEqual({ code: 130, out: '' });
    const list = await run('k3d cluster list');
    expect(list.out).not.toMatch(/second/);
  });
});
