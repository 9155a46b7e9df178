/**
 * Mutating commands: the real kubectl (v1.31) and ours each run the same script against their own,
 * identically seeded simulated API server. Every command's stdout, stderr and exit code must match, and
 * so must the objects the scripts leave behind. Skips when no kubectl exists.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/sim/apiserver/server';
import { Random } from '../../src/sim/random';
import { VirtualClock } from '../../src/sim/clock';
import { startHttpServer } from '../../src/cli/serve/server';
import type { KubeObject } from '../../src/sim/apiserver/types';
import { makeEnv, run, words } from './harness';
import { seedCluster } from './seed';
import { findKubectl, kubeconfig, runReal } from './oracle-util';

const bin = findKubectl();
if (!bin) console.log('mutation oracle tests skipped: no kubectl.1.31 next to kubectl on PATH');

const FIXTURES = join(__dirname, '..', 'fixtures', 'kubectl');
const TEN_DAYS = 10 * 24 * 3600_000;

function seeded(wall: number): { api: ApiServer; clock: VirtualClock } {
  const clock = new VirtualClock(wall - TEN_DAYS);
  const api = new ApiServer({ clock, random: new Random(7) });
  seedCluster(api, wall);
  clock.advanceTo(wall);
  return { api, clock };
}

/** Objects whose final state is compared (paths on the API). */
const STATE = [
  '/apis/apps/v1/namespaces/default/deployments',
  '/api/v1/namespaces/default/services',
  '/api/v1/namespaces/default/pods',
  '/api/v1/namespaces/default/configmaps',
  '/api/v1/namespaces/default/secrets',
  '/api/v1/nodes',
  '/api/v1/namespaces',
  '/apis/batch/v1/namespaces/default/jobs',
];

function state(api: ApiServer): unknown {
  return STATE.map((p) => {
    const body = api.handle({ method: 'GET', path: p }).body as { items?: KubeObject[] };
    return (body.items ?? []).map((o) => {
      const c = structuredClone(o);
      delete c.metadata.managedFields;
      delete c.metadata.resourceVersion;
      delete c.metadata.uid;
      delete c.metadata.creationTimestamp;
      for (const r of c.metadata.ownerReferences ?? []) r.uid = '';
      // rollout restart stamps the client's clock: wall time for the real kubectl, virtual time for ours.
      const tmplAnn = c.spec?.template?.metadata?.annotations;
      if (tmplAnn?.['kubectl.kubernetes.io/restartedAt']) tmplAnn['kubectl.kubernetes.io/restartedAt'] = '<client time>';
      return c;
    });
  });
}

