import { describe, expect, it } from 'vitest';
import type { ApiHandler, KubeObject } from '../../../src/sim/apiserver/types';
import { R } from '../../../src/sim/client/resources';
import { HPAS } from '../../../src/sim/controllers/hpa';
import { deployment, harness } from './helpers/harness';

const hpa = (min = 1, max = 5, target = 50): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: min,
    maxReplicas: max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }],
  },
});

const withRequests = () => {
  const d = deployment('web', 1);
  d.spec.template.spec.containers[0].resources = { requests: { cpu: '100m' } };
  return d;
};

/** A metrics.k8s.io in front of the API server whose pod usage the test sets (millicores per pod). */
function metricsAPI(usage: { milli: number }) {
  return (inner: ApiHandler): ApiHandler & { all?: unknown } => ({
    handle(req) {
      if (!req.path.startsWith('/apis/metrics.k8s.io/')) return inner.handle(req);
      const pods = (inner.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body as { items: KubeObject[] }).items;
      const items = pods
        .filter((p) => p.status?.phase === 'Running')
        .map((p) => ({ metadata: { name: p.metadata.name, namespace: 'default' }, timestamp: '2026-11-25T09:00:00Z', window: '15s', containers: [{ name: 'nginx', usage: { cpu: `${usage.milli}m`, memory: '4Mi' } }] }));
      return { status: 200, headers: {}, body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items } };
    },
  });
}

describe('horizontal pod autoscaler', () => {
  it('without a metrics API reports <unknown> with the real conditions and events', () => {
    const h = harness();
    h.client.create(R.deployments, 'default', withRequests());
    h.client.create(HPAS, 'default', hpa());
    h.run(20_000);
    const s = h.client.get(HPAS, 'default', 'web').status;
    expect(s.currentMetrics).toEqual([{ type: '' }]);
    expect(s.currentReplicas).toBe(1);
    const active = s.conditions.find((c: { type: string }) => c.type === 'ScalingActive');
    expect(active).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    });
    expect(h.events('FailedGetResourceMetric')[0]).toBe(
      'FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    );
  });

  it('scales up on load within the scale-up limit and back down after the 5 minute window', () => {
    const usage = { milli: 5 };
    const h = harness({ wrap: metricsAPI(usage) });
    h.client.create(R.deployments, 'default', withRequests());
    h.client.create(HPAS, 'default', hpa(1, 10, 50));
    h.run(20_000);
    let s = h.client.get(HPAS, 'default', 'web').status;
    expect(s.currentMetrics[0].resource.current).toEqual({ averageUtilization: 5, averageValue: '5m' });
    expect(s.desiredReplicas).toBe(1);
    usage.milli = 400; // 400 % of the request: wants 8, limited to max(1+4, 2×1) = 5 in one step
    h.run(16_000);
    expect(h.client.get(R.deployments, 'default', 'web').spec.replicas).toBe(5);
    expect(h.events('SuccessfulRescale')[0]).toBe('SuccessfulRescale New size: 5; reason: cpu resource utilization (percentage of request) above target');
    h.run(30_000);
    expect(h.client.get(R.deployments, 'default', 'web').spec.replicas).toBe(10);
    usage.milli = 10;
    h.run(120_000);
    // still within the stabilization window
    expect(h.client.get(R.deployments, 'default', 'web').spec.replicas).toBe(10);
    h.run(300_000);
    expect(h.client.get(R.deployments, 'default', 'web').spec.replicas).toBe(2);
    expect(h.events('SuccessfulRescale').at(-1)).toBe('SuccessfulRescale New size: 2; reason: All metrics below target');
    s = h.client.get(HPAS, 'default', 'web').status;
    expect(s.conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`)).toEqual(['AbleToScale/ReadyForNewScale', 'ScalingActive/ValidMetricFound', 'ScalingLimited/DesiredWithinRange']);
  });
});
