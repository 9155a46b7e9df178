/**
 * kube-controller-manager: starts every controller as an API client over shared informers (those with nothing to
 * do before the first object of their kind exists start then, see ./on-first-object).
 * The node-lifecycle and taint-eviction controllers are started by the cluster alongside the node runtime.
 */
import type { VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import type { Random } from '../random';
import type { ControllerSnapshot, QueueController } from './controller';
import { DeploymentController } from './deployment/controller';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice';
import { EndpointSliceMirroringController } from './endpointslicemirroring';
import { SharedInformers } from './informers';
import { REPLICATIONCONTROLLER_KIND, ReplicaSetController } from './replicaset';
import { GarbageCollector } from './garbagecollector';
import { JobController } from './job';
import { DaemonSetController } from './daemonset';
import { HorizontalPodAutoscalerController } from './hpa';
import { LocalPathProvisioner } from './localpath';
import { PersistentVolumeController } from './persistentvolume';
import { PVCProtectionController, PVProtectionController } from './pvprotection';
import { ResourceQuotaController } from './resourcequota';
import { TTLAfterFinishedController } from './ttlafterfinished';
import { NamespaceController } from './namespace';
import { placeholderCA, RootCACertPublisher } from './rootcacert';
import { ServiceAccountsController } from './serviceaccounts';
import { ClusterRoleAggregationController } from './clusterroleaggregation';
import { StartOnFirstObject } from './on-first-object';

export interface ControllerManagerSnapshot {
  controllers: Record<string, ControllerSnapshot>;
}

export interface ControllerManager {
  readonly controllers: ReadonlyMap<string, QueueController>;
  stop(): void;
  snapshot(): ControllerManagerSnapshot;
  /** Call after the API server's store and the clock were restored: caches relist, queues re-arm their timers. */
  restore(s: ControllerManagerSnapshot): void;
}

export interface ControllerManagerOptions {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
  /** Names of controllers to run (default: all), as kube-controller-manager's --controllers. */
  only?: string[];
  /** PEM of the cluster CA for the kube-root-ca.crt ConfigMaps (default: a seeded stand-in). */
  caPEM?: string;
}

type Factory = (ctx: ConstructorParameters<typeof ReplicaSetController>[0], opts: ControllerManagerOptions) => QueueController;

const FACTORIES: [string, Factory][] = [
  ['replicaset-controller', (c) => new ReplicaSetController(c)],
  ['replication-controller', (c) => new ReplicaSetController(c, REPLICATIONCONTROLLER_KIND)],
  ['deployment-controller', (c) => new DeploymentController(c)],
  ['endpoint-controller', (c) => new EndpointsController(c)],
  ['endpointslice-controller', (c) => new EndpointSliceController(c)],
  ['endpointslicemirroring-controller', (c) => new EndpointSliceMirroringController(c)],
  ['namespace-controller', (c) => new NamespaceController(c)],
  ['serviceaccount-controller', (c) => new ServiceAccountsController(c)],
  ['root-ca-cert-publisher', (c, o) => new RootCACertPublisher(c, o.caPEM ?? placeholderCA(o.random))],
  ['garbage-collector-controller', (c) => new GarbageCollector(c)],
  ['job-controller', (c) => new JobController(c)],
  ['ttl-after-finished-controller', (c) => new TTLAfterFinishedController(c)],
  // started on their first object (./on-first-object): their code loads then
  ['cronjob-controller', (c) => new StartOnFirstObject('cronjob-controller', c)],
  ['daemonset-controller', (c) => new DaemonSetController(c)],
  ['statefulset-controller', (c) => new StartOnFirstObject('statefulset-controller', c)],
  ['disruption-controller', (c) => new StartOnFirstObject('disruption-controller', c)],
  ['horizontal-pod-autoscaler-controller', (c) => new HorizontalPodAutoscalerController(c)],
  ['persistentvolume-binder-controller', (c) => new PersistentVolumeController(c)],
  ['pvc-protection-controller', (c) => new PVCProtectionController(c)],
  ['pv-protection-controller', (c) => new PVProtectionController(c)],
  ['resourcequota-controller', (c) => new ResourceQuotaController(c)],
  // k3s's local-path provisioner (a kube-system pod in k3s), started here so default-class claims provision
  ['local-path-provisioner', (c) => new LocalPathProvisioner(c)],
  ['clusterrole-aggregation-controller', (c) => new ClusterRoleAggregationController(c)],
];

export function startControllerManager(opts: ControllerManagerOptions): ControllerManager {
  const informers = new SharedInformers(opts.client);
  const ctx = { client: opts.client, clock: opts.clock, random: opts.random, informers };
  const controllers = new Map<string, QueueController>();
  for (const [name, make] of FACTORIES) {
    if (opts.only && !opts.only.includes(name)) continue;
    const c = make(ctx, opts);
    c.register();
    controllers.set(name, c);
  }
  informers.start();
  return {
    controllers,
    stop() {
      informers.stop();
      for (const c of controllers.values()) c.stop();
    },
    snapshot() {
      const out: Record<string, ControllerSnapshot> = {};
      for (const [n, c] of controllers) out[n] = c.snapshot();
      return { controllers: out };
    },
    restore(s) {
      informers.resync();
      for (const [n, c] of controllers) {
        const cs = s.controllers[n];
        if (cs) c.restore(cs);
        else c.stop();
      }
    },
  };
}

export { HorizontalPodAutoscalerController, LocalPathProvisioner, PersistentVolumeController, PVCProtectionController, PVProtectionController, EndpointSliceMirroringController, DaemonSetController, JobController, TTLAfterFinishedController, DeploymentController, EndpointsController, EndpointSliceController, GarbageCollector, NamespaceController, ReplicaSetController, RootCACertPublisher, ServiceAccountsController, SharedInformers };
