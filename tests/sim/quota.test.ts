/**
 * ResourceQuota: the quantity arithmetic, the admission plugin's checks and texts
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go, pkg/quota/v1/evaluator/core/pods.go)
 * and the resourcequota controller's status (pkg/controller/resourcequota) inside a whole cluster.
 */
import { describe, expect, it } from 'vitest';
import { add, canonical, parseQuantity } from '../../src/sim/apiserver/admission/resourcequota-quantity';
import { ApiClient, ApiError } from '../../src/sim/client/client';
import { gvr, R } from '../../src/sim/client/resources';
import { createWorld } from '../../src/sim/world';
import { setup } from './apiserver/helpers';
import type { KubeObject, Status } from '../../src/sim/apiserver/types';

const QUOTAS = gvr('', 'v1', 'resourcequotas');
const pod = (name: string, resources?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...extra },
  spec: { containers: [{ name: 'app', image: 'nginx', ...(resources ? { resources } : {}) }] },
});

describe('resource.Quantity as quota uses it', () => {
  it('prints the canonical forms', () => {
    expect(canonical('1000m')).toBe('1');
    expect(canonical('0.5')).toBe('500m');
    expect(canonical('1500m')).toBe('1500m');
    expect(canonical('1000')).toBe('1k');
    expect(canonical('1.5Gi')).toBe('1536Mi');
    expect(canonical('1024Mi')).toBe('1Gi');
    expect(canonical('512')).toBe('512');
    expect(canonical('0')).toBe('0');
  });
  it('adds keeping the left format, unless the left is zero', () => {
    const sum = add(parseQuantity('64Mi')!, parseQuantity('128Mi')!);
    expect(canonical(`${sum.milli / 1000}`)).toBe('201326592');
    expect(add(parseQuantity('0')!, parseQuantity('64Mi')!).format).toBe('BinarySI');
    expect(add(parseQuantity('1')!, parseQuantity('64Mi')!).format).toBe('DecimalSI');
  });
});

describe('ResourceQuota admission', () => {
  const withStatus = (t: ReturnType<typeof setup>, hard: Record<string, string>, used: Record<string, string>, name = 'q') => {
    t.ok(t.call('POST', '/api/v1/namespaces/default/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } }));
    const q = t.ok(t.call('GET', `/api/v1/namespaces/default/resourcequotas/${name}`));
    q.status = { hard, used };
    t.ok(t.call('PUT', `/api/v1/namespaces/default/resourcequotas/${name}/status`, q));
  };
  const status = (res: { body?: unknown }) => res.body as Status;

  it('requires requests and limits a quota tracks, per container', () => {
    const t = setup();
    withStatus(t, { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '5' }, { 'requests.cpu': '0', 'limits.memory': '0', pods: '0' });
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    expect(res.status).toBe(403);
    expect(status(res).reason).toBe('Forbidden');
    expect(status(res).message).toBe('pods "a" is forbidden: failed quota: q: must specify limits.memory for: app; requests.cpu for: app');
  });

  it('refuses what would exceed hard, naming only the exceeded resources', () => {
    const t = setup();
    withStatus(t, { 'requests.cpu': '1', pods: '5' }, { 'requests.cpu': '800m', pods: '1' });
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('b', { requests: { cpu: '300m' } }));
    expect(res.status).toBe(403);
    expect(status(res).message).toBe('pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=300m, used: requests.cpu=800m, limited: requests.cpu=1');
  });

  it('charges the quota on an admitted create, but not on a dry run', () => {
    const t = setup();
    withStatus(t, { 'requests.memory': '1Gi', pods: '5' }, { 'requests.memory': '0', pods: '1' });
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('c', { requests: { memory: '64Mi' } }), { query: { dryRun: 'All' } }));
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/resourcequotas/q')).status.used).toEqual({ 'requests.memory': '0', pods: '1' });
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('c', { requests: { memory: '64Mi' } })));
    expect(t.ok(t.call('GET', '/api/v1/namespaces/default/resourcequotas/q')).status.used).toEqual({ 'requests.memory': '64Mi', pods: '2' });
  });

  it('counts objects by count/<resource>.<group> and refuses once used reaches hard', () => {
    const t = setup();
    withStatus(t, { configmaps: '1' }, { configmaps: '1' });
    const res = t.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(status(res).message).toBe('configmaps "x" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1');
  });

  it('waits for the controller when the quota has no usage yet', () => {
    const t = setup();
    withStatus(t, { pods: '2' }, {});
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('d'));
    expect(status(res).message).toBe('pods "d" is forbidden: status unknown for quota: q, resources: pods');
  });

  it('names a generated pod by its generateName, as the request did', () => {
    const t = setup();
    withStatus(t, { pods: '0' }, { pods: '0' });
    const res = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'web-7d8f6c9b54-' } });
    expect(status(res).message).toBe('pods "web-7d8f6c9b54-" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0');
  });
});

describe('resourcequota controller', () => {
  it('fills status.hard and status.used, and gives usage back when objects go', () => {
    const world = createWorld({ seed: 3 });
    const c = new ApiClient(world.cluster()!.apiserver, 'test');
    c.create(R.pods, 'default', pod('p1', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m' } }) as KubeObject);
    c.create(QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '4', 'requests.cpu': '1000m', 'requests.memory': '1Gi', 'limits.cpu': '2', services: '3', 'count/deployments.apps': '2' } } });
    world.clock.advance(1000);
    let q = c.get(QUOTAS, 'default', 'q');
    expect(q.status.hard).toEqual({ 'count/deployments.apps': '2', 'limits.cpu': '2', pods: '4', 'requests.cpu': '1', 'requests.memory': '1Gi', services: '3' });
    // the default namespace's kubernetes Service counts
    expect(q.status.used).toEqual({ 'count/deployments.apps': '0', 'limits.cpu': '500m', pods: '1', 'requests.cpu': '250m', 'requests.memory': '64Mi', services: '1' });

    c.delete(R.pods, 'default', 'p1', { gracePeriodSeconds: 0 });
    world.clock.advance(5000);
    q = c.get(QUOTAS, 'default', 'q');
    expect(q.status.used).toMatchObject({ pods: '0', 'requests.cpu': '0', 'requests.memory': '0', 'limits.cpu': '0' });

    // a refused pod of a ReplicaSet is named by its generateName in the FailedCreate event
    c.create(R.deployments, 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } });
    world.clock.advance(5000);
    const events = c.list(R.events, 'default').items.filter((e) => e.reason === 'FailedCreate');
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]+-" is forbidden: failed quota: q: must specify limits\.cpu for: nginx; requests\.cpu for: nginx; requests\.memory for: nginx$/);
    expect(c.get(QUOTAS, 'default', 'q').status.used['count/deployments.apps']).toBe('1');
    expect(() => c.create(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free' } })).not.toThrow(ApiError);
  });
});

describe('ResourceQuota admission on updates', () => {
  it('charges a service turned NodePort for its node ports', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'services.nodeports': '1' } } }));
    const q = t.ok(t.call('GET', '/api/v1/namespaces/default/resourcequotas/q'));
    q.status = { hard: { 'services.nodeports': '1' }, used: { 'services.nodeports': '0' } };
    t.ok(t.call('PUT', '/api/v1/namespaces/default/resourcequotas/q/status', q));
    const svc = t.ok(t.call('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] } }));
    svc.spec.type = 'NodePort';
    const res = t.call('PUT', '/api/v1/namespaces/default/services/s', svc);
    expect(res.status).toBe(403);
    expect((res.body as Status).message).toBe('services "s" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1');
  });
});
