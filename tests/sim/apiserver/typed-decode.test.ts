// The typed decoder's refusals (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json): a value of the wrong
// JSON type for its Go field, or a quantity resource.ParseQuantity refuses, answers 400 before anything else
// looks at the body, and before the strict decoder's unknown fields.
import { describe, expect, it } from 'vitest';
import { setup, deployment, pod } from './helpers';
import type { Status } from '../../../src/sim/apiserver/types';

const strict = { query: { fieldValidation: 'Strict' } };

describe('typed decoding of a client body', () => {
  it('refuses a string for an int32 and names the innermost Go struct', () => {
    const t = setup();
    const d = deployment('web') as Record<string, any>;
    d.spec.replicas = '3';
    d.spec.foo = 1;
    const r = t.call('POST', '/apis/apps/v1/namespaces/default/deployments', d, strict);
    expect(r.status).toBe(400);
    expect((r.body as Status).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('refuses an unparsable quantity on create and on update, also from a wire body', () => {
    const t = setup();
    const p = pod('p', {}, {}) as Record<string, any>;
    p.spec.containers[0].resources = { requests: { memory: '128mb' } };
    const quantity = "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    const created = t.call('POST', '/api/v1/namespaces/default/pods', JSON.stringify(p));
    expect(created.status).toBe(400);
    expect((created.body as Status).message).toBe(quantity);
    t.ok(t.call('POST', '/api/v1/namespaces/default/pods', pod('q'), strict));
    const q = pod('q') as Record<string, any>;
    q.spec.containers[0].resources = { limits: { cpu: '1.5.5' } };
    const updated = t.call('PUT', '/api/v1/namespaces/default/pods/q', q, strict);
    expect((updated.body as Status).message).toBe(quantity);
    expect(updated.status).toBe(400);
    expect((updated.body as Status).message).toBe(quantity);
    p.spec.containers[0].resources.requests.memory = '128Mi';
    expect(t.call('POST', '/api/v1/namespaces/default/pods', p, strict).status).toBe(201);
  });
});
