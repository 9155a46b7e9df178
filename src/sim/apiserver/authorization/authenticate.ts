/**
 * Authentication and impersonation of one request.
 * - `Authorization: Bearer <token>`: a service-account token this API server issued (serviceaccounts/token):
 *   the JWT's `sub` and `kubernetes.io` claims name the account, which must still exist with the same uid;
 *   anything else is 401 Unauthorized (k8s.io/apiserver pkg/authentication, the service-account authenticator).
 * - no credentials: the k3d admin (see user.ts).
 * - `Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid`, `Impersonate-Extra-<key>` (kubectl --as,
 *   --as-group, --as-uid): each part needs the `impersonate` verb on users, groups, serviceaccounts, uids or
 *   userextras (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go); a non-anonymous
 *   impersonated user also gets system:authenticated unless system:(un)authenticated was asked for.
 */
import type { Status } from '../types';
import { forbidden } from '../errors';
import { forbiddenMessage } from './attributes';
import type { RbacAuthorizer, RbacSource } from './rbac';
import type { Attributes } from './rules';
import { ADMIN_USER, ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS, serviceAccountGroups, splitServiceAccount, type UserInfo } from './user';

export const unauthorized = (): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });

function base64UrlDecode(s: string): string | undefined {
  try {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/** The user a bearer token stands for, or undefined when the token is not one of ours. */
export function serviceAccountFromToken(token: string, source: RbacSource): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const json = base64UrlDecode(parts[1]);
  if (!json) return undefined;
  let claims: { sub?: string; jti?: string; 'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string }; pod?: { name?: string; uid?: string } } };
  try {
    claims = JSON.parse(json);
  } catch {
    return undefined;
  }
  const sa = splitServiceAccount(claims.sub ?? '');
  if (!sa) return undefined;
  const [ns, name] = sa;
  const stored = source.get('/serviceaccounts', ns, name);
  const uid = claims['kubernetes.io']?.serviceaccount?.uid;
  if (!stored || (uid && stored.metadata.uid !== uid)) return undefined;
  const extra: Record<string, string[]> = {};
  if (claims.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
  const pod = claims['kubernetes.io']?.pod;
  if (pod?.name) {
    extra['authentication.kubernetes.io/pod-name'] = [pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [pod.uid ?? ''];
  }
  const u: UserInfo = { username: claims.sub!, uid: stored.metadata.uid, groups: [...serviceAccountGroups(ns), ALL_AUTHENTICATED] };
  if (Object.keys(extra).length) u.extra = extra;
  return u;
}

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== ''));

/** Resolves the acting user, or the Status that refuses the request. */
export function authenticate(headers: Record<string, string | undefined>, source: RbacSource, rbac: RbacAuthorizer): UserInfo | { error: Status } {
  let user: UserInfo = ADMIN_USER;
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    const sa = m ? serviceAccountFromToken(m[1], source) : undefined;
    if (!sa) return { error: unauthorized() };
    user = sa;
  }
  const asUser = headers['impersonate-user'];
  const asGroups = list(headers['impersonate-group']);
  const asUid = headers['impersonate-uid'];
  const extras = Object.entries(headers).filter(([k, v]) => k.startsWith('impersonate-extra-') && v !== undefined);
  if (asUser === undefined) {
    if (asGroups.length || asUid || extras.length) {
      const asked = [...asGroups.map((g) => `{Group  ${g}    }`)].join(' ');
      return { error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `requested [${asked}] without impersonating a user`, reason: 'BadRequest', code: 400 } };
    }
    return user;
  }
  const check = (a: Omit<Attributes, 'verb' | 'resourceRequest' | 'apiGroup' | 'path' | 'subresource'> & { subresource?: string; apiGroup?: string }): Status | undefined => {
    const attrs: Attributes = { verb: 'impersonate', resourceRequest: true, apiGroup: a.apiGroup ?? '', path: '', subresource: a.subresource ?? '', resource: a.resource, namespace: a.namespace, name: a.name };
    const d = rbac.authorize(user, attrs);
    if (d.allowed) return undefined;
    const msg = forbiddenMessage(user.username, attrs);
    return forbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name, d.reason ? `${msg}: ${d.reason}` : msg);
  };
  let groups = [...asGroups];
  const sa = splitServiceAccount(asUser);
  const denied = sa ? check({ resource: 'serviceaccounts', namespace: sa[0], name: sa[1] }) : check({ resource: 'users', namespace: '', name: asUser });
  if (denied) return { error: denied };
  if (sa && !asGroups.length) groups = serviceAccountGroups(sa[0]);
  for (const g of asGroups) {
    const d = check({ resource: 'groups', namespace: '', name: g });
    if (d) return { error: d };
  }
  const extra: Record<string, string[]> = {};
  for (const [k, v] of extras) {
    const key = unescapeExtraKey(k.slice('impersonate-extra-'.length));
    for (const val of list(v)) {
      const d = check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, namespace: '', name: val });
      if (d) return { error: d };
      (extra[key] ??= []).push(val);
    }
  }
  if (asUid) {
    const d = check({ apiGroup: 'authentication.k8s.io', resource: 'uids', namespace: '', name: asUid });
    if (d) return { error: d };
  }
  const add = asUser === ANONYMOUS ? ALL_UNAUTHENTICATED : ALL_AUTHENTICATED;
  if (!groups.includes(ALL_AUTHENTICATED) && !groups.includes(ALL_UNAUTHENTICATED)) groups.push(add);
  const out: UserInfo = { username: asUser, groups };
  if (asUid) out.uid = asUid;
  if (Object.keys(extra).length) out.extra = extra;
  return out;
}

/** The extra key of an Impersonate-Extra-* header, %-decoded; a malformed escape keeps the key as sent
 * (unescapeExtraKey in apiserver's endpoints/filters/impersonation.go). */
function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
