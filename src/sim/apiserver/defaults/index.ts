/**
 * Defaulting, as the real API server applies it on create and update (pkg/apis/<group>/v1/defaults.go and the
 * create-time Job selector of pkg/registry/batch/job/strategy.go). Mutates `obj` in place. `resource` is the
 * plural resource name, `group` its API group. The version is read from obj.apiVersion where it matters
 * (autoscaling v1 vs v2).
 *
 * Not here: status and finalizers set by PrepareForCreate (strategy.ts), uid/creationTimestamp, cluster IP and
 * node port allocation, and admission (service account, default tolerations, priority).
 * Key order does not matter: kubectl prints objects with sorted keys, as real kubectl does (it decodes into maps).
 */
import type { KubeObject } from '../types';
import { defaultPod } from './core';
import * as core from './core';
import * as apps from './apps';
import * as batch from './batch';
import * as other from './other';

export { imageTag, defaultPodSpec, defaultPodTemplate, defaultContainer } from './pod';

export interface DefaultingContext {
  /** The object before this update, for update-time defaulting; undefined on create. */
  old?: KubeObject;
}

export function applyDefaults(group: string, resource: string, obj: KubeObject, ctx: DefaultingContext = {}): void {
  if (!obj || typeof obj !== 'object' || !obj.metadata) return;
  const creating = !ctx.old;
  const version = typeof obj.apiVersion === 'string' ? (obj.apiVersion.split('/').pop() ?? '') : '';
  switch (`${group}/${resource}`) {
    case '/pods':
      return defaultPod(obj);
    case '/services':
      return core.defaultService(obj);
    case '/secrets':
      return core.defaultSecret(obj);
    case '/namespaces':
      return core.defaultNamespace(obj);
    case '/persistentvolumes':
      return core.defaultPersistentVolume(obj);
    case '/persistentvolumeclaims':
      return core.defaultPersistentVolumeClaim(obj);
    case '/endpoints':
      return core.defaultEndpoints(obj);
    case '/nodes':
      return core.defaultNode(obj);
    case '/limitranges':
      return core.defaultLimitRange(obj);
    case '/replicationcontrollers':
      return core.defaultReplicationController(obj);
    case '/podtemplates':
      return core.defaultPodTemplateObject(obj);
    case 'apps/deployments':
      return apps.defaultDeployment(obj);
    case 'apps/replicasets':
      return apps.defaultReplicaSet(obj);
    case 'apps/daemonsets':
      return apps.defaultDaemonSet(obj);
    case 'apps/statefulsets':
      return apps.defaultStatefulSet(obj);
    case 'batch/jobs':
      return batch.defaultJob(obj, creating);
    case 'batch/cronjobs':
      return batch.defaultCronJob(obj);
    case 'networking.k8s.io/networkpolicies':
      return other.defaultNetworkPolicy(obj);
    case 'rbac.authorization.k8s.io/rolebindings':
    case 'rbac.authorization.k8s.io/clusterrolebindings':
      return other.defaultRoleBinding(obj);
    case 'storage.k8s.io/storageclasses':
      return other.defaultStorageClass(obj);
    case 'scheduling.k8s.io/priorityclasses':
      return other.defaultPriorityClass(obj);
    case 'autoscaling/horizontalpodautoscalers':
      return other.defaultHPA(obj, version || 'v2');
    case 'discovery.k8s.io/endpointslices':
      return other.defaultEndpointSlice(obj);
    default:
      return;
  }
}
