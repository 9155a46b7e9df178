import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/sim/client/client';
import { R } from '../../../src/sim/client/resources';
import { dnsLookup, httpRequest, ping, podNetwork, resolvConf, startClusterNetwork } from '../../../src/sim/network';
import { deployment, harness, service } from '../controllers/helpers/harness';

function cluster(replicas = 3) {
  const h = harness();
  h.client.create(R.deployments, 'default', deployment('web', replicas));
  h.client.create(R.services, 'default', service('web', { clusterIP: '10.43.120.7' }));
  const coredns = deployment('coredns', 1, 'rancher/mirrored-coredns-coredns:1.12.0');
  coredns.metadata.namespace = 'kube-system';
  h.client.create(R.deployments, 'kube-system', coredns);
  h.client.create(R.services, 'kube-system', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { selector: { app: 'coredns' }, clusterIP: '10.43.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } });
  h.client.create(R.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' }, spec: { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  const net = startClusterNetwork({ client: new ApiClient(h.server, 'k3s'), clock: h.clock, random: h.random });
  h.run(5000);
  return { h, net };
}

const fromBox = { kind: 'pod', namespace: 'default', name: 'box' } as const;

describe('cluster DNS', () => {
  it('resolves a service by short name, namespace, svc and FQDN through the search path', () => {
    const { net } = cluster();
    for (const n of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      const r = dnsLookup(net, 'default', n);
      expect(r).toMatchObject({ server: '10.43.0.10', serverAddress: '10.43.0.10:53', status: 'NOERROR', fqdn: 'web.default.svc.cluster.local' });
      expect(r.answers).toEqual([{ name: 'web.default.svc.cluster.local', address: '10.43.120.7' }]);
    }
    // from another namespace the short name misses
    expect(dnsLookup(net, 'kube-system', 'web').status).toBe('NXDOMAIN');
    expect(dnsLookup(net, 'kube-system', 'web.default').answers[0].address).toBe('10.43.120.7');
    expect(dnsLookup(net, 'default', 'kube-dns.kube-system').answers[0].address).toBe('10.43.0.10');
    expect(dnsLookup(net, 'default', 'nope').status).toBe('NXDOMAIN');
    expect(dnsLookup(net, 'default', '10-42-1-5.default.pod.cluster.local').answers[0].address).toBe('10.42.1.5');
    expect(dnsLookup(net, 'default', 'k3d-mini-cluster-agent-0').answers[0].address).toBe('172.18.0.3');
    expect(resolvConf('dev')).toBe('search dev.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n');
  });

  it('a headless service answers with the ready pod IPs; StatefulSet-style hostnames resolve', () => {
    const { h, net } = cluster(2);
    h.client.create(R.services, 'default', service('web-hl', { clusterIP: 'None', selector: { app: 'web' } }));
    h.run(100);
    const ips = h.server.all('pods', 'default').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.status.podIP).sort();
    const r = dnsLookup(net, 'default', 'web-hl');
    expect(r.answers.map((a) => a.address).sort()).toEqual(ips);
  });
});

describe('service routing', () => {
  it('spreads connections to the ClusterIP over the ready endpoints and answers with the image', () => {
    const { h, net } = cluster(3);
    const seen = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const r = httpRequest(net, fromBox, 'http://web/');
      if (!r.ok) throw new Error('request failed: ' + r.failure);
      expect(r.status).toBe(200);
      expect(r.body).toContain('Welcome to nginx!');
      expect(r.address).toBe('10.43.120.7:80');
      seen.set(r.servedBy.name, (seen.get(r.servedBy.name) ?? 0) + 1);
    }
    expect(seen.size).toBe(3);
    for (const n of seen.values()) expect(n).toBeGreaterThan(60);
    // a not-ready pod leaves the rotation
    const victim = [...seen.keys()][0];
    h.kubelet.setReady('default', victim, false);
    h.run(10);
    for (let i = 0; i < 50; i++) {
      const r = httpRequest(net, fromBox, 'http://web.default.svc.cluster.local/');
      expect(r.ok && r.servedBy.name).not.toBe(victim);
    }
  });

  it('refuses when no endpoint is ready, times out on an unknown port, and a ClusterIP does not answer ping', () => {
    const { h, net } = cluster(1);
    expect(httpRequest(net, fromBox, 'http://web:8080/')).toMatchObject({ ok: false, failure: 'timeout', ip: '10.43.120.7' });
    const pod = h.server.all('pods').find((p) => p.metadata.labels?.app === 'web')!;
    h.kubelet.setReady('default', pod.metadata.name!, false);
    h.run(10);
    expect(httpRequest(net, fromBox, 'http://web/')).toMatchObject({ ok: false, failure: 'refused' });
    expect(httpRequest(net, fromBox, 'http://nope/')).toMatchObject({ ok: false, failure: 'dns' });
    expect(ping(net, fromBox, 'web').reachable).toBe(false);
    expect(ping(net, fromBox, pod.status.podIP).reachable).toBe(true);
    // direct pod IP still works: readiness only affects Services
    const r = httpRequest(net, fromBox, `http://${pod.status.podIP}/`);
    expect(r.ok).toBe(true);
    // busybox wording through the kubelet hook
    const boxIP = h.client.get(R.pods, 'default', 'box').status.podIP;
    expect(podNetwork(net).http(boxIP, 'http://web/')).toEqual({ error: "wget: can't connect to remote host (10.43.120.7): Connection refused" });
    expect(podNetwork(net).http(boxIP, 'http://nope/')).toEqual({ error: "wget: bad address 'nope'" });
  });

  it('reaches a NodePort on every node IP from the host, but not the ClusterIP', () => {
    const { h, net } = cluster(2);
    h.client.patch(R.services, 'default', 'web', 'merge', { spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 31234 }] } });
    h.run(100);
    for (const ip of ['172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5']) {
      const r = httpRequest(net, { kind: 'host' }, `http://${ip}:31234/`);
      expect(r.ok && r.status).toBe(200);
    }
    expect(httpRequest(net, { kind: 'host' }, 'http://10.43.120.7/')).toMatchObject({ ok: false, failure: 'timeout' });
    expect(httpRequest(net, { kind: 'host' }, 'http://172.18.0.2:30000/')).toMatchObject({ ok: false, failure: 'refused' });
    expect(httpRequest(net, { kind: 'host' }, 'http://web/')).toMatchObject({ ok: false, failure: 'dns' });
  });
});

