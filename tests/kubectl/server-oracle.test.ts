/**
 * The real kubectl (v1.31) and ours run the same command against two identically seeded simulated API
 * servers (the real one over `kubelab serve`'s HTTP adapter) and must print the same bytes. This measures
 * everything kubectl formats client-side: describe, -o yaml|json|name|jsonpath|custom-columns, table
 * layout mechanics, verb messages and error rendering. Skips when no kubectl exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/sim/apiserver/server';
import { Random } from '../../src/sim/random';
import { VirtualClock } from '../../src/sim/clock';
import { startHttpServer, type RunningServer } from '../../src/cli/serve/server';
import { makeEnv, run, words } from './harness';
import { seedCluster } from './seed';
import { loadSchemaDocs } from '../../src/sim/apiserver/schema';
import { findKubectl, kubeconfig, runReal } from './oracle-util';
import { sortDescribeData } from '../conformance/normalize';

const bin = findKubectl();
if (!bin) console.log('server oracle tests skipped: no kubectl.1.31 next to kubectl on PATH');

const TEN_DAYS = 10 * 24 * 3600_000;

/** A seeded server whose objects were created ten days before the wall clock (ages stay stable while tests run). */
function seededServer(wall: number): ApiServer {
  const clock = new VirtualClock(wall - TEN_DAYS);
  const api = new ApiServer({ clock, random: new Random(7) });
  seedCluster(api, wall);
  clock.advanceTo(wall);
  return api;
}

const READ_CASES = [
  'describe pod web-7d4b9c8f6d-2xkqz',
  'describe pods',
  'describe pod web',
  'describe pod nope',
  'describe deploy web',
  'describe deployment',
  'describe rs',
  'describe svc web',
  'describe service',
  'describe node k3d-dev-server-0',
  'describe no',
  'describe cm app-config',
  'describe secret db',
  'describe ns default',
  'describe endpointslices',
  'describe deploy,svc',
  'describe pods -l app=web',
  'describe foo',
  'get pods',
  'get pods -o wide',
  'get pods -A',
  'get pods --show-labels',
  'get pods -L app -L tier',
  'get pods --no-headers',
  'get pods -o name',
  'get pods -o yaml',
  'get pods -o json',
  'get pod web-7d4b9c8f6d-2xkqz -o yaml',
  'get pod web-7d4b9c8f6d-2xkqz -o json',
  'get pods -o jsonpath={.items[*].metadata.name}',
  'get pods -o jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}',
  'get pods -o jsonpath={.items[0].metadata.labels}',
  `'-o=jsonpath={.items[?(@.status.phase=="Running")].metadata.name}' get pods`,
  'get pods -o jsonpath={.items[*].spec.containers[*].image}',
  'get pods -o jsonpath={.metadata.name',
  'get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName',
  'get pods -o custom-columns=NAME:.metadata.name,MISSING:.spec.nothing',
  'get pods -o custom-columns=NAME',
  'get pods --sort-by=.metadata.name',
  'get pods --sort-by=.status.containerStatuses[0].restartCount',
  'get pods -o yml',
  'get deploy',
  'get deploy -o wide',
  'get deploy web -o yaml',
  'get deploy,svc',
  'get deploy,rs,svc -o name',
  'get all',
  'get svc',
  'get svc web -o jsonpath={.spec.ports[0].nodePort}',
  'get nodes',
  'get nodes -o wide',
  'get no -o name',
  'get cm',
  'get secrets',
  'get secret db -o jsonpath={.data.password}',
  'get events',
  'get ns',
  'get pod nope',
  'get pods nope web-7d4b9c8f6d-2xkqz',
  'get pods -n empty',
  'get foo',
  'get deployments.apps',
  'get deployments.v1.apps',
  'get pod/web-7d4b9c8f6d-2xkqz deploy/web',
  'get pods -l app=web',
  'get pods -l app=nope',
  'get endpointslices',
  'api-resources',
  'api-resources --namespaced=false',
  'api-resources -o name',
  'api-resources --api-group=apps',
  'api-versions',
  'explain pod',
  'explain deploy',
  'explain deploy.spec.replicas',
  'explain pod.spec.containers.imagePullPolicy',
  'explain pods.spec.containers',
  'explain svc.spec.ports.targetPort',
  'explain cm.data',
  'explain deployments.apps',
  'explain pod.spec.foo',
  'explain nope',
];

describe.skipIf(!bin)('real kubectl against the simulated API server (read-only)', () => {
  let srv: RunningServer;
  let api: ApiServer;
  let dir: string;
  let cfg: string;
  beforeAll(async () => {
    // explain prints the field descriptions, which the schema module loads lazily.
    await loadSchemaDocs();
    const wall = Date.now();
    api = seededServer(wall);
    srv = await startHttpServer(api, { port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'kubelab-srv-oracle-'));
    cfg = join(dir, 'config');
    writeFileSync(cfg, kubeconfig(srv.url));
  });
  afterAll(async () => {
    await srv?.close();
  });
  for (const line of READ_CASES) {
    it(`kubectl ${line}`, async () => {
      const real = await runReal(bin!, line, dir, cfg);
      const env = makeEnv();
      env.clock = (api as unknown as { ctx: { clock: VirtualClock } }).ctx.clock;
      env.servers.set(srv.url, api);
      env.env = { HOME: dir, KUBECONFIG: cfg };
      env.fs.writeFile(cfg, kubeconfig(srv.url));
      env.clock.advanceTo(Date.now());
      const mine = await run(env, words(line));
      // describe's ConfigMap/Secret Data entries come out of a Go map in random order from the real kubectl.
      expect({ stdout: sortDescribeData(mine.stdout), stderr: mine.stderr, code: mine.code }).toEqual({ ...real, stdout: sortDescribeData(real.stdout) });
    });
  }
});
