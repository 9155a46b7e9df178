/**
 * The pod status the kubelet reports (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase;
 * pkg/kubelet/status/generate.go for the Ready/ContainersReady/Initialized/PodReadyToStartContainers conditions).
 * Conditions are written in the order describe shows on a real node: PodReadyToStartContainers, Initialized,
 * Ready, ContainersReady, PodScheduled. Container statuses are sorted by name, as the kubelet sorts them; their
 * fields follow core/v1 ContainerStatus order (JSON output keeps it).
 */
import type { KubeObject } from '../apiserver/types';
import type { ContainerRuntime } from './container';

export interface PodRuntimeView {
  pod: KubeObject;
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  startTime?: string;
  init: ContainerRuntime[];
  containers: ContainerRuntime[];
  /** All containers ended and the sandbox is torn down (terminal pods). */
  terminal: boolean;
}

type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string; observedGeneration?: number };

export function podPhase(v: PodRuntimeView): string {
  const policy = v.pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let initFailed = false;
  for (const c of v.init) {
    if (c.isTerminated && c.exitCode === 0) continue;
    // A sidecar counts as initialized once started (kubelet_pods.go getPhase, restartable init containers).
    if (isSidecar(c) && c.started) continue;
    if (c.isTerminated && policy === 'Never' && !isSidecar(c)) initFailed = true;
    pendingInit++;
  }
  if (initFailed) return 'Failed';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of v.containers) {
    if (c.isRunning) running++;
    else if (c.isTerminated) {
      stopped++;
      if (c.exitCode === 0) succeeded++;
    } else if ('terminated' in c.lastState) stopped++;
    else waiting++;
  }
  if (pendingInit > 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    // OnFailure: failed containers will be restarted
    return v.containers.every((c) => c.isTerminated && c.exitCode === 0) ? 'Succeeded' : 'Running';
  }
  return 'Pending';
}

function isSidecar(c: ContainerRuntime): boolean {
  return c.init && c.spec.restartPolicy === 'Always';
}

function imageOf(c: ContainerRuntime): string {
  return c.image && c.containerID ? `${c.image.ref.repository}:${c.image.tag}` : c.spec.image;
}

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  const s: Record<string, unknown> = {
    name: c.name,
    state: c.state,
    lastState: c.lastState,
    ready: c.ready,
    restartCount: c.restartCount,
    image: imageOf(c),
    imageID: c.containerID && c.image ? c.image.imageID : '',
  };
  if (c.containerID) s.containerID = `containerd://${c.containerID}`;
  s.started = c.started;
  // 1.31 reports the mounts of a created container (RecursiveReadOnlyMounts, beta and on by default).
  const mounts: { name: string; mountPath: string; readOnly?: boolean }[] = c.spec.volumeMounts ?? [];
  if (c.containerID && mounts.length) {
    s.volumeMounts = mounts.map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  }
  return s;
}

export function buildPodStatus(v: PodRuntimeView, now: string, previous: KubeObject['status']): Record<string, unknown> {
  const phase = podPhase(v);
  const prevConds: Condition[] = previous?.conditions ?? [];
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? 'True' : 'False';
    const prev = prevConds.find((c) => c.type === type);
    const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const terminalPhase = phase === 'Succeeded' || phase === 'Failed';
  const incompleteInit = v.init.filter((c) => !(c.isTerminated && c.exitCode === 0) && !(isSidecar(c) && c.started)).map((c) => c.name);
  // Sidecars take part in readiness (status/generate.go GenerateContainersReadyCondition).
  const unready = [...v.init.filter(isSidecar), ...v.containers].filter((c) => !c.ready).map((c) => c.name);
  const initialized = incompleteInit.length === 0 || terminalPhase;
  const conditions: Condition[] = [
    cond('PodReadyToStartContainers', v.sandboxReady && !v.terminal),
    initialized ? cond('Initialized', true) : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`),
  ];
  if (terminalPhase) {
    conditions.push(cond('Ready', false, 'PodCompleted'), cond('ContainersReady', false, 'PodCompleted'));
  } else if (unready.length) {
    const msg = `containers with unready status: [${unready.join(' ')}]`;
    conditions.push(cond('Ready', false, 'ContainersNotReady', msg), cond('ContainersReady', false, 'ContainersNotReady', msg));
  } else {
    conditions.push(cond('Ready', true), cond('ContainersReady', true));
  }
  const scheduled = prevConds.find((c) => c.type === 'PodScheduled');
  conditions.push(scheduled ?? cond('PodScheduled', true));
  for (const c of prevConds) if (c.type === 'DisruptionTarget') conditions.push(c);

  const status: Record<string, unknown> = { phase, conditions, hostIP: v.hostIP, hostIPs: [{ ip: v.hostIP }] };
  if (v.podIP) {
    status.podIP = v.podIP;
    status.podIPs = [{ ip: v.podIP }];
  }
  if (v.startTime) status.startTime = v.startTime;
  if (v.init.length) status.initContainerStatuses = v.init.map(containerStatus);
  status.containerStatuses = [...v.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(containerStatus);
  if (previous?.qosClass) status.qosClass = previous.qosClass;
  return status;
}
