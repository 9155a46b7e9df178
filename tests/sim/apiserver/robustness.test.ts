import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import type { ApiRequest, Status } from '../../../src/sim/apiserver/types';

const segment = fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'default', 'nope', 'pods', 'deployments', 'configmaps', 'x', 'status', 'scale', 'log', 'binding', 'eviction', 'exec', 'finalize', '', '%zz', 'services', 'componentstatuses', 'openapi', 'v3');
const jsonish = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.jsonValue(),
  fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'x'), kind: fc.constantFrom('Pod', 'ConfigMap', 'Deployment', 'Binding'), metadata: fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), namespace: fc.string() })), spec: fc.jsonValue() }),
);

describe('robustness', () => {
  it('answers every request with a status and, on failure, a Status body; never throws', () => {
    const t = setup();
    fc.assert(
      fc.property(
        fc.constantFrom<ApiRequest['method']>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 7 }),
        jsonish,
        fc.dictionary(fc.constantFrom('watch', 'labelSelector', 'fieldSelector', 'resourceVersion', 'dryRun', 'fieldValidation', 'timeoutSeconds', 'container', 'gracePeriodSeconds'), fc.string()),
        fc.constantFrom(undefined, 'application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'text/plain'),
        fc.constantFrom(undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io', 'text/html', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'),
        (method, parts, body, query, ct, accept) => {
          const res = t.server.handle({ method, path: '/' + parts.join('/'), body, query, headers: { 'content-type': ct, accept } });
          expect(typeof res.status).toBe('number');
          if (res.status >= 400) {
            const s = res.body as Status;
            expect(s.kind).toBe('Status');
            expect(s.code).toBe(res.status);
            expect(s.status).toBe('Failure');
            // a 500 means a handler bug reached the catch-all, not a refusal the real server makes
            expect(s.reason, s.message).not.toBe('InternalError');
            expect(typeof s.message).toBe('string');
          }
          res.stream?.close();
          t.clock.runDue();
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
  });
});
