/**
 * `kubelab run` over a 100-command script on the mini-cluster: total wall time, and p50/p95/max wall time per
 * command (each command also takes one virtual second, as in `kubelab run`).
 * Run: node --import tsx bench/shell.ts
 */
import { createWorld } from '../src/sim/world';
import { Shell } from '../src/shell/session';
import { Canceller } from '../src/shell/io';
import { drive, settle } from '../src/cli/driver';
import { splitEntries } from '../src/cli/run';

const LINES = [
  'kubectl get nodes',
  'kubectl get pods -A',
  'kubectl create deployment web --image=nginx:1.27 --replicas=3',
  'kubectl get deploy web -o jsonpath=\'{.status.readyReplicas}\'',
  'kubectl get pods -o wide | grep web | wc -l',
  'k3d cluster list',
  'k3d node list',
  'echo hello | tr a-z A-Z',
  'for i in 1 2 3 4 5; do echo $i; done | sort -rn | head -3',
  'kubectl get pods -o json | jq -r \'.items[].metadata.name\' | sort',
  'cat <<EOF > /tmp/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\nEOF',
  'kubectl create -f /tmp/cm.yaml --dry-run=client -o yaml | head -5',
  'ls -la /root; cd /tmp; pwd; cd',
  'x=$(kubectl get nodes --no-headers | wc -l); echo "nodes: $x"',
  'kubectl get svc -A',
  'kubectl describe node k3d-mini-cluster-agent-0 | head -20',
  'sleep 2',
  'kubectl get events -A | tail -5',
  'printf "%s\\n" c b a | sort | uniq -c',
  'kubectl config get-contexts',
];

async function main(): Promise<void> {
  const script = Array.from({ length: 100 }, (_, i) => LINES[i % LINES.length]).join('\n');
  const t0 = performance.now();
  const world = createWorld({ seed: 1 });
  const tWorld = performance.now() - t0;
  const shell = new Shell({ world });
  const per: number[] = [];
  let bytes = 0;
  for (const entry of splitEntries(script)) {
    const s = performance.now();
    const sig = new Canceller();
    await drive(world.clock, shell.exec(entry, { stdout: (t) => (bytes += t.length), stderr: (t) => (bytes += t.length) }, sig), { budgetMs: 300_000, interrupt: () => sig.abort() });
    await settle(world.clock, 1000);
    per.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  const sorted = [...per].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(`shell run: ${per.length} commands in ${total.toFixed(0)} ms wall (world start ${tWorld.toFixed(0)} ms), ${bytes} bytes of output`);
  console.log(`shell per command: p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${sorted[sorted.length - 1].toFixed(1)} ms`);
}

await main();
