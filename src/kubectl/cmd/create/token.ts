/**
 * kubectl create token (kubectl pkg/cmd/create/create_token.go): POST serviceaccounts/<name>/token with a
 * TokenRequest and print the token (with a newline only on a terminal), or the whole response with -o.
 */
import type { KubeObject } from '../../../sim/apiserver/types';
import type { Kctx } from '../../cli/kctx';
import { KubectlError } from '../../cli/errors';
import { StatusError } from '../../client/rest';
import { parseOutput, printObjects } from '../../printers/output';
import { exactlyOneName } from '../common';

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

export async function createToken(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  const ns = k.namespace;
  const durationMs = k.f.durationMs('duration');
  const audiences = k.f.list('audience');
  const kind = k.f.str('bound-object-kind');
  const boundName = k.f.str('bound-object-name');
  const boundUid = k.f.str('bound-object-uid');
  if (durationMs < 0) throw new KubectlError('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0) throw new KubectlError('--duration cannot be expressed in units less than seconds');
  if (audiences.some((a) => a === '')) throw new KubectlError('--audience must not be an empty string');
  if (!kind) {
    if (boundName) throw new KubectlError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUid) throw new KubectlError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!(kind in BOUND_KINDS)) throw new KubectlError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}`);
    if (!boundName) throw new KubectlError('--bound-object-name is required if --bound-object-kind is provided');
  }
  const spec: Record<string, unknown> = { audiences: audiences.length ? audiences : null };
  if (durationMs > 0) spec.expirationSeconds = durationMs / 1000;
  if (kind) spec.boundObjectRef = { kind, apiVersion: BOUND_KINDS[kind], name: boundName, ...(boundUid ? { uid: boundUid } : {}) };
  const request = { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } };
  let response: KubeObject;
  try {
    response = k.rest().call<KubeObject>({ method: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/serviceaccounts/${encodeURIComponent(name)}/token`, query: {}, body: request as unknown as KubeObject });
  } catch (e) {
    if (e instanceof StatusError) throw new KubectlError(`failed to create token: ${e.message}`);
    throw e;
  }
  const token = response.status?.token as string | undefined;
  if (!token) throw new KubectlError('failed to create token: no token in server response');
  if (k.f.changed('output')) {
    k.out(printObjects([response], parseOutput(k.f.str('output'), undefined, true), true, () => 'tokenrequest.authentication.k8s.io/' + name));
    return 0;
  }
  // term.IsTerminal(stdout): a terminal gets a newline, a pipe or file the bare token.
  k.out(k.ctx.terminal ? `${token}\n` : token);
  return 0;
}
