import { describe, expect, it } from 'vitest';
import { collect, deployment, pod, setup } from './helpers';
import type { ApiStream, ExecSession, KubeObject, NodeConnector, Status, WatchEvent } from '../../../src/sim/apiserver/types';

const merge = { headers: { 'content-type': 'application/merge-patch+json' } };
const bind = (t: ReturnType<typeof setup>, name: string, node: string) =>
  t.call('POST', `/api/v1/namespaces/default/pods/${name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

describe('scale', () => {
  it('reads and writes spec.replicas through autoscaling/v1 Scale', () => {
    const t = setup();
    const d = t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web', 2)));
    const s = t.ok(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale'));
    expect(s).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', uid: d.metadata.uid, resourceVersion: d.metadata.resourceVersion, creationTimestamp: d.metadata.creationTimestamp },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web' },
    });
    const p = t.ok(t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 5 } }, merge));
    expect(p.spec.replicas).toBe(5);
    const after = t.ok(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web'));
    expect(after.spec.replicas).toBe(5);
    expect(after.metadata.generation).toBe(2);
    const neg = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', { ...s, spec: { replicas: -1 }, metadata: { ...s.metadata, resourceVersion: undefined } });
    expect(neg.status).toBe(422);
    expect((neg.body as Status).message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/nope/scale').status).toBe(404);
  });
});

describe('binding', () => {
  it('binds once and answers the real conflict after', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p')));
    const res = bind(t, 'p', 'node-1');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const p = t.ok(t.call('GET', '/api/v1/namespaces/default/pods/p'));
    expect(p.spec.nodeName).toBe('node-1');
    expect(p.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-25T09:00:00Z' }]);
    const again = bind(t, 'p', 'node-2');
    expect(again.status).toBe(409);
    expect((again.body as Status).message).toBe('Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"');
  });
});

describe('graceful pod deletion', () => {
  it('unscheduled pods go at once; scheduled ones get deletionTimestamp until the kubelet deletes with grace 0', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('free')));
    const gone = t.call('DELETE', '/api/v1/namespaces/default/pods/free');
    expect(gone.status).toBe(200);
    expect((gone.body as KubeObject).kind).toBe('Pod');
    expect(t.call('GET', '/api/v1/namespaces/default/pods/free').status).toBe(404);

    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p')));
    bind(t, 'p', 'node-1');
    t.clock.advance(10_000);
    const del = t.ok(t.call('DELETE', '/api/v1/namespaces/default/pods/p', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }));
    expect(del.metadata.deletionTimestamp).toBe('2026-11-25T09:00:40Z');
    expect(del.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/p').status).toBe(200);
    const shorter = t.ok(t.call('DELETE', '/api/v1/namespaces/default/pods/p', { gracePeriodSeconds: 5 }));
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(shorter.metadata.deletionTimestamp).toBe('2026-11-25T09:00:15Z');
    const final = t.call('DELETE', '/api/v1/namespaces/default/pods/p', { gracePeriodSeconds: 0 });
    expect(final.status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/p').status).toBe(404);
  });

  it('uses the pod terminationGracePeriodSeconds', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('p'), spec: { terminationGracePeriodSeconds: 3, containers: [{ name: 'c', image: 'x' }] } }));
    bind(t, 'p', 'n');
    expect(t.ok(t.call('DELETE', '/api/v1/namespaces/default/pods/p')).metadata.deletionGracePeriodSeconds).toBe(3);
  });

  it('checks delete preconditions', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    const res = t.call('DELETE', '/api/v1/namespaces/default/configmaps/c', { preconditions: { uid: 'abc' } });
    expect(res.status).toBe(409);
    expect((res.body as Status).message).toMatch(/^Operation cannot be fulfilled on configmaps "c": Precondition failed: UID in precondition: abc, UID in object meta: /);
  });
});

describe('finalizers', () => {
  it('keep an object with deletionTimestamp until the last one is removed', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } }));
    const w = collect(t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { query: { watch: 'true', resourceVersion: String(t.server.store.revision()) } }).stream as ApiStream<WatchEvent>);
    const del = t.call('DELETE', '/api/v1/namespaces/default/configmaps/c');
    expect(del.status).toBe(200);
    const held = t.ok(t.call('GET', '/api/v1/namespaces/default/configmaps/c'));
    expect(held.metadata.deletionTimestamp).toBe('2026-11-25T09:00:00Z');
    const add = t.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { metadata: { finalizers: ['example.com/hold', 'x/y'] } }, merge);
    expect(add.status).toBe(422);
    t.ok(t.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { metadata: { finalizers: null } }, merge));
    expect(t.call('GET', '/api/v1/namespaces/default/configmaps/c').status).toBe(404);
    t.clock.runDue();
    expect(w.events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('Foreground and Orphan add the garbage collector finalizers; plain deletes answer a Success Status', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('fg')));
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('or')));
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('bg')));
    expect(t.ok(t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/fg', { propagationPolicy: 'Foreground' })).metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(t.ok(t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/or', { propagationPolicy: 'Orphan' })).metadata.finalizers).toEqual(['orphan']);
    const bg = t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/bg', { propagationPolicy: 'Background' });
    expect(bg.status).toBe(200);
    const body = bg.body as Status & { details: { uid: string } };
    expect(body.kind).toBe('Status');
    expect(body.status).toBe('Success');
    expect(body.details).toMatchObject({ name: 'bg', group: 'apps', kind: 'deployments' });
    expect(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/bg').status).toBe(404);
  });

  it('namespaces wait for spec.finalizers, emptied through /finalize', () => {
    const t = setup();
    t.ns('dev');
    t.ok(t.call('DELETE', '/api/v1/namespaces/dev'));
    const ns = t.ok(t.call('GET', '/api/v1/namespaces/dev'));
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    const fin = t.call('PUT', '/api/v1/namespaces/dev/finalize', { ...ns, spec: { finalizers: [] } });
    expect(fin.status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/dev').status).toBe(404);
  });
});

describe('eviction', () => {
  it('is refused by an exhausted PodDisruptionBudget with 429, else deletes the pod', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p', { app: 'web' })));
    bind(t, 'p', 'node-1');
    t.ok(t.call('PATCH', '/api/v1/namespaces/default/pods/p/status', { status: { phase: 'Running' } }, merge));
    const pdb = t.ok(t.call('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }));
    t.ok(t.call('PUT', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web/status', { ...pdb, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, observedGeneration: 1 } }));
    const ev = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'default' } };
    const refused = t.call('POST', '/api/v1/namespaces/default/pods/p/eviction', ev);
    expect(refused.status).toBe(429);
    expect((refused.body as Status).reason).toBe('TooManyRequests');
    expect((refused.body as Status).message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect((refused.body as Status).details!.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 1 healthy pods and has 1 currently' }]);
    const cur = t.ok(t.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web'));
    t.ok(t.call('PUT', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web/status', { ...cur, status: { ...cur.status, disruptionsAllowed: 1, currentHealthy: 2 } }));
    const ok = t.call('POST', '/api/v1/namespaces/default/pods/p/eviction', ev);
    expect(ok.status).toBe(201);
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/pods/p')).metadata.deletionTimestamp).toBeDefined();
    expect(t.ok(t.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web')).status.disruptionsAllowed).toBe(0);
  });
});

describe('log, exec, port-forward', () => {
  function fakeConnector(calls: string[]): NodeConnector {
    return {
      containerLogs: (ns, p, o) => (calls.push(`logs ${ns}/${p} ${o.container} tail=${o.tailLines}`), { text: 'hello\n' }),
      exec: (ns, p, o) => {
        calls.push(`exec ${ns}/${p} ${o.container} ${o.command.join(' ')}`);
        return { write() {}, closeStdin() {}, onOutput() {}, onExit() {}, close() {} } as ExecSession;
      },
      portForward: (ns, p, port) => (calls.push(`pf ${ns}/${p} ${port}`), { request: () => 'HTTP/1.1 200 OK\r\n\r\n' }),
    };
  }

  it('check the pod and container, then delegate to the node', () => {
    const t = setup();
    const calls: string[] = [];
    t.server.registerNode('node-1', fakeConnector(calls));
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('two'), spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } }));
    const unbound = t.call('GET', '/api/v1/namespaces/default/pods/two/log');
    expect(unbound.status).toBe(400);
    expect((unbound.body as Status).message).toBe('pod two does not have a host assigned');
    bind(t, 'two', 'node-1');
    const which = t.call('GET', '/api/v1/namespaces/default/pods/two/log');
    expect((which.body as Status).message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    const bad = t.call('GET', '/api/v1/namespaces/default/pods/two/log', undefined, { query: { container: 'zz' } });
    expect((bad.body as Status).message).toBe('container zz is not valid for pod two');
    const log = t.call('GET', '/api/v1/namespaces/default/pods/two/log', undefined, { query: { container: 'b', tailLines: '5' } });
    expect(log.status).toBe(200);
    expect(log.body).toBe('hello\n');
    const ex = t.call('POST', '/api/v1/namespaces/default/pods/two/exec', undefined, { query: { container: 'a', command: '["sh","-c","ls"]', stdout: 'true' } });
    expect(ex.status).toBe(101);
    expect(ex.exec).toBeDefined();
    const pf = t.call('POST', '/api/v1/namespaces/default/pods/two/portforward');
    expect(pf.status).toBe(101);
    pf.portForward!(8080);
    expect(calls).toEqual(['logs default/two b tail=5', 'exec default/two a sh -c ls', 'pf default/two 8080']);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/nope/log').status).toBe(404);
  });
});

describe('ephemeral containers', () => {
  it('adds debug containers through the subresource and refuses changing existing ones', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p')));
    const smp = { headers: { 'content-type': 'application/strategic-merge-patch+json' } };
    const res = t.call('PATCH', '/api/v1/namespaces/default/pods/p/ephemeralcontainers', { spec: { ephemeralContainers: [{ name: 'debugger-abcde', image: 'busybox', stdin: true, tty: true }] } }, smp);
    expect(res.status).toBe(200);
    expect((res.body as KubeObject).spec.ephemeralContainers.map((c: { name: string }) => c.name)).toEqual(['debugger-abcde']);
    const viaMain = t.call('PATCH', '/api/v1/namespaces/default/pods/p/ephemeralcontainers', { spec: { ephemeralContainers: [{ name: 'debugger-abcde', image: 'alpine' }] } }, smp);
    expect(viaMain.status).toBe(422);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/p/ephemeralcontainers').status).toBe(200);
  });
});

describe('reviews and tokens', () => {
  it('answers access reviews as allowed for the admin and stores nothing', () => {
    const t = setup();
    const rv = t.server.store.revision();
    const res = t.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
    });
    expect(res.status).toBe(201);
    expect((res.body as KubeObject).status).toEqual({ allowed: true });
    const who = t.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect((who.body as KubeObject).status.userInfo).toEqual({ username: 'system:admin', groups: ['system:masters', 'system:authenticated'] });
    expect(t.server.store.revision()).toBe(rv);
  });

  it('issues service account tokens and binds through the bindings collection', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }));
    const tok = t.call('POST', '/api/v1/namespaces/default/serviceaccounts/default/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } });
    expect(tok.status).toBe(201);
    const status = (tok.body as KubeObject).status;
    expect(status.token.split('.')).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(status.token.split('.')[1], 'base64url').toString());
    expect(payload.sub).toBe('system:serviceaccount:default:default');
    expect(status.expirationTimestamp).toBe('2026-11-25T09:10:00Z');
    expect(t.call('POST', '/api/v1/namespaces/default/serviceaccounts/nope/token', {}).status).toBe(404);
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p')));
    const b = t.call('POST', '/api/v1/namespaces/default/bindings', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } });
    expect(b.status).toBe(201);
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/pods/p')).spec.nodeName).toBe('n1');
  });
});
