/** Service, Endpoints, Node, Namespace, ConfigMap, Secret and generic describers (kubectl pkg/describe/describe.go). */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, L2, L3, time, timeOrZero, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';
import { addQuantities, formatQuantity, parseQuantity } from './quantity';
import { ageSince } from '../printers/duration';
import { unbase64 } from '../cmd/generators';
import { namespaceQuotasAndLimits } from './policy';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

function endpointsFor(slices: KubeObject[], port: Any): string {
  const list: string[] = [];
  let more = 0;
  for (const s of slices) {
    const ports: Any[] = s.ports ?? [];
    const matching = ports.length ? ports.filter((p) => (p.name ?? '') === (port.name ?? '')) : [undefined];
    for (const p of matching) {
      for (const e of (s.endpoints ?? []) as Any[]) {
        if (!e.addresses?.length || e.conditions?.ready === false) continue;
        const text = p?.port !== undefined ? `${e.addresses[0]}:${p.port}` : e.addresses[0];
        if (list.length < 3) list.push(text);
        else more++;
      }
    }
  }
  if (!list.length) return '<none>';
  return more ? `${list.join(',')} + ${more} more...` : list.join(',');
}

export function describeService(svc: KubeObject, slices: KubeObject[], events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec: Any = svc.spec ?? {};
  w.write(L0, `Name:\t${svc.metadata.name}\n`);
  w.write(L0, `Namespace:\t${svc.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(L0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(L0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(L0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(L0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(L0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(L0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(L0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(L0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(L0, `External Name:\t${spec.externalName}\n`);
  const ingress: Any[] = svc.status?.loadBalancer?.ingress ?? [];
  // buildIngressString: an IP is followed by its ipMode when set (k3s's ServiceLB sets VIP).
  if (ingress.length) w.write(L0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : i.hostname ?? '')).join(', ')}\n`);
  for (const p of (spec.ports ?? []) as Any[]) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(L0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(L0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(L0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(L0, `Endpoints:\t${endpointsFor(slices, p)}\n`);
  }
  w.write(L0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(L0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(L0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(L0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(L0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeEndpoints(ep: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${ep.metadata.name}\n`);
  w.write(L0, `Namespace:\t${ep.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', ep.metadata.labels);
  annotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(L0, 'Subsets:\n');
  for (const s of (ep.subsets ?? []) as Any[]) {
    w.write(L1, `Addresses:\t${(s.addresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
    w.write(L1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
    if (s.ports?.length) {
      w.write(L1, 'Ports:\n');
      w.write(L2, 'Name\tPort\tProtocol\n');
      w.write(L2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(L2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(L0, '\n');
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeNamespace(ns: KubeObject, quotas: KubeObject[], limits: KubeObject[]): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(L0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: Any[] = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(L0, 'Conditions:\n');
    w.write(L1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(L1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(L1, `${c.type}\t${c.status}\t${timeOrZero(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  namespaceQuotasAndLimits(w, quotas, limits);
  return w.toString();
}

export function describeConfigMap(cm: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${cm.metadata.name}\n`);
  w.write(L0, `Namespace:\t${cm.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', cm.metadata.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(L0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(L0, `${k}:\n----\n`);
    w.write(L0, `${data[k]}\n`);
    w.write(L0, '\n');
  }
  w.write(L0, '\nBinaryData\n====\n');
  const bin: Record<string, string> = cm.binaryData ?? {};
  for (const k of Object.keys(bin).sort()) w.write(L0, `${k}: ${atobLen(bin[k])} bytes\n`);
  w.write(L0, '\n');
  describeEvents(w, events, now);
  return w.toString();
}

function atobLen(b64: string): number {
  const clean = b64.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

export function describeSecret(s: KubeObject): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${s.metadata.name}\n`);
  w.write(L0, `Namespace:\t${s.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', s.metadata.labels);
  annotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(L0, `\nType:\t${s.type ?? ''}\n`);
  w.write(L0, '\nData\n====\n');
  const data: Record<string, string> = s.data ?? {};
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(L0, `${k}:\t${unbase64(data[k])}\n`);
    else w.write(L0, `${k}:\t${new TextEncoder().encode(unbase64(data[k])).length} bytes\n`);
  }
  return w.toString();
}

function taintsMultiline(w: PrefixWriter, taints: Any[] | undefined): void {
  w.write(L0, 'Taints:\t');
  if (!taints?.length) {
    w.line('<none>');
    return;
  }
  taints.forEach((t, i) => {
    if (i) w.write(L0, '\t');
    w.write(L0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

function percent(part: number, whole: number): number {
  return whole ? Math.trunc((part / whole) * 100) : 0;
}

export function describeEndpointSlice(es: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${es.metadata.name}\n`);
  w.write(L0, `Namespace:\t${es.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', es.metadata.labels);
  annotationsMultiline(w, 'Annotations', es.metadata.annotations);
  w.write(L0, `AddressType:\t${es.addressType ?? ''}\n`);
  const ports: Any[] = es.ports ?? [];
  if (!ports.length) w.write(L0, 'Ports: <unset>\n');
  else {
    w.write(L0, 'Ports:\n');
    w.write(L1, 'Name\tPort\tProtocol\n');
    w.write(L1, '----\t----\t--------\n');
    for (const p of ports) w.write(L1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? '<unset>'}\n`);
  }
  const eps: Any[] = es.endpoints ?? [];
  if (!eps.length) w.write(L0, 'Endpoints: <none>\n');
  else {
    w.write(L0, 'Endpoints:\n');
    for (const e of eps) {
      w.write(L1, `- Addresses:\t${(e.addresses ?? []).join(',')}\n`);
      w.write(L2, 'Conditions:\n');
      w.write(L3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : e.conditions.ready}\n`);
      w.write(L2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(L2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(L2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(L2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeNode(node: KubeObject, lease: KubeObject | string | undefined, pods: KubeObject[] | undefined, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const st: Any = node.status ?? {};
  const spec: Any = node.spec ?? {};
  w.write(L0, `Name:\t${node.metadata.name}\n`);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .concat(node.metadata.labels?.['kubernetes.io/role'] ? [node.metadata.labels['kubernetes.io/role']] : [])
    .filter(Boolean)
    .sort();
  w.write(L0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(L0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, spec.taints);
  w.write(L0, `Unschedulable:\t${!!spec.unschedulable}\n`);
  if (typeof lease === 'string') w.write(L0, `Lease:\tFailed to get lease: ${lease}\n`);
  else if (lease) {
    w.write(L0, 'Lease:\n');
    w.write(L1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(L1, `AcquireTime:\t${lease.spec?.acquireTime ? time(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(L1, `RenewTime:\t${lease.spec?.renewTime ? time(lease.spec.renewTime) : '<unset>'}\n`);
  }
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(L1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.write(L1, `${c.type} \t${c.status} \t${timeOrZero(c.lastHeartbeatTime)} \t${timeOrZero(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(L0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(L1, `${a.type}:\t${a.address}\n`);
  const printList = (m: Record<string, string>) => {
    for (const r of Object.keys(m).sort()) w.write(L0, `  ${r}:\t${m[r]}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length) {
    w.write(L0, 'Capacity:\n');
    printList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length) {
    w.write(L0, 'Allocatable:\n');
    printList(st.allocatable);
  }
  const ni: Any = st.nodeInfo ?? {};
  w.write(L0, 'System Info:\n');
  w.write(L0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
  w.write(L0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.write(L0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
  w.write(L0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.write(L0, `  OS Image:\t${ni.osImage ?? ''}\n`);
  w.write(L0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
  w.write(L0, `  Architecture:\t${ni.architecture ?? ''}\n`);
  w.write(L0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.write(L0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.write(L0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(L0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(L0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(L0, `ProviderID:\t${spec.providerID}\n`);
  if (pods) {
    const alloc: Record<string, string> = Object.keys(st.allocatable ?? {}).length ? st.allocatable : st.capacity ?? {};
    const cpuAlloc = parseQuantity(alloc.cpu).value;
    const memAlloc = parseQuantity(alloc.memory).value;
    w.write(L0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
    w.write(L1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(L1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const totals = { cpuReq: [] as string[], cpuLim: [] as string[], memReq: [] as string[], memLim: [] as string[], esReq: [] as string[], esLim: [] as string[] };
    for (const p of pods) {
      const r = podResources(p);
      totals.cpuReq.push(...r.cpuReq);
      totals.cpuLim.push(...r.cpuLim);
      totals.memReq.push(...r.memReq);
      totals.memLim.push(...r.memLim);
      totals.esReq.push(...r.esReq);
      totals.esLim.push(...r.esLim);
      const cr = addQuantities(r.cpuReq);
      const cl = addQuantities(r.cpuLim);
      const mr = addQuantities(r.memReq);
      const ml = addQuantities(r.memLim);
      w.write(
        L1,
        `${p.metadata.namespace}\t${p.metadata.name}\t\t${formatQuantity(cr)} (${percent(cr.value, cpuAlloc)}%)\t${formatQuantity(cl)} (${percent(cl.value, cpuAlloc)}%)\t${formatQuantity(mr)} (${percent(mr.value, memAlloc)}%)\t${formatQuantity(ml)} (${percent(ml.value, memAlloc)}%)\t${ageSince(p.metadata.creationTimestamp, now)}\n`,
      );
    }
    w.write(L0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(L1, 'Resource\tRequests\tLimits\n');
    w.write(L1, '--------\t--------\t------\n');
    const line = (name: string, req: string[], lim: string[], whole: number) => {
      const a = addQuantities(req);
      const b = addQuantities(lim);
      w.write(L1, `${name}\t${formatQuantity(a)} (${percent(a.value, whole)}%)\t${formatQuantity(b)} (${percent(b.value, whole)}%)\n`);
    };
    line('cpu', totals.cpuReq, totals.cpuLim, cpuAlloc);
    line('memory', totals.memReq, totals.memLim, memAlloc);
    line('ephemeral-storage', totals.esReq, totals.esLim, parseQuantity(alloc['ephemeral-storage']).value);
    for (const r of Object.keys(alloc).filter((x) => x.startsWith('hugepages-')).sort()) w.write(L1, `${r}\t0 (0%)\t0 (0%)\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}

function podResources(p: KubeObject) {
  const out = { cpuReq: [] as string[], cpuLim: [] as string[], memReq: [] as string[], memLim: [] as string[], esReq: [] as string[], esLim: [] as string[] };
  for (const c of (p.spec?.containers ?? []) as Any[]) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (req.cpu ?? lim.cpu) out.cpuReq.push(req.cpu ?? lim.cpu);
    if (lim.cpu) out.cpuLim.push(lim.cpu);
    if (req.memory ?? lim.memory) out.memReq.push(req.memory ?? lim.memory);
    if (lim.memory) out.memLim.push(lim.memory);
    if (req['ephemeral-storage']) out.esReq.push(req['ephemeral-storage']);
    if (lim['ephemeral-storage']) out.esLim.push(lim['ephemeral-storage']);
  }
  return out;
}
