/**
 * The API server's authentication, impersonation and authorization filters in one call, in the order of the
 * real handler chain (DefaultBuildHandlerChain: authentication → impersonation → authorization).
 */
import { forbidden } from '../errors';
import type { RequestInfo } from '../path';
import type { Status } from '../types';
import { forbiddenMessage, requestAttributes } from './attributes';
import { authenticate } from './authenticate';
import { RbacAuthorizer, type RbacSource } from './rbac';
import { isPrivileged, type UserInfo } from './user';

export class RequestAuthorizer {
  readonly rbac: RbacAuthorizer;

  constructor(private readonly source: RbacSource) {
    this.rbac = new RbacAuthorizer(source);
  }

  /** The acting user of an allowed request, or the Status that refuses it (401, 400, 403). */
  admit(method: string, info: RequestInfo, query: Record<string, string | undefined>, headers: Record<string, string | undefined>): { user: UserInfo } | { error: Status } {
    const who = authenticate(headers, this.source, this.rbac);
    if ('error' in who) return who;
    if (isPrivileged(who)) return { user: who };
    const a = requestAttributes(method, info, query);
    const d = this.rbac.authorize(who, a);
    if (d.allowed) return { user: who };
    const msg = forbiddenMessage(who.username, a);
    const gr = a.resourceRequest ? { group: a.apiGroup, resource: a.resource } : undefined;
    return { error: forbidden(gr, a.name, d.reason ? `${msg}: ${d.reason}` : msg) };
  }
}

export { RbacAuthorizer, RBAC_KEYS, type RbacSource, type Decision } from './rbac';
export { requestAttributes, forbiddenMessage } from './attributes';
export { ruleAllows, type PolicyRule, type Attributes } from './rules';
export { ADMIN_USER, type UserInfo, isPrivileged, serviceAccountGroups } from './user';
export { authenticate, serviceAccountFromToken } from './authenticate';
