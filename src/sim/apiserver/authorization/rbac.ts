/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go over
 * pkg/registry/rbac/validation/rule.go VisitRulesFor): the rules of every ClusterRoleBinding whose subjects
 * include the user, then those of the RoleBindings in the request's namespace. A binding to a missing role is
 * skipped and remembered: a denial then carries `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`.
 */
import type { KubeObject } from '../types';
import { ruleAllows, type Attributes, type PolicyRule } from './rules';
import { isPrivileged, SA_PREFIX, type UserInfo } from './user';

/** Read access to the stored RBAC objects (the authorizer's listers). */
export interface RbacSource {
  list(storageKey: string, namespace?: string): KubeObject[];
  get(storageKey: string, namespace: string, name: string): KubeObject | undefined;
}

export const RBAC_KEYS = {
  clusterroles: 'rbac.authorization.k8s.io/clusterroles',
  clusterrolebindings: 'rbac.authorization.k8s.io/clusterrolebindings',
  roles: 'rbac.authorization.k8s.io/roles',
  rolebindings: 'rbac.authorization.k8s.io/rolebindings',
};

export interface Decision {
  allowed: boolean;
  /** The RBAC reason on a denial (empty unless a binding pointed at a missing role). */
  reason: string;
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** rbac/validation appliesTo: User by name, Group by membership, ServiceAccount by its username. */
export function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.username === s.name;
    case 'Group':
      return user.groups.includes(s.name ?? '');
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      if (!ns) return false;
      return user.username === `${SA_PREFIX}${ns}:${s.name}`;
    }
  }
  return false;
}

/** rbac.go describeSubject: service accounts as name/namespace. */
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** The Go aggregate's text: one error alone, several as `[a, b]`. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

export class RbacAuthorizer {
  constructor(private readonly source: RbacSource) {}

  /**
   * Calls `visit` with each rule that applies to the user in `namespace` ('' = cluster-wide rules only) until it
   * returns false; returns the lookup errors met on the way.
   */
  visitRules(user: UserInfo, namespace: string, visit: (rule: PolicyRule, source: () => string) => boolean): string[] {
    const errors: string[] = [];
    const roleRules = (kind: string, name: string, ns: string): PolicyRule[] | undefined => {
      if (kind === 'ClusterRole') {
        const r = this.source.get(RBAC_KEYS.clusterroles, '', name);
        if (!r) errors.push(`clusterrole.rbac.authorization.k8s.io "${name}" not found`);
        return r ? (r.rules ?? []) : undefined;
      }
      const r = this.source.get(RBAC_KEYS.roles, ns, name);
      if (!r) errors.push(`role.rbac.authorization.k8s.io "${name}" not found`);
      return r ? (r.rules ?? []) : undefined;
    };
    for (const b of this.source.list(RBAC_KEYS.clusterrolebindings)) {
      const subject = (b.subjects ?? []).find((s: Subject) => subjectMatches(s, user, ''));
      if (!subject) continue;
      // A ClusterRoleBinding can only point at a ClusterRole.
      const source = () => `ClusterRoleBinding ${JSON.stringify(b.metadata.name)} of ClusterRole ${JSON.stringify(b.roleRef?.name)} to ${describeSubject(subject, '')}`;
      for (const rule of roleRules('ClusterRole', b.roleRef?.name ?? '', '') ?? []) if (!visit(rule, source)) return errors;
    }
    if (namespace) {
      for (const b of this.source.list(RBAC_KEYS.rolebindings, namespace)) {
        const subject = (b.subjects ?? []).find((s: Subject) => subjectMatches(s, user, namespace));
        if (!subject) continue;
        const source = () => `RoleBinding ${JSON.stringify(`${b.metadata.name}/${namespace}`)} of ${b.roleRef?.kind} ${JSON.stringify(b.roleRef?.name)} to ${describeSubject(subject, namespace)}`;
        for (const rule of roleRules(b.roleRef?.kind ?? '', b.roleRef?.name ?? '', namespace) ?? []) if (!visit(rule, source)) return errors;
      }
    }
    return errors;
  }

  authorize(user: UserInfo, a: Attributes): Decision {
    // k3s runs --authorization-mode=Node,RBAC; system:masters is allowed before either (the privileged group).
    if (isPrivileged(user)) return { allowed: true, reason: '' };
    let allowed = '';
    const errors = this.visitRules(user, a.resourceRequest ? a.namespace : '', (rule, source) => {
      if (ruleAllows(a, rule)) allowed = source();
      return !allowed;
    });
    // rbac.go authorizingVisitor: the reason names the binding that allowed it
    if (allowed) return { allowed: true, reason: `RBAC: allowed by ${allowed}` };
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
  }

  /** Every rule that applies to the user in `namespace` (RulesFor), and the errors met. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors = this.visitRules(user, namespace, (r) => {
      rules.push(r);
      return true;
    });
    return { rules, errors };
  }
}

export { aggregate as aggregateErrors };
