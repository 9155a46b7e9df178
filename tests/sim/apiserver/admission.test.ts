import { describe, expect, it } from 'vitest';
import { pod, setup } from './helpers';
import type { KubeObject, Status } from '../../../src/sim/apiserver/types';

const svc = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });

describe('admission', () => {
  it('adds the service account, its token volume and mounts, tolerations and priority to pods', () => {
    const t = setup();
    const p = t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('a'), spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'c', image: 'nginx' }] } }));
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    const vol = p.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected.sources.map((s: Record<string, unknown>) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    expect(vol.projected.defaultMode).toBe(420);
    for (const c of [...p.spec.initContainers, ...p.spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    }
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(p.spec.priority).toBe(0);
  });

  it('skips the token when automount is off and refuses unknown service accounts and priority classes', () => {
    const t = setup();
    const p = t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('a'), spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'nginx' }] } }));
    expect(p.spec.volumes ?? []).toEqual([]);
    const sa = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('b'), spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'nginx' }] } });
    expect(sa.status).toBe(403);
    expect((sa.body as Status).message).toBe('pods "b" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    const pc = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('c'), spec: { priorityClassName: 'gold', containers: [{ name: 'c', image: 'nginx' }] } });
    expect(pc.status).toBe(403);
    expect((pc.body as Status).message).toBe('pods "c" is forbidden: no PriorityClass with name gold was found');
    const crit = t.ok(t.call('POST', '/api/v1/namespaces/kube-system/pods', { ...pod('d'), spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'nginx' }] } }));
    expect(crit.spec.priority).toBe(2000001000);
  });

  it('allocates cluster IPs in 10.43.0.0/16 and refuses taken ones', () => {
    const t = setup();
    const k = t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('kubernetes', { clusterIP: '10.43.0.1' })));
    expect(k.spec.clusterIPs).toEqual(['10.43.0.1']);
    const a = t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('a')));
    expect(a.spec.clusterIP).toMatch(/^10\.43\.(\d+)\.(\d+)$/);
    expect(Number(a.spec.clusterIP.split('.')[2])).toBeGreaterThanOrEqual(1);
    expect(a.spec.ipFamilies).toEqual(['IPv4']);
    expect(a.spec.ipFamilyPolicy).toBe('SingleStack');
    const dup = t.call('POST', '/api/v1/namespaces/default/services', svc('b', { clusterIP: '10.43.0.1' }));
    expect(dup.status).toBe(422);
    expect((dup.body as Status).message).toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.1"}: failed to allocate IP 10.43.0.1: provided IP is already allocated');
    const headless = t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('h', { clusterIP: 'None' })));
    expect(headless.spec.clusterIPs).toEqual(['None']);
    // an update that leaves the IP out keeps it
    const upd = t.ok(t.call('PUT', '/api/v1/namespaces/default/services/a', { ...svc('a'), metadata: { name: 'a', resourceVersion: a.metadata.resourceVersion } }));
    expect(upd.spec.clusterIP).toBe(a.spec.clusterIP);
  });

  it('allocates node ports in 30000-32767 and keeps them across updates', () => {
    const t = setup();
    const s = t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('np', { type: 'NodePort' })));
    const port = s.spec.ports[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    const taken = t.call('POST', '/api/v1/namespaces/default/services', svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] }));
    expect(taken.status).toBe(422);
    expect((taken.body as Status).message).toBe(`Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`);
    const patched = t.ok(t.call('PATCH', '/api/v1/namespaces/default/services/np', { metadata: { labels: { a: 'b' } } }, { headers: { 'content-type': 'application/merge-patch+json' } }));
    expect(patched.spec.ports[0].nodePort).toBe(port);
  });

  it('is deterministic for a given seed', () => {
    const run = () => {
      const t = setup(42);
      const a = t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('a', { type: 'NodePort' })));
      const p = t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'web-' } }));
      return [a.spec.clusterIP, a.spec.ports[0].nodePort, p.metadata.name, p.metadata.uid, p.spec.volumes[0].name];
    };
    expect(run()).toEqual(run());
  });
});

