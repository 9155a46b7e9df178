/**
 * autoscaling/v1 HorizontalPodAutoscalers served over the autoscaling/v2 storage. Expected shapes follow
 * pkg/apis/autoscaling/v1/conversion.go (v1.31): the cpu utilization target ↔ targetCPUUtilizationPercentage,
 * the rest in autoscaling.alpha.kubernetes.io/* annotations, the default cpu 80 % metric when v1 says nothing.
 */
import { describe, expect, it } from 'vitest';
import { setup } from './apiserver/helpers';
import type { KubeObject } from '../../src/sim/apiserver/types';

const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const v1hpa = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, ...metadata },
  spec: { scaleTargetRef: ref, maxReplicas: 3, ...spec },
});

describe('autoscaling/v1 HorizontalPodAutoscaler', () => {
  it('stores targetCPUUtilizationPercentage as a cpu Utilization metric and defaults minReplicas to 1', () => {
    const t = setup();
    const created = t.ok(t.call('POST', V1, v1hpa('a', { targetCPUUtilizationPercentage: 50 })));
    expect(created.apiVersion).toBe('autoscaling/v1');
    expect(created.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 });
    // v1's status is a struct: its two required counters are always there
    expect(created.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
    expect(created.metadata.annotations).toBeUndefined();
    const v2 = t.ok(t.call('GET', `${V2}/a`));
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    expect(v2.spec.minReplicas).toBe(1);
  });

  it('applies the implicit 80 % cpu target when v1 names no metric', () => {
    const t = setup();
    t.ok(t.call('POST', V1, v1hpa('b', { minReplicas: 2 })));
    const v2 = t.ok(t.call('GET', `${V2}/b`));
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(t.ok(t.call('GET', `${V1}/b`)).spec.targetCPUUtilizationPercentage).toBe(80);
  });

  it('carries what v1 cannot express in the round-trip annotations, and takes them back on write', () => {
    const t = setup();
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'c', annotations: { team: 'blue' } },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] } },
      },
    };
    t.ok(t.call('POST', V2, hpa));
    const stored = t.ok(t.call('GET', `${V2}/c`));
    stored.status = {
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 60 } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-11-25T09:00:00Z', reason: 'ReadyForNewScale', message: 'recommended size matches current size' }],
    };
    t.ok(t.call('PUT', `${V2}/c/status`, stored));

    const v1 = t.ok(t.call('GET', `${V1}/c`));
    expect(v1.spec.targetCPUUtilizationPercentage).toBe(50);
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 60 });
    const ann = v1.metadata.annotations as Record<string, string>;
    expect(ann.team).toBe('blue');
    expect(ann['autoscaling.alpha.kubernetes.io/metrics']).toBe('[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
    expect(ann['autoscaling.alpha.kubernetes.io/current-metrics']).toBe(
      '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":60,"currentAverageValue":"120m"}}]',
    );
    expect(ann['autoscaling.alpha.kubernetes.io/conditions']).toBe(
      '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2026-11-25T09:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"}]',
    );
    // the internal Go type without json tags; scaleUp was defaulted by the v2 defaulting on create
    const behavior = JSON.parse(ann['autoscaling.alpha.kubernetes.io/behavior']);
    expect(Object.keys(behavior)).toEqual(['ScaleUp', 'ScaleDown']);
    expect(behavior.ScaleDown).toEqual({ StabilizationWindowSeconds: 60, SelectPolicy: 'Max', Policies: [{ Type: 'Pods', Value: 1, PeriodSeconds: 30 }] });

    // a v1 client writing the object back loses nothing, and the annotations do not reach storage
    v1.spec.maxReplicas = 6;
    t.ok(t.call('PUT', `${V1}/c`, v1));
    const after = t.ok(t.call('GET', `${V2}/c`));
    expect(after.spec.maxReplicas).toBe(6);
    expect(after.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    ]);
    expect(after.spec.behavior).toEqual(stored.spec.behavior);
    expect(after.metadata.annotations).toEqual({ team: 'blue' });
  });

  it('ignores malformed round-trip annotations and drops them', () => {
    const t = setup();
    t.ok(t.call('POST', V1, v1hpa('d', { targetCPUUtilizationPercentage: 70 }, { annotations: { 'autoscaling.alpha.kubernetes.io/metrics': 'abc', keep: 'x' } })));
    const v2 = t.ok(t.call('GET', `${V2}/d`));
    expect(v2.metadata.annotations).toEqual({ keep: 'x' });
    expect(v2.spec.metrics).toHaveLength(1);
  });

  it('is listed in discovery after the preferred v2, with the same short name and category', () => {
    const t = setup();
    const g = t.ok(t.call('GET', '/apis/autoscaling')) as KubeObject;
    expect(g.versions).toEqual([
      { groupVersion: 'autoscaling/v2', version: 'v2' },
      { groupVersion: 'autoscaling/v1', version: 'v1' },
    ]);
    expect(g.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    const list = t.ok(t.call('GET', '/apis/autoscaling/v1')) as KubeObject;
    expect(list.resources.map((r: { name: string }) => r.name)).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
    expect(list.resources[0].shortNames).toEqual(['hpa']);
    const agg = t.ok(t.call('GET', '/apis', undefined, { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } })) as KubeObject;
    const as = agg.items.find((i: KubeObject) => i.metadata.name === 'autoscaling');
    expect(as.versions.map((v: { version: string }) => v.version)).toEqual(['v2', 'v1']);
    const versions = (t.ok(t.call('GET', '/openapi/v3')) as KubeObject).paths;
    expect(Object.keys(versions)).toContain('apis/autoscaling/v1');
  });

  it('prints the same table row through either version', () => {
    const t = setup();
    t.ok(t.call('POST', V1, v1hpa('e', { targetCPUUtilizationPercentage: 50 })));
    const accept = { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' };
    const a = t.ok(t.call('GET', V1, undefined, { headers: accept })) as KubeObject;
    const b = t.ok(t.call('GET', V2, undefined, { headers: accept })) as KubeObject;
    expect(a.rows[0].cells).toEqual(b.rows[0].cells);
    expect(a.rows[0].cells[2]).toBe('cpu: <unknown>/50%');
  });
});
