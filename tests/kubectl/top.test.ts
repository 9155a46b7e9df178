/**
 * kubectl top against a simulated k3d cluster: columns, units, percentages, sorting, --containers, --sum and the
 * error texts of kubectl v1.31 (pkg/cmd/top, pkg/metricsutil/metrics_printer.go). Byte-for-byte agreement with the
 * real kubectl is checked by the conformance cases of family 'top'.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, R, ApiClient, type World } from '../../src/sim/index';
import { makeEnv, run, type Env } from './harness';
import { loadsInFlight } from '../../src/sim/lazy';

function setup(opts: { settleMs?: number; bare?: boolean } = {}): { w: World; e: Env; c: ApiClient } {
  const w = createWorld({ seed: 5, settleMs: opts.settleMs });
  const url = w.serverURL()!;
  const e = makeEnv();
  e.clock = w.clock;
  e.servers = { get: (u: string) => w.resolveServer(u) } as unknown as Env['servers'];
  e.env.KUBECONFIG = '/root/.kube/config';
  e.fs.writeFile(
    '/root/.kube/config',
    `apiVersion: v1\nclusters:\n- cluster:\n    server: ${url}\n  name: k3d-mini-cluster\ncontexts:\n- context:\n    cluster: k3d-mini-cluster\n    user: admin@k3d-mini-cluster\n  name: k3d-mini-cluster\ncurrent-context: k3d-mini-cluster\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-mini-cluster\n  user: {}\n`,
  );
  return { w, e, c: new ApiClient(w.api()!, 'test') };
}

/** Moves virtual time on in one-second steps, holding it while code loads on demand (as every driver does). */
async function letTimePass(w: World, ms: number): Promise<void> {
  const end = w.clock.now() + ms;
  while (w.clock.now() < end) {
    await new Promise((r) => setImmediate(r));
    if (loadsInFlight()) continue;
    w.advance(Math.min(1000, end - w.clock.now()));
  }
}

const NODE_ROW = /^k3d-mini-cluster-(server|agent)-\d +\d+m +\d+% +\d+Mi +\d+% +$/;

