/**
 * The kubeconfig `kubelab serve` writes: plain http on loopback, no credentials (kubectl then sends none). Names
 * follow k3d's (cluster and context `k3d-<name>`, user `admin@k3d-<name>`), so commands that print them read the
 * same as against the learner's k3d cluster.
 */
import { stringify } from 'yaml';

export function serveKubeconfig(opts: { server: string; name: string }): string {
  const { server, name } = opts;
  const user = `admin@${name}`;
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { server }, name }],
    contexts: [{ context: { cluster: name, user }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: { token: 'kubelab' } }],
  });
}
