/**
 * Pod spec validation with the field paths and texts of pkg/apis/core/validation/validation.go
 * (ValidatePodSpec, validateContainers / validateContainerCommon, validateContainerPorts, ValidateEnv,
 * ValidateVolumes, ValidateVolumeMounts, validateProbe / validateHandler, ValidateResourceRequirements,
 * validateRestartPolicy, validateDNSPolicy, validatePullPolicy) and ValidatePodUpdate's immutability rule.
 * Checks run in the upstream order so that multi-error messages list causes in the same order.
 */
import type { KubeObject } from '../types';
import { child, duplicate, forbidden, index, invalid, key, notFound, notSupported, required } from './field';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names';
import { parseQuantity } from './quantity';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const NEGATIVE = 'must be greater than or equal to 0';

export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

function validateVolumes(volumes: any[], path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const p = index(path, i);
    const name = String(v?.name ?? '');
    if (!name) errs.push(required(child(p, 'name'), ''));
    else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, msg));
    if (name && names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    const sources = VOLUME_SOURCES.filter((s) => isObj(v) && v[s] != null);
    if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(child(p, sources[1]), 'may not specify more than 1 volume type'));
    if (isObj(v?.configMap) && !v.configMap.name) errs.push(required(child(p, 'configMap', 'name'), ''));
    if (isObj(v?.secret) && !v.secret.secretName) errs.push(required(child(p, 'secret', 'secretName'), ''));
    if (isObj(v?.persistentVolumeClaim) && !v.persistentVolumeClaim.claimName) errs.push(required(child(p, 'persistentVolumeClaim', 'claimName'), ''));
    if (isObj(v?.hostPath) && !v.hostPath.path) errs.push(required(child(p, 'hostPath', 'path'), ''));
  });
  return { errs, names };
}

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') {
    if (port === '') return [required(path, '')];
    return isValidPortName(port).map((m) => invalid(path, port, m));
  }
  return [required(path, '')];
}

function validateHandler(h: Obj, path: string, lifecycle: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const kinds = ['exec', 'httpGet', 'tcpSocket', 'grpc', ...(lifecycle ? ['sleep'] : [])].filter((k) => h[k] != null);
  if (kinds.length === 0) return [required(path, 'must specify a handler type')];
  if (kinds.length > 1) errs.push(forbidden(child(path, kinds[1]), 'may not specify more than 1 handler type'));
  const k = kinds[0];
  if (k === 'exec' && arr(h.exec?.command).length === 0) errs.push(required(child(path, 'exec', 'command'), ''));
  if (k === 'httpGet') {
    if (!h.httpGet?.path) errs.push(required(child(path, 'httpGet', 'path'), ''));
    errs.push(...validatePortNumOrName(h.httpGet?.port, child(path, 'httpGet', 'port')));
    const scheme = h.httpGet?.scheme;
    if (scheme && scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(path, 'httpGet', 'scheme'), scheme, ['HTTP', 'HTTPS']));
  }
  if (k === 'tcpSocket') errs.push(...validatePortNumOrName(h.tcpSocket?.port, child(path, 'tcpSocket', 'port')));
  if (k === 'grpc' && typeof h.grpc?.port === 'number') errs.push(...isValidPortNum(h.grpc.port).map((m) => invalid(child(path, 'grpc', 'port'), h.grpc.port, m)));
  return errs;
}

