/**
 * kubectl expose (pkg/cmd/expose/expose.go): a Service selecting what the object selects, on the ports
 * given or found in its pod template; `service/<name> exposed`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { buildInfos, fetchInfo } from '../resource/builder';
import { requireResourceArgs } from './common';
import { submit, T } from './create';
import { podSpecOf } from './mutate';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export async function runExpose(k: Kctx): Promise<number> {
  requireResourceArgs(k);
  const infos = await buildInfos(k, k.args);
  for (const info of infos) {
    const obj: KubeObject = info.source ? info.obj! : fetchInfo(k, info);
    const kind = info.r.kind;
    if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(kind)) throw new KubectlError(`cannot expose a ${kind}`);
    let selector: Record<string, string> = {};
    if (k.f.str('selector')) {
      for (const kv of k.f.str('selector').split(',')) {
        const [a, b] = kv.split('=');
        selector[a] = b;
      }
    } else if (kind === 'Pod') selector = { ...(obj.metadata.labels ?? {}) };
    else if (kind === 'Service' || kind === 'ReplicationController') selector = { ...(obj.spec?.selector ?? {}) };
    else {
      if (obj.spec?.selector?.matchExpressions?.length) throw new KubectlError(`couldn't convert expressions - "${JSON.stringify(obj.spec.selector.matchExpressions)}" to map: invalid selector`);
      selector = { ...(obj.spec?.selector?.matchLabels ?? {}) };
    }
    if (!Object.keys(selector).length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the ${kind.toLowerCase()} has no labels`);
    const protocol = k.f.str('protocol');
    let ports: { port: number; protocol: string; name?: string; targetPort?: number | string }[] = [];
    if (k.f.str('port')) {
      ports = k.f
        .str('port')
        .split(',')
        .map((p) => ({ port: Number(p), protocol: protocol || 'TCP' }));
    } else if (kind === 'Service') {
      ports = (obj.spec?.ports ?? []).map((p: Any) => ({ port: p.port, protocol: protocol || p.protocol || 'TCP', name: p.name }));
    } else {
      const spec = kind === 'Pod' ? obj.spec : podSpecOf(obj);
      for (const c of (spec?.containers ?? []) as Any[]) for (const p of c.ports ?? []) ports.push({ port: p.containerPort, protocol: protocol || p.protocol || 'TCP', name: p.name });
    }
    // Printed without the usage hint (the real 1.31 prints only the message).
    if (!ports.length) throw new KubectlError("couldn't find port via --port flag or introspection");
    const targetPort = k.f.str('target-port');
    const name = k.f.str('name') || obj.metadata.name!;
    const labels: Record<string, string> = {};
    if (k.f.str('labels')) {
      for (const kv of k.f.str('labels').split(',')) {
        const [a, b] = kv.split('=');
        labels[a] = b;
      }
    } else Object.assign(labels, obj.metadata.labels ?? {});
    const spec: Record<string, unknown> = {
      ports: ports.map((p, i) => {
        const sp: Record<string, unknown> = {};
        if (ports.length > 1) sp.name = p.name || `port-${i + 1}`;
        sp.protocol = p.protocol;
        sp.port = p.port;
        sp.targetPort = targetPort ? (/^\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : p.port;
        return sp;
      }),
      selector,
    };
    if (k.f.str('cluster-ip')) spec.clusterIP = k.f.str('cluster-ip');
    if (k.f.str('type')) spec.type = k.f.str('type');
    if (k.f.str('external-ip')) spec.externalIPs = [k.f.str('external-ip')];
    if (k.f.str('session-affinity')) spec.sessionAffinity = k.f.str('session-affinity');
    const metadata: Record<string, unknown> = { name };
    if (k.f.changed('namespace')) metadata.namespace = k.f.str('namespace');
    metadata.creationTimestamp = null;
    if (Object.keys(labels).length) metadata.labels = labels;
    const svc: KubeObject = { kind: 'Service', apiVersion: 'v1', metadata: metadata as KubeObject['metadata'], spec, status: { loadBalancer: {} } };
    submit(k, T.service, svc, null, 'exposed', 'kubectl-expose');
  }
  return 0;
}
