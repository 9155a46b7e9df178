/**
 * The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go):
 * a ClusterRole with an aggregationRule gets, as its rules, the rules of every other ClusterRole its selectors
 * match, visited in name order and without repeating an identical rule. That is how admin, edit and view pick up
 * the roles labelled rbac.authorization.k8s.io/aggregate-to-admin|edit|view (metrics-server's reader, CRD roles).
 */
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../client/informer';
import { gvr } from '../client/resources';
import { QueueController, type ControllerContext } from './controller';
import { selectorMatches, type LabelSelector } from './util/selector';

const CLUSTER_ROLES = gvr('rbac.authorization.k8s.io', 'v1', 'clusterroles');

const selectorsOf = (cr: KubeObject): LabelSelector[] => cr.aggregationRule?.clusterRoleSelectors ?? [];

export class ClusterRoleAggregationController extends QueueController {
  private roles!: Informer;

  constructor(ctx: ControllerContext) {
    super('clusterrole-aggregation-controller', ctx);
  }

  register(): void {
    // Any change may feed any aggregated role: enqueue every role that has an aggregationRule.
    const all = () => {
      for (const cr of this.roles.list()) if (cr.aggregationRule) this.queue.add(cr.metadata.name!);
    };
    this.roles = this.informers.on(CLUSTER_ROLES, { add: all, update: all, delete: all });
  }

  sync(name: string): boolean | void {
    const cr = this.roles.getByName(undefined, name);
    if (!cr?.aggregationRule) return;
    const selectors = selectorsOf(cr);
    const others = this.roles
      .list()
      .filter((o) => o.metadata.name !== name && selectors.some((s) => selectorMatches(s, o.metadata.labels)))
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const rules: unknown[] = [];
    const seen = new Set<string>();
    for (const o of others) {
      for (const r of o.rules ?? []) {
        const k = JSON.stringify(r);
        if (seen.has(k)) continue;
        seen.add(k);
        rules.push(r);
      }
    }
    if (JSON.stringify(cr.rules ?? []) === JSON.stringify(rules)) return;
    this.client.update(CLUSTER_ROLES, undefined, { ...cr, rules });
  }
}
