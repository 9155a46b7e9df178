// The real kubectl renders `explain` from our OpenAPI v3 documents: a tiny HTTP server here serves discovery
// and /openapi/v3 built by openApiV3(), and `kubectl explain` must find kinds, fields, enums and descriptions.
// Skipped (with the reason printed) where no kubectl binary is on the PATH.
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchemaDocs, openApiV3, openApiV3Index } from '../../../src/sim/apiserver/schema';

const run = promisify(execFile);

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
const available = hasKubectl();
if (!available) console.log('explain-oracle: skipped, no kubectl binary on the PATH');

describe.skipIf(!available)('kubectl explain over our OpenAPI v3 documents', () => {
  let server: http.Server;
  let url = '';
  beforeAll(async () => {
    await loadSchemaDocs();
    const docs: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
      '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] },
      '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get'], shortNames: ['po'] }] },
      '/apis/apps/v1': { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get'], shortNames: ['deploy'] }] },
      '/openapi/v3': openApiV3Index(['v1', 'apps/v1']),
      '/openapi/v3/api/v1': openApiV3('v1', [{ resource: 'pods', kind: 'Pod', namespaced: true }]),
      '/openapi/v3/apis/apps/v1': openApiV3('apps/v1', [{ resource: 'deployments', kind: 'Deployment', namespaced: true }]),
    };
    server = http.createServer((req, res) => {
      const body = docs[new URL(req.url ?? '/', 'http://x').pathname];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const explain = async (what: string) => (await run('kubectl', ['--server', url, 'explain', what], { timeout: 30_000 })).stdout;

  it('explains a kind with its fields', async () => {
    const out = await explain('deployment');
    expect(out.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n    Deployment enables declarative updates for Pods and ReplicaSets.\n')).toBe(true);
    expect(out).toContain('  spec\t<DeploymentSpec>\n    Specification of the desired behavior of the Deployment.');
  });
  it('explains nested fields, enums and required markers', async () => {
    const out = await explain('deployment.spec.strategy.type');
    expect(out).toContain('FIELD: type <string>\nENUM:\n    Recreate\n    RollingUpdate\n');
    expect(out).toContain('Possible enum values:');
    const containers = await explain('pods.spec.containers');
    expect(containers).toContain('FIELD: containers <[]Container>');
    expect(containers).toContain('  name\t<string> -required-');
    const limits = await explain('pods.spec.containers.resources.limits');
    expect(limits).toContain('FIELD: limits <map[string]Quantity>');
    expect(await explain('deployment.spec.strategy.rollingUpdate')).toContain('  maxSurge\t<IntOrString>');
    expect(await explain('pods.metadata')).toContain('  creationTimestamp\t<string>');
  });
});