function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(probe[f], child(path, f)));
  if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds != null) errs.push(forbidden(child(path, 'terminationGracePeriodSeconds'), 'may not be set for readinessProbes'));
  if (kind !== 'readiness' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const msgs = isQualifiedName(name);
  if (msgs.length) return msgs.map((m) => invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !name.startsWith('hugepages-')) return [invalid(path, name, 'must be a standard resource type or fully qualified')];
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) return [invalid(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

function validateResources(res: unknown, path: string): FieldError[] {
  if (!isObj(res)) return [];
  const errs: FieldError[] = [];
  const limits: Obj = isObj(res.limits) ? res.limits : {};
  const requests: Obj = isObj(res.requests) ? res.requests : {};
  for (const [name, q] of Object.entries(limits)) {
    const p = key(child(path, 'limits'), name);
    errs.push(...validateContainerResourceName(name, p));
    const v = parseQuantity(q);
    if (v !== undefined && v < 0) errs.push(invalid(p, String(q), NEGATIVE));
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = key(child(path, 'requests'), name);
    errs.push(...validateContainerResourceName(name, p));
    const v = parseQuantity(q);
    if (v !== undefined && v < 0) errs.push(invalid(p, String(q), NEGATIVE));
    const lim = parseQuantity(limits[name]);
    if (v !== undefined && lim !== undefined && v > lim) errs.push(invalid(p, String(q), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
  }
  return errs;
}

function validateEnv(env: any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = index(path, i);
    const name = String(ev?.name ?? '');
    if (!name) errs.push(required(child(p, 'name'), ''));
    else for (const msg of isEnvVarName(name)) errs.push(invalid(child(p, 'name'), name, msg));
    const vf = ev?.valueFrom;
    if (!isObj(vf)) return;
    const vp = child(p, 'valueFrom');
    const refs = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => vf[k] != null);
    if (refs.length === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (refs.length > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    if (ev.value) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
      if (!isObj(vf[ref])) continue;
      const rp = child(vp, ref);
      const refName = String(vf[ref].name ?? '');
      for (const msg of nameIsDNSSubdomain(refName, false)) errs.push(invalid(child(rp, 'name'), refName, msg));
      if (!vf[ref].key) errs.push(required(child(rp, 'key'), ''));
      else for (const msg of isConfigMapKey(String(vf[ref].key))) errs.push(invalid(child(rp, 'key'), vf[ref].key, msg));
    }
    if (isObj(vf.fieldRef) && !vf.fieldRef.fieldPath) errs.push(required(child(vp, 'fieldRef', 'fieldPath'), ''));
  });
  return errs;
}

function validatePorts(ports: any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(path, i);
    if (port?.name) {
      const msgs = isValidPortName(String(port.name));
      if (msgs.length) for (const m of msgs) errs.push(invalid(child(p, 'name'), String(port.name), m));
      else if (names.has(port.name)) errs.push(duplicate(child(p, 'name'), port.name));
      else names.add(port.name);
    }
    if (!port?.containerPort) errs.push(required(child(p, 'containerPort'), ''));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(child(p, 'containerPort'), port.containerPort, m));
    if (port?.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(child(p, 'hostPort'), port.hostPort, m));
    if (!port?.protocol) errs.push(required(child(p, 'protocol'), ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(child(p, 'protocol'), port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function validateVolumeMounts(mounts: any[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const p = index(path, i);
    const name = String(m?.name ?? '');
    if (!name) errs.push(required(child(p, 'name'), ''));
    else if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    const mp = String(m?.mountPath ?? '');
    if (!mp) errs.push(required(child(p, 'mountPath'), ''));
    else if (paths.has(mp)) errs.push(invalid(child(p, 'mountPath'), mp, 'must be unique'));
    else paths.add(mp);
    if (m?.subPath && (String(m.subPath).startsWith('/') || String(m.subPath).split('/').includes('..'))) {
      errs.push(invalid(child(p, 'subPath'), m.subPath, String(m.subPath).startsWith('/') ? 'must be a relative path' : "must not contain '..'"));
    }
  });
  return errs;
}

function validateContainerCommon(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = String(c?.name ?? '');
  if (!name) errs.push(required(child(path, 'name'), ''));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, msg));
  if (!c?.image) errs.push(required(child(path, 'image'), ''));
  const tmp = c?.terminationMessagePolicy;
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(arr(c?.ports), child(path, 'ports')));
  errs.push(...validateEnv(arr(c?.env), child(path, 'env')));
  errs.push(...validateVolumeMounts(arr(c?.volumeMounts), volumes, child(path, 'volumeMounts')));
  const pp = c?.imagePullPolicy;
  if (!pp) errs.push(required(child(path, 'imagePullPolicy'), ''));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp)) errs.push(notSupported(child(path, 'imagePullPolicy'), pp, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(c?.resources, child(path, 'resources')));
  return errs;
}

