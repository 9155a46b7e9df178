/**
 * The simulator's public surface for kubectl, the shell, the worker, the CLI and labs.
 *   const world = createWorld({ seed: 1 });          // mini-cluster created and settled
 *   const api = world.resolveServer(world.serverURL()!);  // an ApiHandler
 *   world.clock.advance(10_000);                      // run the cluster
 *   const snap = world.snapshot(); World.restore(snap);
 */
export { World, createWorld, type WorldOptions, type WorldSnapshot, type WorldOp } from './world';
export { Cluster, type ClusterOptions } from './cluster';
export { K3dRuntime, K3dError, DEFAULT_CLUSTER_NAME, DEFAULT_K3S_IMAGE, type K3dNode, type K3dRole, type ClusterSummary, type CreateClusterOptions, type KubeconfigEntry, type K3dClusterRecord } from './k3d/runtime';
export { VirtualClock, RealTimeDriver, DEFAULT_EPOCH_MS, type WallTime } from './clock';
export { Random, K8S_NAME_ALPHABET } from './random';
export { ApiClient, ApiError } from './client/client';
export { R, gvr, resourcePath, type GVR } from './client/resources';
export { K3S_VERSION } from './apiserver/version';
export type { ApiHandler, ApiRequest, ApiResponse, KubeObject, Status, WatchEvent } from './apiserver/types';
