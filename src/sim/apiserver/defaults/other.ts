/**
 * Defaulting of the smaller groups: networking.k8s.io/v1 (NetworkPolicy policyTypes and port protocol,
 * Ingress nothing), rbac.authorization.k8s.io/v1 (roleRef and subject apiGroup), storage.k8s.io/v1
 * (StorageClass reclaimPolicy/volumeBindingMode), scheduling.k8s.io/v1 (PriorityClass preemptionPolicy),
 * autoscaling v1/v2 (HPA minReplicas, default CPU metric, behavior), discovery.k8s.io/v1 (EndpointSlice ports).
 * Read from pkg/apis/<group>/<version>/defaults.go.
 */
import type { KubeObject } from '../types';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function defaultNetworkPolicy(np: KubeObject): void {
  if (!isObj(np.spec)) np.spec = {};
  const s = np.spec;
  for (const rule of [...(s.ingress ?? []), ...(s.egress ?? [])]) for (const p of rule?.ports ?? []) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
    s.policyTypes = ['Ingress'];
    if ((s.egress ?? []).length > 0) s.policyTypes.push('Egress');
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function defaultRoleBinding(rb: KubeObject): void {
  if (isObj(rb.roleRef) && !rb.roleRef.apiGroup) rb.roleRef.apiGroup = RBAC_GROUP;
  for (const s of Array.isArray(rb.subjects) ? rb.subjects : []) {
    if (!isObj(s) || s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

export function defaultStorageClass(sc: KubeObject): void {
  if (!sc.reclaimPolicy) sc.reclaimPolicy = 'Delete';
  if (!sc.volumeBindingMode) sc.volumeBindingMode = 'Immediate';
}

export function defaultPriorityClass(pc: KubeObject): void {
  if (!pc.preemptionPolicy) pc.preemptionPolicy = 'PreemptLowerPriority';
}

/** HPA scaling rules of autoscaling/v2 (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules). */
function scaleRules(rules: Obj | undefined, up: boolean): Obj {
  const r: Obj = isObj(rules) ? rules : {};
  if (!Array.isArray(r.policies) || r.policies.length === 0) {
    r.policies = up
      ? [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ]
      : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
  if (r.selectPolicy == null) r.selectPolicy = 'Max';
  if (r.stabilizationWindowSeconds == null) r.stabilizationWindowSeconds = up ? 0 : 300;
  return r;
}

export function defaultHPA(hpa: KubeObject, version: string): void {
  if (!isObj(hpa.spec)) hpa.spec = {};
  const s = hpa.spec;
  if (s.minReplicas == null) s.minReplicas = 1;
  if (version === 'v2') {
    if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
      s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    if (isObj(s.behavior)) {
      s.behavior.scaleUp = scaleRules(s.behavior.scaleUp, true);
      s.behavior.scaleDown = scaleRules(s.behavior.scaleDown, false);
    }
  }
}

export function defaultEndpointSlice(es: KubeObject): void {
  for (const p of Array.isArray(es.ports) ? es.ports : []) {
    if (!isObj(p)) continue;
    if (p.name == null) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}
