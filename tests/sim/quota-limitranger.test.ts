/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go): container defaults with the
 * kubernetes.io/limit-ranger annotation, and the min/max/ratio refusals with their texts.
 */
import { describe, expect, it } from 'vitest';
import { setup } from './apiserver/helpers';
import type { Status } from '../../src/sim/apiserver/types';

const PODS = '/api/v1/namespaces/default/pods';
const pod = (name: string, resources?: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx', ...(resources ? { resources } : {}) }] },
});
const limitRange = (limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lim' }, spec: { limits } });

describe('LimitRanger admission', () => {
  it('fills container defaults and says so in the annotation', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/limitranges', limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m' } }])));
    const p = t.ok(t.call('POST', PODS, pod('a', { requests: { memory: '128Mi' } })));
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { memory: '128Mi', cpu: '250m' } });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container app; cpu, memory limit for container app');
  });

  it('refuses a container above max or below min', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/limitranges', limitRange([{ type: 'Container', max: { cpu: '1' }, min: { cpu: '100m' } }])));
    const big = t.call('POST', PODS, pod('big', { limits: { cpu: '2' }, requests: { cpu: '200m' } }));
    expect(big.status).toBe(403);
    expect((big.body as Status).message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    const small = t.call('POST', PODS, pod('small', { limits: { cpu: '500m' }, requests: { cpu: '50m' } }));
    expect((small.body as Status).message).toBe('pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
  });

  it('gathers several violations in brackets and checks the limit/request ratio', () => {
    const t = setup();
    t.ok(t.call('POST', '/api/v1/namespaces/default/limitranges', limitRange([{ type: 'Container', max: { cpu: '1', memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } }])));
    const res = t.call('POST', PODS, pod('x', { limits: { cpu: '2', memory: '2Gi' }, requests: { cpu: '500m', memory: '1Gi' } }));
    expect((res.body as Status).message).toBe(
      'pods "x" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000]',
    );
  });
});
