/**
 * The Docker side of k3d: clusters as networks of node containers, each node a k3s server or agent (a kubelet
 * in a Cluster), plus the serverlb. Names, IPs and defaults follow k3d v5 (k3d-io/k3d pkg/client/cluster.go,
 * node.go, loadbalancer.go, pkg/types/defaults.go):
 * - network `k3d-<cluster>`, 172.(18+k).0.0/16 with gateway .1 (Docker hands out the next free /16 after
 *   docker0's 172.17); the transient tools node starts first and holds .2, so server-0 is .3, then the agents,
 *   then the serverlb;
 * - nodes `k3d-<cluster>-server-N`, `k3d-<cluster>-agent-N`, `k3d-<cluster>-serverlb`; a node added later with
 *   `k3d node create NAME` is `k3d-NAME-0`;
 * - kubeconfig: cluster/context `k3d-<cluster>`, user `admin@k3d-<cluster>`, server https://0.0.0.0:<random host port>;
 * - cluster token: 20 random letters (GenerateRandomString).
 * This file holds state and returns data; the `k3d` command (src/shell) prints the log lines.
 */
import { K3S_VERSION } from '../apiserver/version';
import type { VirtualClock } from '../clock';
import { Cluster } from '../cluster';
import type { NodeConfig } from '../kubelet/types';
import type { Random } from '../random';

export const DEFAULT_K3S_IMAGE = `rancher/k3s:${K3S_VERSION.replace('+', '-')}`;
export const DEFAULT_CLUSTER_NAME = 'k3s-default';
export const CONTAINERD_VERSION = 'containerd://1.7.23-k3s2';
export const HOST_KERNEL = '6.8.0-48-generic';

export class K3dError extends Error {}

export type K3dRole = 'server' | 'agent' | 'loadbalancer';

export interface K3dNode {
  name: string;
  role: K3dRole;
  cluster: string;
  /** Docker state: running, exited. */
  state: 'running' | 'exited';
  ip: string;
  image: string;
  /** Virtual ms when the container was created. */
  created: number;
  /** The k3s node's podCIDR (servers and agents). */
  podCIDR?: string;
  /** Docker port bindings: `80/tcp` → host ports (the serverlb holds the `--port … proxy` mappings). */
  portMappings?: Record<string, { HostIp: string; HostPort: string }[]>;
}

/**
 * One `--port [HOST:][HOSTPORT:]CONTAINERPORT[/PROTOCOL][@NODEFILTER]` (pkg/client/ports.go TransformPorts): a
 * `proxy` mapping (the default suffix) binds the host port on the serverlb, whose nginx forwards the container
 * port to the filtered nodes; `direct` binds it on the one node itself.
 */
export interface PortMappingSpec {
  hostIP?: string;
  hostPort?: number;
  containerPort: number;
  protocol?: 'tcp' | 'udp';
  /** Node filters as given (`loadbalancer`, `agent:0`, `server:*`, `agents:0:direct` …); none = every node. */
  filters?: string[];
}

interface PortMapping {
  hostIP: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** Node names the traffic goes to (servers then agents, as the lb config lists them). */
  targets: string[];
  direct: boolean;
  /** nginx's round robin over the targets. */
  next: number;
}

export interface K3dClusterRecord {
  name: string;
  network: { name: string; subnet: string; gateway: string };
  imageVolume: string;
  token: string;
  image: string;
  apiHost: string;
  apiPort: number;
  nodes: K3dNode[];
  cluster: Cluster;
  /** Next host octet pair for a new container on the network. */
  nextHost: number;
  nextPodCIDR: number;
  ports?: PortMapping[];
}

export interface CreateClusterOptions {
  name?: string;
  servers?: number;
  agents?: number;
  image?: string;
  /** Host port for the API (`--api-port`); random otherwise. */
  apiPort?: number;
  /** `--no-lb` */
  noLB?: boolean;
  /** A bare control plane without k3s's packaged workloads (tests, benchmarks). */
  bare?: boolean;
  /** node-monitor-grace-period override (`--k3s-arg --kube-controller-manager-arg=node-monitor-grace-period=…`). */
  nodeMonitorGracePeriodMs?: number;
  /** Node capacity override, e.g. { cpu: '2', memory: '4Gi' } (the host's resources otherwise). */
  capacity?: Record<string, string>;
  /** `--port` mappings. */
  ports?: PortMappingSpec[];
}

