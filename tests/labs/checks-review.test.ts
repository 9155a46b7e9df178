/** Defects a review found in the check kinds: pods `ready: false`, structural `equals`, prototype names, repeated found texts. */
import { describe, expect, it } from 'vitest';
import { validateCheck } from '../../src/labs/checks/registry';
import { evaluateCheck } from '../../src/labs/evaluate';
import type { EvalContext } from '../../src/labs/checks/types';
import { memoryObjectSource } from '../../src/labs/source';
import type { KubeObject } from '../../src/sim/apiserver/types';
import { files, pod, service } from './fixtures';

function check(raw: unknown) {
  const r = validateCheck(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.check;
}

const ctx = (objects: Parameters<typeof memoryObjectSource>[0], more: Partial<EvalContext> = {}): EvalContext => ({ objects: memoryObjectSource(objects), home: '/root', ...more });

function configmap(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { tier: 'back' } }, data };
}

describe('pods check with ready: false', () => {
  it('fails while matched pods are ready, naming each ready pod', async () => {
    const objs = [pod('web-1', { node: 'a' }), pod('web-2', { node: 'b', ready: false, waiting: 'ErrImagePull' }), pod('web-3', { node: 'b' })];
    const r = await evaluateCheck(check({ pods: 'app=web', ready: false }), ctx(objs));
    expect(r.pass).toBe(false);
    expect(r.text).toBe('pods with app=web: expected none ready, found web-1 ready, web-3 ready');
  });
  it('passes when no matched pod is ready', async () => {
    const objs = [pod('web-1', { ready: false, waiting: 'ErrImagePull' }), pod('web-2', { ready: false, waiting: 'ImagePullBackOff' }), pod('db-1', { app: 'db' })];
    const r = await evaluateCheck(check({ pods: 'app=web', count: 2, ready: false }), ctx(objs));
    expect(r.pass).toBe(true);
    expect(r.text).toBe('pods with app=web: 2 pods, none ready');
  });
});

describe('object equals with mappings and lists', () => {
  const cm = configmap('settings', { mode: 'slow', size: '3' });
  it('ignores key order in mappings', async () => {
    const r = await evaluateCheck(check({ object: { resource: 'configmaps', name: 'settings', field: 'data', equals: { size: '3', mode: 'slow' } } }), ctx([cm]));
    expect(r.pass).toBe(true);
  });
  it('still needs the same keys and values', async () => {
    const extra = await evaluateCheck(check({ object: { resource: 'configmaps', name: 'settings', field: 'data', equals: { size: '3' } } }), ctx([cm]));
    expect(extra.pass).toBe(false);
    const other = await evaluateCheck(check({ object: { resource: 'configmaps', name: 'settings', field: 'data', equals: { size: '3', mode: 'fast' } } }), ctx([cm]));
    expect(other.text).toBe('configmap settings: expected data = {"size":"3","mode":"fast"}, found data = {"mode":"slow","size":"3"}');
  });
  it('compares scalars inside mappings loosely, as at the top level', async () => {
    const r = await evaluateCheck(check({ object: { resource: 'configmaps', name: 'settings', field: 'data', equals: { size: 3, mode: 'slow' } } }), ctx([cm]));
    expect(r.pass).toBe(true);
  });
  it('keeps list order, and a list never equals a mapping', async () => {
    const p = pod('duo');
    p.spec.containers.push({ name: 'poller', image: 'busybox:1.36' });
    const images = (equals: unknown) => check({ object: { resource: 'pods', name: 'duo', field: 'spec.containers', equals } });
    const inOrder = [{ image: 'nginx:1.27', name: 'nginx' }, { image: 'busybox:1.36', name: 'poller' }];
    expect((await evaluateCheck(images(inOrder), ctx([p]))).pass).toBe(true);
    expect((await evaluateCheck(images([...inOrder].reverse()), ctx([p]))).pass).toBe(false);
    expect((await evaluateCheck(images({ 0: inOrder[0], 1: inOrder[1] }), ctx([p]))).pass).toBe(false);
  });
});

describe('resource names that are properties of every object', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
  it('are refused by object and sameAs validation', () => {
    for (const n of names) {
      const o = validateCheck({ object: { resource: n, name: 'x' } });
      expect(o.ok ? [] : o.errors, n).toEqual([`object: unknown resource "${n}"`]);
      const f = validateCheck({ file: '~/a.txt', sameAs: { resource: n, name: 'x', field: 'spec' } });
      expect(f.ok ? [] : f.errors, n).toEqual([`sameAs.resource: unknown resource "${n}"`]);
    }
  });
  it('never crash grading when they reach it unvalidated', async () => {
    for (const n of names) {
      const o = await evaluateCheck({ kind: 'object', spec: { object: true, resource: n, name: 'x' } }, ctx([]));
      expect(o.pass, n).toBe(false);
      expect(o.actual, n).not.toContain('an error while checking');
      const f = await evaluateCheck({ kind: 'file', spec: { file: '~/a.txt', sameAs: { resource: n, name: 'x', field: 'spec' } } }, ctx([], { files: files({ '/root/a.txt': 'x\n' }) }));
      expect(f.pass, n).toBe(false);
      expect(f.actual, n).toBe('no such value in the cluster');
    }
  });
  it('are not fields of an object either', async () => {
    const cm = configmap('settings', { mode: 'slow' });
    const r = await evaluateCheck(check({ object: { resource: 'configmaps', name: 'settings', field: 'data.toString' } }), ctx([cm]));
    expect(r.text).toBe('configmap settings: expected data.toString set, found data.toString unset');
  });
});

describe('each found fact is printed once', () => {
  it('service: port and nodePort both failing print the ports once', async () => {
    const r = await evaluateCheck(check({ service: 'web', port: 80, nodePort: 30080 }), ctx([service('web', { port: 8080 })]));
    expect(r.text).toBe('service web: expected port 80, node port 30080, found ports 8080/TCP');
    expect(r.failures).toHaveLength(2);
  });
  it('kubeconfig: several missing contexts print the contexts once', async () => {
    const kubeconfig = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: k3d-old\n  context: {cluster: k3d-old, user: admin@k3d-old}\n';
    const c = check({ kubeconfig: { contexts: ['k3d-dev', 'k3d-paused'], noContexts: ['k3d-old'], currentContext: 'k3d-dev' } });
    const r = await evaluateCheck(c, ctx([], { files: files({ '/root/.kube/config': kubeconfig }) }));
    expect(r.text).toBe('kubeconfig ~/.kube/config: expected a context named k3d-dev, a context named k3d-paused, no context named k3d-old, current context k3d-dev, found contexts k3d-old, context k3d-old still present, no current context');
  });
});
