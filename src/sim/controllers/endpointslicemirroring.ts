/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): for a Service without a
 * selector whose Endpoints someone wrote by hand, mirror those Endpoints into EndpointSlices `<service>-<5 chars>`
 * labelled endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io, owned by the
 * Service. Endpoints labelled endpointslice.kubernetes.io/skip-mirror=true (the API server's own `kubernetes`
 * Endpoints) and Endpoints of selector Services (the endpoint controller's) are left alone. Mirrored endpoints
 * carry only the ready condition: true for `addresses`, false for `notReadyAddresses`.
 */
import type { KubeObject } from '../apiserver/types';
import { isNotFound } from '../client/client';
import { objectKey, type Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, type ControllerContext } from './controller';
import { SERVICE_NAME_LABEL, MANAGED_BY } from './endpointslice';
import { deepCopy } from './util/owner';

export const MIRROR_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

export class EndpointSliceMirroringController extends QueueController {
  private svcInformer!: Informer;
  private epInformer!: Informer;
  private sliceInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('endpointslicemirroring-controller', ctx);
  }

  register(): void {
    const key = (o: KubeObject) => this.queue.add(objectKey(o));
    this.svcInformer = this.informers.on(R.services, { add: key, update: (_o, s) => key(s), delete: key });
    this.epInformer = this.informers.on(R.endpoints, { add: key, update: (_o, e) => key(e), delete: key });
    this.sliceInformer = this.informers.on(R.endpointslices, {
      delete: (s) => {
        if (s.metadata.labels?.[MANAGED_BY] === MIRROR_CONTROLLER_NAME) this.queue.add(`${s.metadata.namespace}/${s.metadata.labels?.[SERVICE_NAME_LABEL]}`);
      },
    });
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const svc = this.svcInformer.getByName(namespace, name);
    const ep = this.epInformer.getByName(namespace, name);
    const mine = this.sliceInformer.list(namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY] === MIRROR_CONTROLLER_NAME);
    const wanted = !!svc && !svc.spec?.selector && !!ep && ep.metadata.labels?.[SKIP_MIRROR] !== 'true';
    if (!wanted) {
      for (const s of mine) this.remove(s);
      return;
    }
    const desired: { ports: object[]; endpoints: object[] }[] = [];
    for (const subset of ep!.subsets ?? []) {
      const ports = (subset.ports ?? []).map((p: { name?: string; port: number; protocol?: string; appProtocol?: string }) => {
        const out: Record<string, unknown> = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' };
        if (p.appProtocol) out.appProtocol = p.appProtocol;
        return out;
      });
      const endpoints: object[] = [];
      const add = (a: KubeObject, ready: boolean) => {
        const e: Record<string, unknown> = { addresses: [a.ip], conditions: { ready } };
        if (a.hostname) e.hostname = a.hostname;
        if (a.nodeName) e.nodeName = a.nodeName;
        if (a.targetRef) e.targetRef = a.targetRef;
        endpoints.push(e);
      };
      for (const a of subset.addresses ?? []) add(a, true);
      for (const a of subset.notReadyAddresses ?? []) add(a, false);
      if (endpoints.length) desired.push({ ports, endpoints });
    }
    const labels: Record<string, string> = { ...(ep!.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY]: MIRROR_CONTROLLER_NAME };
    const unused = [...mine];
    for (const want of desired) {
      const cur = unused.shift();
      if (cur && JSON.stringify(cur.endpoints ?? []) === JSON.stringify(want.endpoints) && JSON.stringify(cur.ports ?? []) === JSON.stringify(want.ports) && JSON.stringify(cur.metadata.labels) === JSON.stringify(labels)) continue;
      const slice: KubeObject = cur
        ? deepCopy(cur)
        : {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: { generateName: `${name}-`, namespace, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc!.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
            addressType: 'IPv4',
          };
      slice.metadata.labels = labels;
      slice.endpoints = want.endpoints;
      slice.ports = want.ports;
      if (cur) this.client.update(R.endpointslices, namespace, slice);
      else this.client.create(R.endpointslices, namespace, slice);
    }
    for (const s of unused) this.remove(s);
  }

  private remove(s: KubeObject): void {
    try {
      this.client.delete(R.endpointslices, s.metadata.namespace, s.metadata.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
