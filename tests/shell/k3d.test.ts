/**
 * The k3d command against the world's K3dRuntime. Expected texts come from k3d-io/k3d: cmd/root.go (logging:
 * INFO to stdout, `INFO[0007] <message padded to 44> `, version lines), pkg/client/cluster.go (create/start/delete
 * steps), cmd/cluster/clusterList.go and cmd/node/nodeList.go with cmd/util/listings.go (tabwriter 6/4/3 tables),
 * pkg/client/kubeconfig.go (k3d-<name> entries, current context switched).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { TestShell } from './harness';

const plain = (s: string) => s.replace(/ +$/gm, '');

describe('k3d', () => {
  it('version', async () => {
    const t = new TestShell(createWorld({ seed: 1, empty: true }));
    const r = await t.run('k3d version');
    expect(r.out).toMatch(/^k3d version v5\.\d+\.\d+\nk3s version v1\.\d+\.\d+-k3s1 \(default\)\n$/);
  });

  it('cluster create prints the steps with elapsed virtual seconds, writes and switches the kubeconfig', async () => {
    const t = new TestShell(createWorld({ seed: 3, empty: true }));
    const r = await t.run('LOG_COLORS=false k3d cluster create demo --agents 2');
    expect(r.code).toBe(0);
    const lines = plain(r.out).split('\n');
    expect(lines).toEqual([
      'INFO[0000] Prep: Network',
      "INFO[0000] Created network 'k3d-demo'",
      'INFO[0000] Created image volume k3d-demo-images',
      'INFO[0000] Starting new tools node...',
      "INFO[0000] Starting node 'k3d-demo-tools'",
      "INFO[0001] Creating node 'k3d-demo-server-0'",
      "INFO[0001] Creating node 'k3d-demo-agent-0'",
      "INFO[0001] Creating node 'k3d-demo-agent-1'",
      "INFO[0001] Creating LoadBalancer 'k3d-demo-serverlb'",
      'INFO[0001] Using the k3d-tools node to gather environment information',
      expect.stringMatching(/^INFO\[0001\] HostIP: using network gateway 172\.\d+\.0\.1 address$/),
      "INFO[0001] Starting cluster 'demo'",
      'INFO[0001] Starting servers...',
      "INFO[0001] Starting node 'k3d-demo-server-0'",
      'INFO[0007] Starting agents...',
      "INFO[0007] Starting node 'k3d-demo-agent-0'",
      "INFO[0007] Starting node 'k3d-demo-agent-1'",
      'INFO[0014] Starting helpers...',
      "INFO[0014] Starting node 'k3d-demo-serverlb'",
      'INFO[0020] Injecting records for hostAliases (incl. host.k3d.internal) and for 5 network members into CoreDNS configmap...',
      "INFO[0022] Cluster 'demo' created successfully!",
      'INFO[0022] You can now use it like this:',
      'kubectl cluster-info',
      '',
    ]);
    // logrus pads each message to 44 columns and adds a space
    expect(r.out.split('\n')[0]).toBe('INFO[0000] Prep: Network' + ' '.repeat(44 - 'Prep: Network'.length) + ' ');
    expect((await t.run('kubectl config current-context')).out).toBe('k3d-demo\n');
    const nodes = await t.run('kubectl get nodes --no-headers | wc -l');
    expect(nodes.out).toBe('3\n');
    expect((await t.run("grep -c 'server: https://0.0.0.0:' ~/.kube/config")).out).toBe('1\n');
  });

  it('colours INFO like logrus with ForceColors', async () => {
    const t = new TestShell(createWorld({ seed: 3, empty: true }));
    const r = await t.run('k3d cluster list nope 2>&1');
    expect(r.out).toMatch(/^\x1b\[31mFATA\x1b\[0m\[0000\] failed to get cluster nope/);
    expect(r.code).toBe(1);
  });

  it('cluster list and node list tables (tabwriter minwidth 6, padding 3)', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    expect((await t.run('k3d cluster list')).out).toBe('NAME           SERVERS   AGENTS   LOADBALANCER\nmini-cluster   1/1       3/3      true\n');
    expect((await t.run('k3d cluster list --no-headers')).out).toBe('mini-cluster   1/1   3/3   true\n');
    expect((await t.run('k3d node list')).out).toBe(
      [
        'NAME                        ROLE           CLUSTER        STATUS',
        'k3d-mini-cluster-agent-0    agent          mini-cluster   running',
        'k3d-mini-cluster-agent-1    agent          mini-cluster   running',
        'k3d-mini-cluster-agent-2    agent          mini-cluster   running',
        'k3d-mini-cluster-server-0   server         mini-cluster   running',
        'k3d-mini-cluster-serverlb   loadbalancer   mini-cluster   running',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await t.run('k3d cluster list -o json')).out);
    expect(json[0]).toMatchObject({ name: 'mini-cluster', serversRunning: 1, serversCount: 1, agentsRunning: 3, agentsCount: 3, hasLoadbalancer: true });
  });

  it('the machine starts with mini-cluster in ~/.kube/config, as after k3d cluster create', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    expect((await t.run('kubectl config get-contexts -o name')).out).toBe('k3d-mini-cluster\n');
    expect((await t.run('kubectl get nodes --no-headers | wc -l')).out).toBe('4\n');
  });

  it('node stop/start changes the container state; cluster stop makes the API unreachable until start', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    expect((await t.run('k3d node stop k3d-mini-cluster-agent-2')).code).toBe(0);
    expect((await t.run('k3d node list --no-headers | grep agent-2')).out).toBe('k3d-mini-cluster-agent-2    agent          mini-cluster   exited\n');
    const start = await t.run('LOG_COLORS=false k3d node start k3d-mini-cluster-agent-2');
    expect(plain(start.out)).toBe("INFO[0000] Starting node 'k3d-mini-cluster-agent-2'\n");
    const stop = await t.run('LOG_COLORS=false k3d cluster stop mini-cluster');
    expect(plain(stop.out)).toBe("INFO[0000] Stopping cluster 'mini-cluster'\nINFO[0003] Stopped cluster 'mini-cluster'\n");
    expect((await t.run('k3d cluster list --no-headers')).out).toBe('mini-cluster   0/1   0/3   true\n');
    const refused = await t.run('kubectl get nodes');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^The connection to the server 0\.0\.0\.0:\d+ was refused - did you specify the right host or port\?\n$/);
    expect(plain((await t.run('LOG_COLORS=false k3d cluster start mini-cluster')).out)).toContain("Started cluster 'mini-cluster'");
    expect((await t.run('kubectl get nodes --no-headers | wc -l')).out).toBe('4\n');
  });

  it('cluster delete removes the cluster and its kubeconfig entries', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    const r = await t.run('LOG_COLORS=false k3d cluster delete mini-cluster');
    expect(plain(r.out)).toBe(
      [
        "INFO[0000] Deleting cluster 'mini-cluster'",
        "INFO[0001] Deleting cluster network 'k3d-mini-cluster'",
        'INFO[0001] Deleting 1 attached volumes...',
        'INFO[0001] Removing cluster details from default kubeconfig...',
        'INFO[0001] Removing standalone kubeconfig file (if there is one)...',
        'INFO[0001] Successfully deleted cluster mini-cluster!',
        '',
      ].join('\n'),
    );
    expect((await t.run('k3d cluster list')).out).toBe('NAME   SERVERS   AGENTS   LOADBALANCER\n');
    expect((await t.run('kubectl config current-context')).err).toBe('error: current-context is not set\n');
    expect(plain((await t.run('LOG_COLORS=false k3d cluster delete mini-cluster')).out)).toBe('INFO[0000] No clusters found\n');
  });

  it('rejects bad names, duplicates and unknown commands with k3d\'s texts', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    const bad = await t.run('LOG_COLORS=false k3d cluster create Bad_Name');
    expect(bad.code).toBe(1);
    expect(plain(bad.err)).toBe('FATA[0000] Failed to transform simple config to cluster config: Invalid cluster name. name Bad_Name is not a valid hostname as per RFC 1123\n');
    const dup = await t.run('LOG_COLORS=false k3d cluster create mini-cluster');
    expect(plain(dup.err)).toBe("FATA[0000] Failed to create cluster 'mini-cluster' because a cluster with that name already exists\n");
    const unknown = await t.run('LOG_COLORS=false k3d clustr list');
    expect(unknown.err).toContain('Error: unknown command "clustr" for "k3d"\n\nDid you mean this?\n\tcluster\n');
  });

  it('kubeconfig get prints the cluster\'s kubeconfig', async () => {
    const t = new TestShell(createWorld({ seed: 1 }));
    const r = await t.run('k3d kubeconfig get mini-cluster');
    expect(r.out).toMatch(/^apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: [A-Za-z0-9+/=]+\n    server: https:\/\/0\.0\.0\.0:\d+\n  name: k3d-mini-cluster\n/);
    expect(r.out).toContain('current-context: k3d-mini-cluster\n');
    expect(r.out).toContain('- name: admin@k3d-mini-cluster\n');
  });
});

describe('the machine with a cluster', () => {
  it('here-documents feed kubectl apply -f -, completion knows live names, ping gets no reply from a ClusterIP', async () => {
    const t = new TestShell(createWorld({ seed: 5 }));
    const r = await t.run('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\nEOF');
    expect(r.out).toBe('configmap/settings created\n');
    expect((await t.run("kubectl get cm settings -o jsonpath='{.data.mode}'")).out).toBe('fast');
    expect(t.shell.complete('kubectl get configmap sett').candidates).toEqual(['settings']);
    expect(t.shell.complete('kubectl get po').candidates).toEqual(expect.arrayContaining(['pods']));
    const ping = await t.run('ping -c 2 10.43.0.1');
    expect(ping.code).toBe(1);
    expect(ping.out).toBe('PING 10.43.0.1 (10.43.0.1) 56(84) bytes of data.\n\n--- 10.43.0.1 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time 1000ms\n');
    const node = await t.run('ping -c 1 172.18.0.3');
    expect(node.out).toContain('64 bytes from 172.18.0.3: icmp_seq=1 ttl=64');
    expect(node.code).toBe(0);
  });
});
