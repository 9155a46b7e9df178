/** Plain API objects shaped like what a k3d cluster returns, for engine tests without a simulator. */
import type { KubeObject } from '../../src/sim/apiserver/types';

export function deployment(name: string, opts: { replicas?: number; available?: number; updated?: number; image?: string; lastApplied?: object; ns?: string } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      labels: { app: name },
      annotations: opts.lastApplied ? { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(opts.lastApplied) + '\n' } : {},
    },
    spec: { replicas: opts.replicas ?? 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: opts.image ?? 'nginx:1.27' }] } } },
    status: { replicas: opts.replicas ?? 1, availableReplicas: opts.available ?? 0, readyReplicas: opts.available ?? 0, updatedReplicas: opts.updated ?? opts.replicas ?? 1 },
  };
}

export function pod(name: string, opts: { app?: string; node?: string; ready?: boolean; phase?: string; waiting?: string; image?: string; terminating?: boolean; ns?: string; labels?: Record<string, string> } = {}): KubeObject {
  const ready = opts.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.ns ?? 'default', labels: opts.labels ?? { app: opts.app ?? 'web' }, ...(opts.terminating ? { deletionTimestamp: '2026-11-25T09:10:00Z' } : {}) },
    spec: { nodeName: opts.node, containers: [{ name: 'nginx', image: opts.image ?? 'nginx:1.27' }] },
    status: {
      phase: opts.phase ?? (opts.waiting ? 'Pending' : 'Running'),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'nginx', ready, state: opts.waiting ? { waiting: { reason: opts.waiting } } : { running: {} } }],
    },
  };
}

export function node(name: string, opts: { ready?: boolean; labels?: Record<string, string>; unschedulable?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: opts.unschedulable ? { unschedulable: true } : {},
    status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'Unknown' : 'True', reason: opts.ready === false ? 'NodeStatusUnknown' : 'KubeletReady' }] },
  };
}

export function service(name: string, opts: { type?: string; selector?: Record<string, string>; port?: number; nodePort?: number; ns?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: opts.ns ?? 'default' },
    spec: { type: opts.type ?? 'ClusterIP', clusterIP: '10.43.12.34', selector: opts.selector ?? { app: name }, ports: [{ port: opts.port ?? 80, targetPort: 80, protocol: 'TCP', ...(opts.nodePort ? { nodePort: opts.nodePort } : {}) }] },
  };
}

export function endpoints(name: string, ips: string[], notReady: string[] = [], ns = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: ns },
    subsets: ips.length || notReady.length ? [{ addresses: ips.map((ip) => ({ ip })), notReadyAddresses: notReady.map((ip) => ({ ip })), ports: [{ port: 80, protocol: 'TCP' }] }] : [],
  };
}

export function files(map: Record<string, string>) {
  return { read: (p: string) => map[p] };
}