function validateContainers(containers: any[], volumes: Set<string>, path: string): FieldError[] {
  if (containers.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c?.name)) errs.push(duplicate(child(p, 'name'), c.name));
    else names.add(c?.name);
    if (isObj(c?.lifecycle)) {
      if (c.lifecycle.postStart) errs.push(...validateHandler(c.lifecycle.postStart, child(p, 'lifecycle', 'postStart'), true));
      if (c.lifecycle.preStop) errs.push(...validateHandler(c.lifecycle.preStop, child(p, 'lifecycle', 'preStop'), true));
    }
    errs.push(...validateProbe(c?.livenessProbe, child(p, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c?.readinessProbe, child(p, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c?.startupProbe, child(p, 'startupProbe'), 'startup'));
    if (c?.restartPolicy != null) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(inits: any[], containers: any[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set(containers.map((c) => c?.name));
  const names = new Set<string>();
  inits.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c?.name) || others.has(c?.name)) errs.push(duplicate(child(p, 'name'), c.name));
    else names.add(c?.name);
    const sidecar = c?.restartPolicy === 'Always';
    if (c?.restartPolicy != null && !sidecar) errs.push(notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
    if (!sidecar) {
      if (c?.lifecycle != null) errs.push(forbidden(child(p, 'lifecycle'), 'may not be set for init containers without restartPolicy=Always'));
      if (c?.livenessProbe != null) errs.push(forbidden(child(p, 'livenessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c?.readinessProbe != null) errs.push(forbidden(child(p, 'readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c?.startupProbe != null) errs.push(forbidden(child(p, 'startupProbe'), 'may not be set for init containers without restartPolicy=Always'));
    } else {
      errs.push(...validateProbe(c?.livenessProbe, child(p, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c?.readinessProbe, child(p, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c?.startupProbe, child(p, 'startupProbe'), 'startup'));
    }
  });
  return errs;
}

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

function validateTolerations(tolerations: any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = index(path, i);
    if (t?.key) for (const m of isQualifiedName(String(t.key))) errs.push(invalid(child(p, 'key'), t.key, m));
    if (!t?.key && t?.operator !== 'Exists') errs.push(invalid(child(p, 'operator'), t?.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t?.tolerationSeconds != null && t?.effect !== 'NoExecute') errs.push(invalid(child(p, 'effect'), t?.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    if (t?.operator && !TOLERATION_OPERATORS.includes(t.operator)) errs.push(notSupported(child(p, 'operator'), t.operator, TOLERATION_OPERATORS));
    if (t?.operator === 'Exists' && t?.value) errs.push(invalid(child(p, 'operator'), t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t?.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(child(p, 'effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const s: Obj = isObj(spec) ? spec : {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(required(child(path, 'terminationGracePeriodSeconds'), ''));
  const { errs: volErrs, names } = validateVolumes(arr(s.volumes), child(path, 'volumes'));
  errs.push(...volErrs);
  errs.push(...validateInitContainers(arr(s.initContainers), arr(s.containers), names, child(path, 'initContainers')));
  errs.push(...validateContainers(arr(s.containers), names, child(path, 'containers')));
  const rp = s.restartPolicy;
  if (!rp) errs.push(required(child(path, 'restartPolicy'), ''));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(child(path, 'restartPolicy'), rp, ['Always', 'OnFailure', 'Never']));
  const dp = s.dnsPolicy;
  if (!dp) errs.push(required(child(path, 'dnsPolicy'), ''));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) errs.push(notSupported(child(path, 'dnsPolicy'), dp, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  if (s.serviceAccountName) for (const m of nameIsDNSSubdomain(String(s.serviceAccountName), false)) errs.push(invalid(child(path, 'serviceAccountName'), s.serviceAccountName, m));
  if (s.nodeName) for (const m of isDNS1123Subdomain(String(s.nodeName))) errs.push(invalid(child(path, 'nodeName'), s.nodeName, m));
  if (s.activeDeadlineSeconds != null && !(s.activeDeadlineSeconds >= 1 && s.activeDeadlineSeconds <= 2147483647)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  if (s.hostname) for (const m of isDNS1123Label(String(s.hostname))) errs.push(invalid(child(path, 'hostname'), s.hostname, m));
  if (s.subdomain) for (const m of isDNS1123Label(String(s.subdomain))) errs.push(invalid(child(path, 'subdomain'), s.subdomain, m));
  errs.push(...validateTolerations(arr(s.tolerations), child(path, 'tolerations')));
  errs.push(...nonNegative(s.terminationGracePeriodSeconds, child(path, 'terminationGracePeriodSeconds')));
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations (paths `…template.labels`), then the pod spec. */
export function validatePodTemplateSpec(t: unknown, path: string): FieldError[] {
  const tpl: Obj = isObj(t) ? t : {};
  const meta: Obj = isObj(tpl.metadata) ? tpl.metadata : {};
  return [...validateLabels(meta.labels, child(path, 'labels')), ...validateAnnotations(meta.annotations, child(path, 'annotations')), ...validatePodSpec(tpl.spec, child(path, 'spec'))];
}

export function validatePod(pod: KubeObject): FieldError[] {
  return [...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain), ...validatePodSpec(pod.spec, 'spec')];
}

const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A short cmp.Diff-like listing of what changed (upstream prints the full go-cmp diff of core.PodSpec). */
function specDiff(oldSpec: unknown, newSpec: unknown, path = ''): string[] {
  if (JSON.stringify(oldSpec) === JSON.stringify(newSpec)) return [];
  if (isObj(oldSpec) && isObj(newSpec)) {
    const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])];
    return keys.flatMap((k) => specDiff(oldSpec[k], newSpec[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(oldSpec) && Array.isArray(newSpec) && oldSpec.length === newSpec.length) {
    return oldSpec.flatMap((v, i) => specDiff(v, newSpec[i], `${path}[${i}]`));
  }
  const out: string[] = [];
  if (oldSpec !== undefined) out.push(`- \t${path}: ${JSON.stringify(oldSpec)}`);
  if (newSpec !== undefined) out.push(`+ \t${path}: ${JSON.stringify(newSpec)}`);
  return out;
}

/** ValidatePodUpdate's spec rule: only images, activeDeadlineSeconds, added tolerations and grace period may change. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const munged: Obj = JSON.parse(JSON.stringify(pod.spec ?? {}));
  const o: Obj = old.spec ?? {};
  for (const list of ['containers', 'initContainers']) {
    arr(munged[list]).forEach((c, i) => {
      const oc = arr(o[list])[i];
      if (isObj(c) && isObj(oc)) c.image = oc.image;
    });
  }
  const ad = munged.activeDeadlineSeconds;
  if (ad != null && (o.activeDeadlineSeconds == null || ad <= o.activeDeadlineSeconds)) munged.activeDeadlineSeconds = o.activeDeadlineSeconds;
  const oldTol = arr(o.tolerations);
  const newTol = arr(munged.tolerations);
  if (oldTol.every((t) => newTol.some((n) => JSON.stringify(n) === JSON.stringify(t)))) {
    if (o.tolerations === undefined) delete munged.tolerations;
    else munged.tolerations = o.tolerations;
  }
  if (o.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  const errs: FieldError[] = [];
  if (JSON.stringify(sortDeep(munged)) !== JSON.stringify(sortDeep(o))) {
    const diff = ['  core.PodSpec{', ...specDiff(o, munged), '  }'].join('\n');
    errs.push(forbidden('spec', `${POD_UPDATE_MESSAGE}\n${diff}\n`));
  }
  arr(pod.spec?.containers).forEach((c, i) => {
    if (isObj(c) && !c.image) errs.push(required(`spec.containers[${i}].image`, ''));
  });
  return errs;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}
