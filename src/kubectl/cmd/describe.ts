/**
 * kubectl describe (pkg/cmd/describe/describe.go): for each object, fetch what its describer needs
 * (events by involvedObject, owned ReplicaSets, pods, EndpointSlices, the node Lease) and print the
 * describer's text; objects are separated by a blank line. A name that is not found falls back to a
 * prefix match over the list, as the real command does.
 */
import type { KubeList, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { resourcePathFor, type ApiResource } from '../client/discovery';
import { StatusError } from '../client/rest';
import { parseResourceArgs } from '../resource/args';
import { readManifests } from '../resource/manifests';
import { listQuery, withTypeMeta } from './common';
import { selectorString } from './podutil';
import type { CoreEvent } from '../describe/writer';
import { describePod } from '../describe/pod';
import { describeDeployment, describeReplicaSet, describeDaemonSet, describeStatefulSet, describeJob, describeCronJob } from '../describe/workloads';
import { describeService, describeEndpoints, describeNamespace, describeConfigMap, describeSecret, describeNode, describeEndpointSlice } from '../describe/core';
import { describeGeneric } from '../describe/generic';
import { describeHorizontalPodAutoscaler } from '../describe/autoscaling';
import { describeServiceAccount } from '../describe/serviceaccount';
import { describeRole, describeRoleBinding } from '../describe/rbac';
import { describeLimitRange, describePodDisruptionBudget, describePriorityClass, describeQuota } from '../describe/policy';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from '../describe/storage';
import { describeIngress, describeIngressClass, type BackendLookup } from '../describe/networking';

export async function runDescribe(k: Kctx): Promise<number> {
  const files = k.f.list('filename');
  if (!k.args.length && !files.length) {
    throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const targets: { r: ApiResource; obj?: KubeObject; name?: string; ns?: string; prefix?: boolean }[] = [];
  const allNs = k.allNamespaces;
  const q = listQuery(k);
  const errors: unknown[] = [];
  if (files.length) {
    for (const m of await readManifests(k, files, k.f.bool('recursive'))) {
      const group = m.obj.apiVersion?.includes('/') ? m.obj.apiVersion.split('/')[0] : '';
      const r = k.discovery().byKind(group, m.obj.kind!);
      if (!r) throw new KubectlError(`resource mapping not found for name: "${m.obj.metadata.name}" namespace: "" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      targets.push({ r, name: m.obj.metadata.name, ns: r.namespaced ? (m.obj.metadata.namespace as string) ?? k.namespace : undefined });
    }
  } else {
    for (const a of parseResourceArgs(k.args)) {
      const types = a.type === 'all' ? k.discovery().category('all') : [k.discovery().require(a.type)];
      for (const r of types) {
        const ns = r.namespaced ? (allNs ? undefined : k.namespace) : undefined;
        if (!a.names.length) {
          const l = k.rest().call<KubeList>({ method: 'GET', path: resourcePathFor(r, ns), query: { limit: '500', ...q } });
          for (const o of l.items ?? []) targets.push({ r, obj: withTypeMeta(o, r), ns: o.metadata.namespace });
          continue;
        }
        for (const n of a.names) {
          try {
            const o = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(r, ns, n) });
            targets.push({ r, obj: withTypeMeta(o, r), ns: o.metadata.namespace });
          } catch (e) {
            if (!(e instanceof StatusError && e.code === 404)) throw e;
            // describe treats a missing name as a prefix (describe.go DescribeMatchingResources).
            const l = k.rest().call<KubeList>({ method: 'GET', path: resourcePathFor(r, ns), query: { limit: '500' } });
            const matches = (l.items ?? []).filter((o) => o.metadata.name!.startsWith(n));
            if (!matches.length) errors.push(e);
            for (const o of matches) targets.push({ r, obj: withTypeMeta(o, r), ns: o.metadata.namespace, prefix: true });
          }
        }
      }
    }
  }
  let first = true;
  for (const t of targets) {
    let obj = t.obj;
    if (!obj) {
      try {
        obj = withTypeMeta(k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(t.r, t.ns, t.name) }), t.r);
      } catch (e) {
        errors.push(e);
        continue;
      }
    }
    const text = describeOne(k, t.r, obj);
    // Prefix matches print each result followed by a newline (describe.go DescribeMatchingResources).
    if (t.prefix) k.out(`${text}\n`);
    else {
      k.out(first ? text : `\n\n${text}`);
      first = false;
    }
  }
  if (!targets.length && !errors.length) {
    k.err(allNs || !k.args.length ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
  }
  if (errors.length) {
    const { statusMessage } = await import('../cli/errors');
    for (const e of errors) {
      if (e instanceof StatusError) k.err(statusMessage(e.status, e.code) + '\n');
      else throw e;
    }
    return 1;
  }
  return 0;
}

function events(k: Kctx, obj: KubeObject, kind?: string): CoreEvent[] | undefined {
  if (k.f.p.values.has('show-events') && !k.f.bool('show-events')) return undefined;
  const ns = obj.metadata.namespace;
  const sel = [`involvedObject.name=${obj.metadata.name}`, `involvedObject.namespace=${ns ?? ''}`];
  if (kind) sel.push(`involvedObject.kind=${kind}`);
  if (obj.metadata.uid) sel.push(`involvedObject.uid=${obj.metadata.uid}`);
  const path = ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/events` : '/api/v1/events';
  try {
    const l = k.rest().call<KubeList>({ method: 'GET', path, query: { fieldSelector: sel.join(','), limit: '500' } });
    return (l.items ?? []) as unknown as CoreEvent[];
  } catch {
    // A server without involvedObject field selectors: filter the list client-side.
    const l = k.rest().call<KubeList>({ method: 'GET', path, query: { limit: '500' } });
    return (l.items ?? []).filter((e) => e.involvedObject?.name === obj.metadata.name && (!obj.metadata.uid || e.involvedObject?.uid === obj.metadata.uid)) as unknown as CoreEvent[];
  }
}

function list(k: Kctx, path: string, query: Record<string, string> = {}): KubeObject[] {
  try {
    return k.rest().call<KubeList>({ method: 'GET', path, query }).items ?? [];
  } catch {
    return [];
  }
}

function ownedBy(o: KubeObject, uid: string | undefined): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);
}

function templateKey(t: unknown): string {
  const c = structuredClone(t ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortDeep(c));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const key of Object.keys(v as object).sort()) o[key] = sortDeep((v as Record<string, unknown>)[key]);
    return o;
  }
  return v;
}

function describeOne(k: Kctx, r: ApiResource, obj: KubeObject): string {
  const now = k.now();
  const ns = obj.metadata.namespace ?? '';
  const nsPath = `/api/v1/namespaces/${encodeURIComponent(ns)}`;
  const key = `${r.group}/${r.resource}`;
  switch (key) {
    case '/pods':
      return describePod(obj, events(k, obj), now);
    case 'apps/deployments': {
      const rss = list(k, `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/replicasets`, { labelSelector: selectorString(obj.spec?.selector) }).filter((rs) => ownedBy(rs, obj.metadata.uid));
      const want = templateKey(obj.spec?.template);
      const newRS = rss.find((rs) => templateKey(rs.spec?.template) === want);
      const old = rss.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) > 0);
      return describeDeployment(obj, old, newRS, events(k, obj, 'Deployment'), now);
    }
    case 'apps/replicasets':
      return describeReplicaSet(obj, podsOf(k, obj), events(k, obj), now);
    case 'apps/daemonsets':
      return describeDaemonSet(obj, podsOf(k, obj), events(k, obj), now);
    case 'apps/statefulsets':
      return describeStatefulSet(obj, podsOf(k, obj), events(k, obj), now);
    case 'batch/jobs':
      return describeJob(obj, events(k, obj), now);
    case 'batch/cronjobs':
      return describeCronJob(obj, events(k, obj), now);
    case '/services':
      return describeService(obj, list(k, `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices`, { labelSelector: `kubernetes.io/service-name=${obj.metadata.name}` }), events(k, obj), now);
    case 'discovery.k8s.io/endpointslices':
      return describeEndpointSlice(obj, events(k, obj), now);
    case '/endpoints':
      return describeEndpoints(obj, events(k, obj), now);
    case '/namespaces':
      return describeNamespace(obj, list(k, `/api/v1/namespaces/${encodeURIComponent(obj.metadata.name!)}/resourcequotas`), list(k, `/api/v1/namespaces/${encodeURIComponent(obj.metadata.name!)}/limitranges`));
    case '/configmaps':
      return describeConfigMap(obj, events(k, obj), now);
    case '/secrets':
      return describeSecret(obj);
    case '/nodes': {
      let lease: KubeObject | string;
      try {
        lease = k.rest().call<KubeObject>({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(obj.metadata.name!)}` });
      } catch (e) {
        lease = (e as Error).message;
      }
      const pods = list(k, '/api/v1/pods', { fieldSelector: `spec.nodeName=${obj.metadata.name},status.phase!=Failed,status.phase!=Succeeded` }).filter(
        (p) => p.spec?.nodeName === obj.metadata.name && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded',
      );
      // Node events come from two reporters: controllers use the node's UID, the kubelet its name.
      const ev = events(k, obj, 'Node');
      const byName = events(k, { ...obj, metadata: { ...obj.metadata, uid: obj.metadata.name } }, 'Node');
      return describeNode(obj, lease, pods, ev === undefined ? undefined : [...ev, ...(byName ?? [])], now);
    }
    case '/serviceaccounts': {
      let secrets: KubeObject[] | undefined;
      try {
        secrets = k.rest().call<KubeList>({ method: 'GET', path: `${nsPath}/secrets`, query: { limit: '500' } }).items ?? [];
      } catch {
        secrets = undefined;
      }
      return describeServiceAccount(obj, secrets, events(k, obj), now);
    }
    case 'rbac.authorization.k8s.io/roles':
    case 'rbac.authorization.k8s.io/clusterroles':
      return describeRole(obj);
    case 'rbac.authorization.k8s.io/rolebindings':
    case 'rbac.authorization.k8s.io/clusterrolebindings':
      return describeRoleBinding(obj);
    case 'policy/poddisruptionbudgets':
      return describePodDisruptionBudget(obj, events(k, obj), now);
    case '/resourcequotas':
      return describeQuota(obj);
    case '/limitranges':
      return describeLimitRange(obj);
    case 'scheduling.k8s.io/priorityclasses':
      return describePriorityClass(obj, events(k, obj), now);
    case 'autoscaling/horizontalpodautoscalers': {
      // The describer reads the autoscaling/v2 form whatever version the type resolved to.
      let v2 = obj;
      try {
        v2 = k.rest().call<KubeObject>({ method: 'GET', path: `/apis/autoscaling/v2/namespaces/${encodeURIComponent(ns)}/horizontalpodautoscalers/${encodeURIComponent(obj.metadata.name!)}` });
      } catch {
        v2 = obj;
      }
      return describeHorizontalPodAutoscaler(v2, events(k, obj), now);
    }
    case '/persistentvolumes':
      return describePersistentVolume(obj, events(k, obj), now);
    case '/persistentvolumeclaims':
      return describePersistentVolumeClaim(obj, list(k, `${nsPath}/pods`), events(k, obj), now);
    case 'storage.k8s.io/storageclasses':
      return describeStorageClass(obj, events(k, obj), now);
    case 'networking.k8s.io/ingresses':
      return describeIngress(obj, backendLookup(k), events(k, obj), now);
    case 'networking.k8s.io/ingressclasses':
      return describeIngressClass(obj, events(k, obj), now);
    default:
      return describeGeneric(obj, events(k, obj), now);
  }
}

function podsOf(k: Kctx, owner: KubeObject): KubeObject[] {
  const ns = owner.metadata.namespace ?? '';
  return list(k, `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, { labelSelector: selectorString(owner.spec?.selector) }).filter((p) => ownedBy(p, owner.metadata.uid));
}

/** The Service and EndpointSlices an Ingress backend names (describeBackendV1 lists the slices first). */
function backendLookup(k: Kctx): BackendLookup {
  return (ns, name) => {
    try {
      const slices = k.rest().call<KubeList>({ method: 'GET', path: `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices`, query: { labelSelector: `kubernetes.io/service-name=${name}` } }).items ?? [];
      const service = k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(name)}` });
      return { slices, service };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
}
