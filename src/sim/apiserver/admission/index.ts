/**
 * Mutating admission the API server does on its own, in the order of the real plugin chain
 * (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins): NamespaceLifecycle, LimitRanger, ServiceAccount,
 * DefaultTolerationSeconds, Priority; then the Service REST storage's IP and node-port allocation.
 */
import type { ServerContext } from '../context';
import type { ResourceInfo } from '../registry';
import type { KubeObject } from '../types';
import type { FieldError } from '../validation';
import { admitNamespaceForCreate } from './namespace-lifecycle';
import { admitServiceAccount } from './service-account';
import { admitDefaultTolerationSeconds } from './default-toleration-seconds';
import { admitPriority } from './priority';
import { allocateClusterIP } from './service-ip-allocator';
import { allocateNodePorts } from './node-port-allocator';

export { admitNamespaceDelete, admitNamespaceExists } from './namespace-lifecycle';
import { admitLimitRanger, validateLimitRanger } from './limitranger';
import { admitResourceQuota } from './resourcequota';

export { admitResourceQuota } from './resourcequota';

/** Validating admission on update of the main resource: ResourceQuota. */
export function admitValidatingUpdate(ctx: ServerContext, gr: { group: string; resource: string }, obj: KubeObject, old: KubeObject, dryRun: boolean): void {
  admitResourceQuota(ctx, gr, obj, dryRun, old);
}

/** Validating admission on create, after validation: LimitRanger, then ResourceQuota (which charges the quota). */
export function admitValidatingCreate(ctx: ServerContext, gr: { group: string; resource: string }, obj: KubeObject, dryRun: boolean): void {
  validateLimitRanger(ctx, gr, obj);
  admitResourceQuota(ctx, gr, obj, dryRun);
}

export interface AdmissionOptions {
  /** Refuse pods whose "default" service account does not exist yet (real behaviour; see service-account.ts). */
  strictServiceAccounts: boolean;
}

export function admitCreate(ctx: ServerContext, ri: ResourceInfo, obj: KubeObject, opts: AdmissionOptions): FieldError[] {
  admitNamespaceForCreate(ctx, ri, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  if (ri.storageKey === '/pods') {
    admitLimitRanger(ctx, obj);
    admitServiceAccount(ctx, obj, opts.strictServiceAccounts);
    admitDefaultTolerationSeconds(obj);
    admitPriority(ctx, obj);
  }
  if (ri.storageKey === '/services') return [...allocateClusterIP(ctx, obj), ...allocateNodePorts(ctx, obj)];
  return [];
}

export function admitUpdate(ctx: ServerContext, ri: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  if (ri.storageKey === '/services') return [...allocateClusterIP(ctx, obj, old), ...allocateNodePorts(ctx, obj, old)];
  return [];
}
