import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'helmcharts.helm.cattle.io' },
  spec: {
    group: 'helm.cattle.io',
    names: { kind: 'HelmChart', plural: 'helmcharts', singular: 'helmchart', listKind: 'HelmChartList' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};
const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

describe('CustomResourceDefinitions', () => {
  it('establish a CRD and serve its resources until it is deleted', () => {
    const t = setup();
    const c = t.ok(t.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd));
    expect(c.status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual(['NamesAccepted=True', 'Established=True']);
    expect(c.status.acceptedNames.listKind).toBe('HelmChartList');
    const disc = t.call('GET', '/apis', undefined, { headers: { accept: V2 } }).body as { items: { metadata: { name: string }; versions: { resources: { resource: string; scope: string }[] }[] }[] };
    const g = disc.items.find((i) => i.metadata.name === 'helm.cattle.io')!;
    expect(g.versions[0].resources[0]).toMatchObject({ resource: 'helmcharts', scope: 'Namespaced' });
    const hc = t.call('POST', '/apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts', { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'traefik' }, spec: { chart: 'traefik' }, status: { x: 1 } });
    expect(hc.status).toBe(201);
    const o = hc.body as KubeObject;
    expect(o.metadata.generation).toBe(1);
    expect(o.status).toBeUndefined();
    expect((t.call('GET', '/apis/helm.cattle.io/v1/helmcharts').body as { kind: string; items: KubeObject[] }).kind).toBe('HelmChartList');
    t.ok(t.call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/helmcharts.helm.cattle.io'));
    expect(t.call('GET', '/apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/traefik').status).toBe(404);
    expect(t.server.store.count('helm.cattle.io/helmcharts')).toBe(0);
  });

  it('survive snapshot and restore', () => {
    const t = setup();
    t.ok(t.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd));
    const snap = t.server.snapshot();
    const u = setup();
    u.server.restore(JSON.parse(JSON.stringify(snap)));
    expect(u.call('GET', '/apis/helm.cattle.io/v1/helmcharts').status).toBe(200);
  });
});
