/**
 * Validation with the real field paths and messages (pkg/apis/<group>/validation, apimachinery util/validation).
 * Returns field errors; the API server turns them into a 422 Invalid Status. Runs after defaulting, as upstream
 * (so `restartPolicy: Always` on a Job template is reported as the defaulted value).
 * On update (`ctx.old` set) the create rules run first, then the kind's update rules (immutable fields).
 * For the status subresource only metadata rules apply.
 */
import type { KubeObject } from '../types';
import * as apps from './apps';
import * as batch from './batch';
import * as core from './core';
import * as other from './other';
import { validateObjectMetaUpdate } from './meta';
import { validatePod, validatePodUpdate } from './pod';
import type { FieldError } from './types';

export type { FieldError, FieldErrorType } from './types';
export * as names from './names';
export { cronError } from './batch';
export { validatePodLogOptions } from './pod-log-options';

export interface ValidationContext {
  /** The stored object on update; undefined on create. */
  old?: KubeObject;
  subresource?: string;
}

const CLUSTER_SCOPED = new Set([
  '/namespaces',
  '/nodes',
  '/persistentvolumes',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
  'storage.k8s.io/storageclasses',
  'storage.k8s.io/csidrivers',
  'storage.k8s.io/csinodes',
  'storage.k8s.io/volumeattachments',
  'scheduling.k8s.io/priorityclasses',
  'node.k8s.io/runtimeclasses',
  'networking.k8s.io/ingressclasses',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'certificates.k8s.io/certificatesigningrequests',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
]);

function createRules(key: string, obj: KubeObject): FieldError[] {
  switch (key) {
    case '/pods':
      return validatePod(obj);
    case '/services':
      return core.validateService(obj);
    case '/configmaps':
      return core.validateConfigMap(obj);
    case '/secrets':
      return core.validateSecret(obj);
    case '/namespaces':
      return core.validateNamespace(obj);
    case '/persistentvolumeclaims':
      return core.validatePersistentVolumeClaim(obj);
    case '/serviceaccounts':
      return core.validateServiceAccount(obj);
    case '/nodes':
      return core.validateNode(obj);
    case 'apps/deployments':
      return apps.validateDeployment(obj);
    case 'apps/replicasets':
      return apps.validateReplicaSet(obj);
    case 'apps/daemonsets':
      return apps.validateDaemonSet(obj);
    case 'apps/statefulsets':
      return apps.validateStatefulSet(obj);
    case 'batch/jobs':
      return batch.validateJob(obj);
    case 'batch/cronjobs':
      return batch.validateCronJob(obj);
    case 'networking.k8s.io/ingresses':
      return other.validateIngress(obj);
    case 'autoscaling/horizontalpodautoscalers':
      return other.validateHPA(obj);
    case 'policy/poddisruptionbudgets':
      return other.validatePDB(obj);
    case 'scheduling.k8s.io/priorityclasses':
      return other.validatePriorityClass(obj);
    case 'rbac.authorization.k8s.io/roles':
    case 'rbac.authorization.k8s.io/rolebindings':
      return other.validateRbacObject(obj, true);
    case 'rbac.authorization.k8s.io/clusterroles':
    case 'rbac.authorization.k8s.io/clusterrolebindings':
      return other.validateRbacObject(obj, false);
    default:
      return other.validateGeneric(obj, !CLUSTER_SCOPED.has(key));
  }
}

function updateRules(key: string, obj: KubeObject, old: KubeObject): FieldError[] {
  switch (key) {
    case '/pods':
      return validatePodUpdate(obj, old);
    case '/services':
      return core.validateServiceUpdate(obj, old);
    case '/configmaps':
      return core.validateDataUpdate(obj, old, 'ConfigMap');
    case '/secrets':
      return core.validateDataUpdate(obj, old, 'Secret');
    case '/persistentvolumeclaims':
      return core.validatePersistentVolumeClaimUpdate(obj, old);
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/daemonsets':
      return apps.validateSelectorUpdate(obj, old);
    case 'apps/statefulsets':
      return apps.validateStatefulSetUpdate(obj, old);
    case 'batch/jobs':
      return batch.validateJobUpdate(obj, old);
    default:
      return validateObjectMetaUpdate(obj.metadata, old.metadata);
  }
}

export function validate(group: string, resource: string, obj: KubeObject, ctx: ValidationContext = {}): FieldError[] {
  if (!obj || typeof obj !== 'object') return [];
  const key = `${group}/${resource}`;
  if (!obj.metadata || typeof obj.metadata !== 'object') obj = { ...obj, metadata: {} };
  if (ctx.subresource === 'status' || ctx.subresource === 'scale') return ctx.old ? validateObjectMetaUpdate(obj.metadata, ctx.old.metadata) : [];
  // Pod updates are judged by the update rule alone (ValidatePodUpdate re-validates the spec itself).
  if (ctx.old && key === '/pods') return [...validateObjectMetaUpdate(obj.metadata, ctx.old.metadata), ...validatePodUpdate(obj, ctx.old)];
  const errs = createRules(key, obj);
  if (ctx.old) errs.push(...updateRules(key, obj, ctx.old));
  return dedupe(errs);
}

/** Identical errors collapse, as the aggregate upstream prints each message once. */
function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
