// `kubectl apply` computes its three-way strategic merge patch client-side. A tiny HTTP server here plays the
// API server (discovery, GET of the live object, PATCH), captures the patch the real kubectl sends, and
// createThreeWayMergePatch must produce the same one. Skipped (reason printed) where no kubectl is on the PATH.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreeWayMergePatch } from '../../../src/sim/apiserver/patch';
import { sortKeys } from '../../../src/sim/apiserver/patch/json';

/* eslint-disable @typescript-eslint/no-explicit-any */
const run = promisify(execFile);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
const available = hasKubectl();
if (!available) console.log('apply-oracle: skipped, no kubectl binary on the PATH');

const deploy = (containers: any[], extra: any = {}): any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', ...(extra.metadata ?? {}) },
  spec: { selector: { matchLabels: { app: 'web' } }, ...(extra.spec ?? {}), template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
});

/** The live object: the last-applied file plus server-side defaults and fields others set. */
function liveOf(original: any, tweak: (o: any) => void = () => {}): any {
  const o = JSON.parse(JSON.stringify(original));
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [LAST_APPLIED]: `${JSON.stringify(sortKeys(original))}\n` };
  o.metadata.uid = 'uid-1';
  o.metadata.resourceVersion = '100';
  o.spec.replicas ??= 1;
  o.spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  for (const c of o.spec.template.spec.containers) {
    c.imagePullPolicy ??= 'IfNotPresent';
    c.terminationMessagePath = '/dev/termination-log';
  }
  o.spec.template.spec.dnsPolicy = 'ClusterFirst';
  tweak(o);
  return o;
}

const CASES: [string, any, any][] = [
  ['image change', deploy([{ name: 'nginx', image: 'nginx:1.25' }]), deploy([{ name: 'nginx', image: 'nginx:1.27' }])],
  ['field dropped from the file', deploy([{ name: 'nginx', image: 'nginx' }], { spec: { replicas: 3 } }), deploy([{ name: 'nginx', image: 'nginx' }])],
  ['container removed and one added', deploy([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]), deploy([{ name: 'c', image: 'z' }, { name: 'a', image: 'x' }])],
  ['env var removed, port added', deploy([{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]), deploy([{ name: 'a', image: 'x', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80 }] }])],
  ['strategy switched to Recreate', deploy([{ name: 'a', image: 'x' }], { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }), deploy([{ name: 'a', image: 'x' }], { spec: { strategy: { type: 'Recreate' } } })],
  ['labels and args edited', deploy([{ name: 'a', image: 'x', args: ['1', '2'] }], { metadata: { labels: { a: '1', b: '2' } } }), deploy([{ name: 'a', image: 'x', args: ['2'] }], { metadata: { labels: { a: '1', c: '3' } } })],
  ['finalizers edited', deploy([{ name: 'a', image: 'x' }], { metadata: { finalizers: ['x/a', 'x/b'] } }), deploy([{ name: 'a', image: 'x' }], { metadata: { finalizers: ['x/b', 'x/c'] } })],
  [
    'volume source switched (retainKeys)',
    { ...deploy([{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v' }] }]), spec: { ...deploy([]).spec, template: { metadata: { labels: { app: 'web' } }, spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v' }] }] } } } },
    { ...deploy([]), spec: { ...deploy([]).spec, template: { metadata: { labels: { app: 'web' } }, spec: { volumes: [{ name: 'v', configMap: { name: 'cfg' } }], containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v' }] }] } } } },
  ],
  ['reordered containers only', deploy([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]), deploy([{ name: 'b', image: 'y' }, { name: 'a', image: 'x' }])],
];

describe.skipIf(!available)('kubectl apply three-way patches', () => {
  let server: http.Server;
  let url = '';
  let live: any;
  let captured: any;
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-apply-'));
  beforeAll(async () => {
    const discovery: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
      '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] },
      '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [] },
      '/apis/apps/v1': { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'create'] }] },
    };
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const send = (code: number, obj: unknown) => {
          res.writeHead(code, { 'content-type': 'application/json' });
          res.end(JSON.stringify(obj));
        };
        if (discovery[path]) return send(200, discovery[path]);
        if (path === '/apis/apps/v1/namespaces/default/deployments/web') {
          if (req.method === 'PATCH') captured = JSON.parse(body);
          return send(200, live);
        }
        send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(CASES)('%s', async (_name, original, modified) => {
    live = liveOf(original);
    captured = undefined;
    const file = join(dir, 'deploy.json');
    writeFileSync(file, JSON.stringify(modified));
    await run('kubectl', ['--server', url, 'apply', '--validate=false', '-f', file], { timeout: 30_000 });
    expect(captured).toBeDefined();
    // kubectl's modified configuration carries its own last-applied annotation; take the text it computed.
    const annotation = captured.metadata?.annotations?.[LAST_APPLIED];
    const mod = JSON.parse(JSON.stringify(modified));
    mod.metadata.annotations = { ...(mod.metadata.annotations ?? {}), [LAST_APPLIED]: annotation };
    const ours = createThreeWayMergePatch(original, mod, live, { group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(sortKeys(captured)));
  });
});
