// The compact schema text (data/types.json) that ships with the terminal: round trip, and facts read back from it.
import { describe, expect, test } from 'vitest';
import { decodeSchema, encodeSchema, goTypeOf } from '../../../src/sim/apiserver/schema/encoding';
import { definition, definitionFor, mergeKeyFor } from '../../../src/sim/apiserver/schema';
import type { DefinitionSchema } from '../../../src/sim/apiserver/schema';

describe('compact schema encoding', () => {
  test('encodes and decodes every part of a field, leaving out derivable Go types', () => {
    const types: Record<string, DefinitionSchema> = {
      'io.k8s.api.apps.v1.DeploymentSpec': {
        f: {
          replicas: { t: 'integer', g: 'int32' },
          revisionHistoryLimit: { t: 'integer', g: 'int64' },
          selector: { t: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', r: 1 },
        },
      },
      'io.k8s.api.core.v1.PodSpec': {
        f: {
          containers: { t: '[]io.k8s.api.core.v1.Container', r: 1, ps: 'merge', pk: 'name', lt: 'map', lk: ['name'], g: '[]v1.Container' },
          volumes: { t: '[]io.k8s.api.core.v1.Volume', ps: 'merge,retainKeys', pk: 'name' },
          nodeSelector: { t: '{}string', g: 'map[string]string' },
          overhead: { t: '{}Quantity', g: 'v1.ResourceList' },
          x: { t: 'object', g: 'interface {}' },
        },
      },
      'io.k8s.api.apps.v1.Deployment': { k: ['apps', 'v1', 'Deployment'], f: { spec: { t: 'io.k8s.api.apps.v1.DeploymentSpec' } } },
      'io.k8s.api.core.v1.Pod': { k: ['', 'v1', 'Pod'], f: { kind: { t: 'string' } } },
    };
    const text = encodeSchema(types);
    expect(text).toContain(' replicas integer\n');
    expect(text).toContain(' revisionHistoryLimit integer|int64\n');
    expect(text).toContain('io.k8s.api.core.v1.Pod /v1/Pod\n');
    const back = decodeSchema(text);
    expect(back.kinds).toEqual({ 'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment', '/v1/Pod': 'io.k8s.api.core.v1.Pod' });
    for (const [name, def] of Object.entries(types)) {
      expect(back.types[name].k).toEqual(def.k);
      for (const [field, f] of Object.entries(def.f)) {
        const { g, ...rest } = f;
        const { g: g2, ...rest2 } = back.types[name].f[field];
        expect(rest2, `${name}.${field}`).toEqual(rest);
        expect(g2 ?? goTypeOf(f.t)).toBe(g ?? goTypeOf(f.t));
      }
    }
  });

  test('the shipped schema reads back the upstream facts', () => {
    expect(definitionFor('apps', 'v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionFor('', 'v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(mergeKeyFor('apps', 'v1', 'Deployment', ['spec', 'template', 'spec', 'containers'])).toEqual({ patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
    const spec = definition('io.k8s.api.apps.v1.DeploymentSpec')!;
    expect(spec.f.selector.r).toBe(1);
    expect(spec.f.replicas.t).toBe('integer');
    expect(spec.f.replicas.g ?? goTypeOf(spec.f.replicas.t)).toBe('int32');
  });
});
