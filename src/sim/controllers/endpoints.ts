/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go syncService): one Endpoints object per
 * selector-based Service, same name; ready pod addresses under `addresses`, the others under
 * `notReadyAddresses` (or all under `addresses` with publishNotReadyAddresses); pods grouped into subsets by
 * their resolved ports (RepackSubsets, addresses sorted by IP); labels copied from the Service plus
 * service.kubernetes.io/headless for headless Services.
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import { objectKey, type Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, type ControllerContext } from './controller';
import { deepCopy } from './util/owner';
import { mapSelectorMatches } from './util/selector';
import {
  findPort,
  HEADLESS_LABEL,
  isHeadless,
  isPodReady,
  LAST_CHANGE_TRIGGER_TIME,
  rfc3339,
  shouldPodBeInEndpoints,
  TriggerTimeTracker,
  type ServicePort,
} from './util/service';

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export class EndpointsController extends QueueController {
  private svcInformer!: Informer;
  private podInformer!: Informer;
  private epInformer!: Informer;
  readonly triggers = new TriggerTimeTracker();

  constructor(ctx: ControllerContext) {
    super('endpoint-controller', ctx);
  }

  register(): void {
    this.svcInformer = this.informers.on(R.services, {
      add: (s) => this.enqueue(s),
      update: (_o, s) => this.enqueue(s),
      delete: (s) => this.enqueue(s),
    });
    this.podInformer = this.informers.on(R.pods, {
      add: (p) => this.enqueueServicesFor(p),
      update: (o, p) => {
        this.enqueueServicesFor(p);
        if (JSON.stringify(o.metadata.labels) !== JSON.stringify(p.metadata.labels)) this.enqueueServicesFor(o);
      },
      delete: (p) => this.enqueueServicesFor(p),
    });
    this.epInformer = this.informers.on(R.endpoints, {
      // someone edited or deleted a managed Endpoints: put it back
      delete: (ep) => {
        if (this.svcInformer.get(objectKey(ep))) this.queue.add(objectKey(ep));
      },
    });
  }

  private enqueueServicesFor(pod: KubeObject): void {
    for (const s of this.svcInformer.list(pod.metadata.namespace)) if (mapSelectorMatches(s.spec?.selector, pod.metadata.labels)) this.enqueue(s);
  }

  sync(key: string): boolean | void {
    return this.syncService(key);
  }

  syncService(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const svc = this.svcInformer.getByName(namespace, name);
    if (!svc) {
      this.triggers.forget(key);
      try {
        this.client.delete(R.endpoints, namespace, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return;
    const tolerateUnready = !!svc.spec.publishNotReadyAddresses;
    const pods = this.podInformer.list(namespace).filter((p) => mapSelectorMatches(svc.spec.selector, p.metadata.labels));
    const ports: ServicePort[] = svc.spec.ports ?? [];
    // address key → {address, ready, ports}
    const entries: { addr: Address; ready: boolean; ports: { name?: string; port: number; protocol: string; appProtocol?: string }[] }[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const addr: Address = {
        ip: pod.status.podIP,
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
      };
      if (pod.spec?.hostname && pod.spec?.subdomain === name) addr.hostname = pod.spec.hostname;
      if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
      const epPorts = [];
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const ep: { name?: string; port: number; protocol: string; appProtocol?: string } = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        epPorts.push(ep);
      }
      if (ports.length && !epPorts.length) continue;
      entries.push({ addr, ready: tolerateUnready || isPodReady(pod), ports: epPorts });
    }
    const subsets = repack(entries);
    const cur = this.epInformer.getByName(namespace, name);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const trigger = this.triggers.compute(key, svc, pods);
    if (cur && JSON.stringify(cur.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(cur.metadata.labels ?? {}) === JSON.stringify(labels)) return;
    const ep: KubeObject = cur
      ? deepCopy(cur)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    ep.metadata.labels = labels;
    const annotations = { ...(ep.metadata.annotations ?? {}) };
    if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339(trigger);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (Object.keys(annotations).length) ep.metadata.annotations = annotations;
    else delete ep.metadata.annotations;
    if (subsets.length) ep.subsets = subsets;
    else delete ep.subsets;
    if (cur) this.client.update(R.endpoints, namespace, ep);
    else this.client.create(R.endpoints, namespace, ep);
  }

  protected override saveState(): unknown {
    return this.triggers.snapshot();
  }

  protected override loadState(s: unknown): void {
    this.triggers.restore(s as never);
  }
}

/** RepackSubsets: addresses with the same port set share a subset; addresses sorted by IP, then pod uid. */
function repack(entries: { addr: Address; ready: boolean; ports: object[] }[]): KubeObject['subsets'] {
  const groups = new Map<string, { addresses: Address[]; notReadyAddresses: Address[]; ports: object[] }>();
  for (const e of entries) {
    const k = JSON.stringify(e.ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { addresses: [], notReadyAddresses: [], ports: e.ports }));
    (e.ready ? g.addresses : g.notReadyAddresses).push(e.addr);
  }
  const out = [];
  for (const g of groups.values()) {
    const s: Record<string, unknown> = {};
    if (g.addresses.length) s.addresses = sortByIP(g.addresses);
    if (g.notReadyAddresses.length) s.notReadyAddresses = sortByIP(g.notReadyAddresses);
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  return out;
}

/** Addresses by IP (numerically), then pod uid; the keys are computed once per address. */
function sortByIP(addrs: Address[]): Address[] {
  const keyed = addrs.map((a) => ({ a, k: ipKey(a.ip) }));
  keyed.sort((x, y) => x.k - y.k || (x.a.targetRef.uid < y.a.targetRef.uid ? -1 : 1));
  return keyed.map((x) => x.a);
}

function ipKey(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] ?? 0) * 16777216 + (p[1] ?? 0) * 65536 + (p[2] ?? 0) * 256 + (p[3] ?? 0)) || 0;
}

export function ipCompare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
