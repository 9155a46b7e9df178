/**
 * NamespaceLifecycle admission (apiserver pkg/admission/plugin/namespace/lifecycle/admission.go):
 * content may only be created in a namespace that exists and is not Terminating; the immortal namespaces
 * (default, kube-system, kube-public) may not be deleted.
 */
import type { ServerContext } from '../context';
import { fail, forbidden, notFound } from '../errors';
import type { ResourceInfo } from '../registry';
import type { Status } from '../types';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function admitNamespaceForCreate(ctx: ServerContext, ri: ResourceInfo, namespace: string, name: string): void {
  if (!ri.namespaced || !namespace) return;
  const ns = ctx.store.get('/namespaces', '', namespace);
  if (!ns) fail(notFound({ group: '', resource: 'namespaces' }, namespace));
  if (ns!.status?.phase === 'Terminating' || ns!.metadata.deletionTimestamp) {
    const s: Status = forbidden(ri, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    s.details = { ...(s.details ?? {}), causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }] };
    fail(s);
  }
}

/** For updates and other writes into a namespace that is gone (the object cannot exist then, but be exact). */
export function admitNamespaceExists(ctx: ServerContext, ri: ResourceInfo, namespace: string): void {
  if (!ri.namespaced || !namespace) return;
  if (!ctx.store.get('/namespaces', '', namespace)) fail(notFound({ group: '', resource: 'namespaces' }, namespace));
}

export function admitNamespaceDelete(name: string): void {
  if (IMMORTAL.has(name)) fail(forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted'));
}