const SCRIPTS: Record<string, string[]> = {
  scale: ['scale deploy web --replicas=5', 'scale deployment/web --replicas=3 --current-replicas=2', 'scale deploy nope --replicas=1', 'scale --replicas=4 deploy/web -o name'],
  label: [
    'label pod web-7d4b9c8f6d-2xkqz env=dev',
    'label pod web-7d4b9c8f6d-2xkqz env=prod',
    'label pod web-7d4b9c8f6d-2xkqz env=prod --overwrite',
    'label pod web-7d4b9c8f6d-2xkqz env=prod --overwrite',
    'label pod web-7d4b9c8f6d-2xkqz env-',
    'label pods -l app=web tier=front',
    'label deploy web',
    'label pod nope a=b',
  ],
  annotate: ['annotate deploy web note=hi', 'annotate deploy web note=bye', 'annotate deploy web note=bye --overwrite', 'annotate deploy/web note-'],
  setimage: ['set image deploy/web nginx=nginx:1.28', 'set image deploy/web nginx=nginx:1.28', 'set image deploy/web nope=busybox', 'set image deployment web *=nginx:1.29'],
  setenv: ['set env deploy/web FOO=bar', 'set env deploy/web MODE=dev FOO-'],
  setresources: ['set resources deploy/web --limits=cpu=300m,memory=256Mi', 'set resources deploy/web --requests=cpu=50m -c nginx'],
  patch: [
    `patch deploy web -p '{"spec":{"replicas":3}}'`,
    `patch deploy web -p '{"spec":{"replicas":3}}'`,
    `patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":"web"}}}'`,
    `patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'`,
    `patch svc web -p '{"spec":{"type":"ClusterIP","ports":[{"port":80,"nodePort":null}]}}'`,
    'patch deploy web',
    `patch deploy nope -p '{"spec":{"replicas":3}}'`,
  ],
  create: [
    'create deployment api --image=nginx:1.27 --replicas=2',
    'create deployment api --image=nginx:1.27',
    'create ns qa',
    'create ns qa',
    'create configmap c1 --from-literal=k=v',
    'create configmap c1 --from-literal=k=v',
    'create secret generic s2 --from-literal=password=x',
    'create secret generic s2 --from-literal=password=x',
    'create service clusterip api --tcp=80:8080',
    'create service clusterip api --tcp=80:8080',
    'create job j1 --image=busybox -- echo hi',
    'create deploy bad --image=nginx --replicas=-1',
    'create -f $DIR/app.yaml',
    'create -f $DIR/app.yaml',
  ],
  run: ['run box --image=busybox --restart=Never -- sleep 3600', 'run box --image=busybox', 'run box2 --image=nginx --port=80 --labels=app=box2 --env=A=1 --dry-run=server -o yaml'],
  expose: ['expose deploy web --port=8080 --target-port=80 --name=web2', 'expose deploy web --name=web3 --type=NodePort', 'expose deploy web', 'expose pod web-7d4b9c8f6d-2xkqz --port=80 --name=one'],
  apply: ['apply -f $DIR/app.yaml', 'apply -f $DIR/app.yaml', 'apply -f $DIR/app2.yaml', 'apply -f $DIR/app2.yaml --dry-run=client', 'apply -f $DIR/app2.yaml -o name', 'apply -f $DIR/missing.yaml', 'apply', 'apply -f $DIR/web-deploy.yaml', 'apply -f $DIR/web-deploy.yaml'],
  applyServerSide: ['apply --server-side -f $DIR/app.yaml'],
  delete: ['delete deploy web', 'delete deploy web', 'delete svc/web cm/app-config', 'delete secret db --dry-run=client', 'delete pods -l app=nope', 'delete pod', 'delete -f $DIR/app.yaml', 'delete secret db -o name'],
  rollout: [
    'rollout history deploy/web',
    'rollout history deploy/web --revision=1',
    'rollout undo deploy/web',
    'rollout pause deploy/web',
    'rollout pause deploy/web',
    'rollout undo deploy/web',
    'rollout resume deploy/web',
    'rollout resume deploy/web',
  ],
  rolloutStatus: ['rollout status deploy/web', 'rollout status deploy/web --watch=false', 'rollout status deploy/nope', 'rollout status svc/web', 'rollout restart deploy/web', 'rollout history deploy/web --revision=7'],
  nodes: ['cordon k3d-dev-server-0', 'cordon k3d-dev-server-0', 'uncordon k3d-dev-server-0', 'uncordon k3d-dev-server-0', 'taint nodes k3d-dev-server-0 dedicated=x:NoSchedule', 'taint nodes k3d-dev-server-0 dedicated=y:NoSchedule', 'taint nodes k3d-dev-server-0 dedicated:NoSchedule-', 'taint nodes k3d-dev-server-0 dedicated:NoSchedule-'],
  replace: ['replace -f $DIR/web-svc.yaml', 'replace -f $DIR/app.yaml'],
  wait: ['wait --for=condition=Available deploy/web', 'wait --for=condition=Ready pod -l app=web', 'wait --for=jsonpath={.status.phase}=Running pod/web-7d4b9c8f6d-2xkqz'],
};

describe.skipIf(!bin)('real kubectl vs ours: mutating scripts', () => {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`script ${name}`, async () => {
      const wall = Date.now();
      const real = seeded(wall);
      const mine = seeded(wall);
      const srv = await startHttpServer(real.api, { port: 0 });
      try {
        const dir = mkdtempSync(join(tmpdir(), 'kubelab-mut-'));
        const cfg = join(dir, 'config');
        writeFileSync(cfg, kubeconfig(srv.url));
        const env = makeEnv();
        env.clock = mine.clock;
        env.servers.set(srv.url, mine.api);
        env.env = { HOME: dir, KUBECONFIG: cfg };
        env.fs.writeFile(cfg, kubeconfig(srv.url));
        for (const f of ['app.yaml', 'app2.yaml', 'web-deploy.yaml', 'web-svc.yaml']) {
          const text = readFileSync(join(FIXTURES, f), 'utf8');
          writeFileSync(join(dir, f), text);
          env.fs.writeFile(join(dir, f), text);
        }
        for (const raw of script) {
          const line = raw.replaceAll('$DIR', dir);
          const r = await runReal(bin!, line, dir, cfg);
          const m = await run(env, words(line));
          expect({ line, stdout: m.stdout, stderr: m.stderr, code: m.code }).toEqual({ line, ...r });
        }
        expect(state(mine.api)).toEqual(state(real.api));
      } finally {
        await srv.close();
      }
    });
  }
});
