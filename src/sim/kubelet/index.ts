export { Kubelet, LEASE_RENEW_MS, LEASE_DURATION_SECONDS, type KubeletOptions, type PodWorker } from './kubelet';
export { KubeletConnector } from './connector';
export { Backoff } from './backoff';
export { HostLocalIpam } from './ipam';
export { goDuration } from './duration';
export { buildPodStatus, podPhase } from './status';
export type { NodeConfig, PodNetwork } from './types';
