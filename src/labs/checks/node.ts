/**
 * `node:` — one Node: Ready condition, labels, cordon state. `nodes:` — how many nodes, all Ready or not.
 * Ready is the status of the node's Ready condition (True); a node whose kubelet stopped reporting goes to
 * Unknown after the node-monitor grace period, which reads NotReady in `kubectl get nodes`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { R } from '../../sim/client/resources';
import { countOk, countWords, missing, parseCount, result, type Part } from './common';
import type { CheckKind } from './types';

export function nodeReady(n: KubeObject): boolean {
  return (n.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

const readyWord = (n: KubeObject) => (nodeReady(n) ? 'Ready' : 'NotReady');

export const nodeCheck: CheckKind = {
  key: 'node',
  subject: 'name',
  fields: { exists: 'boolean', ready: 'boolean', labels: 'stringMap', unschedulable: 'boolean' },
  async evaluate(spec, ctx) {
    const name = spec.node as string;
    const subject = `node ${name}`;
    const n = await ctx.objects.get(R.nodes, undefined, name);
    if (spec.exists === false) return result(subject, [{ pass: !n, expected: 'no such node', actual: 'it still exists' }]);
    if (!n) return missing(subject, 'it to exist', `no node named ${name}`);
    const parts: Part[] = [];
    if (typeof spec.ready === 'boolean') parts.push({ pass: nodeReady(n) === spec.ready, expected: spec.ready ? 'Ready' : 'NotReady', actual: readyWord(n) });
    if (spec.labels && typeof spec.labels === 'object') {
      const labels: Record<string, string> = n.metadata.labels ?? {};
      for (const [k, v] of Object.entries(spec.labels as Record<string, string>)) {
        parts.push({ pass: labels[k] === String(v), expected: `label ${k}=${v}`, actual: k in labels ? `label ${k}=${labels[k]}` : `no label ${k}` });
      }
    }
    if (typeof spec.unschedulable === 'boolean') {
      const u = n.spec?.unschedulable === true;
      parts.push({ pass: u === spec.unschedulable, expected: spec.unschedulable ? 'cordoned (SchedulingDisabled)' : 'schedulable', actual: u ? 'cordoned' : 'schedulable' });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};

export const nodesCheck: CheckKind = {
  key: 'nodes',
  subject: 'mapping',
  fields: { selector: 'string', count: 'count', ready: 'boolean' },
  async evaluate(spec, ctx) {
    const selector = typeof spec.selector === 'string' ? spec.selector : undefined;
    const nodes = await ctx.objects.list(R.nodes, undefined, selector);
    const subject = selector ? `nodes with ${selector}` : 'nodes';
    const parts: Part[] = [];
    const c = parseCount(spec.count);
    if (c) parts.push({ pass: countOk(c, nodes.length), expected: countWords(c, 'node'), actual: `${nodes.length} ${nodes.length === 1 ? 'node' : 'nodes'}` });
    if (typeof spec.ready === 'boolean') {
      const bad = nodes.filter((n) => nodeReady(n) !== spec.ready);
      parts.push({ pass: bad.length === 0, expected: spec.ready ? 'all Ready' : 'all NotReady', actual: bad.map((n) => `${n.metadata.name} ${readyWord(n)}`).join(', ') });
    }
    return result(subject, parts.length ? parts : [{ pass: nodes.length > 0, expected: 'at least 1 node', actual: 'none' }]);
  },
};
