/**
 * Create-only resources that are answered, never stored: access reviews, token reviews, self subject reviews
 * (pkg/registry/authorization/*, pkg/registry/authentication/*), and serviceaccounts/token (TokenRequest).
 * Reviews are answered by the API server's authorizer for the requesting (or impersonated) user.
 */
import type { ResourceRequest, ServerContext } from '../context';
import { jsonResponse } from '../context';
import { fail, notFound } from '../errors';
import type { ApiResponse, KubeObject } from '../types';
import { checkTypeMeta, decodeBody } from './common';
import { ADMIN_USER, RbacAuthorizer } from '../authorization';
import { accessReviewStatus, reviewAttributes, reviewedUser, rulesReviewStatus, tokenReviewStatus, userInfoJson } from '../authorization/reviews';

export { ADMIN_USER };

/** Resources whose POST is a question, not a write. */
export const REVIEW_RESOURCES = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authentication.k8s.io/tokenreviews',
]);

export function handleReview(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const { ri } = req;
  const obj = decodeBody(req);
  checkTypeMeta(ri, obj);
  obj.metadata = { creationTimestamp: null, ...(obj.metadata ?? {}) };
  if (ri.namespaced) obj.metadata.namespace = req.info.namespace;
  const user = req.user ?? ADMIN_USER;
  const rbac = new RbacAuthorizer(ctx.store);
  const spec = obj.spec ?? {};
  switch (ri.resource) {
    case 'selfsubjectrulesreviews':
      obj.status = rulesReviewStatus(rbac, user, spec.namespace ?? '');
      break;
    case 'selfsubjectreviews':
      obj.status = userInfoJson(user);
      break;
    case 'tokenreviews':
      obj.status = tokenReviewStatus(ctx.store, spec.token ?? '');
      break;
    case 'selfsubjectaccessreviews':
      obj.status = accessReviewStatus(rbac, user, reviewAttributes(spec));
      break;
    default:
      obj.status = accessReviewStatus(rbac, reviewedUser(spec), reviewAttributes(spec));
  }
  return jsonResponse(201, obj);
}

const b64url = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/**
 * POST serviceaccounts/{name}/token: a TokenRequest answered with a signed-looking JWT for the account
 * (default lifetime 1h, `kubectl create token`). The signature is random: nothing verifies it here.
 */
export function handleTokenRequest(ctx: ServerContext, req: ResourceRequest): ApiResponse {
  const ns = req.info.namespace ?? '';
  const name = req.info.name!;
  const sa = ctx.store.get('/serviceaccounts', ns, name);
  if (!sa) fail(notFound({ group: '', resource: 'serviceaccounts' }, name));
  const body: KubeObject = req.body ? decodeBody(req) : { metadata: {} };
  const seconds = Number(body.spec?.expirationSeconds ?? 3600);
  const now = ctx.clock.now();
  const iat = Math.floor(now / 1000);
  const exp = iat + seconds;
  const kid = ctx.random.string(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const header = b64url(JSON.stringify({ alg: 'RS256', kid }));
  const payload = b64url(
    JSON.stringify({
      aud: body.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local', 'k3s'],
      exp,
      iat,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: ctx.random.uuid(),
      'kubernetes.io': { namespace: ns, serviceaccount: { name, uid: sa!.metadata.uid } },
      nbf: iat,
      sub: `system:serviceaccount:${ns}:${name}`,
    }),
  );
  const sig = ctx.random.string(342, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const out = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null },
    spec: { audiences: body.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local', 'k3s'], expirationSeconds: seconds, boundObjectRef: body.spec?.boundObjectRef ?? null },
    status: { token: `${header}.${payload}.${sig}`, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
  return jsonResponse(201, out);
}
