/**
 * A pod's state in the words kubectl's STATUS column uses (after printPod in kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go: phase or status.reason, then the last container with a waiting or
 * terminated reason wins, Terminating when deletionTimestamp is set), so check texts match what the learner sees.
 */
import type { KubeObject } from '../../sim/apiserver/types';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number }; running?: object };
}

export function podStatusWord(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i].state ?? {};
    if (s.waiting?.reason) reason = s.waiting.reason;
    else if (s.terminated) reason = s.terminated.reason ?? (s.terminated.signal ? `Signal:${s.terminated.signal}` : `ExitCode:${s.terminated.exitCode ?? 0}`);
  }
  return reason;
}

export function podReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

export function readyContainers(pod: KubeObject): number {
  return ((pod.status?.containerStatuses ?? []) as ContainerStatus[]).filter((c) => c.ready).length;
}