describe('strict field validation', () => {
  const body = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { foo: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };

  it('Strict refuses unknown fields with the strict decoding text', () => {
    const t = setup();
    const res = t.call('POST', '/apis/apps/v1/namespaces/default/deployments', structuredClone(body), { query: { fieldValidation: 'Strict' } });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"');
  });

  it('Warn (the default) accepts and returns a Warning header', () => {
    const t = setup();
    const res = t.call('POST', '/apis/apps/v1/namespaces/default/deployments', structuredClone(body));
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBe('299 - "unknown field \\"spec.foo\\""');
    const ign = t.call('POST', '/apis/apps/v1/namespaces/kube-system/deployments', structuredClone(body), { query: { fieldValidation: 'Ignore' } });
    expect(ign.status).toBe(201);
    expect(ign.headers.warning).toBeUndefined();
  });
});

describe('Invalid status', () => {
  it('carries causes built from field errors; several errors print as [a, b]', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/services', svc('a', { type: 'NodePort', ports: [{ name: 'x', port: 80, nodePort: 30001 }, { name: 'y', port: 81, nodePort: 30002 }] })));
    const res = t.call('POST', '/api/v1/namespaces/default/services', svc('b', { type: 'NodePort', ports: [{ name: 'x', port: 80, nodePort: 30001 }, { name: 'y', port: 81, nodePort: 30002 }] }));
    expect(res.status).toBe(422);
    const s = res.body as Status;
    expect(s.reason).toBe('Invalid');
    expect(s.details).toEqual({
      name: 'b',
      kind: 'Service',
      causes: [
        { reason: 'FieldValueInvalid', message: 'Invalid value: 30001: provided port is already allocated', field: 'spec.ports[0].nodePort' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: 30002: provided port is already allocated', field: 'spec.ports[1].nodePort' },
      ],
    });
    expect(s.message).toBe(
      'Service "b" is invalid: [spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated, spec.ports[1].nodePort: Invalid value: 30002: provided port is already allocated]',
    );
  });
});

void ({} as KubeObject);

describe('unknown fields in patches', () => {
  it('Strict merge and JSON patches fail on the patch field; apply fails to type the patch', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }));
    const strict = { fieldValidation: 'Strict' };
    const mp = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/d', { spec: { foo: 1, replicas: 2 } }, { headers: { 'content-type': 'application/merge-patch+json' }, query: strict });
    expect(mp.status).toBe(422);
    expect((mp.body as Status).message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[foo:1 replicas:2]]": strict decoding error: unknown field "spec.foo"');
    expect((mp.body as Status).details).toEqual({ causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "map[spec:map[foo:1 replicas:2]]": strict decoding error: unknown field "spec.foo"', field: 'patch' }] });
    const warn = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/d', { spec: { foo: 1 } }, { headers: { 'content-type': 'application/merge-patch+json' } });
    expect(warn.status).toBe(200);
    expect(warn.headers.warning).toBe('299 - "unknown field \\"spec.foo\\""');
    const apply = t.call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/d',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx', bogus: true }] } } } },
      { headers: { 'content-type': 'application/apply-patch+yaml' }, query: { fieldManager: 'kubectl', fieldValidation: 'Strict' } },
    );
    expect(apply.status).toBe(500);
    expect((apply.body as Status).reason).toBeUndefined();
    expect((apply.body as Status).message).toBe('failed to create typed patch object (default/d; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="c"].bogus: field not declared in schema');
  });
});

describe('unknown fields are never stored', () => {
  it('drops them under Warn and Ignore, for create and patch', () => {
    const t = setup();
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' }, extra: { x: 1 } };
    const created = t.call('POST', '/api/v1/namespaces/default/configmaps', body);
    expect(created.headers.warning).toBe('299 - "unknown field \\"extra\\""');
    expect((created.body as KubeObject).extra).toBeUndefined();
    const p = t.ok(t.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { other: 1 }, { headers: { 'content-type': 'application/merge-patch+json' }, query: { fieldValidation: 'Ignore' } }));
    expect(p.other).toBeUndefined();
    expect(p.metadata.resourceVersion).toBe((created.body as KubeObject).metadata.resourceVersion);
  });
});
