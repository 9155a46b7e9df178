/**
 * The resources the namespace controller and the garbage collector walk, with their kinds. The real ones ask
 * discovery (ServerPreferredNamespacedResources, GC's monitors over all deletable resources); this table is the
 * fallback and the kind → resource mapping for ownerReferences.
 */
import { gvr, type GVR } from '../../client/resources';

export interface KindInfo {
  apiVersion: string;
  kind: string;
  gvr: GVR;
  namespaced: boolean;
}

const k = (apiVersion: string, kind: string, resource: string, namespaced = true): KindInfo => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { apiVersion, kind, gvr: gvr(group, version, resource), namespaced };
};

export const KINDS: KindInfo[] = [
  k('v1', 'Pod', 'pods'),
  k('v1', 'Service', 'services'),
  k('v1', 'Endpoints', 'endpoints'),
  k('v1', 'ConfigMap', 'configmaps'),
  k('v1', 'Secret', 'secrets'),
  k('v1', 'ServiceAccount', 'serviceaccounts'),
  k('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  k('v1', 'ReplicationController', 'replicationcontrollers'),
  k('v1', 'ResourceQuota', 'resourcequotas'),
  k('v1', 'LimitRange', 'limitranges'),
  k('v1', 'PodTemplate', 'podtemplates'),
  k('v1', 'Event', 'events'),
  k('apps/v1', 'Deployment', 'deployments'),
  k('apps/v1', 'ReplicaSet', 'replicasets'),
  k('apps/v1', 'DaemonSet', 'daemonsets'),
  k('apps/v1', 'StatefulSet', 'statefulsets'),
  k('apps/v1', 'ControllerRevision', 'controllerrevisions'),
  k('batch/v1', 'Job', 'jobs'),
  k('batch/v1', 'CronJob', 'cronjobs'),
  k('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices'),
  k('coordination.k8s.io/v1', 'Lease', 'leases'),
  k('networking.k8s.io/v1', 'Ingress', 'ingresses'),
  k('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'),
  k('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  k('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  k('rbac.authorization.k8s.io/v1', 'Role', 'roles'),
  k('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings'),
  k('events.k8s.io/v1', 'Event', 'events'),
  k('v1', 'Node', 'nodes', false),
  k('v1', 'Namespace', 'namespaces', false),
  k('v1', 'PersistentVolume', 'persistentvolumes', false),
  k('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false),
  k('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
];

export function kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
  return KINDS.find((x) => x.apiVersion === apiVersion && x.kind === kind) ?? KINDS.find((x) => x.kind === kind && x.apiVersion.split('/')[0] === apiVersion.split('/')[0]);
}

/** `pods.` / `deployments.apps`: GroupResource as the namespace controller's messages print it. */
export function groupResource(r: GVR): string {
  return `${r.resource}.${r.group}`;
}
