import { describe, expect, it } from 'vitest';
import { deployment, pod, setup } from './helpers';
import type { KubeObject, Status } from '../../../src/sim/apiserver/types';

describe('create and get', () => {
  it('stores a pod with server metadata and answers 201', () => {
    const t = setup();
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('web'));
    expect(res.status).toBe(201);
    const o = res.body as KubeObject;
    expect(o.apiVersion).toBe('v1');
    expect(o.kind).toBe('Pod');
    expect(o.metadata.namespace).toBe('default');
    expect(o.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.metadata.creationTimestamp).toBe('2026-11-25T09:00:00Z');
    expect(Number(o.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(o.metadata.generation).toBeUndefined();
    expect(o.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const got = t.call('GET', '/api/v1/namespaces/default/pods/web');
    expect(got.status).toBe(200);
    expect(got.body).toEqual(o);
  });

  it('answers NotFound with the real message and details', () => {
    const t = setup();
    expect(t.call('GET', '/api/v1/namespaces/default/pods/nope').body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const d = t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web').body as Status;
    expect(d.message).toBe('deployments.apps "web" not found');
    expect(d.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('refuses a second object of the same name with AlreadyExists', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    const res = t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'));
    expect(res.status).toBe(409);
    expect((res.body as Status).reason).toBe('AlreadyExists');
    expect((res.body as Status).message).toBe('deployments.apps "web" already exists');
  });

  it('generates names from generateName with 5 characters of the k8s alphabet', () => {
    const t = setup();
    const o = t.ok(t.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'web-' } }));
    expect(o.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const bad = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: {} });
    expect(bad.status).toBe(422);
    expect((bad.body as Status).message).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('takes the namespace from the path and refuses a different one in the body', () => {
    const t = setup();
    const res = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod('x'), metadata: { name: 'x', namespace: 'kube-system' } });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe('the namespace of the provided object does not match the namespace sent on the request');
  });

  it('refuses content in a missing namespace and in a terminating one', () => {
    const t = setup();
    const missing = t.call('POST', '/api/v1/namespaces/nope/pods', pod('x'));
    expect(missing.status).toBe(404);
    expect((missing.body as Status).message).toBe('namespaces "nope" not found');
    t.ns('dev');
    const del = t.call('DELETE', '/api/v1/namespaces/dev');
    expect(del.status).toBe(200);
    expect((del.body as KubeObject).status.phase).toBe('Terminating');
    const res = t.call('POST', '/api/v1/namespaces/dev/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(res.status).toBe(403);
    expect((res.body as Status).message).toBe('configmaps "c" is forbidden: unable to create new content in namespace dev because it is being terminated');
  });

  it('refuses deleting the immortal namespaces', () => {
    const t = setup();
    const res = t.call('DELETE', '/api/v1/namespaces/default');
    expect(res.status).toBe(403);
    expect((res.body as Status).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('checks apiVersion against the path', () => {
    const t = setup();
    const res = t.call('POST', '/apis/apps/v1/namespaces/default/deployments', { ...deployment('x'), apiVersion: 'apps/v1beta1' });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe('the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)');
  });

  it('refuses a body of another kind than the endpoint serves', () => {
    const t = setup();
    const res = t.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe(
      'the object provided is unrecognized (must be of type Namespace): converting (v1.Pod) to (core.Namespace): unknown conversion ({"apiVersion":"v1","kind":"Pod ...)',
    );
  });

  it('answers 404 for unknown paths and 405 for unsupported verbs', () => {
    const t = setup();
    expect(t.call('GET', '/api/v1/namespaces/default/foos').status).toBe(404);
    expect((t.call('GET', '/api/v1/namespaces/default/foos').body as Status).message).toBe('the server could not find the requested resource');
    const res = t.call('DELETE', '/api/v1/namespaces');
    expect(res.status).toBe(405);
    expect((res.body as Status).message).toBe('deletecollection is not supported on resources of kind "namespaces"');
  });

  it('refuses malformed JSON and oversized bodies', () => {
    const t = setup();
    const res = t.call('POST', '/api/v1/namespaces/default/configmaps', '{"kind": ', { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"kind": )',
    );
    const junk = t.call('POST', '/api/v1/namespaces/default/configmaps', 'apiVersion: v1', { headers: { 'content-type': 'application/json' } });
    expect((junk.body as Status).message).toBe(
      "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a207631)",
    );
    const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { x: 'a'.repeat(3 * 1024 * 1024) } };
    const r2 = t.call('POST', '/api/v1/namespaces/default/configmaps', big);
    expect(r2.status).toBe(413);
    expect((r2.body as Status).message).toBe('Request entity too large: limit is 3145728');
  });
});

describe('update', () => {
  it('applies optimistic concurrency with the exact conflict text', () => {
    const t = setup();
    const d = t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    const first = structuredClone(d);
    first.spec.replicas = 2;
    const u1 = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', first);
    expect(u1.status).toBe(200);
    const stale = structuredClone(d);
    stale.spec.replicas = 5;
    const u2 = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', stale);
    expect(u2.status).toBe(409);
    expect((u2.body as Status).reason).toBe('Conflict');
    expect((u2.body as Status).message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('bumps generation on spec changes only, and ignores status on the main resource', () => {
    const t = setup();
    const d = t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    expect(d.metadata.generation).toBe(1);
    const labelled = structuredClone(d);
    labelled.metadata.labels = { tier: 'front' };
    labelled.status = { replicas: 9 };
    const u1 = t.ok(t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', labelled));
    expect(u1.metadata.generation).toBe(1);
    expect(u1.status).toEqual({});
    const scaled = structuredClone(u1);
    scaled.spec.replicas = 3;
    const u2 = t.ok(t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', scaled));
    expect(u2.metadata.generation).toBe(2);
    const st = structuredClone(u2);
    st.status = { observedGeneration: 2, replicas: 3 };
    st.spec.replicas = 7;
    const u3 = t.ok(t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', st));
    expect(u3.status).toEqual({ observedGeneration: 2, replicas: 3 });
    expect(u3.spec.replicas).toBe(3);
    expect(u3.metadata.generation).toBe(2);
  });

  it('does not write an update that changes nothing', () => {
    const t = setup();
    const c = t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }));
    const same = t.ok(t.call('PUT', '/api/v1/namespaces/default/configmaps/c', c));
    expect(same.metadata.resourceVersion).toBe(c.metadata.resourceVersion);
  });

  it('keeps uid and creationTimestamp, and refuses a changed uid', () => {
    const t = setup();
    const c = t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    t.clock.advance(5000);
    const u = t.ok(t.call('PUT', '/api/v1/namespaces/default/configmaps/c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }));
    expect(u.metadata.uid).toBe(c.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe(c.metadata.creationTimestamp);
    const bad = t.call('PUT', '/api/v1/namespaces/default/configmaps/c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'other' } });
    expect(bad.status).toBe(422);
    expect((bad.body as Status).message).toBe('ConfigMap "c" is invalid: metadata.uid: Invalid value: "other": field is immutable');
  });

  it('checks the name against the URL and answers 404 for a missing object', () => {
    const t = setup();
    const res = t.call('PUT', '/api/v1/namespaces/default/configmaps/a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    expect(res.status).toBe(400);
    expect((res.body as Status).message).toBe('the name of the object (b) does not match the name on the URL (a)');
    const missing = t.call('PUT', '/api/v1/namespaces/default/configmaps/a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    expect(missing.status).toBe(404);
  });
});

describe('patch', () => {
  it('merge-patches labels and keeps the rest', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('p', { a: '1' })));
    const res = t.call('PATCH', '/api/v1/namespaces/default/pods/p', { metadata: { labels: { b: '2', a: null } } }, { headers: { 'content-type': 'application/merge-patch+json' } });
    expect(res.status).toBe(200);
    expect((res.body as KubeObject).metadata.labels).toEqual({ b: '2' });
    expect((res.body as KubeObject).spec.containers[0].image).toBe('nginx:1.27');
  });

  it('applies JSON patches and reports failed operations', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    const h = { headers: { 'content-type': 'application/json-patch+json' } };
    const res = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', [{ op: 'replace', path: '/spec/replicas', value: 4 }], h);
    expect((res.body as KubeObject).spec.replicas).toBe(4);
    expect((res.body as KubeObject).metadata.generation).toBe(2);
    const bad = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', [{ op: 'remove', path: '/spec/nope' }], h);
    expect(bad.status).toBe(400);
  });

  it('creates on apply when missing, and refuses unknown patch types', () => {
    const t = setup();
    const res = t.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } }, {
      headers: { 'content-type': 'application/apply-patch+yaml' },
      query: { fieldManager: 'kubectl' },
    });
    expect(res.status).toBe(201);
    const merge = t.call('PATCH', '/api/v1/namespaces/default/configmaps/zz', { data: {} }, { headers: { 'content-type': 'application/merge-patch+json' } });
    expect(merge.status).toBe(404);
    const bad = t.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { data: {} }, { headers: { 'content-type': 'text/plain' } });
    expect(bad.status).toBe(415);
    expect((bad.body as Status).reason).toBe('UnsupportedMediaType');
  });
});

describe('dry run', () => {
  it('validates and returns the result without storing it', () => {
    const t = setup();
    const rv = t.server.store.revision();
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('dry'), { query: { dryRun: 'All' } });
    expect(res.status).toBe(201);
    expect((res.body as KubeObject).metadata.uid).toBeDefined();
    expect(t.call('GET', '/api/v1/namespaces/default/pods/dry').status).toBe(404);
    expect(t.server.store.revision()).toBe(rv);
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('real')));
    const del = t.call('DELETE', '/api/v1/namespaces/default/pods/real', undefined, { query: { dryRun: 'All' } });
    expect(del.status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/real').status).toBe(200);
  });
});

describe('isolation', () => {
  it('never shares objects with in-process callers', () => {
    const t = setup();
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const created = t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', body));
    body.data.a = 'changed';
    created.data.a = 'changed too';
    const got = t.ok(t.call('GET', '/api/v1/namespaces/default/configmaps/c'));
    expect(got.data).toEqual({ a: '1' });
    expect((body as { metadata: Record<string, unknown> }).metadata.resourceVersion).toBeUndefined();
    got.data.a = 'mutated read';
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/configmaps/c')).data).toEqual({ a: '1' });
  });
});

describe('strategic merge patch and collections', () => {
  it('merges containers by name like kubectl set image', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', { ...deployment('web'), spec: { ...deployment('web').spec, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } } } }));
    const res = t.call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web',
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } },
      { headers: { 'content-type': 'application/strategic-merge-patch+json' }, query: { fieldManager: 'kubectl-set' } },
    );
    expect(res.status).toBe(200);
    const cs = (res.body as KubeObject).spec.template.spec.containers;
    expect(cs.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['web=nginx:1.28', 'side=busybox']);
    expect((res.body as KubeObject).metadata.generation).toBe(2);
  });

  it('deletes a selected collection and answers with the deleted list', () => {
    const t = setup();
    for (const [n, app] of [['a', 'x'], ['b', 'y'], ['c', 'x']]) t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, labels: { app } } }));
    const res = t.call('DELETE', '/api/v1/namespaces/default/configmaps', undefined, { query: { labelSelector: 'app=x' } });
    expect(res.status).toBe(200);
    const body = res.body as { kind: string; items: KubeObject[] };
    expect(body.kind).toBe('ConfigMapList');
    expect(body.items.map((i) => i.metadata.name)).toEqual(['a', 'c']);
    expect(((t.call('GET', '/api/v1/namespaces/default/configmaps').body as { items: KubeObject[] }).items).map((i) => i.metadata.name)).toEqual(['b']);
  });

  it('answers 406 when no acceptable representation exists, and Tables and metadata on request', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } } }));
    const bad = t.call('GET', '/api/v1/namespaces/default/configmaps/c', undefined, { headers: { accept: 'text/html' } });
    expect(bad.status).toBe(406);
    expect((bad.body as Status).reason).toBe('NotAcceptable');
    const tbl = t.call('GET', '/api/v1/namespaces/default/configmaps/c', undefined, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }).body as {
      kind: string;
      metadata: { resourceVersion: string };
      rows: { cells: unknown[]; object: KubeObject }[];
    };
    expect(tbl.kind).toBe('Table');
    expect(tbl.rows[0].cells[0]).toBe('c');
    expect(tbl.rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(tbl.rows[0].object.metadata.labels).toEqual({ a: 'b' });
    const full = t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }, query: { includeObject: 'Object' } }).body as { rows: { object: KubeObject }[] };
    expect(full.rows[0].object.kind).toBe('ConfigMap');
    const meta = t.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { headers: { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' } }).body as { kind: string; items: KubeObject[] };
    expect(meta.kind).toBe('PartialObjectMetadataList');
    expect(meta.items[0].metadata.name).toBe('c');
  });
});
