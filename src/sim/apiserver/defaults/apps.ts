/**
 * apps/v1 defaulting (pkg/apis/apps/v1/defaults.go): Deployment, ReplicaSet, DaemonSet, StatefulSet.
 * Feature gates as on a v1.31 cluster: StatefulSetAutoDeletePVC on (persistentVolumeClaimRetentionPolicy
 * defaults to Retain/Retain), MaxUnavailableStatefulSet off.
 */
import type { KubeObject } from '../types';
import { defaultPodTemplate } from './pod';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function spec(o: KubeObject): Obj {
  if (!isObj(o.spec)) o.spec = {};
  return o.spec;
}

export function defaultDeployment(d: KubeObject): void {
  const s = spec(d);
  if (s.replicas == null) s.replicas = 1;
  if (!isObj(s.strategy)) s.strategy = {};
  if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    if (!isObj(s.strategy.rollingUpdate)) s.strategy.rollingUpdate = {};
    if (s.strategy.rollingUpdate.maxUnavailable == null) s.strategy.rollingUpdate.maxUnavailable = '25%';
    if (s.strategy.rollingUpdate.maxSurge == null) s.strategy.rollingUpdate.maxSurge = '25%';
  }
  if (s.revisionHistoryLimit == null) s.revisionHistoryLimit = 10;
  if (s.progressDeadlineSeconds == null) s.progressDeadlineSeconds = 600;
  defaultPodTemplate(s.template ?? (s.template = {}));
}

export function defaultReplicaSet(rs: KubeObject): void {
  const s = spec(rs);
  if (s.replicas == null) s.replicas = 1;
  defaultPodTemplate(s.template ?? (s.template = {}));
}

export function defaultDaemonSet(ds: KubeObject): void {
  const s = spec(ds);
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  const u = s.updateStrategy;
  if (!u.type) u.type = 'RollingUpdate';
  if (u.type === 'RollingUpdate') {
    if (!isObj(u.rollingUpdate)) u.rollingUpdate = {};
    if (u.rollingUpdate.maxUnavailable == null) u.rollingUpdate.maxUnavailable = 1;
    if (u.rollingUpdate.maxSurge == null) u.rollingUpdate.maxSurge = 0;
  }
  if (s.revisionHistoryLimit == null) s.revisionHistoryLimit = 10;
  defaultPodTemplate(s.template ?? (s.template = {}));
}

export function defaultStatefulSet(ss: KubeObject): void {
  const s = spec(ss);
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  const u = s.updateStrategy;
  if (!u.type) {
    u.type = 'RollingUpdate';
    if (!isObj(u.rollingUpdate)) u.rollingUpdate = {};
  }
  if (u.type === 'RollingUpdate' && isObj(u.rollingUpdate) && u.rollingUpdate.partition == null) u.rollingUpdate.partition = 0;
  if (!isObj(s.persistentVolumeClaimRetentionPolicy)) s.persistentVolumeClaimRetentionPolicy = {};
  if (!s.persistentVolumeClaimRetentionPolicy.whenDeleted) s.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain';
  if (!s.persistentVolumeClaimRetentionPolicy.whenScaled) s.persistentVolumeClaimRetentionPolicy.whenScaled = 'Retain';
  if (s.replicas == null) s.replicas = 1;
  if (s.revisionHistoryLimit == null) s.revisionHistoryLimit = 10;
  defaultPodTemplate(s.template ?? (s.template = {}));
  // volumeClaimTemplates are PersistentVolumeClaims: SetDefaults_PersistentVolumeClaimSpec and an empty status.
  for (const t of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
    if (!isObj(t)) continue;
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.metadata = isObj(t.metadata) ? { creationTimestamp: null, ...t.metadata } : { creationTimestamp: null };
    if (!isObj(t.spec)) t.spec = {};
    if (t.spec.volumeMode == null) t.spec.volumeMode = 'Filesystem';
    if (!isObj(t.status)) t.status = {};
    if (!t.status.phase) t.status.phase = 'Pending';
  }
}
