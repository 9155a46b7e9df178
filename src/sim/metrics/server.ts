/**
 * metrics-server, as k3s deploys it (kube-system/metrics-server, --metric-resolution=15s): an API client that,
 * while its pod runs, scrapes every node's kubelet /metrics/resource each resolution (first at start-up:
 * pkg/server/server.go runScrape ticks at once, then on the ticker), keeps the last two points (storage.ts), and
 * backs the aggregated API metrics.k8s.io/v1beta1 (api.ts). The kubelets are reached through the API server's
 * nodes/{name}/proxy, the simulator's only road to a node. Its APIService counts as available once the pod runs
 * and the storage holds metrics (the readyz check "metric-storage-ready"): before that, requests get a 503.
 */
import type { KubeObject } from '../apiserver/types';
import type { TimerId, VirtualClock } from '../clock';
import type { ApiClient } from '../client/client';
import { Informer } from '../client/informer';
import { R } from '../client/resources';
import { decodeResourceMetrics } from './scrape';
import { NodeStorage, PodStorage, type PodPoints, type MetricsPoint } from './storage';

export const METRIC_RESOLUTION_MS = 15_000;
const NAMESPACE = 'kube-system';
const SELECTOR = 'k8s-app=metrics-server';

export class MetricsServer {
  readonly nodes = new NodeStorage();
  readonly pods = new PodStorage(METRIC_RESOLUTION_MS);
  readonly podInformer: Informer;
  readonly nodeInformer: Informer;
  private self: Informer;
  private timer?: TimerId;
  /** The uid and start time of the metrics-server container we run as; undefined while it is not running. */
  private runningAs?: string;

  constructor(
    private client: ApiClient,
    private clock: VirtualClock,
  ) {
    this.podInformer = new Informer(client, R.pods);
    this.nodeInformer = new Informer(client, R.nodes);
    this.self = new Informer(client, R.pods, NAMESPACE, { labelSelector: SELECTOR });
    const check = () => this.reconcile();
    this.self.addHandlers({ add: check, update: check, delete: check });
  }

  start(): void {
    this.podInformer.start();
    this.nodeInformer.start();
    this.self.start();
  }

  stop(): void {
    this.self.stop();
    this.podInformer.stop();
    this.nodeInformer.stop();
    this.halt();
  }

  /** Pod running and metrics stored: what makes the APIService Available. */
  available(): boolean {
    return this.runningAs !== undefined && this.pods.ready(this.nodes);
  }

  /** Follows the metrics-server pod: a running container starts the scrape loop, anything else ends it. */
  private reconcile(): void {
    const running = this.self.list(NAMESPACE).find((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && containerStart(p));
    const id = running ? `${running.metadata.uid}/${containerStart(running)}` : undefined;
    if (id === this.runningAs) return;
    this.halt();
    if (!id) return;
    this.runningAs = id;
    this.tick();
  }

  private halt(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.runningAs = undefined;
    // metrics live in memory: a restarted metrics-server starts empty
    this.nodes.store(new Map());
    this.pods.store(new Map());
  }

  private tick(): void {
    this.scrape();
    this.timer = this.clock.setTimeout(() => this.tick(), METRIC_RESOLUTION_MS);
  }

  /** One scrape of every node; unreachable kubelets are left out of the batch, as upstream logs and skips them. */
  scrape(): void {
    const nodeBatch = new Map<string, MetricsPoint>();
    const podBatch = new Map<string, PodPoints>();
    for (const node of this.nodeInformer.list()) {
      const name = node.metadata.name!;
      const res = this.client.raw({ method: 'GET', path: `/api/v1/nodes/${encodeURIComponent(name)}/proxy/metrics/resource` });
      if (res.status !== 200 || typeof res.body !== 'string') continue;
      const started = Date.parse(node.metadata.creationTimestamp ?? '') || 0;
      const batch = decodeResourceMetrics(res.body, started);
      if (batch.node) nodeBatch.set(name, batch.node);
      for (const [k, v] of batch.pods) podBatch.set(k, v);
    }
    this.nodes.store(nodeBatch);
    this.pods.store(podBatch);
  }

  pod(namespace: string, name: string): KubeObject | undefined {
    return this.podInformer.getByName(namespace, name);
  }
}

function containerStart(p: KubeObject): string | undefined {
  return p.status?.containerStatuses?.find((c: { name: string }) => c.name === 'metrics-server')?.state?.running?.startedAt;
}
