/**
 * Scale benchmark: schedule and start 10,000 pods across 100 nodes in virtual time, and print how long it
 * takes in wall time. A bare cluster (no k3s workloads) made through the k3d runtime, so the scheduler,
 * kubelets, API server and event recorder are the ones the course runs.
 *   node --import tsx bench/scale.ts [pods] [nodes]
 */
import { ApiClient, K3dRuntime, R, Random, VirtualClock } from '../src/sim/index';

const PODS = Number(process.argv[2] ?? 10_000);
const NODES = Number(process.argv[3] ?? 100);
const BATCH = 500;

const wall = () => performance.now();
const mb = () => Math.round(process.memoryUsage().heapUsed / 1e6);

const clock = new VirtualClock();
const k3d = new K3dRuntime(clock, new Random(1));
let t = wall();
k3d.createCluster({ name: 'scale', servers: 1, agents: NODES - 1, bare: true, noLB: true });
clock.advance(10_000);
const cluster = k3d.get('scale')!.cluster;
const client = new ApiClient(cluster.apiserver, 'bench');
client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
const ready = client.list(R.nodes).items.filter((n) => (n.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')).length;
console.log(`cluster: ${ready}/${NODES} nodes ready in ${(wall() - t).toFixed(0)} ms wall`);
clock.advance(1_000);

t = wall();
const virtStart = clock.now();
for (let i = 0; i < PODS; i++) {
  client.create(R.pods, 'bench', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  });
  if (i % BATCH === BATCH - 1) clock.advance(100);
}
const created = wall() - t;
console.log(`created ${PODS} pods in ${created.toFixed(0)} ms wall`);

let scheduled = 0;
let running = 0;
let tSched = 0;
for (let step = 0; step < 120; step++) {
  clock.advance(5_000);
  const pods = client.list(R.pods, 'bench').items;
  scheduled = pods.filter((p) => p.spec.nodeName).length;
  running = pods.filter((p) => p.status?.phase === 'Running').length;
  if (!tSched && scheduled === PODS) tSched = wall() - t;
  if (running === PODS) break;
}
const total = wall() - t;
const perNode = new Map<string, number>();
for (const p of client.list(R.pods, 'bench').items) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
const counts = [...perNode.values()];
console.log(`scheduled ${scheduled}/${PODS} (all bound after ${tSched.toFixed(0)} ms wall)`);
console.log(`running ${running}/${PODS} after ${((clock.now() - virtStart) / 1000).toFixed(0)} s virtual, ${total.toFixed(0)} ms wall`);
console.log(`pods per node: min ${Math.min(...counts)} max ${Math.max(...counts)} over ${perNode.size} nodes`);
console.log(`events: ${client.list(R.events, 'bench').items.length}; heap ${mb()} MB`);
