/**
 * Who is asking. Kubernetes authenticates each request (client certificate, bearer token) and then applies
 * impersonation headers (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go).
 * Here a request without credentials is the k3d kubeconfig's admin: k3s signs its client-admin certificate with
 * CN=system:admin, O=system:masters (pkg/daemons/control/deps/deps.go). The simulator's own components call the
 * server in-process without credentials too, so they act with that power (no RBAC walk on their hot path).
 */

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const SA_PREFIX = 'system:serviceaccount:';

export const ADMIN_USER: UserInfo = { username: 'system:admin', groups: [SYSTEM_MASTERS, ALL_AUTHENTICATED] };

/** `system:serviceaccount:ns:name` → [ns, name] (serviceaccount.SplitUsername). */
export function splitServiceAccount(username: string): [string, string] | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

/** The groups every service account is in (serviceaccount.MakeGroupNames). */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

export function isPrivileged(u: UserInfo): boolean {
  return u.groups.includes(SYSTEM_MASTERS);
}
