/**
 * Pod spec defaulting, as pkg/apis/core/v1/defaults.go applies it wherever a PodSpec appears (pods and every
 * pod template): SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Volume and the volume sources,
 * SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_ObjectFieldSelector, and the ContainerPort protocol
 * (declared `+default="TCP"` in staging/src/k8s.io/api/core/v1/types.go).
 * Pod-only rules (SetDefaults_Pod: requests from limits, enableServiceLinks, host-network ports) are in podOnly().
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The tag parsers.ParseImageName finds: the part after the last ':' that follows the last '/', 'latest' when
 * there is neither a tag nor a digest, '' for a digest-only reference.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const hasDigest = at >= 0;
  const name = hasDigest ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (tag === '' && !hasDigest) return 'latest';
  return tag;
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  defaultHandler(p);
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  if (isObj(h.httpGet)) {
    if (!h.httpGet.path) h.httpGet.path = '/';
    if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
  }
}

function defaultFieldRef(valueFrom: unknown): void {
  if (isObj(valueFrom) && isObj(valueFrom.fieldRef) && !valueFrom.fieldRef.apiVersion) valueFrom.fieldRef.apiVersion = 'v1';
}

export function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  // Resources is a struct, not a pointer: the server always serializes `resources: {}`.
  if (!isObj(c.resources)) c.resources = {};
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  for (const e of Array.isArray(c.env) ? c.env : []) if (isObj(e)) defaultFieldRef(e.valueFrom);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

export function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  // SetDefaults_Volume: a volume without any source is an emptyDir.
  if (!VOLUME_SOURCES.some((k) => v[k] != null)) v.emptyDir = {};
  if (isObj(v.hostPath) && v.hostPath.type == null) v.hostPath.type = '';
  // 420 = 0644, the default mode of secret, configMap, downwardAPI and projected volumes.
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[k]) && v[k].defaultMode == null) v[k].defaultMode = 420;
  }
  if (isObj(v.downwardAPI)) for (const item of v.downwardAPI.items ?? []) if (isObj(item) && isObj(item.fieldRef) && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  if (isObj(v.projected)) {
    for (const s of v.projected.sources ?? []) {
      if (!isObj(s)) continue;
      if (isObj(s.serviceAccountToken) && s.serviceAccountToken.expirationSeconds == null) s.serviceAccountToken.expirationSeconds = 3600;
      if (isObj(s.downwardAPI)) for (const item of s.downwardAPI.items ?? []) if (isObj(item) && isObj(item.fieldRef) && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
    }
  }
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate) && isObj(v.ephemeral.volumeClaimTemplate.spec)) {
    const spec = v.ephemeral.volumeClaimTemplate.spec;
    if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  }
}

export function defaultPodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(v);
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) defaultContainer(c);
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(c);
  for (const c of Array.isArray(spec.ephemeralContainers) ? spec.ephemeralContainers : []) defaultContainer(c);
}

/**
 * A PodTemplateSpec: pod spec defaults, plus `metadata.creationTimestamp: null`, which the real server
 * serializes for every embedded ObjectMeta (metav1.Time has no omitempty form before Kubernetes 1.34).
 */
export function defaultPodTemplate(t: unknown): void {
  if (!isObj(t)) return;
  t.metadata = isObj(t.metadata) ? { creationTimestamp: null, ...t.metadata } : { creationTimestamp: null };
  if (!isObj(t.spec)) t.spec = {};
  defaultPodSpec(t.spec);
}

/** SetDefaults_Pod: only on Pods, never on templates. */
export function defaultPodOnly(spec: unknown): void {
  if (!isObj(spec)) return;
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of Array.isArray(list) ? list : []) {
      if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
      if (!isObj(c.resources.requests)) c.resources.requests = {};
      for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
    }
  }
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const list of [spec.containers, spec.initContainers]) {
      for (const c of Array.isArray(list) ? list : []) for (const p of isObj(c) && Array.isArray(c.ports) ? c.ports : []) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
}
