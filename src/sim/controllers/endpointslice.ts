/**
 * The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice/reconciler.go): for each
 * selector-based Service, slices named `<service>-<5 chars>` (generateName) owned by the Service, labelled
 * kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, at most 100 endpoints each.
 * Terminating pods stay in the slice with ready=false, serving=<pod ready>, terminating=true
 * (EndpointSliceTerminatingCondition, GA 1.26). A Service without endpoints keeps one empty placeholder slice.
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, type ControllerContext } from './controller';
import { controllerRef, deepCopy } from './util/owner';
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

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export class EndpointSliceController extends QueueController {
  private svcInformer!: Informer;
  private podInformer!: Informer;
  private sliceInformer!: Informer;
  private nodeInformer!: Informer;
  readonly triggers = new TriggerTimeTracker();

  constructor(ctx: ControllerContext) {
    super('endpointslice-controller', ctx);
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
    this.sliceInformer = this.informers.on(R.endpointslices, {
      // a managed slice changed behind our back: reconcile its Service
      update: (_o, s) => this.enqueueOwner(s),
      delete: (s) => this.enqueueOwner(s),
    });
    this.nodeInformer = this.informers.informer(R.nodes);
  }

  private enqueueOwner(slice: KubeObject): void {
    if (slice.metadata.labels?.[MANAGED_BY] !== CONTROLLER_NAME) return;
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (svc) this.queue.add(`${slice.metadata.namespace}/${svc}`);
  }

  private enqueueServicesFor(pod: KubeObject): void {
    for (const s of this.svcInformer.list(pod.metadata.namespace)) if (mapSelectorMatches(s.spec?.selector, pod.metadata.labels)) this.enqueue(s);
  }

  private ownedSlices(namespace: string | undefined, name: string): KubeObject[] {
    return this.sliceInformer
      .list(namespace)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME && !s.metadata.deletionTimestamp);
  }

  sync(key: string): boolean | void {
    return this.syncService(key);
  }

  syncService(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const svc = this.svcInformer.getByName(namespace, name);
    if (!svc) {
      // The garbage collector removes the slices through their ownerReference.
      this.triggers.forget(key);
      return;
    }
    if (!svc.spec?.selector || svc.spec.type === 'ExternalName') return;
    const publishNotReady = !!svc.spec.publishNotReadyAddresses;
    const pods = this.podInformer.list(namespace).filter((p) => mapSelectorMatches(svc.spec.selector, p.metadata.labels));
    const svcPorts: ServicePort[] = svc.spec.ports ?? [];
    const groups = new Map<string, { ports: SlicePort[]; endpoints: object[] }>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports: SlicePort[] = [];
      for (const sp of svcPorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol) p.appProtocol = sp.appProtocol;
        ports.push(p);
      }
      const k = JSON.stringify(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, endpoints: [] }));
      g.endpoints.push(this.endpointFor(pod, svc, publishNotReady));
    }
    const trigger = this.triggers.compute(key, svc, pods);
    const desired: { ports: SlicePort[]; endpoints: object[] }[] = [];
    for (const g of groups.values()) for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    if (!desired.length) desired.push({ ports: [], endpoints: [] });

    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY]: CONTROLLER_NAME };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const existing = this.ownedSlices(namespace, name).filter((s) => controllerRef(s)?.uid === svc.metadata.uid || !controllerRef(s));
    const unused = [...existing];
    for (const want of desired) {
      // Prefer a slice that already has exactly these ports, so updates stay in place.
      let i = unused.findIndex((s) => JSON.stringify(s.ports ?? []) === JSON.stringify(want.ports));
      if (i < 0 && unused.length) i = 0;
      const cur = i >= 0 ? unused.splice(i, 1)[0] : undefined;
      if (cur && JSON.stringify(cur.endpoints ?? []) === JSON.stringify(want.endpoints) && JSON.stringify(cur.ports ?? []) === JSON.stringify(want.ports) && JSON.stringify(cur.metadata.labels) === JSON.stringify(labels)) continue;
      const slice: KubeObject = cur
        ? deepCopy(cur)
        : {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: {
              generateName: `${name}-`,
              namespace,
              ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
            },
            addressType: 'IPv4',
          };
      slice.metadata.labels = labels;
      const annotations = { ...(slice.metadata.annotations ?? {}) };
      if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339(trigger);
      else delete annotations[LAST_CHANGE_TRIGGER_TIME];
      if (Object.keys(annotations).length) slice.metadata.annotations = annotations;
      else delete slice.metadata.annotations;
      slice.endpoints = want.endpoints;
      slice.ports = want.ports;
      if (cur) this.client.update(R.endpointslices, namespace, slice);
      else this.client.create(R.endpointslices, namespace, slice);
    }
    for (const s of unused) {
      try {
        this.client.delete(R.endpointslices, namespace, s.metadata.name!);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private endpointFor(pod: KubeObject, svc: KubeObject, publishNotReady: boolean): object {
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = isPodReady(pod);
    const ep: Record<string, unknown> = {
      addresses: [pod.status.podIP],
      conditions: { ready: publishNotReady || (ready && !terminating), serving: publishNotReady || ready, terminating },
    };
    if (pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
    if (pod.spec?.nodeName) {
      ep.nodeName = pod.spec.nodeName;
      const zone = this.nodeInformer.getByName(undefined, pod.spec.nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'];
      if (zone) ep.zone = zone;
    }
    ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    return ep;
  }

  protected override saveState(): unknown {
    return this.triggers.snapshot();
  }

  protected override loadState(s: unknown): void {
    this.triggers.restore(s as never);
  }
}
