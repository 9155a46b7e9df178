// Commands other than `get` load on their first run (src/kubectl/cmd/registry.ts), and so do the YAML parser for
// -f manifests and the JSONPath printer. Virtual time stands still while a chunk loads, so a first run must print
// exactly the bytes a run with everything cached prints: two worlds with the same seed run the same script, the first one loading
// each command's chunk as it goes, the second with every chunk already in.
import { describe, expect, test } from 'vitest';
import { worldEngine, type WorldAdapter } from '../../src/worker/world-engine';
import { loadsStarted } from '../../src/sim/lazy';

const SCRIPT = [
  'kubectl get nodes',
  "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\ndata:\\n  a: b\\n' > cm.yaml",
  'kubectl apply -f cm.yaml',
  'kubectl create deployment web --image=nginx --replicas=2',
  'kubectl describe deployment web',
  'kubectl describe node k3d-mini-cluster-server-0',
  'kubectl logs -n kube-system deploy/coredns --tail=3',
  'kubectl create configmap d --from-literal=x=y',
  'kubectl describe cm c',
  'kubectl apply -f cm.yaml',
  'kubectl get pods -A',
  'kubectl get nodes -o jsonpath={.items[*].metadata.name}',
  'kubectl get pods -A --sort-by=.metadata.name -o custom-columns=NAME:.metadata.name',
];

/** Runs the script in a fresh world; per line its output, exit code and how many on-demand loads it started. */
async function runScript(seed: number): Promise<{ line: string; code: number; out: string; loads: number }[]> {
  const world = worldEngine.createWorld(seed) as WorldAdapter;
  const shell = worldEngine.createShell(world, 'main');
  await world.letTimePass(60_000);
  const results = [];
  for (const line of SCRIPT) {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    const before = loadsStarted();
    const code = await world.drive(shell.exec(line, io, { aborted: false, onAbort: () => {} }), () => {});
    results.push({ line, code, out, loads: loadsStarted() - before });
    // the cluster moves on between commands, the same way in both worlds
    await world.letTimePass(5_000);
  }
  return results;
}

describe('commands loaded on demand', () => {
  test('print the same bytes on their first run as with every chunk cached', async () => {
    const first = await runScript(11);
    const second = await runScript(11);
    for (const r of first) expect(r.code, `${r.line}\n${r.out}`).toBe(0);
    const loadsOf = (line: string) => first.filter((r) => r.line === line).map((r) => r.loads);
    // get and the shell's own commands need nothing; each other command loads its chunk on first use only
    expect(loadsOf('kubectl get nodes')).toEqual([0]);
    expect(loadsOf('kubectl get pods -A')).toEqual([0]);
    expect(loadsOf('kubectl apply -f cm.yaml')[0]).toBeGreaterThan(0); // apply and the YAML parser
    expect(loadsOf('kubectl apply -f cm.yaml')[1]).toBe(0);
    expect(loadsOf('kubectl create deployment web --image=nginx --replicas=2')[0]).toBeGreaterThan(0);
    expect(loadsOf('kubectl create configmap d --from-literal=x=y')).toEqual([0]);
    expect(loadsOf('kubectl describe deployment web')[0]).toBeGreaterThan(0);
    expect(loadsOf('kubectl describe cm c')).toEqual([0]);
    expect(loadsOf('kubectl logs -n kube-system deploy/coredns --tail=3')[0]).toBeGreaterThan(0);
    expect(loadsOf('kubectl get nodes -o jsonpath={.items[*].metadata.name}')).toEqual([1]);
    expect(loadsOf('kubectl get pods -A --sort-by=.metadata.name -o custom-columns=NAME:.metadata.name')).toEqual([0]);
    // the second world found everything loaded, and printed what the first printed
    expect(second.map((r) => r.loads)).toEqual(second.map(() => 0));
    expect(second.map((r) => r.out)).toEqual(first.map((r) => r.out));
    expect(first.find((r) => r.line === 'kubectl describe deployment web')!.out).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    expect(first.find((r) => r.line === 'kubectl apply -f cm.yaml')!.out).toBe('configmap/c created\n');
    expect(first.find((r) => r.line.includes('-o jsonpath'))!.out).toBe('k3d-mini-cluster-agent-0 k3d-mini-cluster-agent-1 k3d-mini-cluster-agent-2 k3d-mini-cluster-server-0');
    expect(first.find((r) => r.line.includes('custom-columns'))!.out).toMatch(/^NAME\n(\S+\n)+$/);
    expect(first.find((r) => r.line === 'kubectl logs -n kube-system deploy/coredns --tail=3')!.out.split('\n').length).toBe(4);
  }, 120_000);
});
