/** The kubeconfig `kubelab serve` writes: plain http on loopback, no credentials (kubectl then sends none). */
import { stringify } from 'yaml';

export function serveKubeconfig(opts: { server: string; name: string }): string {
  const { server, name } = opts;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: { token: 'kubelab' } }],
  });
}
