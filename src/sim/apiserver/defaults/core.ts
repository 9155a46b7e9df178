/**
 * Defaulting of core/v1 kinds other than the pod spec itself (pkg/apis/core/v1/defaults.go): Service,
 * Secret, Namespace, PersistentVolume(Claim), Endpoints, Node, LimitRange, ReplicationController, PodTemplate.
 */
import type { KubeObject } from '../types';
import { defaultPodOnly, defaultPodSpec, defaultPodTemplate } from './pod';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function defaultPod(pod: KubeObject): void {
  if (!isObj(pod.spec)) pod.spec = {};
  defaultPodSpec(pod.spec);
  defaultPodOnly(pod.spec);
}

/**
 * SetDefaults_Service. The IP family fields are the service REST storage's (pkg/registry/core/service/storage
 * initIPFamilyFields); on k3s's single-stack IPv4 cluster every non-ExternalName service gets SingleStack/[IPv4].
 */
export function defaultService(svc: KubeObject): void {
  if (!isObj(svc.spec)) svc.spec = {};
  const spec = svc.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObj(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs.
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
  if (spec.type === 'LoadBalancer') {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (isObj(ing) && ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
}

export function defaultSecret(s: KubeObject): void {
  if (!s.type) s.type = 'Opaque';
}

export function defaultNamespace(ns: KubeObject): void {
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  if (isObj(ns.status) && !ns.status.phase) ns.status.phase = 'Active';
}

export function defaultPersistentVolume(pv: KubeObject): void {
  if (!isObj(pv.spec)) pv.spec = {};
  if (!pv.spec.persistentVolumeReclaimPolicy) pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  if (pv.spec.volumeMode == null) pv.spec.volumeMode = 'Filesystem';
  if (isObj(pv.spec.hostPath) && pv.spec.hostPath.type == null) pv.spec.hostPath.type = '';
  if (!isObj(pv.status)) pv.status = {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
}

export function defaultPersistentVolumeClaim(pvc: KubeObject): void {
  if (!isObj(pvc.spec)) pvc.spec = {};
  if (pvc.spec.volumeMode == null) pvc.spec.volumeMode = 'Filesystem';
  if (!isObj(pvc.status)) pvc.status = {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
}

export function defaultEndpoints(ep: KubeObject): void {
  for (const ss of Array.isArray(ep.subsets) ? ep.subsets : []) for (const p of ss?.ports ?? []) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
}

export function defaultNode(node: KubeObject): void {
  if (isObj(node.status) && node.status.allocatable == null && isObj(node.status.capacity)) node.status.allocatable = { ...node.status.capacity };
}

export function defaultLimitRange(lr: KubeObject): void {
  for (const item of lr.spec?.limits ?? []) {
    if (!isObj(item) || item.type !== 'Container') continue;
    item.default = { ...(item.default ?? {}) };
    item.defaultRequest = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
    for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  }
}

export function defaultReplicationController(rc: KubeObject): void {
  if (!isObj(rc.spec)) rc.spec = {};
  const labels = rc.spec.template?.metadata?.labels;
  if (labels) {
    if (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0) rc.spec.selector = { ...labels };
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
  }
  if (rc.spec.replicas == null) rc.spec.replicas = 1;
  if (rc.spec.template) defaultPodTemplate(rc.spec.template);
}

export function defaultPodTemplateObject(pt: KubeObject): void {
  if (pt.template) defaultPodTemplate(pt.template);
}
