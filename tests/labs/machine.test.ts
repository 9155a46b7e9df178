import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/sim/apiserver/server';
import { VirtualClock } from '../../src/sim/clock';
import { Random } from '../../src/sim/random';
import { evaluateCheck } from '../../src/labs/evaluate';
import { validateCheck } from '../../src/labs/checks/registry';
import { currentServer, machineContext, type Machine } from '../../src/labs/machine';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster: {server: "https://0.0.0.0:41235"}
  name: k3d-mini-cluster
- cluster: {server: "https://0.0.0.0:40000"}
  name: k3d-dev
contexts:
- context: {cluster: k3d-mini-cluster, user: admin@k3d-mini-cluster}
  name: k3d-mini-cluster
- context: {cluster: k3d-dev, user: admin@k3d-dev}
  name: k3d-dev
current-context: k3d-mini-cluster
`;

function machine(files: Record<string, string>): Machine & { files: Record<string, string> } {
  const server = new ApiServer({ clock: new VirtualClock(), random: new Random(1) });
  server.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } });
  server.handle({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'here' } } });
  return {
    files,
    home: '/root',
    fs: {
      readFile(p) {
        if (!(p in files)) throw new Error('ENOENT');
        return files[p];
      },
    },
    resolveServer: (url) => (url === 'https://0.0.0.0:41235' ? server : undefined),
  };
}

describe('grading through the current context', () => {
  it('reaches the cluster the current context names', async () => {
    const m = machine({ '/root/.kube/config': KUBECONFIG });
    expect('handler' in currentServer(m)).toBe(true);
    const c = validateCheck({ object: { resource: 'configmaps', name: 'here' } });
    expect(c.ok && (await evaluateCheck(c.check, machineContext(m))).pass).toBe(true);
  });
  it('explains why no cluster answers, the way kubectl would', async () => {
    expect(currentServer(machine({}))).toEqual({ error: 'no kubeconfig at /root/.kube/config' });
    expect(currentServer(machine({ '/root/.kube/config': KUBECONFIG.replace('current-context: k3d-mini-cluster', 'current-context: k3d-dev') }))).toEqual({
      error: 'the connection to the server 0.0.0.0:40000 was refused',
    });
    expect(currentServer(machine({ '/root/.kube/config': KUBECONFIG.replace('current-context: k3d-mini-cluster', 'current-context: nope') }))).toEqual({
      error: 'context was not found for specified context: nope',
    });
    const c = validateCheck({ deployment: 'web', replicas: 1 });
    const r = c.ok ? await evaluateCheck(c.check, machineContext(machine({}))) : undefined;
    expect(r?.text).toBe('deployment web: no cluster to ask (no kubeconfig at /root/.kube/config)');
  });
  it('follows $KUBECONFIG and a context switch without rebuilding the context', async () => {
    const m = machine({ '/tmp/kc': KUBECONFIG });
    m.kubeconfigEnv = '/tmp/kc';
    const ctx = machineContext(m);
    const c = validateCheck({ object: { resource: 'configmaps', name: 'here' } });
    if (!c.ok) throw new Error('invalid check');
    expect((await evaluateCheck(c.check, ctx)).pass).toBe(true);
    m.files['/tmp/kc'] = KUBECONFIG.replace('current-context: k3d-mini-cluster', 'current-context: k3d-dev');
    expect((await evaluateCheck(c.check, ctx)).actual).toBe('no cluster to ask (the connection to the server 0.0.0.0:40000 was refused)');
  });
});
