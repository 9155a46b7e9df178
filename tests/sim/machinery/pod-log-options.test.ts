// pods/log options are validated before the pod is looked up, with ValidatePodLogOptions' texts
// (pkg/apis/core/validation/validation.go) wrapped as `PodLogOptions "<pod>" is invalid` by
// pkg/registry/core/pod/rest/log.go.
import { describe, expect, it } from 'vitest';
import { setup } from '../apiserver/helpers';
import { validatePodLogOptions } from '../../../src/sim/apiserver/validation';
import type { Status } from '../../../src/sim/apiserver/types';

describe('PodLogOptions validation', () => {
  it('allows tailLines=0 and refuses sinceSeconds and limitBytes below 1', () => {
    expect(validatePodLogOptions({ tailLines: 0 })).toEqual([]);
    expect(validatePodLogOptions({ tailLines: -1 }).map((e) => e.message)).toEqual(['tailLines: Invalid value: -1: must be greater than or equal to 0']);
    expect(validatePodLogOptions({ sinceSeconds: 0, limitBytes: 0 }).map((e) => e.message)).toEqual([
      'limitBytes: Invalid value: 0: must be greater than 0',
      'sinceSeconds: Invalid value: 0: must be greater than 0',
    ]);
    expect(validatePodLogOptions({ sinceSeconds: 5, sinceTime: '2026-01-01T00:00:00Z' }).map((e) => e.message)).toEqual([
      // field.Error.Error() is "<field>: <body>" even for the empty path
      ': Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    ]);
  });

  it('answers 422 Invalid naming the pod, even when the pod does not exist', () => {
    const t = setup();
    const res = t.call('GET', '/api/v1/namespaces/default/pods/bb/log', undefined, { query: { sinceSeconds: '0' } });
    expect(res.status).toBe(422);
    const s = res.body as Status;
    expect(s.reason).toBe('Invalid');
    expect(s.message).toBe('PodLogOptions "bb" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0');
    expect(s.details).toEqual({ name: 'bb', kind: 'PodLogOptions', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 0: must be greater than 0', field: 'sinceSeconds' }] });
    const bad = t.call('GET', '/api/v1/namespaces/default/pods/bb/log', undefined, { query: { tailLines: 'x' } });
    expect(bad.status).toBe(400);
    expect((bad.body as Status).message).toBe('strconv.ParseInt: parsing "x": invalid syntax');
  });
});
