/**
 * The container shell (src/sim/images/sh.ts) is a chunk loaded on first use. A world where it was not loaded yet,
 * driven as the CLI and the browser drive the clock (waiting while a load is in flight), must print the same bytes
 * as a world where it was: a busybox pod's logs, an exec probe's events, a one-shot exec and an interactive exec
 * with stdin written before the shell started, and the whole cluster's state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as sh from '../../../src/sim/images/sh';
import { provideContainerShell } from '../../../src/sim/images/container-shell';
import { loadsInFlight, loadsStarted } from '../../../src/sim/lazy';
import { ApiClient, createWorld, R, type World } from '../../../src/sim/index';
import { dump, podSpec, settleInSteps as settle } from './helpers';

async function execOnce(world: World, pod: string, command: string[], stdin?: string): Promise<string> {
  const res = world.api()!.handle({
    method: 'POST',
    path: `/api/v1/namespaces/default/pods/${pod}/exec`,
    query: { command: JSON.stringify(command), stdout: 'true', stderr: 'true', ...(stdin !== undefined ? { stdin: 'true' } : {}) },
  });
  const session = res.exec!;
  let out = '';
  let code: number | undefined;
  session.onOutput((s, d) => (out += `${s}:${d}`));
  session.onExit((c) => (code = c));
  if (stdin !== undefined) {
    session.write(stdin);
    session.closeStdin();
  }
  await settle(world, 3_000);
  return `${out}exit ${code}\n`;
}

/** One script: pods whose process, probe and exec need the shell, driven with the CLI's settle. */
async function script(): Promise<string> {
  const world = createWorld({ seed: 11 });
  const client = new ApiClient(world.api()!, 'kubectl/v1.31.5');
  client.create(R.pods, 'default', podSpec('talk', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i $(date +%s)"; i=$((i+1)); sleep 3; done'] }] }));
  client.create(R.pods, 'default', podSpec('probed', {
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2 } }],
  }));
  await settle(world, 20_000);
  let out = await execOnce(world, 'talk', ['sh', '-c', 'echo $HOSTNAME; ls /tmp; echo oops >&2; exit 3']);
  out += await execOnce(world, 'probed', ['sh'], 'touch /tmp/ready\necho made\nexit 5\n');
  await settle(world, 10_000);
  for (const p of ['talk', 'probed']) {
    out += world.api()!.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${p}/log`, query: { timestamps: 'true' } }).body as string;
  }
  return out + dump(client) + JSON.stringify(world.snapshot());
}

describe('the container shell loads on first use', () => {
  afterAll(() => provideContainerShell(sh));

  it('a cold world prints what a warm one prints, and the cold one really loaded the chunk', async () => {
    provideContainerShell(sh);
    const warmStarted = loadsStarted();
    const warm = await script();
    expect(loadsStarted()).toBe(warmStarted);

    provideContainerShell(undefined);
    const coldStarted = loadsStarted();
    const cold = await script();
    expect(loadsStarted()).toBeGreaterThan(coldStarted);
    expect(loadsInFlight()).toBe(0);

    expect(cold).toBe(warm);
    expect(warm).toMatch(/tick 0 \d+\n/);
    expect(warm).toContain('stdout:talk\n');
    expect(warm).toContain('stderr:oops\nexit 3\n');
    expect(warm).toContain('stdout:made\nexit 5\n');
  }, 60_000);

  it('the exec that first needs the shell waits for it, and stdin written meanwhile runs once it is in', async () => {
    const world = createWorld({ seed: 3 });
    const client = new ApiClient(world.api()!, 'kubectl/v1.31.5');
    client.create(R.pods, 'default', podSpec('web', { containers: [{ name: 'c', image: 'nginx' }] }));
    await settle(world, 15_000);
    // nginx runs its own process: nothing has needed the shell yet
    provideContainerShell(undefined);
    const before = loadsStarted();
    const out = await execOnce(world, 'web', ['sh'], 'echo $((6*7))\nexit\n');
    expect(loadsStarted()).toBe(before + 1);
    expect(out).toBe('stdout:42\nexit 0\n');
  }, 60_000);

  it('a new cluster starts no load: no k3s system pod needs the shell', () => {
    provideContainerShell(undefined);
    const before = loadsStarted();
    createWorld({ seed: 5 });
    expect(loadsStarted()).toBe(before);
    provideContainerShell(sh);
  });
});
