/**
 * kube-aggregator's part of the API server: an APIService (here `v1beta1.metrics.k8s.io`) hands every request for its
 * group/version to a backend. Its resources appear in discovery; while the backend is unavailable (the APIService's
 * Available=False) requests get the proxy's plain-text 503 "service unavailable" (kube-aggregator
 * pkg/apiserver/handler_proxy.go) and aggregated discovery keeps the version with no resources and freshness
 * "Stale" (pkg/apiserver/handler_discovery.go), which clients report as a stale GroupVersion.
 */
import type { ResourceInfo } from './registry';
import type { ApiRequest, ApiResponse } from './types';

export interface AggregatedApi {
  group: string;
  version: string;
  /** The resources the backend serves, as discovery lists them. */
  resources: ResourceInfo[];
  available(): boolean;
  handle(req: ApiRequest): ApiResponse;
}

export function serviceUnavailable(): ApiResponse {
  return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: 'service unavailable\n' };
}

/** Marks the unavailable aggregated versions stale in an APIGroupDiscoveryList (in place). */
export function markStale(doc: { items: { metadata: { name?: string }; versions: { version: string; resources: unknown[]; freshness?: string }[] }[] }, unavailable: AggregatedApi[]): void {
  for (const api of unavailable) {
    const g = doc.items.find((i) => i.metadata.name === api.group);
    const v = g?.versions.find((x) => x.version === api.version);
    if (v) {
      v.resources = [];
      v.freshness = 'Stale';
    }
  }
}
