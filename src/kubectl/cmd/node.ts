/**
 * cordon, uncordon, drain, taint (kubectl pkg/cmd/drain, pkg/drain, pkg/cmd/taint). Drain cordons, refuses
 * pods it must not delete with the real filter messages, evicts the rest through pods/eviction and waits.
 */
import type { KubeList, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError, statusMessage } from '../cli/errors';
import { StatusError } from '../client/rest';
import { buildInfos, fetchInfo } from '../resource/builder';
import { dryRun } from './common';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

async function nodeInfos(k: Kctx, usage: string) {
  if (!k.args.length && !k.f.str('selector')) throw new UsageError(`USAGE: ${usage} NODE [flags]`, k.cmdPath);
  const args = k.args.length ? ['nodes', ...k.args.map((a) => a.replace(/^(nodes?|no)\//, ''))] : ['nodes'];
  return buildInfos(k, args, { selector: true });
}

function setUnschedulable(k: Kctx, node: KubeObject, value: boolean): boolean {
  if (!!node.spec?.unschedulable === value) return false;
  if (dryRun(k) !== 'client')
    k.rest().call({
      method: 'PATCH',
      path: `/api/v1/nodes/${encodeURIComponent(node.metadata.name!)}`,
      query: dryRun(k) === 'server' ? { dryRun: 'All' } : {},
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { spec: { unschedulable: value ? true : null } },
    });
  return true;
}

const dry = (k: Kctx) => (dryRun(k) === 'client' ? ' (dry run)' : dryRun(k) === 'server' ? ' (server dry run)' : '');

async function cordonLike(k: Kctx, value: boolean, usage: string): Promise<number> {
  for (const info of await nodeInfos(k, usage)) {
    const node = fetchInfo(k, info);
    const changed = setUnschedulable(k, node, value);
    k.out(`node/${info.name} ${changed ? '' : 'already '}${value ? 'cordoned' : 'uncordoned'}${dry(k)}\n`);
  }
  return 0;
}

export const runCordon = (k: Kctx) => cordonLike(k, true, 'cordon');
export const runUncordon = (k: Kctx) => cordonLike(k, false, 'uncordon');

export async function runDrain(k: Kctx): Promise<number> {
  const infos = await nodeInfos(k, 'drain');
  for (const info of infos) {
    const node = fetchInfo(k, info);
    const changed = setUnschedulable(k, node, true);
    k.out(`node/${info.name} ${changed ? '' : 'already '}cordoned${dry(k)}\n`);
    const pods = (k.rest().call<KubeList>({ method: 'GET', path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${info.name}` } }).items ?? []).filter((p) => p.spec?.nodeName === info.name);
    const daemon: string[] = [];
    const unmanaged: string[] = [];
    const local: string[] = [];
    const toEvict: KubeObject[] = [];
    for (const p of pods) {
      const id = `${p.metadata.namespace}/${p.metadata.name}`;
      if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
      const phase = p.status?.phase;
      const finished = phase === 'Succeeded' || phase === 'Failed';
      const ctl = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
      if (ctl?.kind === 'DaemonSet' && !finished) {
        daemon.push(id);
        continue;
      }
      if (!ctl && !finished) {
        if (!k.f.bool('force')) {
          unmanaged.push(id);
          continue;
        }
      }
      if (!finished && (p.spec?.volumes ?? []).some((v: Any) => v.emptyDir) && !k.f.bool('delete-emptydir-data')) {
        local.push(id);
        continue;
      }
      toEvict.push(p);
    }
    const problems: string[] = [];
    if (daemon.length && !k.f.bool('ignore-daemonsets')) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`);
    if (unmanaged.length) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
    if (local.length) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`);
    if (problems.length) {
      k.err(`error: unable to drain node "${info.name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${info.name}\n${problems.join('\n')}\n`);
      return 1;
    }
    const warnings: string[] = [];
    if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
    if (unmanaged.length === 0 && k.f.bool('force')) {
      const forced = toEvict.filter((p) => !(p.metadata.ownerReferences ?? []).some((r) => r.controller)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      if (forced.length) warnings.push(`deleting Pods that declare no controller: ${forced.join(', ')}`);
    }
    if (warnings.length) k.err(`Warning: ${warnings.join('; ')}\n`);
    if (dryRun(k) === 'client') {
      for (const p of toEvict) k.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dry(k)}\n`);
      k.out(`node/${info.name} drained${dry(k)}\n`);
      continue;
    }
    for (const p of toEvict) {
      k.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      const path = `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace!)}/pods/${encodeURIComponent(p.metadata.name!)}`;
      const res = k.rest().request({ method: 'POST', path: `${path}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace } } });
      if (res.status === 404 && !(res.body as { details?: { name?: string } })?.details?.name) {
        // A server without the eviction subresource: fall back to a plain delete (drain's --disable-eviction path).
        k.rest().request({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1' } });
      } else if (res.status >= 400 && res.status !== 404) {
        throw new StatusError(res.body as never, res.status, 'POST', path);
      }
    }
    const timeoutMs = k.f.durationMs('timeout');
    const started = k.now();
    const remaining = new Map(toEvict.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    while (remaining.size) {
      for (const [id, p] of [...remaining]) {
        const res = k.rest().request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace!)}/pods/${encodeURIComponent(p.metadata.name!)}` });
        const cur = res.body as KubeObject;
        if (res.status === 404 || cur?.metadata?.uid !== p.metadata.uid) {
          k.out(`pod/${p.metadata.name} evicted\n`);
          remaining.delete(id);
        }
      }
      if (!remaining.size) break;
      if (timeoutMs && k.now() - started >= timeoutMs) {
        k.err(`error: unable to drain node "${info.name}" due to error: global timeout reached: ${k.f.str('timeout')}, continuing command...\nThere are pending nodes to be drained:\n ${info.name}\nerror: global timeout reached: ${k.f.str('timeout')}\n`);
        return 1;
      }
      if (!(await k.sleep(1000))) return 130;
    }
    k.out(`node/${info.name} drained\n`);
  }
  return 0;
}

interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
  remove: boolean;
}

function parseTaints(specs: string[]): TaintSpec[] {
  return specs.map((s) => {
    const remove = s.endsWith('-');
    const body = remove ? s.slice(0, -1) : s;
    const [kv, effect] = body.split(':');
    const [key, value] = kv.split('=');
    if (!remove && !effect) throw new KubectlError(`invalid taint spec: ${s}, unknown taint effect`);
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    return { key, value, effect, remove };
  });
}

export async function runTaint(k: Kctx): Promise<number> {
  const specs = k.args.filter((a) => a.includes(':') || a.endsWith('-') || a.includes('='));
  const resources = k.args.filter((a) => !specs.includes(a));
  if (!resources.length) throw new KubectlError('one or more resources must be specified as <resource> <name>');
  if (!specs.length) throw new KubectlError('at least one taint update is required');
  const taints = parseTaints(specs);
  const infos = await buildInfos(k, resources, { selector: true });
  for (const info of infos) {
    if (info.r.kind !== 'Node') throw new KubectlError(`invalid resource type ${info.r.resource}, only node types are supported`);
    let node: KubeObject;
    try {
      node = fetchInfo(k, info);
    } catch (e) {
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code) + '\n');
        return 1;
      }
      throw e;
    }
    let list: Any[] = [...(node.spec?.taints ?? [])];
    let removed = false;
    let added = false;
    for (const t of taints) {
      if (t.remove) {
        const before = list.length;
        list = list.filter((x) => !(x.key === t.key && (!t.effect || x.effect === t.effect)));
        if (list.length === before) throw new KubectlError(`taint "${t.key}${t.effect ? `:${t.effect}` : ''}" not found`);
        removed = true;
      } else {
        const existing = list.find((x) => x.key === t.key && x.effect === t.effect);
        if (existing && !k.f.bool('overwrite')) throw new KubectlError(`node ${info.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
        list = list.filter((x) => !(x.key === t.key && x.effect === t.effect));
        list.push({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect });
        added = true;
      }
    }
    if (dryRun(k) !== 'client')
      k.rest().call({ method: 'PATCH', path: `/api/v1/nodes/${encodeURIComponent(info.name)}`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { taints: list.length ? list : null } } });
    k.out(`node/${info.name} ${added && !removed ? 'tainted' : removed && !added ? 'untainted' : 'modified'}${dry(k)}\n`);
  }
  return 0;
}
