/**
 * Pod describer and the container/volume/probe helpers shared with pod templates
 * (kubectl pkg/describe/describe.go: describePod, describeContainers, describeVolumes, DescribeProbe).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { formatLabelSelector } from './policy';
import { PrefixWriter, L0, L1, L2, L3, time, labelsMultiline, annotationsMultiline, tolerationsMultiline, describeEvents, type CoreEvent } from './writer';
import { humanDuration } from '../printers/duration';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export function describePod(pod: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  w.write(L0, `Name:\t${pod.metadata.name}\n`);
  w.write(L0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined) w.write(L0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(L0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(L0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(L0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(L0, 'Node:\t<none>\n');
  else w.write(L0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(L0, `Start Time:\t${time(status.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(L0, `Status:\tTerminating (lasts ${untilDuration(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(L0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(L0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(L0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(L0, `Message:\t${status.message}\n`);
  if (spec.securityContext?.seccompProfile) w.write(L0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
  w.write(L0, `IP:\t${status.podIP ?? ''}\n`);
  podIPs(w, status.podIPs);
  const controller = controlledBy(pod);
  if (controller) w.write(L0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(L0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '');
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, '');
  if (spec.readinessGates?.length) {
    w.write(L0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      w.write(L1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(L0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(L1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(L0, `QoS Class:\t${status.qosClass || qosClass(spec)}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  topologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  describeEvents(w, events, now);
  return w.toString();
}

function untilDuration(ts: string, now: number): string {
  return humanDuration(Date.parse(ts) - now);
}

function podIPs(w: PrefixWriter, ips: { ip: string }[] | undefined): void {
  if (!ips?.length) {
    w.write(L0, 'IPs:\t<none>\n');
    return;
  }
  w.write(L0, 'IPs:\n');
  for (const ip of ips) w.write(L1, `IP:\t${ip.ip}\n`);
}

export function controlledBy(o: KubeObject): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function qosClass(spec: Any): string {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anyReq = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) anyReq = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r]) guaranteed = false;
      else if (req[r] && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!anyReq) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function ports(list: Any[] | undefined, host: boolean): string {
  return (list ?? [])
    .map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`)
    .join(', ');
}

export function describeContainers(w: PrefixWriter, label: string, containers: Any[], statuses: Any[] | undefined, space: string): void {
  const byName = new Map<string, Any>((statuses ?? []).map((s: Any) => [s.name, s]));
  if (!containers.length) w.write(L0, `${space}${label}: <none>\n`);
  else w.write(L0, `${space}${label}:\n`);
  for (const c of containers) {
    const st = byName.get(c.name);
    w.write(L1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(L2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(L2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(L2, `Image ID:\t${st.imageID ?? ''}\n`);
    const p = ports(c.ports, false);
    if (p.includes(',')) w.write(L2, `Ports:\t${p}\n`);
    else w.write(L2, `Port:\t${p || '<none>'}\n`);
    const hp = ports(c.ports, true);
    if (hp.includes(',')) w.write(L2, `Host Ports:\t${hp}\n`);
    else w.write(L2, `Host Port:\t${hp || '<none>'}\n`);
    if (c.restartPolicy) w.write(L2, `Restart Policy:\t${c.restartPolicy}\n`);
    if (c.command?.length) {
      w.write(L2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(L3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(L2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(L3, `${s}\n`);
    }
    if (st) {
      containerState(w, 'State', st.state ?? {});
      if (st.lastState?.terminated) containerState(w, 'Last State', st.lastState);
      w.write(L2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(L2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    resources(w, c.resources, L2);
    for (const [key, title] of [['livenessProbe', 'Liveness'], ['readinessProbe', 'Readiness'], ['startupProbe', 'Startup']] as const) {
      if (c[key]) w.write(L2, `${title}:\t${describeProbe(c[key])}\n`);
    }
    if (c.envFrom?.length) {
      w.write(L2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const optional = !!ref.optional;
        if (e.prefix) w.write(L3, `${ref.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
        else w.write(L3, `${ref.name}\t${from}\tOptional: ${optional}\n`);
      }
    }
    w.write(L2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(L3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) w.write(L3, `${e.name}:\t (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      else if (vf.resourceFieldRef) w.write(L3, `${e.name}:\t${vf.resourceFieldRef.resource} (${vf.resourceFieldRef.containerName ?? c.name})\n`);
      else if (vf.secretKeyRef) w.write(L3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
      else if (vf.configMapKeyRef) w.write(L3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: Any, b: Any) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(L2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(L3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function containerState(w: PrefixWriter, name: string, state: Any): void {
  if (state.running) {
    w.write(L2, `${name}:\tRunning\n`);
    w.write(L3, `Started:\t${time(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(L2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(L3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(L2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(L3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(L3, `Message:\t${t.message}\n`);
    w.write(L3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal) w.write(L3, `Signal:\t${t.signal}\n`);
    w.write(L3, `Started:\t${time(t.startedAt)}\n`);
    w.write(L3, `Finished:\t${time(t.finishedAt)}\n`);
  } else w.write(L2, `${name}:\tWaiting\n`);
}

/** Resource names sorted as describe sorts them (SortedResourceNames). */
function resources(w: PrefixWriter, r: Any, level: number): void {
  for (const [key, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const m = r?.[key] ?? {};
    const names = Object.keys(m).sort();
    if (!names.length) continue;
    w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${m[n]}\n`);
  }
}

export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = String(h.scheme ?? 'HTTP').toLowerCase();
    const port = h.port !== undefined ? String(h.port) : '';
    const host = port ? `${h.host ?? ''}:${port}` : h.host ?? '';
    return `http-get ${scheme}://${host}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

const ptr = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

export function describeVolumes(w: PrefixWriter, volumes: Any[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(L0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(L0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(L1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) w.write(L2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    else if (v.emptyDir) w.write(L2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    else if (v.configMap) w.write(L2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`);
    else if (v.secret) w.write(L2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${!!v.secret.optional}\n`);
    else if (v.persistentVolumeClaim) w.write(L2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    else if (v.downwardAPI) {
      w.write(L2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of v.downwardAPI.items ?? []) {
        if (it.fieldRef) w.write(L3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        else if (it.resourceFieldRef) w.write(L3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    } else if (v.projected) {
      w.write(L2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(L2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${ptr(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.write(L2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(L2, `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${ptr(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.write(L2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else w.write(L2, `<unknown>\n`);
  }
}

/** Pod Template block of workload describers (DescribePodTemplate). */
export function describePodTemplate(w: PrefixWriter, template: Any): void {
  w.write(L0, 'Pod Template:\n');
  if (!template) {
    w.write(L1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', template.metadata.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(L1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  topologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(L1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/** describeTopologySpreadConstraints: sorted by topology key; the selector as metav1.FormatLabelSelector prints it. */
function topologySpreadConstraints(w: PrefixWriter, tscs: Any[] | undefined, space: string): void {
  if (!tscs?.length) return;
  const sorted = [...tscs].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(L0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i) w.write(L0, `${space}\t`);
    const sel = t.labelSelector ? ` for selector ${formatLabelSelector(t.labelSelector)}` : '';
    w.write(L0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${sel}\n`);
  });
}
