/**
 * The PVC and PV protection controllers (pkg/controller/volume/pvcprotection, pvprotection): a claim keeps the
 * kubernetes.io/pvc-protection finalizer while a pod that is not finished uses it, so deleting it leaves it
 * Terminating until the pod is gone; a volume keeps kubernetes.io/pv-protection while it is Bound. Both
 * finalizers are also added to objects that lack them (admission adds them on create in the real server).
 */
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, splitKey, type ControllerContext } from './controller';
import { podClaims, PV_PROTECTION, PVC_PROTECTION, PVCS, PVS } from './util/storage';

export class PVCProtectionController extends QueueController {
  private pvcInformer!: Informer;
  private podInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('pvc-protection-controller', ctx);
  }

  register(): void {
    this.pvcInformer = this.informers.on(PVCS, { add: (c) => this.enqueue(c), update: (_o, c) => this.enqueue(c) });
    const pod = (p: KubeObject) => podClaims(p).forEach((c) => this.queue.add(`${p.metadata.namespace}/${c}`));
    this.podInformer = this.informers.on(R.pods, { update: (_o, p) => pod(p), delete: pod });
  }

  sync(key: string): boolean | void {
    const { namespace, name } = splitKey(key);
    const pvc = this.pvcInformer.getByName(namespace, name);
    if (!pvc) return;
    const fins: string[] = pvc.metadata.finalizers ?? [];
    if (!pvc.metadata.deletionTimestamp) {
      if (!fins.includes(PVC_PROTECTION)) this.client.patch(PVCS, namespace, name, 'merge', { metadata: { uid: pvc.metadata.uid, finalizers: [...fins, PVC_PROTECTION] } });
      return;
    }
    if (!fins.includes(PVC_PROTECTION)) return;
    const inUse = this.podInformer.list(namespace).some((p) => podClaims(p).includes(name) && !['Succeeded', 'Failed'].includes(p.status?.phase));
    if (inUse) return;
    const rest = fins.filter((f) => f !== PVC_PROTECTION);
    this.client.patch(PVCS, namespace, name, 'merge', { metadata: { uid: pvc.metadata.uid, finalizers: rest.length ? rest : null } });
  }
}

export class PVProtectionController extends QueueController {
  private pvInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('pv-protection-controller', ctx);
  }

  register(): void {
    this.pvInformer = this.informers.on(PVS, { add: (v) => this.enqueue(v), update: (_o, v) => this.enqueue(v) });
  }

  sync(name: string): boolean | void {
    const pv = this.pvInformer.getByName(undefined, name);
    if (!pv) return;
    const fins: string[] = pv.metadata.finalizers ?? [];
    if (!pv.metadata.deletionTimestamp) {
      if (!fins.includes(PV_PROTECTION)) this.client.patch(PVS, undefined, name, 'merge', { metadata: { uid: pv.metadata.uid, finalizers: [...fins, PV_PROTECTION] } });
      return;
    }
    if (!fins.includes(PV_PROTECTION) || pv.status?.phase === 'Bound') return;
    const rest = fins.filter((f) => f !== PV_PROTECTION);
    this.client.patch(PVS, undefined, name, 'merge', { metadata: { uid: pv.metadata.uid, finalizers: rest.length ? rest : null } });
  }
}
