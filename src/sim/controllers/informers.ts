/**
 * One informer per resource, shared by all controllers of the manager (client-go's SharedInformerFactory).
 * Handlers can be muted: after a restore the caches relist against the restored store without re-triggering
 * every controller, so pending work is exactly what the snapshot held.
 */
import type { KubeObject } from '../apiserver/types';
import type { ApiClient } from '../client/client';
import { Informer, type InformerHandlers } from '../client/informer';
import type { GVR } from '../client/resources';

const gvrKey = (r: GVR) => `${r.group}/${r.version}/${r.resource}`;

export class SharedInformers {
  private informers = new Map<string, Informer>();
  private started = false;
  muted = false;

  constructor(private client: ApiClient) {}

  informer<T extends KubeObject = KubeObject>(r: GVR): Informer<T> {
    const k = gvrKey(r);
    let inf = this.informers.get(k);
    if (!inf) {
      inf = new Informer(this.client, r);
      this.informers.set(k, inf);
      if (this.started) this.tryStart(inf);
    }
    return inf as unknown as Informer<T>;
  }

  on<T extends KubeObject = KubeObject>(r: GVR, h: InformerHandlers<T>): Informer<T> {
    const inf = this.informer<T>(r);
    inf.addHandlers({
      add: h.add && ((o) => !this.muted && h.add!(o)),
      update: h.update && ((a, b) => !this.muted && h.update!(a, b)),
      delete: h.delete && ((o) => !this.muted && h.delete!(o)),
    });
    return inf;
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) this.tryStart(inf);
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
  }

  /** Relists every informer with handlers muted (used after the store was restored). */
  resync(): void {
    this.muted = true;
    try {
      for (const inf of this.informers.values()) {
        inf.stop();
        this.tryStart(inf);
      }
    } finally {
      this.muted = false;
    }
  }

  private tryStart(inf: Informer): void {
    try {
      inf.start();
    } catch {
      // A resource the API server does not serve (yet): the informer stays empty.
      inf.stop();
    }
  }
}
