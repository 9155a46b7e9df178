/**
 * The live cluster map's feed: while the map is open, informers (list once, then watch) on nodes, pods, Services,
 * EndpointSlices and events keep a local cache, the way any controller does; each watch event marks the picture
 * dirty, and `poll()` (called after every clock tick and command) sends a new summary only when it changed, at most
 * once per `minIntervalMs` of real time. While the map is closed nothing is watched and nothing is computed.
 *
 * The watches are plain API clients: they only read, so they change nothing in the simulation (a world snapshot
 * records writes and clock advances only).
 */
import type { ApiHandler, KubeObject } from '../sim/apiserver/types';
import { ApiClient } from '../sim/client/client';
import { Informer } from '../sim/client/informer';
import { R } from '../sim/client/resources';
import { buildSummary, EMPTY_SUMMARY } from './cluster-summary';
import type { ClusterSummary } from './protocol';

/** One browser animation frame is ~16 ms; 100 ms keeps a busy cluster to ten map updates a second at most. */
export const MAP_MIN_INTERVAL_MS = 100;

interface Watching {
  api: ApiHandler;
  nodes: Informer;
  pods: Informer;
  services: Informer;
  endpointSlices: Informer;
  events: Informer;
}

export class ClusterMapFeed {
  private on = false;
  private watching?: Watching;
  /** The API the informers follow; `null` when no cluster is running. */
  private followed: ApiHandler | null | undefined = undefined;
  private dirty = false;
  private lastKey = '';
  private lastSentAt = -Infinity;
  /** Summaries computed and sent (for tests and benchmarks). */
  stats = { computed: 0, sent: 0, watchEvents: 0 };

  constructor(
    private readonly send: (summary: ClusterSummary) => void,
    /** Virtual now, for the pods' printer. */
    private readonly virtualNow: () => number,
    /** Real time in ms; without it every change is sent at once (tests, Node). */
    private readonly wallNow?: () => number | undefined,
    private readonly minIntervalMs = MAP_MIN_INTERVAL_MS,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  /** The page opened (true) or closed (false) the map. Opening sends the current picture on the next poll. */
  setEnabled(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    this.lastKey = '';
    this.lastSentAt = -Infinity;
    if (!on) this.unwatch();
  }

  /**
   * Follows `api` (the cluster the kubeconfig points at, which changes with k3d cluster create/delete, stop/start
   * and restores) and sends the summary when it changed and the interval allows.
   */
  poll(api: ApiHandler | undefined): void {
    if (!this.on) return;
    if ((api ?? null) !== this.followed) this.follow(api);
    if (!this.dirty) return;
    const now = this.wallNow?.();
    if (now !== undefined && now - this.lastSentAt < this.minIntervalMs) return;
    this.dirty = false;
    const summary = this.current();
    this.stats.computed++;
    const key = JSON.stringify(summary);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (now !== undefined) this.lastSentAt = now;
    this.stats.sent++;
    this.send(summary);
  }

  /** The picture from the informers' caches right now. */
  current(): ClusterSummary {
    const w = this.watching;
    if (!w) return structuredClone(EMPTY_SUMMARY);
    return buildSummary(
      { nodes: w.nodes.list(), pods: w.pods.list(), services: w.services.list(), endpointSlices: w.endpointSlices.list(), events: w.events.list() },
      this.virtualNow(),
    );
  }

  dispose(): void {
    this.setEnabled(false);
  }

  private follow(api: ApiHandler | undefined): void {
    this.unwatch();
    this.followed = api ?? null;
    this.dirty = true;
    if (!api) return;
    const client = new ApiClient(api, 'kubelab-map');
    const informer = (r: (typeof R)[keyof typeof R]) => {
      const inf = new Informer<KubeObject>(client, r);
      const mark = () => {
        this.dirty = true;
        this.stats.watchEvents++;
      };
      inf.addHandlers({ add: mark, update: mark, delete: mark });
      return inf;
    };
    const w: Watching = {
      api,
      nodes: informer(R.nodes),
      pods: informer(R.pods),
      services: informer(R.services),
      endpointSlices: informer(R.endpointslices),
      events: informer(R.events),
    };
    this.watching = w;
    try {
      for (const inf of [w.nodes, w.pods, w.services, w.endpointSlices, w.events]) inf.start();
    } catch {
      // The API refused the list (a cluster going down): show an empty map and try again on a later poll.
      this.unwatch();
      this.followed = undefined;
    }
  }

  private unwatch(): void {
    const w = this.watching;
    this.watching = undefined;
    this.followed = undefined;
    if (!w) return;
    for (const inf of [w.nodes, w.pods, w.services, w.endpointSlices, w.events]) inf.stop();
  }
}
