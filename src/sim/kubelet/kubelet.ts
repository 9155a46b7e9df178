/**
 * One kubelet per node, an API client like the real one: it registers its Node, renews its Lease in
 * kube-node-lease every 10 s (pkg/kubelet/nodelease, leaseDurationSeconds 40), reports node status, watches the
 * pods bound to it (fieldSelector spec.nodeName=<node>) and runs each through a pod worker
 * (pkg/kubelet/pod_workers.go → kubelet.go SyncPod → kuberuntime_manager.go SyncPod):
 * sandbox (an IP from the node's podCIDR) → init containers in order → image pull (images/image_manager.go
 * events and back-off) → create → start → probes; restarts with the crash back-off (kuberuntime
 * doBackOff); graceful termination on deletion (Killing, SIGTERM, SIGKILL after the grace period), then the
 * final delete. Everything is on the virtual clock; nothing here touches the store.
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { isConflict, isNotFound } from '../client/client';
import { EventRecorder } from '../client/events';
import { Informer, objectKey } from '../client/informer';
import { R } from '../client/resources';
import { defaultPullPolicy } from '../images/reference';
import { isPullFailure, pullDurationMs, resolveImage, versionOf, type ResolvedImage } from '../images/registry';
import { planProcess, type ProcessContext } from '../images/process';
import { loadContainerShell } from '../images/container-shell';
import { answerHttp, type HttpAnswer, type HttpRequestLike } from '../images/http';
import type { Random } from '../random';
import { Backoff } from './backoff';
import { ContainerRuntime } from './container';
import { goDuration, rfc3339 } from './duration';
import { HostLocalIpam } from './ipam';
import { buildPodStatus, podPhase } from './status';
import { runProbe, type ProbeKind } from './probes';
import { KubeletConnector } from './connector';
import type { NodeConfig, PodNetwork } from './types';
import { nodeAllocatable, podRequests } from '../scheduler/resources';
import { attachMeter, NodeStats } from './stats';
import { bytesOf } from '../metrics/usage';
import { MountedFS } from './mountfs';
import { PodVolumes, unboundClaims, VOLUME_RESYNC_MS } from './volumes';

export interface KubeletOptions {
  client: ApiClient;
  clock: VirtualClock;
  random: Random;
  node: NodeConfig;
  network?: PodNetwork;
  /** Images already in the node's containerd store (k3s airgap images, or a restarted node's cache). */
  preloadedImages?: string[];
}

export const LEASE_RENEW_MS = 10_000;
export const LEASE_DURATION_SECONDS = 40;
/** nodeStatusReportFrequency: a full status report at least every 5 min even when nothing changed. */
const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** pod_workers.go: a pod whose sync hit an error (back-off) is retried after 10 s with jitter 0.5. */
const WORKER_BACKOFF_MS = 10_000;

interface PodWorker {
  key: string;
  uid: string;
  pod: KubeObject;
  sandboxReady: boolean;
  sandboxCreating: boolean;
  podIP?: string;
  startTime?: string;
  init: ContainerRuntime[];
  containers: ContainerRuntime[];
  terminating: boolean;
  terminal: boolean;
  finalDeleteSent: boolean;
  syncTimer?: TimerId;
  syncDue?: number;
  statusTimer?: TimerId;
  /** The pod's volumes, set up with the sandbox and shared by its containers. */
  volumes?: PodVolumes;
  volumeTimer?: TimerId;
}

export class Kubelet {
  readonly name: string;
  readonly config: NodeConfig;
  readonly connector: KubeletConnector;
  readonly recorder: EventRecorder;
  private client: ApiClient;
  private clock: VirtualClock;
  private random: Random;
  private network?: PodNetwork;
  private informer?: Informer;
  readonly workers = new Map<string, PodWorker>();
  /** normalized reference → resolved image present in this node's containerd. */
  readonly images = new Map<string, ResolvedImage>();
  /** The node's disk as hostPath and local-path volumes see it (absolute host path → content); outlives pods. */
  readonly disk = new Map<string, string>();
  private ipam: HostLocalIpam;
  private pullBackoff = new Backoff(10_000, 300_000);
  private crashBackoff = new Backoff(10_000, 300_000);
  /** Image pulls are serialised per node (serializeImagePulls: true): when the puller is next free. */
  private pullerFreeAt = 0;
  private leaseTimer?: TimerId;
  /** What the last lease write returned: the next renewal starts from it. */
  private latestLease?: KubeObject;
  private statusTimer?: TimerId;
  private statusDirty?: TimerId;
  private nodeStatusReported = false;
  /** Resource usage counters behind /metrics/resource (created when the kubelet first starts). */
  private stats?: NodeStats;
  running = false;

