/**
 * The cluster network as kube-proxy and CoreDNS see it: Services, EndpointSlices, Pods and Nodes read through the
 * API with informers (kube-proxy and CoreDNS's kubernetes plugin are both list+watch clients), never the store.
 */
import type { KubeObject } from '../apiserver/types';
import type { VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { Informer } from '../client/informer';
import { gvr, R } from '../client/resources';
import type { Random } from '../random';
import type { PodHttpResponder } from './responder';

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.43.0.10';
/** The Docker network gateway k3d injects into CoreDNS as host.k3d.internal. */
export const DEFAULT_HOST_GATEWAY = '172.18.0.1';

export interface NetworkOptions {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
  /** How a pod answers HTTP on a port; defaults to the image catalog's behaviour for running containers. */
  responder?: PodHttpResponder;
  hostGateway?: string;
}

export class ClusterNetwork {
  readonly services: Informer;
  readonly slices: Informer;
  readonly pods: Informer;
  readonly nodes: Informer;
  /** What the ingress controller (k3s's traefik) watches. */
  readonly ingresses: Informer;
  readonly clock: VirtualClock;
  readonly random: Random;
  responder?: PodHttpResponder;
  readonly hostGateway: string;
  /** sessionAffinity ClientIP: (service, port, client) → endpoint and last use, as the iptables `recent` list. */
  readonly affinity = new Map<string, { ip: string; at: number }>();

  constructor(opts: NetworkOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.responder = opts.responder;
    this.hostGateway = opts.hostGateway ?? DEFAULT_HOST_GATEWAY;
    this.services = new Informer(opts.client, R.services);
    this.slices = new Informer(opts.client, R.endpointslices);
    this.pods = new Informer(opts.client, R.pods);
    this.nodes = new Informer(opts.client, R.nodes);
    this.ingresses = new Informer(opts.client, gvr('networking.k8s.io', 'v1', 'ingresses'));
  }

  start(): void {
    for (const i of [this.services, this.slices, this.pods, this.nodes, this.ingresses]) i.start();
  }

  stop(): void {
    for (const i of [this.services, this.slices, this.pods, this.nodes, this.ingresses]) i.stop();
  }

  /** Relist after a restore. */
  resync(): void {
    this.stop();
    this.start();
  }

  service(namespace: string, name: string): KubeObject | undefined {
    return this.services.getByName(namespace, name);
  }

  serviceByClusterIP(ip: string): KubeObject | undefined {
    return this.services.list().find((s) => s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip));
  }

  slicesOf(svc: KubeObject): KubeObject[] {
    return this.slices
      .list(svc.metadata.namespace)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  podByIP(ip: string): KubeObject | undefined {
    return this.pods.list().find((p) => p.status?.podIP === ip && !['Succeeded', 'Failed'].includes(p.status?.phase));
  }

  nodeInternalIP(node: KubeObject): string | undefined {
    return (node.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
  }

  nodeByIP(ip: string): KubeObject | undefined {
    return this.nodes.list().find((n) => (n.status?.addresses ?? []).some((a: { type: string; address: string }) => (a.type === 'InternalIP' || a.type === 'ExternalIP') && a.address === ip));
  }

  nodeReady(node: KubeObject): boolean {
    return (node.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  }
}
