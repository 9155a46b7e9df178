/**
 * What the k3s server process does besides running Kubernetes, as API clients like everything else:
 * - at start, the objects kube-apiserver makes for itself (namespaces, the `kubernetes` Service and its
 *   Endpoints/EndpointSlice) and the priority classes;
 * - the deploy controller applying /var/lib/rancher/k3s/server/manifests (coredns, local-storage, metrics-server);
 * - the helm-controller: the traefik HelmCharts become helm-install Jobs; when helm-install-traefik succeeds,
 *   the chart's objects (traefik Deployment and LoadBalancer Service) exist;
 * - ServiceLB (klipper-lb): a svclb DaemonSet per LoadBalancer Service and the Service's ingress IPs from the
 *   nodes whose svclb pod is ready (k3s pkg/cloudprovider/servicelb.go).
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import { isAlreadyExists, type ApiClient } from '../client/client';
import { Informer } from '../client/informer';
import { gvr, R } from '../client/resources';
import type { Random } from '../random';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapNamespaceRoles, helmInstallerBinding, k3sManifestRbac, k3sServerRbac, RBAC_PLURAL } from './bootstrap-rbac';
import { corednsObjects, helmInstallJob, localStorageObjects, metricsServerObjects, PRIORITY_CLASSES, svclbDaemonSet, traefikObjects } from './manifests';

const PLURAL: Record<string, string> = {
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Deployment: 'deployments',
  Service: 'services',
  StorageClass: 'storageclasses',
  Job: 'jobs',
  DaemonSet: 'daemonsets',
  PriorityClass: 'priorityclasses',
  Namespace: 'namespaces',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
  ...RBAC_PLURAL,
};

/** Creates an object unless it exists (the deploy controller's apply, simplified to create-if-absent). */
export function applyObject(client: ApiClient, obj: KubeObject): KubeObject | undefined {
  const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
  const resource = gvr(group, version, PLURAL[obj.kind!] ?? obj.kind!.toLowerCase() + 's');
  try {
    return client.create(resource, obj.metadata.namespace, obj);
  } catch (e) {
    if (isAlreadyExists(e)) return undefined;
    throw e;
  }
}

export interface K3sOptions {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
  serverIP: string;
  /** NodeHosts lines k3d injects into CoreDNS (host.k3d.internal and the cluster's nodes). */
  nodeHosts: () => string;
  /** Whether a Job controller runs the helm-install Jobs; otherwise the chart is installed directly. */
  jobsRun: boolean;
  /** Runs system writes whose uids must not come from the world's random stream (see ApiServer.withRandom). */
  systemWrites?: (fn: () => void) => void;
}

export class K3sSupervisor {
  private timers: TimerId[] = [];
  private services?: Informer;
  private pods?: Informer;
  private jobPods?: Informer;
  private traefikInstalled = false;

  constructor(private opts: K3sOptions) {}

  private systemWrites(fn: () => void): void {
    if (this.opts.systemWrites) this.opts.systemWrites(fn);
    else fn();
  }

  /** Applies RBAC objects; a server without the RBAC kinds skips them. */
  private applyRbac(objs: KubeObject[]): void {
    this.systemWrites(() => {
      for (const o of objs) {
        try {
          applyObject(this.opts.client, o);
        } catch {
          // not served here
        }
      }
    });
  }

