/**
 * The same checks grade a cluster reached over HTTP through a kubeconfig (`kubelab lab verify --kubeconfig`),
 * here the simulator's API server behind the `kubelab serve` listener on loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpListener } from '../../src/cli/serve/http';
import { ApiServer } from '../../src/sim/apiserver/server';
import { VirtualClock } from '../../src/sim/clock';
import { Random } from '../../src/sim/random';
import { R } from '../../src/sim/client/resources';
import { validateCheck } from '../../src/labs/checks/registry';
import { evaluateCheck } from '../../src/labs/evaluate';
import { kubeconfigObjectSource } from '../../src/labs/remote';

let http: Server;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  const api = new ApiServer({ clock: new VirtualClock(), random: new Random(2) });
  api.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } });
  api.handle({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web' } }, data: { colour: 'blue' } } });
  http = createServer(httpListener(api));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'kubelab-remote-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster: {server: "http://127.0.0.1:${port}"}\ncontexts:\n- name: sim\n  context: {cluster: sim, user: me}\n- name: gone\n  context: {cluster: gone, user: me}\nusers:\n- name: me\n  user: {}\ncurrent-context: sim\n`,
  );
});

afterAll(() => {
  http?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kubeconfigObjectSource', () => {
  it('gets, lists by selector and reports missing objects as absent', async () => {
    const src = await kubeconfigObjectSource(kubeconfig);
    expect((await src.get(R.configmaps, 'default', 'settings'))?.data).toEqual({ colour: 'blue' });
    expect(await src.get(R.configmaps, 'default', 'nope')).toBeUndefined();
    expect((await src.list(R.configmaps, 'default', 'app=web')).map((o) => o.metadata.name)).toEqual(['settings']);
    expect(await src.list(R.configmaps, 'default', 'app=db')).toEqual([]);
  });
  it('grades with the same checks as the simulator', async () => {
    const src = await kubeconfigObjectSource(kubeconfig, 'sim');
    const c = validateCheck({ object: { resource: 'configmaps', name: 'settings', field: 'data.colour', equals: 'red' } });
    if (!c.ok) throw new Error(c.errors.join());
    expect((await evaluateCheck(c.check, { objects: src })).text).toBe('configmap settings: expected data.colour = red, found data.colour = blue');
  });
  it('refuses unknown contexts and unreadable files with a reason', async () => {
    await expect(kubeconfigObjectSource(kubeconfig, 'nope')).rejects.toThrow('context "nope" does not exist');
    await expect(kubeconfigObjectSource(join(dir, 'missing'))).rejects.toThrow(/^cannot read kubeconfig /);
  });
});
