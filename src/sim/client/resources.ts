/** Names a resource the way a REST path does: group ('' for core), version, plural resource. */
export interface GVR {
  group: string;
  version: string;
  resource: string;
}

export const gvr = (group: string, version: string, resource: string): GVR => ({ group, version, resource });

// The resources the simulator's own components use.
export const R = {
  namespaces: gvr('', 'v1', 'namespaces'),
  nodes: gvr('', 'v1', 'nodes'),
  pods: gvr('', 'v1', 'pods'),
  services: gvr('', 'v1', 'services'),
  endpoints: gvr('', 'v1', 'endpoints'),
  configmaps: gvr('', 'v1', 'configmaps'),
  secrets: gvr('', 'v1', 'secrets'),
  serviceaccounts: gvr('', 'v1', 'serviceaccounts'),
  events: gvr('', 'v1', 'events'),
  endpointslices: gvr('discovery.k8s.io', 'v1', 'endpointslices'),
  leases: gvr('coordination.k8s.io', 'v1', 'leases'),
  deployments: gvr('apps', 'v1', 'deployments'),
  replicasets: gvr('apps', 'v1', 'replicasets'),
  daemonsets: gvr('apps', 'v1', 'daemonsets'),
  statefulsets: gvr('apps', 'v1', 'statefulsets'),
  controllerrevisions: gvr('apps', 'v1', 'controllerrevisions'),
  jobs: gvr('batch', 'v1', 'jobs'),
  cronjobs: gvr('batch', 'v1', 'cronjobs'),
} as const;

/** '/api/v1/namespaces/ns/pods/name/sub' and friends. */
export function resourcePath(r: GVR, namespace?: string, name?: string, subresource?: string): string {
  let p = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  if (namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${r.resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
