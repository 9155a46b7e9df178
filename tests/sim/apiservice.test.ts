/**
 * APIService objects: one per served group/version as kube-apiserver registers them, the metrics API's from the k3s
 * manifest, and the server-side table of kube-aggregator's ConvertToTable.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/sim/client/client';
import { gvr } from '../../src/sim/client/resources';
import { createWorld } from '../../src/sim/world';
import { apiServiceCells } from '../../src/sim/apiserver/apiservices';
import type { KubeObject } from '../../src/sim/apiserver/types';

const APISERVICES = gvr('apiregistration.k8s.io', 'v1', 'apiservices');

describe('apiregistration.k8s.io/v1 APIServices', () => {
  const world = createWorld({ seed: 2 });
  const c = new ApiClient(world.cluster()!.apiserver, 'test');

  it('lists the local group/versions and the aggregated metrics API, by name', () => {
    const names = c.list(APISERVICES).items.map((o) => o.metadata.name);
    expect(names[0]).toBe('v1.');
    expect(names).toContain('v1.apps');
    expect(names).toContain('v1.autoscaling');
    expect(names).toContain('v2.autoscaling');
    expect(names).toContain('v1beta1.metrics.k8s.io');
    expect(names).not.toContain('v1.apiregistration.k8s.io');
    expect([...names].sort()).toEqual(names);
  });

  it('describes a local one with the kube-apiserver priorities', () => {
    const core = c.get(APISERVICES, undefined, 'v1.');
    expect(core.spec).toEqual({ version: 'v1', groupPriorityMinimum: 18000, versionPriority: 1 });
    const apps = c.get(APISERVICES, undefined, 'v1.apps');
    expect(apps.metadata.labels).toEqual({ 'kube-aggregator.kubernetes.io/automanaged': 'onstart' });
    expect(apps.spec).toEqual({ group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 });
    expect(apps.status.conditions[0]).toMatchObject({ type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' });
    expect(c.get(APISERVICES, undefined, 'v2.autoscaling').spec.versionPriority).toBe(30);
  });

  it('points the metrics API at metrics-server', () => {
    const m = c.get(APISERVICES, undefined, 'v1beta1.metrics.k8s.io');
    expect(m.spec).toEqual({ service: { namespace: 'kube-system', name: 'metrics-server', port: 443 }, group: 'metrics.k8s.io', version: 'v1beta1', insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100 });
    expect(apiServiceCells(m)).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'True']);
  });

  it('prints Name, Service, Available, Age in the table', () => {
    const res = c.raw({ method: 'GET', path: '/apis/apiregistration.k8s.io/v1/apiservices', headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const t = res.body as KubeObject;
    expect(t.columnDefinitions.map((d: { name: string }) => d.name)).toEqual(['Name', 'Service', 'Available', 'Age']);
    const row = t.rows.find((r: { cells: string[] }) => r.cells[0] === 'v1.apps');
    expect(row.cells.slice(0, 3)).toEqual(['v1.apps', 'Local', 'True']);
  });

  it('shows an unavailable APIService as False with its reason', () => {
    const o = { metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } } as KubeObject;
    expect(apiServiceCells(o)).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)']);
  });
});
