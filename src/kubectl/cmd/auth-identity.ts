/**
 * The credentials and impersonation headers kubectl sends (client-go rest.Config → transport): the user's
 * bearer token (`--token`, or `token` of the kubeconfig user) as `Authorization: Bearer` (https servers only), and `--as`,
 * `--as-group`, `--as-uid` (or the user's `as`, `as-groups`, `as-uid`) as Impersonate-User/-Group/-Uid
 * (client-go transport/round_trippers.go NewImpersonatingRoundTripper). Groups travel as one header value per
 * group; in-process they are joined with commas, as a Go server reading the header list would see them.
 */
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';

export function identityHeaders(k: Kctx): Record<string, string> {
  const out: Record<string, string> = {};
  let user: Record<string, unknown> = {};
  let userName = '';
  try {
    const cfg = k.kubeconfig().config;
    const ctxName = k.f.str('context') || cfg['current-context'] || '';
    userName = k.f.str('user') || (cfg.contexts ?? []).find((c) => c.name === ctxName)?.context.user || '';
    user = (cfg.users ?? []).find((u) => u.name === userName)?.user ?? {};
  } catch {
    // no kubeconfig: flags alone
  }
  // clientcmd (client_config.go ClientConfig) reads the user's credentials only for a TLS transport: against a
  // plain-http server kubectl sends no token at all; impersonation is applied either way.
  const token = k.f.str('token') || (typeof user.token === 'string' ? user.token : '');
  if (token && k.target().server.startsWith('https:')) out.authorization = `Bearer ${token}`;
  const as = k.f.str('as') || (typeof user.as === 'string' ? user.as : '');
  const groups = k.f.changed('as-group') ? k.f.list('as-group') : Array.isArray(user['as-groups']) ? (user['as-groups'] as string[]) : [];
  const uid = k.f.str('as-uid') || (typeof user['as-uid'] === 'string' ? (user['as-uid'] as string) : '');
  // clientcmd refuses groups or a uid without a user to impersonate (client_config.go)
  if (!as && (groups.length || uid)) throw new KubectlError(`requesting uid, groups or user-extra for ${userName} without impersonating a user`);
  if (as) out['impersonate-user'] = as;
  if (groups.length) out['impersonate-group'] = groups.join(',');
  if (uid) out['impersonate-uid'] = uid;
  return out;
}
