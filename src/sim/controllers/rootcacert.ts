/**
 * The root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go): a ConfigMap
 * `kube-root-ca.crt` with the cluster CA in every namespace, which is why `kubectl get configmaps` is never empty.
 */
import { isAlreadyExists } from '../client/client';
import type { Informer } from '../client/informer';
import { R } from '../client/resources';
import { QueueController, type ControllerContext } from './controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher extends QueueController {
  private nsInformer!: Informer;
  private cmInformer!: Informer;

  constructor(
    ctx: ControllerContext,
    /** The PEM of the cluster CA (the one in the kubeconfig's certificate-authority-data). */
    private caPEM: string,
  ) {
    super('root-ca-cert-publisher', ctx);
  }

  register(): void {
    this.nsInformer = this.informers.on(R.namespaces, {
      add: (ns) => this.queue.add(ns.metadata.name!),
      update: (_o, ns) => this.queue.add(ns.metadata.name!),
    });
    this.cmInformer = this.informers.on(R.configmaps, {
      update: (_o, cm) => {
        if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!);
      },
      delete: (cm) => {
        if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!);
      },
    });
  }

  sync(namespace: string): boolean | void {
    const ns = this.nsInformer.getByName(undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const cm = this.cmInformer.getByName(namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.caPEM };
    if (cm) {
      if (cm.data?.['ca.crt'] === this.caPEM && cm.metadata.annotations?.['kubernetes.io/description'] === DESCRIPTION) return;
      this.client.update(R.configmaps, namespace, { ...cm, data, metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), 'kubernetes.io/description': DESCRIPTION } } });
      return;
    }
    try {
      this.client.create(R.configmaps, namespace, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } },
        data,
      });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}

/** A well-formed, seeded stand-in for the k3s server CA when the cluster does not supply its own. */
export function placeholderCA(random: { string(n: number, alphabet: string): string }): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const body = 'MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVyLWNhQDE3NjQwNjEyMDAw' + random.string(420, b64);
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