  constructor(opts: KubeletOptions) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.random = opts.random;
    this.config = opts.node;
    this.name = opts.node.name;
    this.network = opts.network;
    this.ipam = new HostLocalIpam(opts.node.podCIDR);
    this.recorder = new EventRecorder(opts.client, opts.clock, 'kubelet', this.name);
    this.connector = new KubeletConnector(this);
    for (const raw of opts.preloadedImages ?? []) {
      const r = resolveImage(raw);
      if (!isPullFailure(r)) this.images.set(r.ref.normalized, r);
    }
  }

  setNetwork(n: PodNetwork | undefined): void {
    this.network = n;
  }

  // ---------------------------------------------------------------- node registration, lease, status

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stats ??= new NodeStats(this.clock.now(), 'node-role.kubernetes.io/control-plane' in this.config.labels, this.name, this.nodeCores());
    const restarting = this.workers.size > 0;
    this.registerNode();
    this.renewLease();
    this.reportNodeStatus();
    this.recordStartupEvents(restarting);
    if (restarting) {
      // The node's containers died with it: sandboxes are recreated and containers restart.
      for (const w of this.workers.values()) {
        w.sandboxReady = false;
        w.sandboxCreating = false;
        for (const c of [...w.init, ...w.containers]) c.lose();
      }
    }
    this.informer = new Informer(this.client, R.pods, undefined, { fieldSelector: `spec.nodeName=${this.name}` });
    this.informer.addHandlers({
      add: (p) => this.onPod(p),
      update: (_o, p) => this.onPod(p),
      delete: (p) => this.onPodDeleted(p),
    });
    this.informer.start();
    // Pods this kubelet still runs but the API no longer has (deleted while the node was away).
    for (const [key, w] of [...this.workers]) if (!this.informer.get(key)) this.forget(w);
  }

  /** The node stopped (k3d node stop): heartbeats and processes stop; the API keeps the pods' last status. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.informer?.stop();
    this.informer = undefined;
    for (const t of [this.leaseTimer, this.statusTimer, this.statusDirty]) this.clock.clearTimeout(t);
    this.leaseTimer = this.statusTimer = this.statusDirty = undefined;
    this.latestLease = undefined;
    for (const w of this.workers.values()) {
      this.clock.clearTimeout(w.syncTimer);
      w.syncTimer = w.syncDue = undefined;
      for (const c of [...w.init, ...w.containers]) {
        c.freeze();
        c.busy = undefined;
      }
    }
  }

  /**
   * What `kubectl describe node` lists after a k3s node starts: kube-proxy's Starting, then the kubelet's
   * Starting, InvalidDiskCapacity (k3s's containerd image filesystem reports 0 at first), the three condition
   * events, NodeAllocatableEnforced and NodeReady (pkg/kubelet/kubelet_node_status.go recordNodeStatusEvent).
   */
  private recordStartupEvents(_restarting: boolean): void {
    const ref: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: this.name, uid: this.name } };
    const proxy = new EventRecorder(this.client, this.clock, 'kube-proxy', this.name);
    proxy.event(ref, 'Normal', 'Starting', '');
    const r = this.recorder;
    r.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    r.event(ref, 'Warning', 'InvalidDiskCapacity', 'invalid capacity 0 on image filesystem');
    for (const s of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) r.event(ref, 'Normal', s, `Node ${this.name} status is now: ${s}`);
    r.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    r.event(ref, 'Normal', 'NodeReady', `Node ${this.name} status is now: NodeReady`);
  }

  private registerNode(): void {
    const cfg = this.config;
    const existing = this.client.tryGet(R.nodes, undefined, this.name);
    if (existing) return;
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.name, labels: { ...cfg.labels }, annotations: { ...cfg.annotations } },
      spec: { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR], ...(cfg.providerID ? { providerID: cfg.providerID } : {}), ...(cfg.taints?.length ? { taints: cfg.taints } : {}) },
    };
    this.client.create(R.nodes, undefined, node);
  }

  /**
   * The lease controller renews from the lease its last write returned, without a GET; only when that update
   * fails (first run, lease deleted or changed by someone else) does it read (or create) the lease and retry
   * (k8s.io/component-helpers/apimachinery/lease/controller.go sync: latestLease, then backoffEnsureLease).
   */
  private renewLease(): void {
    if (!this.running) return;
    const renewTime = this.clock.nowMicro();
    const renewed = (lease: KubeObject): KubeObject => ({ ...lease, spec: { ...lease.spec, holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime } });
    let done = false;
    if (this.latestLease) {
      try {
        this.latestLease = this.client.update(R.leases, 'kube-node-lease', renewed(this.latestLease));
        done = true;
      } catch {
        this.latestLease = undefined;
      }
    }
    if (!done) {
      try {
        const lease = this.client.tryGet(R.leases, 'kube-node-lease', this.name);
        if (lease) {
          this.latestLease = this.client.update(R.leases, 'kube-node-lease', renewed(lease));
        } else {
          const node = this.client.tryGet(R.nodes, undefined, this.name);
          this.latestLease = this.client.create(R.leases, 'kube-node-lease', {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name: this.name,
              namespace: 'kube-node-lease',
              ...(node ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: node.metadata.uid! }] } : {}),
            },
            spec: { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
          });
        }
      } catch {
        // a failed renew is retried on the next tick, as the lease controller does
      }
    }
    this.leaseTimer = this.clock.setTimeout(() => this.renewLease(), LEASE_RENEW_MS);
  }

  private reportNodeStatus(): void {
    if (!this.running) return;
    this.clock.clearTimeout(this.statusTimer);
    this.writeNodeStatus();
    this.statusTimer = this.clock.setTimeout(() => this.reportNodeStatus(), NODE_STATUS_REPORT_MS);
  }

  /** Coalesces node status writes triggered by image pulls into one per instant. */
  private nodeStatusChanged(): void {
    if (!this.running || this.statusDirty !== undefined) return;
    this.statusDirty = this.clock.setTimeout(() => {
      this.statusDirty = undefined;
      this.writeNodeStatus();
    }, 0);
  }

  private writeNodeStatus(): void {
    const cfg = this.config;
    const now = this.clock.nowRFC3339();
    let node: KubeObject | undefined;
    try {
      node = this.client.tryGet(R.nodes, undefined, this.name);
    } catch {
      return;
    }
    if (!node) return;
    const prev: { type: string; status: string; lastTransitionTime: string }[] = node.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const p = prev.find((c) => c.type === type);
      return { type, status, lastHeartbeatTime: now, lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now, reason, message };
    };
    const netPrev = prev.find((c) => c.type === 'NetworkUnavailable');
    const conditions = [
      // flannel (inside k3s) sets NetworkUnavailable once at start; its timestamps stay put.
      netPrev ?? { type: 'NetworkUnavailable', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'FlannelIsUp', message: 'Flannel is running on this node' },
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
    const images = [...this.images.values()]
      .reduce((acc, img) => {
        const names = [img.imageID, `${img.ref.repository}:${img.tag}`];
        const same = acc.find((a) => a.names[0] === img.imageID);
        if (same) {
          for (const n of names) if (!same.names.includes(n)) same.names.push(n);
        } else acc.push({ names, sizeBytes: img.size });
        return acc;
      }, [] as { names: string[]; sizeBytes: number }[])
      .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0] < b.names[0] ? -1 : 1));
    const status = {
      capacity: { ...cfg.capacity },
      allocatable: allocatableOf(cfg.capacity),
      conditions,
      addresses: [
        { type: 'InternalIP', address: cfg.internalIP },
        { type: 'Hostname', address: this.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: { ...cfg.nodeInfo, operatingSystem: 'linux', architecture: 'amd64' },
      images,
    };
    try {
      this.client.updateStatus(R.nodes, undefined, { ...node, status });
      this.nodeStatusReported = true;
    } catch {
      // conflict with another writer: the next report catches up
    }
  }

  // ---------------------------------------------------------------- pod workers

  private onPod(pod: KubeObject): void {
    if (!this.running) return;
    const key = objectKey(pod);
    let w = this.workers.get(key);
    if (w && w.uid !== pod.metadata.uid) {
      // A new pod with the same name (StatefulSet): the old one's worker is gone.
      this.forget(w);
      w = undefined;
    }
    if (!w) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
        if (!pod.metadata.deletionTimestamp) return;
      }
      if (!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Failed' && this.reject(pod)) return;
      w = {
        key,
        uid: pod.metadata.uid!,
        pod,
        sandboxReady: false,
        sandboxCreating: false,
        init: (pod.spec?.initContainers ?? []).map((c: { name: string }) => new ContainerRuntime(c.name, c, true, this.clock)),
        containers: (pod.spec?.containers ?? []).map((c: { name: string }) => new ContainerRuntime(c.name, c, false, this.clock)),
        terminating: false,
        terminal: false,
        finalDeleteSent: false,
      };
      for (const c of w.init) c.state = { waiting: { reason: 'PodInitializing' } };
      if (w.init.length) for (const c of w.containers) c.state = { waiting: { reason: 'PodInitializing' } };
      this.workers.set(key, w);
    } else {
      // Our own status write may already be newer than this event: keep the newest copy.
      if (Number(pod.metadata.resourceVersion ?? 0) >= Number(w.pod.metadata.resourceVersion ?? 0)) w.pod = pod;
      w.volumes?.setPod(w.pod);
      // `kubectl set image` / edit: the container spec changes in place; the container is restarted with the new image.
      for (const c of w.containers) {
        const spec = (pod.spec?.containers ?? []).find((s: { name: string }) => s.name === c.name);
        if (spec && spec.image !== c.spec.image) {
          c.spec = spec;
          if (c.isRunning) {
            this.recorder.event(podRef(pod), 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, `spec.containers{${c.name}}`);
            c.signal(this.graceMs(pod), 100 + this.random.int(200));
          }
        } else if (spec) c.spec = spec;
      }
    }
    this.requestSync(w, 0);
  }

  /**
   * Admission (pkg/kubelet/lifecycle/predicate.go): a pod bound here by hand that does not fit is rejected:
   * phase Failed, reason OutOf<resource>, message "Pod was rejected: Node didn't have enough resource: …".
   */
  private reject(pod: KubeObject): boolean {
    const alloc = nodeAllocatable({ metadata: {}, status: { allocatable: allocatableOf(this.config.capacity) } });
    const used: Record<string, number> = {};
    let count = 0;
    for (const w of this.workers.values()) {
      if (w.terminal) continue;
      count++;
      for (const [k, v] of Object.entries(podRequests(w.pod))) used[k] = (used[k] ?? 0) + v;
    }
    const req = podRequests(pod);
    let failed: { name: string; requested: number; used: number; capacity: number } | undefined;
    if (count + 1 > (alloc.pods ?? 110)) failed = { name: 'pods', requested: 1, used: count, capacity: alloc.pods ?? 110 };
    for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
      if (failed || !req[name]) continue;
      if (req[name] > (alloc[name] ?? 0) - (used[name] ?? 0)) failed = { name, requested: req[name], used: used[name] ?? 0, capacity: alloc[name] ?? 0 };
    }
    if (!failed) return false;
    const reason = `OutOf${failed.name}`;
    const message = `Node didn't have enough resource: ${failed.name}, requested: ${failed.requested}, used: ${failed.used}, capacity: ${failed.capacity}`;
    this.recorder.event(podRef(pod), 'Warning', reason, message);
    try {
      this.client.updateStatus(R.pods, pod.metadata.namespace, { ...pod, status: { ...(pod.status ?? {}), phase: 'Failed', reason, message: `Pod was rejected: ${message}`, startTime: this.clock.nowRFC3339() } });
    } catch {
      // the pod changed meanwhile; the next event decides again
    }
    return true;
  }

  private onPodDeleted(pod: KubeObject): void {
    const w = this.workers.get(objectKey(pod));
    if (w && w.uid === pod.metadata.uid) this.forget(w);
  }

  /** The pod object is gone: kill what still runs without ceremony and free the IP. */
  private forget(w: PodWorker): void {
    this.clock.clearTimeout(w.syncTimer);
    this.clock.clearTimeout(w.statusTimer);
    this.clock.clearTimeout(w.volumeTimer);
    for (const c of [...w.init, ...w.containers]) {
      if (c.isRunning) c.finish(137, 'Error');
      c.freeze();
    }
    if (w.podIP) this.ipam.release(w.podIP);
    this.workers.delete(w.key);
  }

  private requestSync(w: PodWorker, delayMs: number): void {
    if (!this.running) return;
    const due = this.clock.now() + delayMs;
    if (w.syncTimer !== undefined && w.syncDue! <= due) return;
    this.clock.clearTimeout(w.syncTimer);
    w.syncDue = due;
    w.syncTimer = this.clock.setTimeout(() => {
      w.syncTimer = undefined;
      w.syncDue = undefined;
      if (this.workers.get(w.key) === w) this.sync(w);
    }, delayMs);
  }

  private jitter(base: number, factor: number): number {
    return base + Math.floor(this.random.next() * base * factor);
  }

  private graceMs(pod: KubeObject): number {
    const s = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, s) * 1000;
  }

  private sync(w: PodWorker): void {
    const pod = w.pod;
    if (!w.startTime) w.startTime = this.clock.nowRFC3339();
    // A sync triggered early (a pod update) must not lose a back-off retry scheduled for later.
    const now = this.clock.now();
    for (const c of [...w.init, ...w.containers]) if (c.nextAttemptAt > now) this.requestSync(w, c.nextAttemptAt - now);
    if (pod.metadata.deletionTimestamp) {
      this.syncTerminating(w);
      this.writeStatus(w);
      return;
    }
    if (w.terminal) return;
    // The volume manager mounts every volume before the sandbox starts (kubelet.go SyncPod → WaitForAttachAndMount):
    // a claim not yet bound to a volume holds the pod in ContainerCreating, retried every second.
    if (!w.volumes && unboundClaims(w.pod, this.client).length) {
      this.requestSync(w, 1000);
      this.writeStatus(w);
      return;
    }
    if (!w.sandboxReady) {
      if (!w.sandboxCreating) {
        w.sandboxCreating = true;
        // RunPodSandbox: pause container + CNI ADD; a fraction of a second on a warm node.
        this.clock.setTimeout(() => {
          if (!this.running || this.workers.get(w.key) !== w) return;
          w.sandboxCreating = false;
          w.sandboxReady = true;
          if (!w.podIP) w.podIP = pod.spec?.hostNetwork ? this.config.internalIP : this.ipam.allocate();
          this.requestSync(w, 0);
        }, 300 + this.random.int(500));
      }
      this.writeStatus(w);
      return;
    }
    const policy = pod.spec?.restartPolicy ?? 'Always';
    // Init containers, one at a time, each to a successful exit. A restartable init container (a sidecar,
    // restartPolicy: Always, kuberuntime_manager.go computeInitContainerActions) only has to start, and is
    // restarted whenever it exits, whatever the pod's restartPolicy.
    for (const c of w.init) {
      if (isSidecar(c)) {
        if (c.isRunning && c.started) continue;
        if (c.busy || c.isRunning || this.clock.now() < c.nextAttemptAt) {
          this.writeStatus(w);
          return;
        }
        if (c.exited && !this.restartAllowed(w, c)) {
          this.writeStatus(w);
          return;
        }
        this.startContainer(w, c);
        this.writeStatus(w);
        return;
      }
      if (c.isTerminated && c.exitCode === 0) continue;
      if (c.busy || c.isRunning || this.clock.now() < c.nextAttemptAt) {
        this.writeStatus(w);
        return;
      }
      if (c.exited) {
        if (policy === 'Never') {
          this.finishPod(w);
          return;
        }
        if (!this.restartAllowed(w, c)) {
          this.writeStatus(w);
          return;
        }
      }
      this.startContainer(w, c);
      this.writeStatus(w);
      return;
    }
    // Sidecars that exited after initialization are restarted beside the main containers.
    for (const c of w.init) {
      if (!isSidecar(c) || c.busy || c.isRunning || this.clock.now() < c.nextAttemptAt) continue;
      if (c.exited && this.restartAllowed(w, c)) this.startContainer(w, c);
    }
    // Main containers: start those never started; restart exited ones per restartPolicy.
    for (const c of w.containers) {
      if (c.busy || c.isRunning || this.clock.now() < c.nextAttemptAt) continue;
      if (c.exited) {
        const code = c.lastExitCode!;
        const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
        if (!restart) continue;
        if (!this.restartAllowed(w, c)) continue;
      }
      this.startContainer(w, c);
      // Containers start one after another within a sync; a pull in flight holds the rest.
      if (c.busy === 'pulling') break;
    }
    const phase = podPhase(this.view(w));
    if (phase === 'Succeeded' || phase === 'Failed') {
      this.finishPod(w);
      return;
    }
    this.writeStatus(w);
  }

  /** kuberuntime doBackOff: inside the window since the last finish → CrashLoopBackOff; else record and restart. */
  private restartAllowed(w: PodWorker, c: ContainerRuntime): boolean {
    const pod = w.pod;
    const key = `${pod.metadata.name}_${pod.metadata.namespace}_${w.uid}_${c.name}`;
    const now = this.clock.now();
    if (this.crashBackoff.inBackoffSince(key, c.finishedAtMs, now)) {
      const wait = this.crashBackoff.get(key);
      const podDesc = `${pod.metadata.name}_${pod.metadata.namespace}(${w.uid})`;
      c.lastStateFromCurrent();
      c.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(wait)} restarting failed container=${c.name} pod=${podDesc}` } };
      this.recorder.event(podRef(pod), 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDesc}`, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`);
      const end = this.crashBackoff.endOf(key, c.finishedAtMs);
      // The worker retries on its own back-off; the first sync after the window restarts the container.
      const retry = Math.max(end - now, Math.min(this.jitter(WORKER_BACKOFF_MS, 0.5), end - now + 1000));
      c.nextAttemptAt = now + retry;
      this.requestSync(w, retry);
      return false;
    }
    this.crashBackoff.next(key, c.finishedAtMs);
    return true;
  }

  private startContainer(w: PodWorker, c: ContainerRuntime): void {
    const pod = w.pod;
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    const ref = podRef(pod);
    const imageName: string = c.spec.image ?? '';
    const resolved = resolveImage(imageName);
    if (isPullFailure(resolved) && resolved.reason === 'InvalidImageName') {
      c.state = { waiting: { reason: 'InvalidImageName', message: resolved.message } };
      this.recorder.event(ref, 'Warning', 'InspectFailed', resolved.message, fieldPath);
      this.recorder.event(ref, 'Warning', 'Failed', 'Error: InvalidImageName', fieldPath);
      return;
    }
    const normalized = isPullFailure(resolved) ? undefined : resolved.ref.normalized;
    const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(imageName);
    const present = normalized !== undefined && this.images.has(normalized);
    const pullKey = `${w.uid}_${imageName}`;
    const now = this.clock.now();

    if (present && policy !== 'Always') {
      this.recorder.event(ref, 'Normal', 'Pulled', `Container image "${imageName}" already present on machine`, fieldPath);
      c.image = resolved as ResolvedImage;
      this.createContainer(w, c);
      return;
    }
    if (!present && policy === 'Never') {
      const msg = `Container image "${imageName}" is not present with pull policy of Never`;
      c.state = { waiting: { reason: 'ErrImageNeverPull', message: msg } };
      this.recorder.event(ref, 'Warning', 'ErrImageNeverPull', msg, fieldPath);
      this.recorder.event(ref, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath);
      return;
    }
    if (this.pullBackoff.inBackoffSinceUpdate(pullKey, now)) {
      const msg = `Back-off pulling image "${imageName}"`;
      const wasPullError = 'waiting' in c.state && (c.state.waiting.reason === 'ErrImagePull' || c.state.waiting.reason === 'ImagePullBackOff');
      c.state = { waiting: { reason: 'ImagePullBackOff', message: msg } };
      this.recorder.event(ref, 'Normal', 'BackOff', msg, fieldPath);
      this.recorder.event(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath);
      void wasPullError;
      const retry = this.jitter(WORKER_BACKOFF_MS, 0.5);
      c.nextAttemptAt = now + retry;
      this.requestSync(w, retry);
      return;
    }
    // Pull (also for Always with a cached image: the registry is asked, the layers are not downloaded again).
    this.recorder.event(ref, 'Normal', 'Pulling', `Pulling image "${imageName}"`, fieldPath);
    c.busy = 'pulling';
    const start = Math.max(now, this.pullerFreeAt);
    const duration = isPullFailure(resolved) ? 800 + this.random.int(1200) : present ? 300 + this.random.int(500) : pullDurationMs(resolved.size, this.random.next());
    const end = start + duration;
    this.pullerFreeAt = end;
    this.clock.setTimeout(() => {
      if (!this.running || this.workers.get(w.key) !== w) return;
      c.busy = undefined;
      if (isPullFailure(resolved)) {
        this.pullBackoff.next(pullKey, this.clock.now());
        c.state = { waiting: { reason: 'ErrImagePull', message: resolved.message } };
        this.recorder.event(ref, 'Warning', 'Failed', `Failed to pull image "${imageName}": ${resolved.message}`, fieldPath);
        this.recorder.event(ref, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath);
        // The status write comes back as a pod update and the worker syncs again within a moment, which is
        // why ImagePullBackOff follows ErrImagePull by a second or two on a real node.
        this.writeStatus(w);
        const retry = 1000 + this.random.int(1000);
        c.nextAttemptAt = this.clock.now() + retry;
        this.requestSync(w, retry);
        return;
      }
      if (!this.images.has(resolved.ref.normalized)) {
        this.images.set(resolved.ref.normalized, resolved);
        this.nodeStatusChanged();
      }
      // images/image_manager.go (1.30+): pull time, time including the wait in the serial puller queue, size.
      this.recorder.event(
        ref,
        'Normal',
        'Pulled',
        `Successfully pulled image "${imageName}" in ${goDuration(duration)} (${goDuration(end - now)} including waiting). Image size: ${resolved.size} bytes.`,
        fieldPath,
      );
      c.image = resolved;
      this.createContainer(w, c);
      this.requestSync(w, 0);
    }, end - now);
  }

  private createContainer(w: PodWorker, c: ContainerRuntime): void {
    const pod = w.pod;
    const ref = podRef(pod);
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    c.busy = 'creating';
    const id = this.random.string(64, '0123456789abcdef');
    // The container shell's code loads now, while the container is being created (50-150 ms of virtual time, and
    // the clock does not reach the start before the load is in): the same start whether it was cached or not.
    if (needsContainerShell(c)) void loadContainerShell().catch(() => undefined);
    this.clock.setTimeout(() => {
      if (!this.running || this.workers.get(w.key) !== w) return;
      c.busy = undefined;
      if (pod.metadata.deletionTimestamp || w.pod.metadata.deletionTimestamp) return;
      // 1.31 wording (kuberuntime_container.go); 1.32 changed it to "Created container: <name>".
      this.recorder.event(ref, 'Normal', 'Created', `Created container ${c.name}`, fieldPath);
      const plan = planProcess(c.image!, c.spec);
      if ('startError' in plan) {
        c.startFailed(plan.startError, id);
        this.recorder.event(ref, 'Warning', 'Failed', `Error: ${plan.startError}`, fieldPath);
        this.requestSync(w, 0);
        return;
      }
      this.recorder.event(ref, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
      c.fs = this.containerFiles(w, c);
      c.run(plan.program, this.processContext(w, c), id, () => this.onContainerExit(w, c));
      if (!c.isRunning) return; // exited at once; onContainerExit ran
      attachMeter(c, pod, this.nodeCores());
      this.watchMemory(w, c);
      this.afterStart(w, c);
      this.requestSync(w, 0);
    }, 50 + this.random.int(100));
  }

  private afterStart(w: PodWorker, c: ContainerRuntime): void {
    const spec = c.spec;
    if (spec.startupProbe) {
      c.started = false;
      this.scheduleProbe(w, c, 'startup', (spec.startupProbe.initialDelaySeconds ?? 0) * 1000);
    } else this.onStarted(w, c);
  }

  /** Startup done: liveness and readiness probes begin; without a readiness probe the container is ready now. */
  private onStarted(w: PodWorker, c: ContainerRuntime): void {
    c.started = true;
    const spec = c.spec;
    if (c.init && !isSidecar(c)) return;
    if (spec.readinessProbe) {
      c.ready = false;
      this.scheduleProbe(w, c, 'readiness', (spec.readinessProbe.initialDelaySeconds ?? 0) * 1000);
    } else c.ready = true;
    if (spec.livenessProbe) this.scheduleProbe(w, c, 'liveness', (spec.livenessProbe.initialDelaySeconds ?? 0) * 1000);
    this.writeStatus(w);
  }

  private scheduleProbe(w: PodWorker, c: ContainerRuntime, kind: ProbeKind, delayMs: number): void {
    const st = c.probes[kind];
    this.clock.clearTimeout(st.timer);
    st.timer = this.clock.setTimeout(() => {
      st.timer = undefined;
      if (!this.running || !c.isRunning || this.workers.get(w.key) !== w) return;
      this.probe(w, c, kind);
    }, delayMs);
  }

  private probe(w: PodWorker, c: ContainerRuntime, kind: ProbeKind): void {
    const spec = c.spec[`${kind}Probe`];
    const st = c.probes[kind];
    const period = (spec.periodSeconds ?? 10) * 1000;
    const failureThreshold = spec.failureThreshold ?? 3;
    const successThreshold = spec.successThreshold ?? 1;
    const res = runProbe(spec, c, w.podIP ?? '', this.gatewayIP(), this.clock.now(), this.random);
    if (!res) {
      // The exec probe's shell is still loading (time was moved past the load): probe once it is in.
      void loadContainerShell().then(() => {
        if (this.running && c.isRunning && this.workers.get(w.key) === w && !st.timer) this.probe(w, c, kind);
      }, () => this.scheduleProbe(w, c, kind, period));
      return;
    }
    const ref = podRef(w.pod);
    const fieldPath = `spec.containers{${c.name}}`;
    const label = kind === 'readiness' ? 'Readiness' : kind === 'liveness' ? 'Liveness' : 'Startup';
    if (res.ok) {
      st.failures = 0;
      st.successes++;
      if (kind === 'readiness' && !c.ready && st.successes >= successThreshold) {
        c.ready = true;
        this.writeStatus(w);
      }
      if (kind === 'startup') {
        this.onStarted(w, c);
        return; // the startup probe stops once it succeeds
      }
    } else {
      st.successes = 0;
      st.failures++;
      this.recorder.event(ref, 'Warning', 'Unhealthy', `${label} probe failed: ${res.output}`, fieldPath);
      if (kind === 'readiness' && c.ready && st.failures >= failureThreshold) {
        c.ready = false;
        this.writeStatus(w);
      }
      if ((kind === 'liveness' || kind === 'startup') && st.failures >= failureThreshold) {
        this.recorder.event(ref, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, fieldPath);
        c.clearProbes();
        const grace = (spec.terminationGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
        c.signal(grace, 100 + this.random.int(200));
        return;
      }
    }
    this.scheduleProbe(w, c, kind, period);
  }

  private onContainerExit(w: PodWorker, _c: ContainerRuntime): void {
    if (this.workers.get(w.key) !== w) return;
    this.writeStatus(w);
    this.requestSync(w, 0);
  }

  /** All containers are done and will not restart: the sandbox goes, the pod is terminal. */
  private finishPod(w: PodWorker): void {
    w.terminal = true;
    this.writeStatus(w);
  }

  private syncTerminating(w: PodWorker): void {
    const pod = w.pod;
    const ref = podRef(pod);
    if (!w.terminating) {
      w.terminating = true;
      const grace = this.graceMs(pod);
      for (const c of [...w.init, ...w.containers]) {
        if (c.busy === 'pulling' || c.busy === 'creating') c.busy = undefined;
        if (c.isRunning) {
          this.recorder.event(ref, 'Normal', 'Killing', `Stopping container ${c.name}`, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`);
          c.clearProbes();
          c.signal(grace, 100 + this.random.int(200));
        }
      }
    }
    const stillRunning = [...w.init, ...w.containers].some((c) => c.isRunning);
    if (stillRunning || w.finalDeleteSent) return;
    // Every container stopped: report, then remove the pod (status_manager canBeDeleted → delete with grace 0).
    w.terminal = true;
    w.sandboxReady = false;
    this.writeStatus(w);
    w.finalDeleteSent = true;
    this.clock.setTimeout(() => {
      if (!this.running) return;
      try {
        this.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: w.uid } });
      } catch (e) {
        if (!isNotFound(e)) w.finalDeleteSent = false;
      }
    }, 0);
  }

  private view(w: PodWorker) {
    return { pod: w.pod, sandboxReady: w.sandboxReady, podIP: w.podIP, hostIP: this.config.internalIP, startTime: w.startTime, init: w.init, containers: w.containers, terminal: w.terminal };
  }

  /**
   * Marks the pod's status for a write at the end of this instant: the status manager batches the transitions
   * a sync makes into one update (status/status_manager.go syncPod).
   */
  private writeStatus(w: PodWorker): void {
    if (!this.running || w.statusTimer !== undefined) return;
    w.statusTimer = this.clock.setTimeout(() => {
      w.statusTimer = undefined;
      if (this.running && this.workers.get(w.key) === w) this.flushStatus(w);
    }, 0);
  }

  private flushStatus(w: PodWorker): void {
    const attempt = (base: KubeObject): 'ok' | 'conflict' | 'gone' => {
      if (base.metadata.uid !== w.uid) return 'gone';
      const status = buildPodStatus(this.view(w), this.clock.nowRFC3339(), base.status);
      if (JSON.stringify(status) === JSON.stringify(base.status)) return 'ok';
      try {
        w.pod = this.client.updateStatus(R.pods, base.metadata.namespace, { ...base, status });
        return 'ok';
      } catch (e) {
        if (isNotFound(e)) return 'gone';
        return isConflict(e) ? 'conflict' : 'gone';
      }
    };
    // Write against the newest copy we hold (the informer's or our last write's); re-read once on a conflict.
    if (attempt(w.pod) === 'conflict') {
      const fresh = safe(() => this.client.tryGet(R.pods, w.pod.metadata.namespace, w.pod.metadata.name!));
      if (fresh) {
        w.pod = fresh;
        attempt(fresh);
      }
    }
  }

  // ---------------------------------------------------------------- what containers see

  private gatewayIP(): string {
    return this.ipam.gateway();
  }

  /** The volume manager's work for a pod (mount, then resync every syncFrequency while it lives). */
  private podVolumes(w: PodWorker): PodVolumes {
    if (!w.volumes) {
      w.volumes = new PodVolumes(w.pod, { client: this.client, disk: this.disk, podIP: () => w.podIP ?? '', hostIP: this.config.internalIP });
      if (w.volumes.projectsObjects) this.scheduleVolumeResync(w);
    }
    return w.volumes;
  }

  private scheduleVolumeResync(w: PodWorker): void {
    w.volumeTimer = this.clock.setTimeout(() => {
      w.volumeTimer = undefined;
      if (!this.running || this.workers.get(w.key) !== w || w.terminal) return;
      w.volumes?.refresh();
      this.scheduleVolumeResync(w);
    }, VOLUME_RESYNC_MS);
  }

  /**
   * A new container's filesystem: a fresh writable layer (a restarted container does not keep what the last one
   * wrote outside its volumes), the kubelet-managed /etc files, and the pod's volumes at their mount paths.
   */
  private containerFiles(w: PodWorker, c: ContainerRuntime): Map<string, string> {
    const pod = w.pod;
    const fs = new MountedFS([], this.podVolumes(w).mountsFor(c.spec));
    const ns = pod.metadata.namespace ?? 'default';
    const host = pod.spec?.hostname ?? pod.metadata.name!;
    fs.set('/etc/hostname', `${host}\n`);
    fs.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${w.podIP}\t${host}\n`);
    fs.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n`);
    return fs;
  }

  private processContext(w: PodWorker, c: ContainerRuntime): ProcessContext {
    const pod = w.pod;
    const env: Record<string, string> = {};
    for (const e of c.spec.env ?? []) {
      if (e.value !== undefined) env[e.name] = String(e.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m: string, v: string) => env[v] ?? m);
      else if (e.valueFrom?.fieldRef) env[e.name] = fieldRefValue(pod, w, e.valueFrom.fieldRef.fieldPath, this.config.internalIP);
      else if (e.valueFrom?.configMapKeyRef) {
        const cm = safe(() => this.client.tryGet(R.configmaps, pod.metadata.namespace, e.valueFrom.configMapKeyRef.name));
        const v = cm?.data?.[e.valueFrom.configMapKeyRef.key];
        if (v !== undefined) env[e.name] = v;
      } else if (e.valueFrom?.secretKeyRef) {
        const s = safe(() => this.client.tryGet(R.secrets, pod.metadata.namespace, e.valueFrom.secretKeyRef.name));
        const v = s?.data?.[e.valueFrom.secretKeyRef.key];
        if (v !== undefined) env[e.name] = decodeBase64(v);
      }
    }
    for (const src of c.spec.envFrom ?? []) {
      const prefix = src.prefix ?? '';
      if (src.configMapRef) {
        const cm = safe(() => this.client.tryGet(R.configmaps, pod.metadata.namespace, src.configMapRef.name));
        for (const [k, v] of Object.entries((cm?.data ?? {}) as Record<string, string>)) if (!(prefix + k in env)) env[prefix + k] = v;
      }
      if (src.secretRef) {
        const s = safe(() => this.client.tryGet(R.secrets, pod.metadata.namespace, src.secretRef.name));
        for (const [k, v] of Object.entries((s?.data ?? {}) as Record<string, string>)) if (!(prefix + k in env)) env[prefix + k] = decodeBase64(v);
      }
    }
    env.KUBERNETES_SERVICE_HOST ??= '10.43.0.1';
    env.KUBERNETES_SERVICE_PORT ??= '443';
    env.KUBERNETES_PORT ??= 'tcp://10.43.0.1:443';
    const kubelet = this;
    // The container's securityContext overrides the Pod's for the same field (core/v1 SecurityContext docs);
    // fsGroup and supplementalGroups join the process's groups.
    const psc = pod.spec?.securityContext ?? {};
    const csc = c.spec.securityContext ?? {};
    const uid = csc.runAsUser ?? psc.runAsUser;
    const gid = csc.runAsGroup ?? psc.runAsGroup;
    const extra = [...(psc.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc.supplementalGroups ?? [])] as number[];
    const identity = uid !== undefined || gid !== undefined || extra.length ? { uid: Number(uid ?? 0), gid: Number(gid ?? 0), groups: [...new Set([Number(gid ?? 0), ...extra.map(Number)])].sort((a, b) => a - b) } : undefined;
    const readOnlyRoot = csc.readOnlyRootFilesystem ? { writable: (c.spec.volumeMounts ?? []).filter((m: { readOnly?: boolean }) => !m.readOnly).map((m: { mountPath: string }) => m.mountPath) } : undefined;
    return {
      identity,
      readOnlyRoot,
      now: () => this.clock.now(),
      hostname: pod.spec?.hostname ?? pod.metadata.name!,
      podIP: w.podIP ?? '',
      kernel: this.config.nodeInfo.kernelVersion,
      env,
      fs: c.fs,
      readOnlyAt: (path) => (c.fs instanceof MountedFS ? c.fs.readOnlyAt(path) : false),
      http(url) {
        return kubelet.network ? kubelet.network.http(w.podIP ?? '', url) : { error: `wget: bad address '${url.replace(/^https?:\/\//, '').split(/[/:]/)[0]}'` };
      },
      dns(name) {
        return kubelet.network ? kubelet.network.dns(pod.metadata.namespace ?? 'default', name) : { server: '10.43.0.10', answers: [] };
      },
    };
  }

  // ---------------------------------------------------------------- serving traffic (network module, port-forward)

  /** Finds the running container listening on `port` of the pod with this IP. */
  findListener(podIP: string, port: number): { w: PodWorker; c: ContainerRuntime } | undefined {
    for (const w of this.workers.values()) {
      if (w.podIP !== podIP || w.terminal) continue;
      for (const c of w.containers) if (c.isRunning && c.serving && c.program?.ports.includes(port)) return { w, c };
    }
    return undefined;
  }

  /**
   * An HTTP request reaching pod IP:port. Returns undefined when nothing listens (connection refused).
   * The answer also lands in the server's access log when the image writes one.
   */
  serveHttp(podIP: string, port: number, req: HttpRequestLike): HttpAnswer | undefined {
    const hit = this.findListener(podIP, port);
    if (!hit) return undefined;
    return this.answer(hit.w, hit.c, req);
  }

  answer(w: PodWorker, c: ContainerRuntime, req: HttpRequestLike): HttpAnswer {
    const behaviour = c.program?.http ?? { kind: 'static' as const, body: '' };
    const a = answerHttp(behaviour, req, { hostname: w.pod.spec?.hostname ?? w.pod.metadata.name!, podIP: w.podIP ?? '', now: this.clock.now(), startedAt: c.startedAtMs, version: c.image ? versionOf(c.image) : '' }, c.fs);
    if (a.accessLog) c.log?.write(this.clock.now(), 'stdout', a.accessLog + '\n');
    c.meter?.addWork(c.meter.demand.requestCpuSeconds);
    return a;
  }

  podByName(namespace: string, name: string): PodWorker | undefined {
    return this.workers.get(`${namespace}/${name}`);
  }

  makeProcessContext(w: PodWorker, c: ContainerRuntime): ProcessContext {
    return this.processContext(w, c);
  }

  nowMs(): number {
    return this.clock.now();
  }

  /**
   * The cgroup's OOM killer: a container whose working set would pass its memory limit (stress --vm-bytes 250M
   * under a 100Mi limit) is killed as it allocates, a moment after start: terminated, reason OOMKilled, exit 137.
   */
  private watchMemory(w: PodWorker, c: ContainerRuntime): void {
    const limit = bytesOf(c.spec?.resources?.limits?.memory);
    if (limit === undefined || !c.meter || c.meter.demand.memoryBytes + (c.meter.demand.heldBytes ?? 0) <= limit) return;
    const started = c.startedAtMs;
    this.clock.setTimeout(() => {
      if (!this.running || this.workers.get(w.key) !== w || !c.isRunning || c.startedAtMs !== started) return;
      c.finish(137, 'OOMKilled');
    }, 800 + this.random.int(400));
  }

  /** The node's cores as its capacity says (the cap of any container's CPU). */
  nodeCores(): number {
    const q = String(this.config.capacity.cpu ?? '1');
    return q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q) || 1;
  }

  /** GET /metrics/resource: the Prometheus text metrics-server scrapes. */
  resourceMetrics(): string {
    this.stats ??= new NodeStats(this.clock.now(), 'node-role.kubernetes.io/control-plane' in this.config.labels, this.name, this.nodeCores());
    return this.stats.render(this.clock.now(), this.workers.values());
  }

  randomHex(n: number): string {
    return this.random.string(n, '0123456789abcdef');
  }

  /** Runs `fn` after `ms` of virtual time (exec sessions). */
  later(ms: number, fn: () => void): void {
    this.clock.setTimeout(fn, ms);
  }

  get nodeReported(): boolean {
    return this.nodeStatusReported;
  }
}

