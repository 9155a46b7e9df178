/**
 * How kubectl prints API errors it gathered (helpers.go checkErr / MultipleErrors) and which pod `logs TYPE/NAME`
 * reads (podutils.ByLogging). Texts follow kubectl 1.31 as the conformance suite compares them end to end.
 */
import { describe, expect, it } from 'vitest';
import { ContextualStatusError, KubectlError, aggregateText, statusMessage } from '../../src/kubectl/cli/errors';
import { StatusError } from '../../src/kubectl/client/rest';
import { byLogging } from '../../src/kubectl/cmd/podutil';
import type { KubeObject, Status } from '../../src/sim/apiserver/types';

const invalid = (name: string): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  reason: 'Invalid',
  code: 422,
  message: `ConfigMap "${name}" is invalid: metadata.name: Invalid value: "${name}": bad`,
  details: { kind: 'ConfigMap', name, causes: [{ field: 'metadata.name', message: `Invalid value: "${name}": bad` }] },
});
const fromFile = (name: string) => new ContextualStatusError(new StatusError(invalid(name), 422, 'POST', '/api/v1/namespaces/default/configmaps'), 'error when creating "f.yaml": ');

describe('gathered errors', () => {
  it('one Invalid error is rebuilt from its details, without the file prefix', () => {
    expect(aggregateText([fromFile('Bad_1')])).toBe('The ConfigMap "Bad_1" is invalid: metadata.name: Invalid value: "Bad_1": bad\n');
  });

  it('several errors each read as the server said, with the file prefix, and plain ones without "error: "', () => {
    expect(aggregateText([fromFile('A'), fromFile('B'), new KubectlError('something else')])).toBe(
      'Error from server (Invalid): error when creating "f.yaml": ConfigMap "A" is invalid: metadata.name: Invalid value: "A": bad\n' +
        'Error from server (Invalid): error when creating "f.yaml": ConfigMap "B" is invalid: metadata.name: Invalid value: "B": bad\n' +
        'something else\n',
    );
  });

  it('repeated causes are listed once and several are bulleted', () => {
    const st = invalid('x');
    st.details!.causes = [
      { field: 'spec.a', message: 'Required value' },
      { field: 'spec.a', message: 'Required value' },
      { field: 'spec.b', message: 'Required value' },
    ];
    expect(statusMessage(st, 422)).toBe('The ConfigMap "x" is invalid: \n* spec.a: Required value\n* spec.b: Required value');
  });
});

const pod = (name: string, o: { node?: string; phase?: string; readySince?: string; restarts?: number; created?: string }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, creationTimestamp: o.created ?? '2026-11-25T09:00:00Z' },
  spec: { nodeName: o.node ?? 'n1', containers: [{ name: 'c', image: 'i' }] },
  status: {
    phase: o.phase ?? 'Running',
    conditions: o.readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }] : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }],
  },
});
const first = (pods: KubeObject[]) => [...pods].sort(byLogging)[0].metadata.name;

describe('the pod logs reads first', () => {
  it('prefers assigned, running, ready pods', () => {
    expect(first([pod('a', { node: '' }), pod('b', {})])).toBe('b');
    expect(first([pod('a', { phase: 'Pending' }), pod('b', { phase: 'Unknown' })])).toBe('b');
    expect(first([pod('a', {}), pod('b', { readySince: '2026-11-25T09:01:00Z' })])).toBe('b');
  });
  it('then the one ready for longer, then more restarts, then the older', () => {
    expect(first([pod('a', { readySince: '2026-11-25T09:02:00Z' }), pod('b', { readySince: '2026-11-25T09:01:00Z' })])).toBe('b');
    expect(first([pod('a', { restarts: 1 }), pod('b', { restarts: 3 })])).toBe('b');
    expect(first([pod('a', { created: '2026-11-25T09:05:00Z' }), pod('b', { created: '2026-11-25T09:04:00Z' })])).toBe('b');
  });
  it('keeps the list order on ties', () => {
    expect(first([pod('b', {}), pod('a', {})])).toBe('b');
  });
});