describe('selectorless services', () => {
  it('hand-written Endpoints are mirrored into an EndpointSlice and routed to', () => {
    const { h, net } = cluster(1);
    const pod = h.server.all('pods').find((p) => p.metadata.labels?.app === 'web')!;
    h.client.create(R.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { clusterIP: '10.43.200.9', ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }] } });
    h.client.create(R.endpoints, 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: pod.status.podIP }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] });
    h.run(100);
    const slice = h.server.all('endpointslices').find((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'ext')!;
    expect(slice.metadata.labels!['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(slice.metadata.name).toMatch(/^ext-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.endpoints).toEqual([{ addresses: [pod.status.podIP], conditions: { ready: true } }]);
    const r = httpRequest(net, fromBox, 'http://ext:8080/');
    expect(r.ok && r.servedBy.name).toBe(pod.metadata.name);
  });
});

describe('traffic policies', () => {
  it('sessionAffinity ClientIP keeps a client on one endpoint', () => {
    const { h, net } = cluster(3);
    h.client.patch(R.services, 'default', 'web', 'merge', { spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } } });
    h.run(10);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const r = httpRequest(net, fromBox, 'http://web/');
      if (r.ok) seen.add(r.servedBy.name);
    }
    expect(seen.size).toBe(1);
  });

  it('externalTrafficPolicy Local only answers on nodes with a local endpoint', () => {
    const { h, net } = cluster(1);
    h.client.patch(R.services, 'default', 'web', 'merge', { spec: { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 31000 }] } });
    h.run(10);
    const pod = h.server.all('pods').find((p) => p.metadata.labels?.app === 'web')!;
    const results = ['172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5'].map((ip) => {
      const node = h.server.all('nodes').find((n) => n.status.addresses[0].address === ip)!.metadata.name;
      const r = httpRequest(net, { kind: 'host' }, `http://${ip}:31000/`);
      return { local: node === pod.spec.nodeName, ok: r.ok, failure: r.ok ? undefined : r.failure };
    });
    for (const r of results) expect(r).toEqual(r.local ? { local: true, ok: true, failure: undefined } : { local: false, ok: false, failure: 'timeout' });
  });
});

describe('CoreDNS down', () => {
  it('with no ready CoreDNS pod, lookups time out and wget reports a bad address after the resolver waits', () => {
    const { h, net } = cluster(1);
    expect(dnsLookup(net, 'default', 'web').status).toBe('NOERROR');
    h.client.patch(R.deployments, 'kube-system', 'coredns', 'merge', { spec: { replicas: 0 } });
    h.run(5000);
    expect(dnsLookup(net, 'default', 'web')).toMatchObject({ status: 'TIMEOUT', answers: [] });
    const boxIP = h.client.get(R.pods, 'default', 'box').status.podIP;
    expect(podNetwork(net).http(boxIP, 'http://web/')).toEqual({ error: "wget: bad address 'web'", waitMs: 10_000 });
    expect(podNetwork(net).dns('default', 'web')).toEqual({ server: '10.43.0.10', answers: [], timedOut: true });
    // the ClusterIP itself still works: kube-proxy does not need DNS
    expect(httpRequest(net, fromBox, 'http://10.43.120.7/').ok).toBe(true);
  });
});