export interface KubeconfigEntry {
  clusterName: string;
  contextName: string;
  userName: string;
  server: string;
  certificateAuthorityData: string;
  clientCertificateData: string;
  clientKeyData: string;
}

export interface ClusterSummary {
  name: string;
  serversRunning: number;
  serversCount: number;
  agentsRunning: number;
  agentsCount: number;
  hasLoadBalancer: boolean;
  network: string;
  token: string;
  image: string;
  apiHost: string;
  apiPort: number;
  nodes: K3dNode[];
}

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A host machine: what every k3d node reports as capacity (containers without limits see the whole host). */
const HOST_CAPACITY = {
  cpu: '4',
  'ephemeral-storage': '61202244Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16318200Ki',
  pods: '110',
};

export class K3dRuntime {
  readonly clusters = new Map<string, K3dClusterRecord>();
  private networksUsed = 0;
  /** Called after every state-changing operation (the World's replay log listens). */
  onOp?: (op: string, args: unknown[]) => void;

  constructor(
    private clock: VirtualClock,
    private random: Random,
  ) {}

  private record(op: string, args: unknown[]): void {
    this.onOp?.(op, JSON.parse(JSON.stringify(args)));
  }

  /** Validates like k3d's cluster name check (pkg/client/clusterName.go). */
  static validateName(name: string): string | undefined {
    if (name.length > 32) return `Cluster name must be <= 32 characters, but has ${name.length}`;
    if (!NAME_RE.test(name)) return `Invalid cluster name. name ${name} is not a valid hostname as per RFC 1123`;
    return undefined;
  }