export type { PodWorker };

/**
 * Node allocatable: k3s runs the kubelet with --eviction-hard=imagefs.available<5%,nodefs.available<5% and no
 * reservations (k3s pkg/daemons/agent/agent_linux.go), so only ephemeral-storage loses its 5 %, printed in bytes
 * as the kubelet's Quantity arithmetic leaves it (kubelet/cm/node_container_manager.go GetNodeAllocatableAbsolute).
 */
function allocatableOf(capacity: Record<string, string>): Record<string, string> {
  const out = { ...capacity };
  const eph = capacity['ephemeral-storage'];
  const m = eph && /^(\d+)Ki$/.exec(eph);
  if (m) {
    const bytes = Number(m[1]) * 1024;
    out['ephemeral-storage'] = String(bytes - Math.floor(bytes * 0.05));
  }
  return out;
}

function podRef(p: KubeObject): KubeObject {
  return p.kind ? p : { ...p, apiVersion: 'v1', kind: 'Pod' };
}

/** An init container with restartPolicy: Always (KEP-753 sidecar containers, on by default since 1.29). */
function isSidecar(c: ContainerRuntime): boolean {
  return c.init && c.spec.restartPolicy === 'Always';
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function decodeBase64(s: string): string {
  try {
    return typeof atob === 'function' ? decodeURIComponent(escape(atob(s))) : s;
  } catch {
    return s;
  }
}

/** Downward API env values (pkg/fieldpath): metadata.name, metadata.namespace, status.podIP, spec.nodeName … */
function fieldRefValue(pod: KubeObject, w: PodWorker, path: string, hostIP: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': return w.podIP ?? '';
    case 'status.hostIP': return hostIP;
  }
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
  return '';
}

export { rfc3339 };

/** Whether a container's process, probes or lifecycle hooks run the container shell (./images/container-shell). */
function needsContainerShell(c: ContainerRuntime): boolean {
  const spec = c.spec ?? {};
  if (spec.readinessProbe?.exec || spec.livenessProbe?.exec || spec.startupProbe?.exec) return true;
  if (spec.lifecycle?.postStart?.exec || spec.lifecycle?.preStop?.exec) return true;
  if (!c.image) return false;
  const plan = planProcess(c.image, spec);
  return 'program' in plan && !!plan.program.needsShell;
}