  /** kube-apiserver's own objects: before anything else can be created. */
  bootstrap(): void {
    const c = this.opts.client;
    // the rbac/bootstrap-roles post-start hook, then k3s's own roles
    this.applyRbac([...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings(), ...k3sServerRbac()]);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      applyObject(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    this.applyRbac(bootstrapNamespaceRoles());
    for (const pc of PRIORITY_CLASSES) {
      try {
        applyObject(c, pc);
      } catch {
        // PriorityClass may not be served; pods still schedule without it
      }
    }
    applyObject(c, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.43.0.1', clusterIPs: ['10.43.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP', ipFamilyPolicy: 'SingleStack' },
    });
    // The endpoint reconciler of kube-apiserver keeps these (not the endpoints controller: the service has no selector).
    applyObject(c, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: this.opts.serverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
    applyObject(c, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [this.opts.serverIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  }

  /** Starts the deploy controller, helm-controller and ServiceLB. */
  start(): void {
    const { client, clock } = this.opts;
    this.services = new Informer(client, R.services);
    this.services.addHandlers({ add: (s) => this.onService(s), update: (_o, s) => this.onService(s) });
    this.pods = new Informer(client, R.pods, 'kube-system');
    this.pods.addHandlers({ add: (p) => this.onPod(p), update: (_o, p) => this.onPod(p), delete: (p) => this.onPod(p) });
    this.services.start();
    this.pods.start();
    // The deploy controller applies the packaged manifests a moment after the API is up.
    this.timers.push(clock.setTimeout(() => this.deployManifests(), 1500));
    this.timers.push(clock.setTimeout(() => this.helmCharts(), 2500));
  }

  stop(): void {
    for (const t of this.timers) this.opts.clock.clearTimeout(t);
    this.timers = [];
    this.services?.stop();
    this.pods?.stop();
    this.jobPods?.stop();
  }

  private deployManifests(): void {
    const c = this.opts.client;
    // ServiceLB's pods run as kube-system/svclb, created by k3s at start.
    applyObject(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'svclb', namespace: 'kube-system' } });
    this.applyRbac(k3sManifestRbac());
    for (const o of [...corednsObjects(this.opts.nodeHosts()), ...localStorageObjects(), ...metricsServerObjects()]) {
      try {
        applyObject(c, o);
      } catch {
        // a kind the server does not serve (StorageClass in a minimal server) is skipped, as k3s logs and goes on
      }
    }
  }

  private helmCharts(): void {
    const c = this.opts.client;
    if (!this.opts.jobsRun) {
      // No Job controller to run the installer: the chart's objects appear when the install would have finished.
      this.timers.push(this.opts.clock.setTimeout(() => this.installTraefik(), 12_000));
      return;
    }
    let failed = false;
    for (const chart of ['traefik-crd', 'traefik'] as const) {
      try {
        // the helm-controller gives each chart's installer its own ServiceAccount (bound to cluster-admin)
        applyObject(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `helm-${chart}`, namespace: 'kube-system' } });
        this.applyRbac([helmInstallerBinding(chart)]);
        applyObject(c, { ...helmInstallJob(chart, this.opts.random.uuid()) });
      } catch {
        failed = true;
      }
    }
    // If the API refused the installer Jobs, the release still lands (as if installed out of band), so the
    // cluster keeps its ingress controller.
    if (failed) this.timers.push(this.opts.clock.setTimeout(() => this.installTraefik(), 12_000));
  }

  private onPod(p: KubeObject): void {
    // helm-install-traefik succeeded: helm has created the release's objects.
    const job = p.metadata.labels?.['batch.kubernetes.io/job-name'] ?? p.metadata.labels?.['job-name'];
    if (job === 'helm-install-traefik' && p.status?.phase === 'Succeeded') this.installTraefik();
    if (p.metadata.labels?.['svccontroller.k3s.cattle.io/svcname']) {
      const svc = this.services?.getByName(p.metadata.labels['svccontroller.k3s.cattle.io/svcnamespace'], p.metadata.labels['svccontroller.k3s.cattle.io/svcname']);
      if (svc) this.updateIngress(svc);
    }
  }

  private installTraefik(): void {
    if (this.traefikInstalled) return;
    this.traefikInstalled = true;
    for (const o of traefikObjects()) {
      try {
        applyObject(this.opts.client, o);
      } catch {
        // keep going with the rest of the release
      }
    }
  }

  private onService(s: KubeObject): void {
    if (s.spec?.type !== 'LoadBalancer' || s.spec?.loadBalancerClass) return;
    const ds = svclbDaemonSet(s);
    try {
      applyObject(this.opts.client, ds);
    } catch {
      return;
    }
    this.updateIngress(s);
  }

  /** status.loadBalancer.ingress: the InternalIP of every node with a ready svclb pod, sorted. */
  private updateIngress(svc: KubeObject): void {
    const name = `svclb-${svc.metadata.name}-${svc.metadata.uid!.slice(0, 8)}`;
    const nodes = new Map<string, string>();
    let nodeList: KubeObject[] = [];
    try {
      nodeList = this.opts.client.list(R.nodes).items;
    } catch {
      return;
    }
    for (const n of nodeList) {
      const ip = (n.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
      if (ip) nodes.set(n.metadata.name!, ip);
    }
    const ips = (this.pods?.list('kube-system') ?? [])
      .filter((p) => p.metadata.labels?.app === name && !p.metadata.deletionTimestamp)
      .filter((p) => (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True'))
      .map((p) => nodes.get(p.spec?.nodeName))
      .filter((ip): ip is string => !!ip)
      .sort((a, b) => ipNum(a) - ipNum(b));
    const ingress = ips.map((ip) => ({ ip, ipMode: 'VIP' }));
    const cur = svc.status?.loadBalancer?.ingress ?? [];
    if (JSON.stringify(cur) === JSON.stringify(ingress)) return;
    try {
      const fresh = this.opts.client.get(R.services, svc.metadata.namespace, svc.metadata.name!);
      this.opts.client.updateStatus(R.services, svc.metadata.namespace, { ...fresh, status: { ...fresh.status, loadBalancer: ingress.length ? { ingress } : {} } });
    } catch {
      // retried on the next pod change
    }
  }
}

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