  createCluster(opts: CreateClusterOptions = {}): ClusterSummary {
    const name = opts.name ?? DEFAULT_CLUSTER_NAME;
    const invalid = K3dRuntime.validateName(name);
    if (invalid) throw new K3dError(invalid);
    if (this.clusters.has(name)) throw new K3dError(`Failed to create cluster '${name}' because a cluster with that name already exists`);
    const servers = opts.servers ?? 1;
    const agents = opts.agents ?? 0;
    if (servers < 1) throw new K3dError('Cannot create cluster with less than 1 server node');
    this.record('createCluster', [opts]);
    const k = this.networksUsed++;
    const octet2 = 18 + k;
    const gateway = `172.${octet2}.0.1`;
    const apiPort = opts.apiPort ?? 32768 + this.random.int(28232);
    const token = this.random.string(20, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const image = opts.image ?? DEFAULT_K3S_IMAGE;
    const now = this.clock.now();
    // tools node takes .2 while the cluster is being set up
    let host = 3;
    const nodes: K3dNode[] = [];
    let cidr = 0;
    for (let i = 0; i < servers; i++) nodes.push({ name: `k3d-${name}-server-${i}`, role: 'server', cluster: name, state: 'running', ip: `172.${octet2}.0.${host++}`, image, created: now, podCIDR: `10.42.${cidr++}.0/24` });
    for (let i = 0; i < agents; i++) nodes.push({ name: `k3d-${name}-agent-${i}`, role: 'agent', cluster: name, state: 'running', ip: `172.${octet2}.0.${host++}`, image, created: now, podCIDR: `10.42.${cidr++}.0/24` });
    if (!opts.noLB) nodes.push({ name: `k3d-${name}-serverlb`, role: 'loadbalancer', cluster: name, state: 'running', ip: `172.${octet2}.0.${host++}`, image: 'ghcr.io/k3d-io/k3d-proxy:5.8.3', created: now });

    const rec: K3dClusterRecord = {
      name,
      network: { name: `k3d-${name}`, subnet: `172.${octet2}.0.0/16`, gateway },
      imageVolume: `k3d-${name}-images`,
      token,
      image,
      apiHost: '0.0.0.0',
      apiPort,
      nodes,
      cluster: undefined as unknown as Cluster,
      nextHost: host,
      nextPodCIDR: cidr,
    };
    rec.ports = this.resolvePorts(rec, opts.ports ?? []);
    rec.cluster = new Cluster({
      name,
      clock: this.clock,
      random: this.random,
      serverIP: nodes[0].ip,
      hostGateway: gateway,
      nodeHosts: () => this.nodeHosts(rec),
      bare: opts.bare,
      nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs,
    });
    this.clusters.set(name, rec);
    (rec as K3dClusterRecord & { capacity?: Record<string, string> }).capacity = opts.capacity;
    rec.cluster.startControlPlane();
    // The servers come up first; agents join a few seconds later, as `Starting agents...` follows the servers.
    nodes.forEach((n) => {
      if (n.role === 'loadbalancer') return;
      const kubelet = rec.cluster.addNode(this.nodeConfig(rec, n));
      const delay = n.role === 'server' ? 1000 + this.random.int(500) : 3000 + this.random.int(1500);
      this.clock.setTimeout(() => {
        if (n.state === 'running' && this.clusters.get(name) === rec) kubelet.start();
      }, delay);
    });
    return this.summary(rec);
  }

  /**
   * Node filters → nodes (pkg/util/filter.go): `loadbalancer` stands for every server and agent behind the lb
   * ([servers:*:proxy agents:*:proxy]); `server:0`, `agent:*`, `agent:0,1`, `all`; a `:direct` suffix binds on
   * the node itself. The serverlb gets `0.0.0.0:HOSTPORT->CONTAINERPORT/tcp` for each proxied mapping.
   */
  private resolvePorts(rec: K3dClusterRecord, specs: PortMappingSpec[]): PortMapping[] {
    const out: PortMapping[] = [];
    const lb = rec.nodes.find((n) => n.role === 'loadbalancer');
    for (const spec of specs) {
      const filters = spec.filters?.length ? spec.filters : ['servers:*', 'agents:*'];
      const targets: string[] = [];
      let direct = false;
      for (const raw of filters.some((f) => f.startsWith('loadbalancer')) ? ['servers:*', 'agents:*'] : filters) {
        const parts = raw.split(':');
        if (parts[parts.length - 1] === 'direct') {
          direct = true;
          parts.pop();
        } else if (parts[parts.length - 1] === 'proxy') parts.pop();
        const group = parts[0].replace(/s$/, '');
        const pick = parts[1] ?? '*';
        const ofRole = rec.nodes.filter((n) => (group === 'all' ? n.role !== 'loadbalancer' : n.role === group));
        const wanted = pick === '*' ? ofRole : pick.split(',').flatMap((x) => {
          const m = /^(\d+)-(\d+)$/.exec(x);
          if (m) return ofRole.slice(Number(m[1]), Number(m[2]) + 1);
          return ofRole[Number(x)] ? [ofRole[Number(x)]] : [];
        });
        for (const n of wanted) if (!targets.includes(n.name)) targets.push(n.name);
      }
      if (!targets.length) continue;
      const hostPort = spec.hostPort ?? 32768 + this.random.int(28232);
      const m: PortMapping = { hostIP: spec.hostIP ?? '0.0.0.0', hostPort, containerPort: spec.containerPort, protocol: spec.protocol ?? 'tcp', targets, direct: direct || !lb, next: 0 };
      out.push(m);
      const holder = m.direct ? rec.nodes.find((n) => n.name === targets[0]) : lb;
      if (holder) {
        const key = `${m.containerPort}/${m.protocol}`;
        holder.portMappings ??= {};
        (holder.portMappings[key] ??= []).push({ HostIp: m.hostIP, HostPort: String(hostPort) });
      }
    }
    if (lb) {
      lb.portMappings ??= {};
      lb.portMappings['6443/tcp'] = [{ HostIp: rec.apiHost, HostPort: String(rec.apiPort) }];
    }
    return out;
  }

  /**
   * Where a connection to the host's port goes: the serverlb (running) forwards to the next target node that runs,
   * round robin as nginx's stream upstream does; a direct binding goes to its node. Undefined: nothing listens.
   */
  hostPortTarget(port: number, protocol = 'tcp'): { cluster: Cluster; nodeName: string; nodeIP: string; containerPort: number } | undefined {
    for (const rec of this.clusters.values()) {
      for (const m of rec.ports ?? []) {
        if (m.hostPort !== port || m.protocol !== protocol) continue;
        if (!m.direct && rec.nodes.find((n) => n.role === 'loadbalancer')?.state !== 'running') return undefined;
        for (let i = 0; i < m.targets.length; i++) {
          const name = m.targets[(m.next + i) % m.targets.length];
          const node = rec.nodes.find((n) => n.name === name);
          if (node?.state !== 'running') continue;
          m.next = (m.next + i + 1) % m.targets.length;
          return { cluster: rec.cluster, nodeName: node.name, nodeIP: node.ip, containerPort: m.containerPort };
        }
        return undefined;
      }
    }
    return undefined;
  }

  private nodeConfig(rec: K3dClusterRecord, n: K3dNode): NodeConfig {
    const isServer = n.role === 'server';
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/instance-type': 'k3s',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': n.name,
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'k3s',
    };
    if (isServer) {
      labels['node-role.kubernetes.io/control-plane'] = 'true';
      labels['node-role.kubernetes.io/master'] = 'true';
      // embedded etcd only with more than one server (server-0 gets --cluster-init)
      if (rec.nodes.filter((x) => x.role === 'server').length > 1) labels['node-role.kubernetes.io/etcd'] = 'true';
    }
    const mac = Array.from({ length: 6 }, () => this.random.string(2, '0123456789abcdef')).join(':');
    const nodeArgs = isServer
      ? JSON.stringify(['server', '--tls-san', '0.0.0.0', '--tls-san', 'k3d-' + rec.name + '-serverlb'])
      : JSON.stringify(['agent']);
    const annotations: Record<string, string> = {
      'alpha.kubernetes.io/provided-node-ip': n.ip,
      'flannel.alpha.coreos.com/backend-data': JSON.stringify({ VNI: 1, VtepMAC: mac }),
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
      'flannel.alpha.coreos.com/public-ip': n.ip,
      'k3s.io/hostname': n.name,
      'k3s.io/internal-ip': n.ip,
      'k3s.io/node-args': nodeArgs,
      'k3s.io/node-config-hash': this.random.string(52, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') + '====',
      'k3s.io/node-env': '{}',
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    };
    const hex = (len: number) => this.random.string(len, '0123456789abcdef');
    const capOverride = (rec as K3dClusterRecord & { capacity?: Record<string, string> }).capacity;
    return {
      name: n.name,
      internalIP: n.ip,
      podCIDR: n.podCIDR!,
      labels,
      annotations,
      capacity: { ...HOST_CAPACITY, ...(capOverride ?? {}) },
      providerID: `k3s://${n.name}`,
      nodeInfo: {
        kernelVersion: HOST_KERNEL,
        osImage: `K3s ${K3S_VERSION}`,
        containerRuntimeVersion: CONTAINERD_VERSION,
        kubeletVersion: K3S_VERSION,
        kubeProxyVersion: K3S_VERSION,
        machineID: '',
        systemUUID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
        bootID: this.random.uuid(),
      },
    };
  }

  /** CoreDNS NodeHosts: host.k3d.internal (the network gateway) and every cluster container, as k3d injects them. */
  private nodeHosts(rec: K3dClusterRecord): string {
    const lines = [`${rec.network.gateway} host.k3d.internal`];
    for (const n of rec.nodes) lines.push(`${n.ip} ${n.name}`);
    return lines.join('\n') + '\n';
  }

  get(name: string): K3dClusterRecord | undefined {
    return this.clusters.get(name);
  }

  listClusters(): ClusterSummary[] {
    return [...this.clusters.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((r) => this.summary(r));
  }

  getCluster(name: string): ClusterSummary {
    const rec = this.clusters.get(name);
    if (!rec) throw new K3dError(`No nodes found for given cluster`);
    return this.summary(rec);
  }

  private summary(rec: K3dClusterRecord): ClusterSummary {
    const count = (role: K3dRole, running?: boolean) => rec.nodes.filter((n) => n.role === role && (!running || n.state === 'running')).length;
    return {
      name: rec.name,
      serversRunning: count('server', true),
      serversCount: count('server'),
      agentsRunning: count('agent', true),
      agentsCount: count('agent'),
      hasLoadBalancer: count('loadbalancer') > 0,
      network: rec.network.name,
      token: rec.token,
      image: rec.image,
      apiHost: rec.apiHost,
      apiPort: rec.apiPort,
      nodes: rec.nodes.map((n) => ({ ...n })),
    };
  }

  deleteCluster(name: string): ClusterSummary {
    const rec = this.clusters.get(name);
    if (!rec) throw new K3dError(`No nodes found for given cluster`);
    this.record('deleteCluster', [name]);
    for (const n of rec.nodes) if (n.role !== 'loadbalancer') rec.cluster.stopNode(n.name);
    rec.cluster.stopControlPlane();
    this.clusters.delete(name);
    return this.summary(rec);
  }

  stopCluster(name: string): ClusterSummary {
    const rec = this.clusters.get(name);
    if (!rec) throw new K3dError(`No nodes found for given cluster`);
    this.record('stopCluster', [name]);
    for (const n of rec.nodes) this.stopNodeInner(rec, n);
    return this.summary(rec);
  }

  startCluster(name: string): ClusterSummary {
    const rec = this.clusters.get(name);
    if (!rec) throw new K3dError(`No nodes found for given cluster`);
    this.record('startCluster', [name]);
    for (const role of ['server', 'agent', 'loadbalancer'] as const) for (const n of rec.nodes) if (n.role === role) this.startNodeInner(rec, n);
    return this.summary(rec);
  }

  /** All k3d containers, sorted by name (as `k3d node list` prints them). */
  listNodes(): K3dNode[] {
    return [...this.clusters.values()].flatMap((r) => r.nodes.map((n) => ({ ...n }))).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private findNode(name: string): { rec: K3dClusterRecord; node: K3dNode } {
    for (const rec of this.clusters.values()) {
      const node = rec.nodes.find((n) => n.name === name);
      if (node) return { rec, node };
    }
    throw new K3dError(`Failed to get node '${name}': No node named '${name}' found`);
  }

  stopNode(name: string): K3dNode {
    const { rec, node } = this.findNode(name);
    this.record('stopNode', [name]);
    this.stopNodeInner(rec, node);
    return { ...node };
  }

  startNode(name: string): K3dNode {
    const { rec, node } = this.findNode(name);
    this.record('startNode', [name]);
    this.startNodeInner(rec, node);
    return { ...node };
  }

  private stopNodeInner(rec: K3dClusterRecord, n: K3dNode): void {
    if (n.state === 'exited') return;
    n.state = 'exited';
    if (n.role === 'loadbalancer') return;
    rec.cluster.stopNode(n.name);
    if (n.role === 'server' && !rec.nodes.some((x) => x.role === 'server' && x.state === 'running')) {
      // Without a server there is no API: the control plane stops and agents lose their API connection.
      rec.cluster.stopControlPlane();
      for (const a of rec.nodes) if (a.role === 'agent') rec.cluster.stopNode(a.name);
    }
  }

  private startNodeInner(rec: K3dClusterRecord, n: K3dNode): void {
    if (n.state === 'running') return;
    n.state = 'running';
    if (n.role === 'loadbalancer') return;
    if (n.role === 'server') {
      rec.cluster.startControlPlane();
      rec.cluster.startNode(n.name);
      // agents that kept running reconnect to the API
      for (const a of rec.nodes) if (a.role === 'agent' && a.state === 'running') rec.cluster.startNode(a.name);
      return;
    }
    if (this.apiRunning(rec)) rec.cluster.startNode(n.name);
  }

  /** `k3d node create NAME --cluster C [--role agent]`: container k3d-NAME-0 joins the cluster. */
  createNode(opts: { name: string; cluster?: string; role?: 'agent' | 'server'; image?: string }): K3dNode {
    const clusterName = opts.cluster ?? DEFAULT_CLUSTER_NAME;
    const rec = this.clusters.get(clusterName);
    if (!rec) throw new K3dError(`Failed to find specified cluster '${clusterName}'`);
    const name = `k3d-${opts.name}-0`;
    if (this.listNodes().some((n) => n.name === name)) throw new K3dError(`Failed to create node '${name}': a node with that name already exists`);
    this.record('createNode', [opts]);
    const node: K3dNode = {
      name,
      role: opts.role ?? 'agent',
      cluster: clusterName,
      state: 'running',
      ip: `${rec.network.subnet.split('.').slice(0, 2).join('.')}.0.${rec.nextHost++}`,
      image: opts.image ?? rec.image,
      created: this.clock.now(),
      podCIDR: `10.42.${rec.nextPodCIDR++}.0/24`,
    };
    rec.nodes.push(node);
    const kubelet = rec.cluster.addNode(this.nodeConfig(rec, node));
    if (this.apiRunning(rec)) this.clock.setTimeout(() => node.state === 'running' && kubelet.start(), 2000 + this.random.int(1000));
    return { ...node };
  }

  deleteNode(name: string): K3dNode {
    const { rec, node } = this.findNode(name);
    this.record('deleteNode', [name]);
    rec.nodes = rec.nodes.filter((n) => n !== node);
    if (node.role !== 'loadbalancer' && this.apiRunning(rec)) rec.cluster.removeNode(node.name);
    else rec.cluster.stopNode(node.name);
    return { ...node };
  }

  apiRunning(rec: K3dClusterRecord): boolean {
    return rec.nodes.some((n) => n.role === 'server' && n.state === 'running');
  }

  /** The kubeconfig entries `k3d kubeconfig get` prints / merges (pkg/client/kubeconfig.go names). */
  kubeconfig(name: string): KubeconfigEntry {
    const rec = this.clusters.get(name);
    if (!rec) throw new K3dError(`Failed to get cluster '${name}'`);
    const pem = (kind: string, seed: string) => {
      let h = 0;
      for (const ch of rec.token + seed) h = (h * 131 + ch.charCodeAt(0)) >>> 0;
      let body = '';
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      for (let i = 0; i < 600; i++) {
        h = (Math.imul(h, 1103515245) + 12345) >>> 0;
        body += alphabet[h % 64];
      }
      const lines = body.match(/.{1,64}/g)!.join('\n');
      return base64(`-----BEGIN ${kind}-----\n${lines}\n-----END ${kind}-----\n`);
    };
    return {
      clusterName: `k3d-${name}`,
      contextName: `k3d-${name}`,
      userName: `admin@k3d-${name}`,
      server: `https://${rec.apiHost}:${rec.apiPort}`,
      certificateAuthorityData: pem('CERTIFICATE', 'ca'),
      clientCertificateData: pem('CERTIFICATE', 'client'),
      clientKeyData: pem('EC PRIVATE KEY', 'key'),
    };
  }

  /** The running cluster whose API answers at this kubeconfig server URL. */
  clusterForServer(url: string): K3dClusterRecord | undefined {
    const m = /^https?:\/\/([^/:]+):(\d+)\/?$/.exec(url.trim());
    if (!m) return undefined;
    const [, host, port] = m;
    if (!['0.0.0.0', '127.0.0.1', 'localhost', 'host.docker.internal'].includes(host)) return undefined;
    for (const rec of this.clusters.values()) {
      if (rec.apiPort !== Number(port)) continue;
      const lb = rec.nodes.find((n) => n.role === 'loadbalancer');
      if (lb && lb.state !== 'running') return undefined;
      return this.apiRunning(rec) ? rec : undefined;
    }
    return undefined;
  }
}

function base64(s: string): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const c = s.charCodeAt(i + 2);
    out += chars[a >> 2] + chars[((a & 3) << 4) | (b >> 4 || 0)] + (isNaN(b) ? '=' : chars[((b & 15) << 2) | (c >> 6 || 0)]) + (isNaN(c) ? '=' : chars[c & 63]);
  }
  return out;
}
