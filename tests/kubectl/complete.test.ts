/** Tab completion: subcommands, flags, resource types from discovery, live names through the API. */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { completeKubectl } from '../../src/kubectl/index';
import { MemFS } from './harness';

describe('completeKubectl', () => {
  const w = createWorld({ seed: 3 });
  const fs = new MemFS();
  fs.writeFile(
    '/root/.kube/config',
    `apiVersion: v1\nclusters:\n- cluster:\n    server: ${w.serverURL()}\n  name: c\ncontexts:\n- context:\n    cluster: c\n    namespace: kube-system\n    user: u\n  name: c\ncurrent-context: c\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user: {}\n`,
  );
  const ctx = { host: { clock: w.clock, resolveServer: (u: string) => w.resolveServer(u) }, fs, env: { HOME: '/root' } };

  it('completes subcommands in help order', () => {
    expect(completeKubectl(['kubectl', 'ro'], ctx)).toEqual(['rollout']);
    expect(completeKubectl(['kubectl', 'rollout', 'st'], ctx)).toEqual(['status']);
  });
  it('completes flags of the command', () => {
    expect(completeKubectl(['kubectl', 'get', '--show-l'], ctx)).toEqual(['--show-labels']);
  });
  it('completes resource types as api-resources -o name prints them (no short names or singulars)', () => {
    expect(completeKubectl(['kubectl', 'get', 'dep'], ctx)).toEqual(['deployments.apps']);
    expect(completeKubectl(['kubectl', 'get', 'svc,po'], ctx)).toEqual(['svc,pods', 'svc,podtemplates', 'svc,pods.metrics.k8s.io', 'svc,poddisruptionbudgets.policy']);
    expect(completeKubectl(['kubectl', 'rollout', 'status', ''], ctx)).toEqual(['deployment', 'daemonset', 'statefulset']);
  });
  it('completes live object names in the context namespace', () => {
    const r = completeKubectl(['kubectl', 'get', 'deploy', 'co'], ctx);
    expect(r).toEqual(['coredns']);
    expect(completeKubectl(['kubectl', 'logs', 'coredns-'], ctx).every((n) => n.startsWith('coredns-'))).toBe(true);
    expect(completeKubectl(['kubectl', 'describe', 'deploy/met'], ctx)).toEqual(['deploy/metrics-server']);
  });
  it('returns nothing when no cluster answers', () => {
    const off = { ...ctx, host: { ...ctx.host, resolveServer: () => undefined } };
    expect(completeKubectl(['kubectl', 'get', 'pods', ''], off)).toEqual([]);
  });
});
