/**
 * core/v1 validation other than pods (pkg/apis/core/validation/validation.go): Service (ValidateService,
 * ports, types, clusterIP, NodePort range of the allocator, immutable clusterIPs), ConfigMap and Secret keys,
 * Namespace, PersistentVolumeClaim, ServiceAccount, Node.
 */
import type { KubeObject } from '../types';
import { child, duplicate, forbidden, goStringSlice, index, invalid, notSupported, required, tooLong } from './field';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { parseQuantity } from './quantity';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** k3s's default --service-node-port-range. */
const NODE_PORT_RANGE: [number, number] = [30000, 32767];

export function validateService(svc: KubeObject): FieldError[] {
  const spec = svc.spec ?? {};
  const errs = [...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label)];
  const type = spec.type;
  const headless = spec.clusterIP === 'None';
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports', ''));
  if (type === 'ExternalName') {
    const en = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!en) errs.push(required('spec.externalName', ''));
    else for (const m of isDNS1123Subdomain(en)) errs.push(invalid('spec.externalName', spec.externalName, m));
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const pp = index('spec.ports', i);
    if (ports.length > 1 && !p?.name) errs.push(required(child(pp, 'name'), ''));
    else if (p?.name) {
      for (const m of isDNS1123Label(String(p.name))) errs.push(invalid(child(pp, 'name'), p.name, m));
      if (names.has(p.name)) errs.push(duplicate(child(pp, 'name'), p.name));
      names.add(p.name);
    }
    for (const m of isValidPortNum(p?.port)) errs.push(invalid(child(pp, 'port'), p?.port ?? 0, m));
    if (!p?.protocol) errs.push(required(child(pp, 'protocol'), ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(child(pp, 'protocol'), p.protocol, ['SCTP', 'TCP', 'UDP']));
    const tp = p?.targetPort;
    if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(child(pp, 'targetPort'), tp, m));
    else if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(invalid(child(pp, 'targetPort'), tp, m));
    if (p?.nodePort) {
      if (type === 'ClusterIP' || type === 'ExternalName') errs.push(forbidden(child(pp, 'nodePort'), `may not be used when \`type\` is '${type}'`));
      else if (p.nodePort < NODE_PORT_RANGE[0] || p.nodePort > NODE_PORT_RANGE[1]) {
        errs.push(invalid(child(pp, 'nodePort'), p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]}`));
      }
    }
    const k = `${p?.port}/${p?.protocol}`;
    if (seen.has(k)) errs.push(duplicate(pp, goValueOfPort(p)));
    seen.add(k);
  });
  if (!type) errs.push(required('spec.type', ''));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(type)) errs.push(notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const sa = spec.sessionAffinity;
  if (!sa) errs.push(required('spec.sessionAffinity', ''));
  else if (sa !== 'ClientIP' && sa !== 'None') errs.push(notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  if (spec.clusterIP && spec.clusterIP !== 'None' && !IPV4.test(spec.clusterIP)) {
    errs.push(invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  arr(spec.externalIPs).forEach((ip, i) => {
    if (!IPV4.test(String(ip))) errs.push(invalid(index('spec.externalIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const etp = spec.externalTrafficPolicy;
  if (etp && etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  if (etp && type !== 'NodePort' && type !== 'LoadBalancer' && arr(spec.externalIPs).length === 0) {
    errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  }
  return errs;
}

function goValueOfPort(p: any) {
  return { go: `core.ServicePort{Name:${JSON.stringify(p?.name ?? '')}, Protocol:${JSON.stringify(p?.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p?.port ?? 0}, TargetPort:intstr.IntOrString{…}, NodePort:${p?.nodePort ?? 0}}` };
}

/** Service updates: an assigned cluster IP may not change (validateServiceClusterIPsRelatedFields). */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const oldIPs: string[] = old.spec?.clusterIPs ?? (old.spec?.clusterIP ? [old.spec.clusterIP] : []);
  const newIPs: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
  const changingType = old.spec?.type === 'ExternalName' || svc.spec?.type === 'ExternalName';
  if (!changingType && oldIPs.length > 0 && newIPs.length > 0 && oldIPs[0] !== newIPs[0]) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(newIPs), 'may not change once set'));
  return errs;
}

function validateDataKeys(obj: KubeObject, what: 'ConfigMap' | 'Secret'): FieldError[] {
  const errs: FieldError[] = [];
  const fields = what === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  let total = 0;
  for (const f of fields) {
    for (const [k, v] of Object.entries(obj[f] ?? {})) {
      for (const m of isConfigMapKey(k)) errs.push(invalid(f, k, m));
      total += String(v ?? '').length;
    }
  }
  if (what === 'ConfigMap') {
    for (const k of Object.keys(obj.binaryData ?? {})) if (k in (obj.data ?? {})) errs.push(invalid('data', k, 'duplicate of key present in binaryData'));
  }
  if (total > 1024 * 1024) errs.push(tooLong(what === 'ConfigMap' ? '' : 'data', 1024 * 1024));
  return errs;
}

export function validateConfigMap(cm: KubeObject): FieldError[] {
  return [...validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain), ...validateDataKeys(cm, 'ConfigMap')];
}

export function validateSecret(s: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(s.metadata, true, nameIsDNSSubdomain), ...validateDataKeys(s, 'Secret')];
  const data = { ...(s.data ?? {}), ...(s.stringData ?? {}) };
  switch (s.type) {
    case 'kubernetes.io/dockerconfigjson':
      if (!('.dockerconfigjson' in data)) errs.push(required('data[.dockerconfigjson]', ''));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(required('data[tls.crt]', ''));
      if (!('tls.key' in data)) errs.push(required('data[tls.key]', ''));
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(required('data[username]', ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!('ssh-privatekey' in data)) errs.push(required('data[ssh-privatekey]', ''));
      break;
  }
  return errs;
}

/** ConfigMap/Secret updates: type is immutable, and so is everything once `immutable: true` was set. */
export function validateDataUpdate(obj: KubeObject, old: KubeObject, what: 'ConfigMap' | 'Secret'): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  if (what === 'Secret' && (obj.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', obj.type ?? '', 'field is immutable'));
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(obj.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    const bin = what === 'ConfigMap' ? 'binaryData' : 'stringData';
    if (what === 'ConfigMap' && JSON.stringify(obj[bin] ?? {}) !== JSON.stringify(old[bin] ?? {})) errs.push(forbidden(bin, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  arr(ns.spec?.finalizers).forEach((f) => {
    if (typeof f === 'string' && !f.includes('/') && f !== 'kubernetes') errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  const spec = pvc.spec ?? {};
  const errs = [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain)];
  const modes = arr(spec.accessModes);
  if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
  modes.forEach((m) => {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  });
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]', ''));
  else {
    const v = parseQuantity(storage);
    if (v !== undefined && v <= 0) errs.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  }
  return errs;
}

/** PVC updates: the spec is immutable except storage requests (and volumeAttributesClassName) once bound. */
export function validatePersistentVolumeClaimUpdate(pvc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  // validateStorageClassUpgradeFromNil (retroactive default StorageClass, GA 1.28): a claim created without a
  // class may be given one once, by the PV controller
  const classFromNil =
    (old.spec?.storageClassName ?? null) === null &&
    !old.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] &&
    typeof pvc.spec?.storageClassName === 'string' &&
    pvc.spec.storageClassName !== '';
  const strip = (s: any) => {
    const c = JSON.parse(JSON.stringify(s ?? {}));
    if (classFromNil) delete c.storageClassName;
    if (c.resources?.requests) delete c.resources.requests;
    delete c.volumeAttributesClassName;
    if (old.spec?.volumeName === undefined) delete c.volumeName;
    return JSON.stringify(c, Object.keys(c).sort());
  };
  if (strip(pvc.spec) !== strip(old.spec)) errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  return errs;
}

export const validateServiceAccount = (sa: KubeObject) => validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
export const validateNode = (node: KubeObject) => validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
