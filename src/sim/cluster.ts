/**
 * One Kubernetes cluster: the API server and every component that talks to it. The control plane (scheduler,
 * controller manager, node lifecycle and taint eviction, the k3s supervisor, the network view) runs while the
 * server node runs; each node has its kubelet. Nothing here touches the store: components get ApiClients.
 */
import { ApiServer } from './apiserver/server';
import type { ApiHandler, KubeObject } from './apiserver/types';
import type { VirtualClock } from './clock';
import { ApiClient } from './client/client';
import { startControllerManager, type ControllerManager } from './controllers';
import { NodeLifecycleController } from './controllers/nodelifecycle';
import { TaintEvictionController } from './controllers/nodelifecycle-tainteviction';
import type { HttpAnswer, HttpRequestLike } from './images/http';
import { K3sSupervisor } from './k3d/k3s';
import { Kubelet } from './kubelet/kubelet';
import { MetricsApi, MetricsServer } from './metrics';
import type { NodeConfig } from './kubelet/types';
import { podNetwork, startClusterNetwork, type ClusterNetwork } from './network';
import { Random } from './random';
import { Scheduler } from './scheduler/scheduler';

export interface ClusterOptions {
  name: string;
  clock: VirtualClock;
  random: Random;
  /** The first server node's address (the `kubernetes` Service endpoint, discovery's serverAddress). */
  serverIP: string;
  /** The Docker network gateway (host.k3d.internal). */
  hostGateway?: string;
  /** Lines for CoreDNS NodeHosts. */
  nodeHosts?: () => string;
  /** Skip the k3s packaged workloads (coredns, traefik …): a bare cluster for tests and benchmarks. */
  bare?: boolean;
  /** node-monitor-grace-period override. */
  nodeMonitorGracePeriodMs?: number;
}

export class Cluster {
  readonly name: string;
  readonly apiserver: ApiServer;
  /** An admin client (what k3s's own components use). */
  readonly client: ApiClient;
  readonly kubelets = new Map<string, Kubelet>();
  scheduler?: Scheduler;
  controllerManager?: ControllerManager;
  nodeLifecycle?: NodeLifecycleController;
  taintEviction?: TaintEvictionController;
  network?: ClusterNetwork;
  k3s?: K3sSupervisor;
  /** metrics-server (follows its pod in kube-system) behind the aggregated metrics.k8s.io API. */
  metrics?: MetricsServer;
  private clock: VirtualClock;
  private random: Random;
  private opts: ClusterOptions;
  private bootstrapped = false;
  /** uids of the system objects k3s writes at start (RBAC), apart from the world's stream. */
  private readonly systemRandom: Random;
  controlPlaneRunning = false;

