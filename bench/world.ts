/**
 * The world's start-up and idle costs in Node (CPU milliseconds, best of a few runs):
 *  - createWorld (mini-cluster created and settled for 30 virtual seconds), cold and warm;
 *  - one virtual hour of an idle cluster (leases, node status, probes, controllers' periodic work);
 *  - World.restore of a saved world that was left idle for two virtual hours (what a reload replays);
 *  - with the quick start (World.restoring): how long until the world object exists (the prompt can show).
 * Run: node --import tsx bench/world.ts
 *
 * Where the time went (node --cpu-prof, 2026-11): an idle mini-cluster fires about 11,000 timers per virtual hour —
 * probes (~5,000), watch deliveries (~3,100), node leases (1,440 renewals, each a GET and a PUT before the kubelet
 * kept its last lease), node-lifecycle monitor passes (720), metrics-server scrapes (960 node proxy GETs) and volume
 * resyncs. A lease PUT cost ~90 µs: a third of it garbage from copies (the no-op check built two stripped copies,
 * the size limit serialised the body, unknown-field paths were built as strings for every field). In the browser
 * the worker's start was module compile (~0.9 s for the 1.4 MB chunk) then createWorld (~0.75 s, nearly all of it
 * the 30 s settle), and the page waited for the IndexedDB save after every command.
 */
import { createWorld, World } from '../src/sim/world';

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const best = (xs: number[]) => Math.min(...xs).toFixed(0);
function measure<T>(f: () => T): [number, T] {
  const t0 = cpu();
  const v = f();
  return [cpu() - t0, v];
}

const [cold, world] = measure(() => createWorld({ seed: 1 }));
const warm: number[] = [];
for (let i = 0; i < 3; i++) warm.push(measure(() => createWorld({ seed: 1 }))[0]);
console.log(`createWorld: cold ${cold.toFixed(0)} ms, warm ${best(warm)} ms cpu`);

// Idle: ten-minute pieces, the cheapest one times six (the machine may be busy with other work).
const pieces: number[] = [];
for (let i = 0; i < 12; i++) pieces.push(measure(() => world.advance(10 * 60_000))[0]);
console.log(`idle cluster: ${(Math.min(...pieces) * 6).toFixed(0)} ms cpu per virtual hour`);

// A world left idle for two hours, advanced in 50 ms steps as the browser's driver does, then saved.
const saved = createWorld({ seed: 1 });
for (let i = 0; i < 2 * 3600_000; i += 60_000) saved.advance(60_000);
const snap = JSON.stringify(saved.snapshot());
const restores: number[] = [];
for (let i = 0; i < 3; i++) restores.push(measure(() => World.restore(snap))[0]);
const firsts: number[] = [];
for (let i = 0; i < 3; i++) firsts.push(measure(() => World.restoring(snap).world)[0]);
console.log(`restore of a 2-hour idle world: ${best(restores)} ms cpu; quick start: world usable for a prompt after ${best(firsts)} ms`);
