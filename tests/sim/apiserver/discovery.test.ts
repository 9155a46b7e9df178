import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { K3S_VERSION } from '../../../src/sim/apiserver/version';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2B1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

type Agg = { kind: string; apiVersion: string; items: { metadata: { name?: string }; versions: { version: string; freshness: string; resources: Record<string, unknown>[] }[] }[] };

describe('discovery', () => {
  it('serves /version as k3s', () => {
    const t = setup();
    const v = t.call('GET', '/version').body as Record<string, string>;
    expect(v.gitVersion).toBe(K3S_VERSION);
    expect(v.major).toBe('1');
    expect(v.minor).toBe('31');
    expect(t.call('GET', '/healthz').body).toBe('ok');
    expect(t.call('GET', '/readyz').status).toBe(200);
  });

  it('answers aggregated v2 and v2beta1 with the negotiated Content-Type', () => {
    const t = setup();
    const kubectl131 = `${V2},${V2B1},application/json`;
    const r = t.call('GET', '/apis', undefined, { headers: { accept: kubectl131 } });
    expect(r.headers['content-type']).toBe(V2);
    const agg = r.body as Agg;
    expect(agg.kind).toBe('APIGroupDiscoveryList');
    expect(agg.apiVersion).toBe('apidiscovery.k8s.io/v2');
    const apps = agg.items.find((i) => i.metadata.name === 'apps')!;
    const deploy = apps.versions[0].resources.find((x) => x.resource === 'deployments')!;
    expect(deploy).toEqual({
      resource: 'deployments',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(apps.versions[0].freshness).toBe('Current');
    // kubectl 1.27–1.29 ask only for v2beta1
    const old = t.call('GET', '/api', undefined, { headers: { accept: `${V2B1},application/json` } });
    expect(old.headers['content-type']).toBe(V2B1);
    const core = old.body as Agg;
    expect(core.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata.name).toBeUndefined();
    const pods = core.items[0].versions[0].resources.find((x) => x.resource === 'pods')!;
    expect(pods.shortNames).toEqual(['po']);
    expect((pods.subresources as { subresource: string }[]).map((s) => s.subresource)).toEqual(
      expect.arrayContaining(['binding', 'eviction', 'exec', 'log', 'portforward', 'status']),
    );
  });

  it('falls back to the legacy documents for a plain JSON Accept', () => {
    const t = setup();
    const api = t.call('GET', '/api', undefined, { headers: { accept: 'application/json' } }).body as { kind: string; versions: string[] };
    expect(api.kind).toBe('APIVersions');
    expect(api.versions).toEqual(['v1']);
    const apis = t.call('GET', '/apis').body as { kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] };
    expect(apis.kind).toBe('APIGroupList');
    expect(apis.groups.find((g) => g.name === 'apps')!.preferredVersion.groupVersion).toBe('apps/v1');
    expect(apis.groups.some((g) => g.name === '')).toBe(false);
    const v1 = t.call('GET', '/api/v1').body as { kind: string; groupVersion: string; resources: Record<string, unknown>[] };
    expect(v1.kind).toBe('APIResourceList');
    expect(v1.groupVersion).toBe('v1');
    expect(v1.resources.find((r) => r.name === 'pods')).toMatchObject({ singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] });
    expect(v1.resources.find((r) => r.name === 'pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    const apps = t.call('GET', '/apis/apps/v1').body as { groupVersion: string; resources: Record<string, unknown>[] };
    expect(apps.groupVersion).toBe('apps/v1');
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(t.call('GET', '/apis/apps').body).toMatchObject({ kind: 'APIGroup', name: 'apps' });
    expect(t.call('GET', '/apis/nope/v1').status).toBe(404);
  });

  it('serves OpenAPI v3 with a patch operation that lists fieldValidation', () => {
    const t = setup();
    const idx = t.call('GET', '/openapi/v3').body as { paths: Record<string, { serverRelativeURL: string }> };
    expect(idx.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    const doc = t.call('GET', '/openapi/v3/apis/apps/v1').body as { paths: Record<string, { patch?: { parameters?: { name: string }[] } }> };
    const item = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item.patch!.parameters!.map((p) => p.name)).toContain('fieldValidation');
  });
});

describe('componentstatuses', () => {
  it('computes the k3s control-plane components with the deprecation warning', () => {
    const t = setup();
    const res = t.call('GET', '/api/v1/componentstatuses');
    expect(res.status).toBe(200);
    expect(res.headers.warning).toBe('299 - "v1 ComponentStatus is deprecated in v1.19+"');
    const list = res.body as { kind: string; items: { metadata: { name: string }; conditions: unknown[] }[] };
    expect(list.kind).toBe('ComponentStatusList');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['scheduler', 'controller-manager']);
    expect(list.items[0].conditions).toEqual([{ type: 'Healthy', status: 'True', message: 'ok' }]);
    expect(t.call('GET', '/api/v1/componentstatuses/scheduler').status).toBe(200);
    expect(t.call('GET', '/api/v1/componentstatuses/etcd-0').status).toBe(404);
    expect(t.call('POST', '/api/v1/componentstatuses', { metadata: { name: 'x' } }).status).toBe(405);
  });
});
