/**
 * The ServiceAccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go): every active
 * namespace gets a `default` ServiceAccount, recreated if deleted. (Since 1.24 no token Secret is made.)
 */
import { isAlreadyExists } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, type ControllerContext } from './controller';

export class ServiceAccountsController extends QueueController {
  private nsInformer!: Informer;
  private saInformer!: Informer;

  constructor(ctx: ControllerContext) {
    super('serviceaccount-controller', ctx);
  }

  register(): void {
    this.nsInformer = this.informers.on(R.namespaces, {
      add: (ns) => this.queue.add(ns.metadata.name!),
      update: (_o, ns) => this.queue.add(ns.metadata.name!),
    });
    this.saInformer = this.informers.on(R.serviceaccounts, {
      delete: (sa) => {
        if (sa.metadata.name === 'default') this.queue.add(sa.metadata.namespace!);
      },
    });
  }

  sync(namespace: string): boolean | void {
    const ns = this.nsInformer.getByName(undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.saInformer.getByName(namespace, 'default')) return;
    try {
      this.client.create(R.serviceaccounts, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
