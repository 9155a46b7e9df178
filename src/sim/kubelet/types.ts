/** What a kubelet is told about its node at start, and the hooks it uses to reach the pod network. */
import type { HttpResult } from '../images/process';

export interface NodeConfig {
  name: string;
  internalIP: string;
  podCIDR: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** capacity as the node reports it: cpu "4", memory "16318200Ki", pods "110", ephemeral-storage … */
  capacity: Record<string, string>;
  nodeInfo: {
    kernelVersion: string;
    osImage: string;
    containerRuntimeVersion: string;
    kubeletVersion: string;
    kubeProxyVersion: string;
    machineID: string;
    systemUUID: string;
    bootID: string;
  };
  providerID?: string;
  taints?: { key: string; value?: string; effect: string }[];
}

/** Reaching other pods and services from inside a pod (wget, nslookup in a shell); wired by the network module. */
export interface PodNetwork {
  http(fromPodIP: string, url: string): HttpResult | { error: string; waitMs?: number };
  dns(fromNamespace: string, name: string): { server: string; answers: { name: string; address: string }[] };
}