  constructor(opts: ClusterOptions) {
    this.opts = opts;
    this.name = opts.name;
    this.clock = opts.clock;
    this.random = opts.random;
    this.apiserver = new ApiServer({ clock: opts.clock, random: opts.random, serverAddress: `${opts.serverIP}:6443` });
    this.client = new ApiClient(this.apiserver, 'k3s');
    let seed = 0x6b337300;
    for (const ch of opts.name) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) >>> 0;
    this.systemRandom = new Random(seed);
  }

  get handler(): ApiHandler {
    return this.apiserver;
  }

  /** Starts (or restarts) the control plane inside the server node. */
  startControlPlane(): void {
    if (this.controlPlaneRunning) return;
    this.controlPlaneRunning = true;
    const clock = this.clock;
    const random = this.random;
    this.k3s = new K3sSupervisor({
      client: new ApiClient(this.apiserver, 'k3s'),
      clock,
      random,
      serverIP: this.opts.serverIP,
      nodeHosts: this.opts.nodeHosts ?? (() => ''),
      jobsRun: false,
      systemWrites: (fn) => this.apiserver.withRandom(this.systemRandom, fn),
    });
    if (!this.bootstrapped) {
      this.k3s.bootstrap();
      this.bootstrapped = true;
    }
    this.controllerManager = startControllerManager({ client: new ApiClient(this.apiserver, 'kube-controller-manager'), clock, random });
    const jobsRun = [...this.controllerManager.controllers.keys()].some((n) => n.startsWith('job'));
    (this.k3s as unknown as { opts: { jobsRun: boolean } }).opts.jobsRun = jobsRun;
    this.nodeLifecycle = new NodeLifecycleController({ client: new ApiClient(this.apiserver, 'kube-controller-manager'), clock, gracePeriodMs: this.opts.nodeMonitorGracePeriodMs });
    this.nodeLifecycle.start();
    this.taintEviction = new TaintEvictionController({ client: new ApiClient(this.apiserver, 'kube-controller-manager'), clock });
    this.taintEviction.start();
    this.scheduler = new Scheduler({ client: new ApiClient(this.apiserver, 'kube-scheduler'), clock, random });
    this.scheduler.start();
    this.network = startClusterNetwork({
      client: new ApiClient(this.apiserver, 'k3s'),
      clock,
      random,
      hostGateway: this.opts.hostGateway,
      responder: (pod, port, req) => this.podHttp(pod, port, req),
    });
    const net = podNetwork(this.network);
    for (const k of this.kubelets.values()) k.setNetwork(net);
    if (!this.opts.bare) {
      this.k3s.start();
      this.metrics = new MetricsServer(new ApiClient(this.apiserver, 'metrics-server'), clock);
      this.metrics.start();
      this.apiserver.aggregate(new MetricsApi(this.metrics, clock));
    }
  }

  stopControlPlane(): void {
    if (!this.controlPlaneRunning) return;
    this.controlPlaneRunning = false;
    this.k3s?.stop();
    this.controllerManager?.stop();
    this.nodeLifecycle?.stop();
    this.taintEviction?.stop();
    this.scheduler?.stop();
    this.network?.stop();
    this.metrics?.stop();
    this.metrics = undefined;
    this.k3s = this.controllerManager = this.nodeLifecycle = this.taintEviction = this.scheduler = this.network = undefined;
  }

  /** Adds a node: its kubelet registers the Node object, its connector serves logs/exec/port-forward. */
  addNode(cfg: NodeConfig, preloadedImages: string[] = []): Kubelet {
    const k = new Kubelet({
      client: new ApiClient(this.apiserver, `kubelet/${cfg.name}`),
      clock: this.clock,
      random: this.random,
      node: cfg,
      network: this.network ? podNetwork(this.network) : undefined,
      preloadedImages,
    });
    this.kubelets.set(cfg.name, k);
    this.apiserver.registerNode(cfg.name, k.connector);
    return k;
  }

  startNode(name: string): void {
    const k = this.kubelets.get(name);
    if (!k) return;
    this.apiserver.registerNode(name, k.connector);
    k.start();
  }

  stopNode(name: string): void {
    this.kubelets.get(name)?.stop();
  }

  /** `k3d node delete`: the kubelet goes and so does the Node object (k3d deletes it through the API). */
  removeNode(name: string): void {
    const k = this.kubelets.get(name);
    k?.stop();
    this.kubelets.delete(name);
    this.apiserver.unregisterNode(name);
    try {
      this.client.delete({ group: '', version: 'v1', resource: 'nodes' }, undefined, name);
    } catch {
      // already gone
    }
  }

  /** Who answers a connection to a pod port: the kubelet running it (undefined = connection refused). */
  podHttp(pod: KubeObject, port: number, req: HttpRequestLike): HttpAnswer | undefined {
    const k = this.kubelets.get(pod.spec?.nodeName);
    if (!k || !k.running || !pod.status?.podIP) return undefined;
    return k.serveHttp(pod.status.podIP, port, req);
  }

  /** The store's revision: changes whenever any object changes. */
  revision(): number {
    return this.apiserver.store.revision();
  }
}
