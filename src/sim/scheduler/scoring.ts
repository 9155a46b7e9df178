/**
 * Scoring, a small version of the default profile's score plugins with their weights
 * (default_plugins.go): NodeResourcesFit LeastAllocated (1), NodeResourcesBalancedAllocation (1),
 * PodTopologySpread's system default constraints (2; hostname maxSkew 3 ScheduleAnyway spreads pods of one
 * owner), ImageLocality (1), TaintToleration (3; fewer untolerated PreferNoSchedule taints), NodeAffinity
 * preferred terms (2). Each plugin yields 0–100 per node.
 */
import type { KubeObject } from '../apiserver/types';
import { matchesNodeSelectorTerms, tolerates, type NodeInfo, type Taint, type Toleration } from './filters';
import { nodeAllocatable, podNonZeroRequests } from './resources';
import { parseImageRef } from '../images/reference';

const MB = 1024 * 1024;

/** The controller owner a pod's replicas share (the default spreading constraint groups by it). */
export function ownerKey(p: KubeObject): string | undefined {
  const o = p.metadata.ownerReferences?.find((r) => r.controller);
  return o ? `${p.metadata.namespace}/${o.kind}/${o.uid}` : undefined;
}

export function scoreNodes(pod: KubeObject, infos: NodeInfo[]): number[] {
  const req = podNonZeroRequests(pod);
  const owner = ownerKey(pod);
  const spreadCounts = infos.map((i) => (owner ? i.owners.get(owner) ?? 0 : 0));
  const maxSpread = Math.max(0, ...spreadCounts);
  const minSpread = Math.min(...spreadCounts);
  const images = (pod.spec?.containers ?? []).map((c: { image: string }) => parseImageRef(c.image)?.normalized).filter(Boolean) as string[];
  const imageSpread = images.map((img) => infos.filter((i) => nodeHasImage(i.node, img)).length);

  return infos.map((info, idx) => {
    const alloc = nodeAllocatable(info.node);
    const used = info.nonZero;
    const cpuAlloc = alloc.cpu || 1;
    const memAlloc = alloc.memory || 1;
    const cpuReq = used.cpu + req.cpu;
    const memReq = used.memory + req.memory;
    const least = ((Math.max(0, cpuAlloc - cpuReq) * 100) / cpuAlloc + (Math.max(0, memAlloc - memReq) * 100) / memAlloc) / 2;
    const cpuFrac = Math.min(1, cpuReq / cpuAlloc);
    const memFrac = Math.min(1, memReq / memAlloc);
    const balanced = (1 - Math.abs(cpuFrac - memFrac) / 2) * 100;
    const spread = maxSpread === 0 ? 100 : (100 * (maxSpread + minSpread - spreadCounts[idx])) / maxSpread;
    // ImageLocality: sum of present image sizes scaled by how widely they are spread, between 23 MB and 1000 MB.
    let imgSum = 0;
    images.forEach((img, k) => {
      const size = nodeImageSize(info.node, img);
      if (size) imgSum += size * (imageSpread[k] / infos.length);
    });
    const locality = Math.max(0, Math.min(100, ((imgSum - 23 * MB) * 100) / (1000 * MB - 23 * MB)));
    const tolerations: Toleration[] = pod.spec?.tolerations ?? [];
    const prefer = (info.node.spec?.taints ?? []).filter((t: Taint) => t.effect === 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t))).length;
    const taintScore = prefer === 0 ? 100 : Math.max(0, 100 - prefer * 50);
    let affinity = 0;
    for (const term of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (matchesNodeSelectorTerms(info.node, [term.preference])) affinity += term.weight ?? 0;
    }
    return Math.floor(least) + Math.floor(balanced) + 2 * Math.floor(spread) + Math.floor(locality) + 3 * taintScore + 2 * Math.min(100, affinity);
  });
}

function nodeImageSize(node: KubeObject, normalized: string): number {
  for (const img of node.status?.images ?? []) if ((img.names ?? []).includes(normalized)) return img.sizeBytes ?? 0;
  return 0;
}
function nodeHasImage(node: KubeObject, normalized: string): boolean {
  return nodeImageSize(node, normalized) > 0;
}
