/**
 * Requests per second of the in-process ApiServer for get, list, create and patch.
 * Run: node --import tsx bench/apiserver.ts
 */
import { VirtualClock } from '../src/sim/clock';
import { Random } from '../src/sim/random';
import { ApiServer } from '../src/sim/apiserver/server';
import type { ApiRequest } from '../src/sim/apiserver/types';

const clock = new VirtualClock();
const server = new ApiServer({ clock, random: new Random(1) });
server.handle({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: 'default' } } });

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'bench', tier: name.length % 2 ? 'a' : 'b' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
});

function measure(label: string, n: number, make: (i: number) => ApiRequest): void {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = server.handle(make(i));
    if (res.status >= 400) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const ms = performance.now() - t0;
  console.log(`apiserver ${label.padEnd(28)} ${Math.round((n / ms) * 1000).toString().padStart(8)} req/s  (${n} in ${ms.toFixed(0)} ms)`);
}

const N = 2000;
measure('create pod', N, (i) => ({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod(`p-${i}`) }));
measure('get pod', N * 5, (i) => ({ method: 'GET', path: `/api/v1/namespaces/default/pods/p-${i % N}` }));
measure('patch pod (merge)', N, (i) => ({
  method: 'PATCH',
  path: `/api/v1/namespaces/default/pods/p-${i}`,
  headers: { 'content-type': 'application/merge-patch+json' },
  body: { metadata: { labels: { patched: String(i) } } },
}));
measure(`list ${N} pods`, 50, () => ({ method: 'GET', path: '/api/v1/namespaces/default/pods' }));
measure(`list ${N} pods, labelSelector`, 50, () => ({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'tier=a' } }));
measure(`list ${N} pods as Table`, 20, () => ({
  method: 'GET',
  path: '/api/v1/namespaces/default/pods',
  headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
}));

// Watch fan-out: 20 watchers see every create.
for (let w = 0; w < 20; w++) {
  const res = server.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true', resourceVersion: String(server.store.revision()) } });
  (res.stream as { subscribe(f: () => void): void }).subscribe(() => {});
}
measure('create pod, 20 watchers', 1000, (i) => ({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod(`w-${i}`) }));
const t0 = performance.now();
const fired = clock.runDue();
console.log(`apiserver deliver watch events           ${fired} timers in ${(performance.now() - t0).toFixed(0)} ms`);
