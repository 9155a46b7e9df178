/**
 * ServiceAccount admission for pods (plugin/pkg/admission/serviceaccount/admission.go):
 * - spec.serviceAccountName defaults to "default" (and the deprecated spec.serviceAccount mirrors it);
 * - a named service account must exist: `error looking up service account <ns>/<name>: serviceaccount "<name>" not found`;
 * - unless automounting is off (pod or service account automountServiceAccountToken: false), a projected volume
 *   `kube-api-access-<5 random>` (token 3607 s, kube-root-ca.crt's ca.crt, the namespace via the downward API,
 *   defaultMode 420) is added and mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every
 *   container and init container that has no mount there yet.
 *
 * The "default" account is made by a controller shortly after its namespace; a pod created in that gap is
 * refused in real clusters and its controller retries. `strict` keeps that behaviour; otherwise a missing
 * "default" account is tolerated so a pod never fails for want of a controller the cluster may not run.
 */
import type { ServerContext } from '../context';
import { fail, forbidden } from '../errors';
import type { KubeObject } from '../types';
import { K8S_NAME_ALPHABET } from '../../random';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export function admitServiceAccount(ctx: ServerContext, pod: KubeObject, strict: boolean): void {
  const spec = (pod.spec ??= {});
  const ns = pod.metadata.namespace ?? '';
  // Mirror pods (static pods reflected by the kubelet) are left alone.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa = ctx.store.get('/serviceaccounts', ns, spec.serviceAccountName);
  if (!sa && (strict || spec.serviceAccountName !== 'default')) {
    fail(
      forbidden(
        { group: '', resource: 'pods' },
        pod.metadata.name ?? '',
        `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
      ),
    );
  }
  const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
  if (!automount) return;
  const volumes: { name: string; [k: string]: unknown }[] = (spec.volumes ??= []);
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as { volumeMounts?: { mountPath: string }[] }[];
  // A pod that already mounts something at the token path keeps its own (the plugin skips such containers).
  const existing = volumes.find((v) => v.name.startsWith('kube-api-access-'));
  const name = existing?.name ?? `kube-api-access-${ctx.random.string(5, K8S_NAME_ALPHABET)}`;
  if (!existing) {
    volumes.push({
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    });
  }
  for (const c of containers) {
    const mounts = (c.volumeMounts ??= []);
    if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    mounts.push({ name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH } as { mountPath: string });
  }
}
