/**
 * kubectl end to end against a whole simulated k3d cluster (createWorld): watches, streams, exec,
 * waits and Ctrl-C driven by the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../src/sim/world';
import { makeEnv, run, type Env, type RunResult } from './harness';
import { loadsInFlight } from '../../src/sim/lazy';

function setup(): { w: World; e: Env } {
  const w = createWorld({ seed: 1 });
  const url = w.serverURL()!;
  const e = makeEnv();
  e.clock = w.clock;
  e.servers = { get: (u: string) => w.resolveServer(u) } as unknown as Env['servers'];
  e.env.KUBECONFIG = '/root/.kube/config';
  e.fs.writeFile(
    '/root/.kube/config',
    `apiVersion: v1\nclusters:\n- cluster:\n    server: ${url}\n  name: k3d-mini-cluster\ncontexts:\n- context:\n    cluster: k3d-mini-cluster\n    user: admin@k3d-mini-cluster\n  name: k3d-mini-cluster\ncurrent-context: k3d-mini-cluster\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-mini-cluster\n  user: {}\n`,
  );
  return { w, e };
}

/** Runs a command while advancing virtual time; presses Ctrl-C at `abortAt` (or when `maxMs` runs out). */
async function drive(w: World, e: Env, line: string, o: { maxMs?: number; abortAt?: number; during?: (t: number) => Promise<void> | void } = {}): Promise<RunResult> {
  const sig = { aborted: false, cbs: [] as (() => void)[] };
  const abort = () => {
    if (sig.aborted) return;
    sig.aborted = true;
    sig.cbs.forEach((c) => c());
  };
  let done = false;
  const p = run(e, line, { signal: sig }).then((r) => {
    done = true;
    return r;
  });
  let t = 0;
  const max = o.maxMs ?? 60_000;
  while (!done && t < max) {
    await new Promise((r) => setImmediate(r));
    if (done) break;
    // a command's code loading on first use is I/O: virtual time waits for it, as in every driver
    if (loadsInFlight()) continue;
    w.clock.advance(500);
    t += 500;
    await o.during?.(t);
    if (o.abortAt !== undefined && t >= o.abortAt) abort();
  }
  if (!done) abort();
  return p;
}

describe('kubectl against a simulated k3d cluster', () => {
  it('lists the k3d nodes and system pods', async () => {
    const { w, e } = setup();
    const nodes = await drive(w, e, 'get nodes');
    expect(nodes.code).toBe(0);
    expect(nodes.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(nodes.stdout).toMatch(/k3d-mini-cluster-server-0\s+Ready\s+control-plane,master/);
    expect(nodes.stdout.trim().split('\n')).toHaveLength(5);
    const pods = await drive(w, e, 'get pods -A');
    expect(pods.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
    expect(pods.stdout).toMatch(/kube-system\s+coredns-\S+\s+1\/1\s+Running/);
  });

  it('creates a deployment and follows the rollout to the end', async () => {
    const { w, e } = setup();
    expect((await drive(w, e, 'create deployment web --image=nginx:1.27 --replicas=2')).stdout).toBe('deployment.apps/web created\n');
    const st = await drive(w, e, 'rollout status deployment/web');
    expect(st.code).toBe(0);
    const lines = st.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(lines.every((l) => /^Waiting for deployment|^deployment "web" successfully rolled out$/.test(l))).toBe(true);
    const pods = await drive(w, e, 'get pods');
    expect(pods.stdout.match(/web-\S+\s+1\/1\s+Running/g)).toHaveLength(2);
  });

  it('rolls back and keeps the revision numbering of the real controller', async () => {
    const { w, e } = setup();
    await drive(w, e, 'create deployment web --image=nginx:1.27');
    await drive(w, e, 'rollout status deployment/web');
    await drive(w, e, 'set image deploy/web nginx=busybox:1.36');
    await drive(w, e, 'rollout status deploy/web', { maxMs: 20_000 });
    expect((await drive(w, e, 'rollout history deploy/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await drive(w, e, 'rollout undo deploy/web')).stdout).toBe('deployment.apps/web rolled back\n');
    await drive(w, e, 'rollout status deploy/web');
    expect((await drive(w, e, 'rollout history deploy/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });

  it('execs into a container and propagates the exit code', async () => {
    const { w, e } = setup();
    await drive(w, e, 'run box --image=busybox:1.36 -- sleep 3600');
    await drive(w, e, 'wait --for=condition=Ready pod/box --timeout=60s');
    expect(await drive(w, e, 'exec box -- echo hi')).toMatchObject({ stdout: 'hi\n', code: 0 });
    expect(await drive(w, e, 'exec box -- sh -c "exit 3"')).toMatchObject({ stderr: 'command terminated with exit code 3\n', code: 3 });
    expect((await drive(w, e, 'exec box echo hi')).stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  });

  it('watches pods until Ctrl-C, one row per event under one header', async () => {
    const { w, e } = setup();
    let started = false;
    const r = await drive(w, e, 'get pods -w', {
      abortAt: 20_000,
      during: async (t) => {
        if (t >= 2000 && !started) {
          started = true;
          await run(e, 'run watched --image=nginx:1.27');
        }
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.some((l) => /^watched\s+0\/1\s+Pending/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^watched\s+1\/1\s+Running/);
  });

  it('deletes and waits for the pod to terminate', async () => {
    const { w, e } = setup();
    await drive(w, e, 'run box --image=nginx:1.27');
    await drive(w, e, 'wait --for=condition=Ready pod/box');
    const del = await drive(w, e, 'delete pod box');
    expect(del).toMatchObject({ stdout: 'pod "box" deleted\n', code: 0 });
    expect((await drive(w, e, 'get pod box')).stderr).toBe('Error from server (NotFound): pods "box" not found\n');
  });

  it('logs the verbose request lines at -v=6 with virtual timestamps', async () => {
    const { w, e } = setup();
    const r = await drive(w, e, 'get pods -v=6');
    const url = w.serverURL();
    expect(r.stderr).toContain(`round_trippers.go:553] GET ${url}/api/v1/namespaces/default/pods?limit=500 200 OK in `);
    expect(r.stderr).toMatch(/^I1125 09:00:\d\d\.\d{6} {3}\d+ /m);
  });

  it('prints the connection error when the cluster is gone', async () => {
    const { e } = setup();
    e.servers = new Map();
    const r = await run(e, 'get pods');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The connection to the server 0\.0\.0\.0:\d+ was refused - did you specify the right host or port\?\n$/);
  });
});
