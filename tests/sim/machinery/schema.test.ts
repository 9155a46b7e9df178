// Field names, merge keys and descriptions come from the generated schema data (kubernetes-models, and the
// patch tags of staging/src/k8s.io/api/core/v1/types.go); paths follow the strict decoder's (sigs.k8s.io/json) form.
import { beforeAll, describe, expect, it } from 'vitest';
import { explainField, findUnknownFields, loadSchemaDocs, mergeKeyFor, openApiV3, openApiV3Index } from '../../../src/sim/apiserver/schema';

describe('findUnknownFields', () => {
  it('reports misspelled fields with their full paths, in document order', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { anything: 'goes' }, nam: 'x' },
      spec: {
        replicas: 2,
        foo: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always', resources: { limits: { cpu: '1' } } }] } },
      },
    };
    expect(findUnknownFields('apps', 'v1', 'Deployment', deploy)).toEqual(['metadata.nam', 'spec.foo', 'spec.template.spec.containers[0].imagePullPolicyy']);
  });
  it('accepts a valid pod and free-form fields', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh'], env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }] } };
    expect(findUnknownFields('', 'v1', 'Pod', pod)).toEqual([]);
  });
});

describe('mergeKeyFor', () => {
  it('knows the strategic merge keys of types.go', () => {
    expect(mergeKeyFor('apps', 'v1', 'Deployment', ['spec', 'template', 'spec', 'containers'])).toEqual({ patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
    expect(mergeKeyFor('', 'v1', 'Pod', ['spec', 'containers', 'ports'])?.patchMergeKey).toBe('containerPort');
    expect(mergeKeyFor('', 'v1', 'Pod', ['spec', 'volumes'])?.patchStrategy).toBe('merge,retainKeys');
    expect(mergeKeyFor('', 'v1', 'Pod', ['spec', 'containers', 'volumeMounts'])?.patchMergeKey).toBe('mountPath');
    expect(mergeKeyFor('', 'v1', 'Pod', ['metadata', 'finalizers'])).toMatchObject({ patchStrategy: 'merge', listType: 'set' });
    expect(mergeKeyFor('', 'v1', 'Service', ['spec', 'ports'])?.listMapKeys).toEqual(['port', 'protocol']);
    expect(mergeKeyFor('', 'v1', 'Pod', ['spec', 'tolerations'])?.patchStrategy).toBe('');
  });
});

describe('explainField', () => {
  beforeAll(async () => {
    await loadSchemaDocs();
  });
  it('describes a kind with its fields', () => {
    const e = explainField('apps', 'v1', 'Deployment', [])!;
    expect(e.description).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(e.fields.map((f) => f.name)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(e.fields.find((f) => f.name === 'spec')?.type).toBe('DeploymentSpec');
  });
  it('walks into lists and reports enums and required fields', () => {
    const e = explainField('', 'v1', 'Pod', ['spec', 'containers'])!;
    expect(e.type).toBe('[]Container');
    expect(e.required).toEqual(['name']);
    expect(e.fields.find((f) => f.name === 'imagePullPolicy')?.enum).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect(explainField('', 'v1', 'Pod', ['spec', 'restartPolicy'])?.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(explainField('', 'v1', 'Pod', ['spec', 'containers', 'resources', 'limits'])?.type).toBe('map[string]Quantity');
    expect(explainField('', 'v1', 'Pod', ['spec', 'nope'])).toBeUndefined();
  });
  it('builds OpenAPI v3 documents kubectl can read', () => {
    expect(openApiV3Index(['v1', 'apps/v1'])).toEqual({ paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=kubelab' }, 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=kubelab' } } });
    const doc = openApiV3('apps/v1', [{ resource: 'deployments', kind: 'Deployment', namespaced: true }]) as { paths: Record<string, { patch: { parameters: { name: string }[] } }>; components: { schemas: Record<string, { 'x-kubernetes-group-version-kind'?: unknown; properties?: Record<string, Record<string, unknown>> }> } };
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.components.schemas['io.k8s.api.core.v1.PodSpec'].properties!.containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch.parameters.map((p) => p.name)).toContain('fieldValidation');
  });
});

describe('findDecodeError (encoding/json texts of the API server decoder)', () => {
  // Forms as encoding/json's UnmarshalTypeError prints them: innermost Go struct, field path without indices.
  it('reports the first wrong-typed value in document order', async () => {
    const { findDecodeError } = await import('../../../src/sim/apiserver/schema');
    expect(findDecodeError('apps', 'v1', 'Deployment', { metadata: { name: 'x' }, spec: { replicas: '3' } })).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(findDecodeError('apps', 'v1', 'Deployment', { metadata: { name: 'x', labels: { version: 1 } }, spec: { replicas: '3' } })).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(findDecodeError('apps', 'v1', 'Deployment', { metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'a', command: 'echo hi' }] } } } })).toBe(
      'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string',
    );
    expect(findDecodeError('', 'v1', 'Pod', { metadata: { name: 'x' }, spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } })).toBe(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    expect(findDecodeError('', 'v1', 'Pod', { metadata: { name: 'x' }, spec: { containers: [{ name: 'a', resources: { limits: { memory: '1gb' } } }] } })).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(findDecodeError('', 'v1', 'Pod', { metadata: { name: 'x' }, spec: { containers: [{ name: 'a', image: 'nginx', resources: { limits: { memory: '128Mi', cpu: 0.5 } } }] } })).toBeUndefined();
  });
});
