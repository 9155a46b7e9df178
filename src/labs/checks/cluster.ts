/**
 * `cluster:` — a k3d cluster as the container runtime holds it (what `k3d cluster list` shows as SERVERS and
 * AGENTS, running/total). Only the simulator's k3d runtime can answer; against a real cluster this check fails
 * with a reason instead of guessing.
 */
import { missing, result, type Part } from './common';
import type { CheckKind } from './types';

export const clusterCheck: CheckKind = {
  key: 'cluster',
  subject: 'mapping',
  fields: { name: 'string', servers: 'number', agents: 'number', running: 'boolean', exists: 'boolean' },
  validate: (spec) => (typeof spec.name === 'string' ? [] : ['cluster: name is required']),
  async evaluate(spec, ctx) {
    const name = spec.name as string;
    const subject = `k3d cluster ${name}`;
    if (!ctx.clusters) return missing(subject, 'a k3d runtime to ask', 'none (this check needs the simulator or a k3d host)');
    const c = ctx.clusters.clusters().find((x) => x.name === name);
    if (spec.exists === false) return result(subject, [{ pass: !c, expected: 'no such cluster', actual: 'it still exists' }]);
    if (!c) {
      const others = ctx.clusters.clusters().map((x) => x.name);
      return missing(subject, 'it to exist', others.length ? `only ${others.join(', ')}` : 'no clusters at all');
    }
    const parts: Part[] = [];
    if (typeof spec.servers === 'number') parts.push({ pass: c.servers.total === spec.servers, expected: `${spec.servers} ${spec.servers === 1 ? 'server' : 'servers'}`, actual: `${c.servers.total}` });
    if (typeof spec.agents === 'number') parts.push({ pass: c.agents.total === spec.agents, expected: `${spec.agents} ${spec.agents === 1 ? 'agent' : 'agents'}`, actual: `${c.agents.total}` });
    if (typeof spec.running === 'boolean') {
      const all = c.servers.running === c.servers.total && c.agents.running === c.agents.total;
      parts.push({
        pass: spec.running ? all : c.servers.running + c.agents.running === 0,
        expected: spec.running ? 'all nodes running' : 'all nodes stopped',
        actual: `servers ${c.servers.running}/${c.servers.total} and agents ${c.agents.running}/${c.agents.total} running`,
      });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
