/**
 * apiregistration.k8s.io/v1 APIServices, derived from what the server serves (read-only here, computed on each
 * read like componentstatuses):
 * - one per built-in group/version, `v1.` for the core group, named `<version>.<group>`, with no service (Local),
 *   the label kube-aggregator.kubernetes.io/automanaged=onstart and the priorities kube-apiserver registers them
 *   with (pkg/controlplane/apiserver/aggregator.go apiVersionPriorities and DefaultGenericAPIServicePriorities);
 *   Available True, reason Local, "Local APIServices are always available" (kube-aggregator
 *   pkg/controllers/status/available_controller.go). The aggregator's own group is not among them: it is not a
 *   path of the delegate server (apiServicesToRegister walks the delegate's ListedPaths);
 * - one per CustomResourceDefinition group/version, automanaged=true, priorities 1000/100
 *   (crdregistration_controller.go);
 * - the aggregated ones (metrics-server's v1beta1.metrics.k8s.io from k3s manifests/metrics-server/
 *   metrics-apiservice.yaml: service kube-system/metrics-server port 443, insecureSkipTLSVerify, priorities
 *   100/100), Available True "all checks passed" once the backend answers, False MissingEndpoints before.
 * The server-side table: Name, Service (`Local` or `namespace/name`), Available (`True`, or `False (Reason)`), Age
 * (kube-aggregator pkg/registry/apiservice/rest/storage.go).
 */
import type { AggregatedApi } from './aggregator';
import type { Registry } from './registry';
import type { KubeObject } from './types';

const PRIORITIES: Record<string, [number, number]> = {
  '/v1': [18000, 1],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
  'apps/v1': [17800, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'storage.k8s.io/v1': [16800, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'node.k8s.io/v1': [16300, 15],
};

/** Served by the aggregator itself, not registered as an APIService. */
const SELF = 'apiregistration.k8s.io';

/** A stable uid per name (these objects are not stored, so nothing random is spent on them). */
function uidFor(name: string): string {
  const hex: string[] = [];
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${name}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export interface ApiServiceSource {
  registry: Registry;
  aggregated: AggregatedApi[];
  /** When the API server started (RFC 3339): creation and condition time of the local ones. */
  startedAt: string;
}

function apiService(name: string, spec: Record<string, unknown>, labels: Record<string, string> | undefined, condition: Record<string, string>, at: string): KubeObject {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name, uid: uidFor(name), resourceVersion: '1', creationTimestamp: at, ...(labels ? { labels } : {}) },
    spec,
    status: { conditions: [{ type: 'Available', status: condition.status, lastTransitionTime: at, reason: condition.reason, message: condition.message }] },
  } as KubeObject;
}

export function apiServices(src: ApiServiceSource): KubeObject[] {
  const aggregatedGVs = new Set(src.aggregated.map((a) => `${a.group}/${a.version}`));
  const out: KubeObject[] = [];
  const local = { status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
  for (const { group, versions } of src.registry.groups()) {
    if (group === SELF) continue;
    for (const version of versions) {
      const gv = `${group}/${version}`;
      if (aggregatedGVs.has(gv)) continue;
      const custom = src.registry.all().some((ri) => ri.group === group && ri.version === version && ri.custom);
      const [gp, vp] = PRIORITIES[gv] ?? (custom ? [1000, 100] : [undefined, undefined]);
      if (gp === undefined) continue;
      const spec: Record<string, unknown> = { ...(group ? { group } : {}), version, groupPriorityMinimum: gp, versionPriority: vp };
      out.push(apiService(`${version}.${group}`, spec, { 'kube-aggregator.kubernetes.io/automanaged': custom ? 'true' : 'onstart' }, local, src.startedAt));
    }
  }
  for (const a of src.aggregated) {
    const spec = {
      service: { namespace: 'kube-system', name: 'metrics-server', port: 443 },
      group: a.group,
      version: a.version,
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 100,
      versionPriority: 100,
    };
    const cond = a.available()
      ? { status: 'True', reason: 'Passed', message: 'all checks passed' }
      : { status: 'False', reason: 'MissingEndpoints', message: 'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"' };
    out.push(apiService(`${a.version}.${a.group}`, spec, undefined, cond, src.startedAt));
  }
  return out.sort((x, y) => (x.metadata.name! < y.metadata.name! ? -1 : 1));
}

/** ConvertToTable's cells: Name, Service, Available, Age (the age column is filled by the caller's printer). */
export function apiServiceCells(o: KubeObject): [string, string, string] {
  const svc = o.spec?.service;
  const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
  const c = ((o.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).find((x) => x.type === 'Available');
  const available = !c ? 'Unknown' : c.status === 'True' ? 'True' : c.reason ? `${c.status} (${c.reason})` : c.status;
  return [o.metadata.name!, service, available];
}