describe('kubectl top', () => {
  it('top node: every node with millicores, Mi and percentages of allocatable', async () => {
    const { w, e } = setup();
    w.advance(30_000);
    const r = await run(e, 'top node');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').slice(0, -1);
    expect(lines[0]).toMatch(/^NAME +CPU\(cores\) +CPU% +MEMORY\(bytes\) +MEMORY% +$/);
    expect(lines.slice(1).map((l) => l.split(/ +/)[0])).toEqual(['k3d-mini-cluster-agent-0', 'k3d-mini-cluster-agent-1', 'k3d-mini-cluster-agent-2', 'k3d-mini-cluster-server-0']);
    for (const l of lines.slice(1)) expect(l).toMatch(NODE_ROW);
    // percentages follow from the numbers and the node's allocatable
    const server = lines.find((l) => l.includes('server'))!.split(/ +/);
    const node = (await run(e, 'get node k3d-mini-cluster-server-0 -o jsonpath={.status.allocatable.cpu}')).stdout;
    expect(Number(server[2].replace('%', ''))).toBe(Math.trunc((Number(server[1].replace('m', '')) / (Number(node) * 1000)) * 100));
    const one = await run(e, 'top node k3d-mini-cluster-server-0 --no-headers');
    expect(one.stdout.split('\n')).toHaveLength(2);
    expect(one.stdout).toMatch(/^k3d-mini-cluster-server-0 /);
    const byMem = (await run(e, 'top nodes --sort-by=memory --no-headers')).stdout.trimEnd().split('\n');
    const mems = byMem.map((l) => Number(l.split(/ +/)[3].replace('Mi', '')));
    expect([...mems].sort((a, b) => b - a)).toEqual(mems);
  });

  it('top pod: per namespace, -A, --containers, -l, --sort-by and --sum', async () => {
    const { w, e } = setup();
    w.advance(30_000);
    const sys = await run(e, 'top pod -n kube-system');
    expect(sys.stdout.split('\n')[0]).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
    expect(sys.stdout).toMatch(/\ncoredns-[a-z0-9]+-[a-z0-9]{5} +\d+m +\d+Mi +\n/);
    const all = await run(e, 'top pods -A');
    expect(all.stdout.split('\n')[0]).toMatch(/^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
    const containers = await run(e, 'top pod -n kube-system --containers -l k8s-app=kube-dns');
    expect(containers.stdout).toMatch(/^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +\ncoredns-\S+ +coredns +\d+m +\d+Mi +\n$/);
    const sum = await run(e, 'top pod -A --sum --sort-by=cpu');
    const lines = sum.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^ +________ +________ *$/);
    const cpus = lines.slice(1, -2).map((l) => Number(l.split(/ +/)[2].replace('m', '')));
    expect([...cpus].sort((a, b) => b - a)).toEqual(cpus);
    const total = Number(lines.at(-1)!.trim().split(/ +/)[0].replace('m', ''));
    // each pod rounds up on its own; the sum rounds once
    expect(total).toBeLessThanOrEqual(cpus.reduce((s, x) => s + x, 0));
    expect(total).toBeGreaterThan(0);
  });

  it('prints the real errors', async () => {
    const { w, e, c } = setup();
    w.advance(30_000);
    expect(await run(e, 'top pod nope')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await run(e, 'top node nope')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): nodes "nope" not found\n' });
    expect(await run(e, 'top pod --sort-by=name')).toMatchObject({ code: 1, stderr: 'error: --sort-by accepts only cpu or memory\n' });
    expect(await run(e, 'top pod x -l a=b')).toMatchObject({ code: 1, stderr: 'error: only one of NAME or selector can be provided\n' });
    expect(await run(e, 'top node x -l a=b')).toMatchObject({ code: 1, stderr: 'error: only one of NAME or --selector can be provided\n' });
    expect(await run(e, 'top pod')).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    c.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb' }, spec: { containers: [{ name: 'bb', image: 'busybox', command: ['sleep', '3600'] }] } });
    w.advance(4_000);
    expect(await run(e, 'top pod bb')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/bb" not found\n' });
    expect(await run(e, 'top pod')).toMatchObject({ code: 1, stderr: 'error: metrics not available yet\n' });
    w.advance(30_000);
    const ok = await run(e, 'top pod bb');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\) +\nbb +0m +0Mi +\n$/);
  });

  it('says the Metrics API is not available before metrics-server is ready', async () => {
    const { e } = setup({ settleMs: 1_000 });
    expect(await run(e, 'top node')).toMatchObject({ code: 1, stderr: 'error: Metrics API not available\n' });
    expect(await run(e, 'top pod -A')).toMatchObject({ code: 1, stderr: 'error: Metrics API not available\n' });
    // the stale group version is left out, as client-go leaves it out (kubectl 1.31 prints the same)
    expect((await run(e, 'api-versions')).stdout).not.toContain('metrics.k8s.io');
    expect(await run(e, 'api-resources --api-group=metrics.k8s.io')).toMatchObject({ code: 0, stdout: 'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n' });
  });

  it('shows a CPU burner at its limit', async () => {
    const { w, e, c } = setup();
    c.create(R.pods, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'burn' },
      spec: { containers: [{ name: 'burn', image: 'busybox', command: ['sh', '-c', 'while true; do :; done'], resources: { limits: { cpu: '250m', memory: '64Mi' } } }] },
    });
    w.advance(60_000);
    expect((await run(e, 'top pod burn --no-headers')).stdout).toMatch(/^burn +25[01]m +0Mi +\n$/);
  });

  it('a stopped node keeps its row with <unknown> once metrics-server cannot scrape it', async () => {
    const { w, e } = setup();
    w.advance(30_000);
    w.k3d.stopNode('k3d-mini-cluster-agent-2');
    w.advance(20_000);
    const r = await run(e, 'top node --no-headers');
    const lines = r.stdout.split('\n').slice(0, -1);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^k3d-mini-cluster-agent-2 +<unknown> +<unknown> +<unknown> +<unknown> *$/);
    expect(await run(e, 'top node k3d-mini-cluster-agent-2')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "k3d-mini-cluster-agent-2" not found\n' });
  });

  it('kubectl autoscale creates the HPA that then reads cpu from metrics', async () => {
    const { w, e, c } = setup();
    await run(e, 'create deployment php --image=registry.k8s.io/hpa-example');
    await run(e, 'set resources deploy php --requests=cpu=200m');
    expect(await run(e, 'autoscale deploy php --cpu-percent=50 --min=1 --max=5')).toMatchObject({ code: 0, stdout: 'horizontalpodautoscaler.autoscaling/php autoscaled\n' });
    expect(c.get(R.deployments, 'default', 'php').spec.replicas).toBe(1);
    // the HPA controller may load its code when the first HPA appears
    await letTimePass(w, 90_000);
    const hpa = (await run(e, 'get hpa php --no-headers')).stdout;
    expect(hpa).toMatch(/^php +Deployment\/php +cpu: 0%\/50% +1 +5 +1 +\d+s\n$/);
    expect(await run(e, 'autoscale pod nope --max=2')).toMatchObject({ code: 1 });
    expect(await run(e, 'autoscale deploy php')).toMatchObject({ code: 1, stderr: 'error: required flag(s) "max" not set\n' });
  });
});
