/**
 * kubectl rollout (pkg/cmd/rollout, pkg/polymorphichelpers: rollout_status.go, history.go, rollback.go,
 * objectrestarter.go, objectpauser.go, objectresumer.go). Status lines are computed from the object on
 * every watch event, duplicates included, exactly as the status viewers word them.
 */
import type { ApiStream, KubeList, KubeObject, WatchEvent } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError } from '../cli/errors';
import { kindGroup, resourceGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, fetchInfo, type Info } from '../resource/builder';
import { PrefixWriter } from '../describe/writer';
import { describePodTemplate } from '../describe/pod';
import { selectorString } from './podutil';
import { tabify } from '../printers/tabwriter';
import { dryRun } from './common';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

async function oneResource(k: Kctx): Promise<Info[]> {
  if (!k.args.length && !k.f.list('filename').length) throw new KubectlError('required resource not specified');
  // Every rollout subcommand builds with ResourceTypeOrNameArgs(true, …): a type alone means all of that type.
  return buildInfos(k, k.args, { selector: true, listWhenNoNames: true });
}

/** The status viewer's message; `done` ends the wait; an error string fails the command. */
export function rolloutStatus(o: KubeObject): { msg: string; done: boolean; error?: string } {
  const st: Any = o.status ?? {};
  const gen = o.metadata.generation ?? 0;
  const name = o.metadata.name;
  if (o.kind === 'Deployment') {
    if (gen <= (st.observedGeneration ?? 0)) {
      const prog = (st.conditions ?? []).find((c: Any) => c.type === 'Progressing');
      if (prog?.reason === 'ProgressDeadlineExceeded') return { msg: '', done: true, error: `deployment "${name}" exceeded its progress deadline` };
      const want = o.spec?.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      const replicas = st.replicas ?? 0;
      const available = st.availableReplicas ?? 0;
      if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
      if (replicas > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
      if (available < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
      return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (o.kind === 'DaemonSet') {
    if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
    if (gen <= (st.observedGeneration ?? 0)) {
      const desired = st.desiredNumberScheduled ?? 0;
      if ((st.updatedNumberScheduled ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
      if ((st.numberAvailable ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
      return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (o.kind === 'StatefulSet') {
    if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
    if (!st.observedGeneration || gen > st.observedGeneration) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const want = o.spec?.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want) return { msg: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    const part = o.spec?.updateStrategy?.rollingUpdate?.partition;
    if (o.spec?.updateStrategy?.rollingUpdate && part !== undefined) {
      if ((st.updatedReplicas ?? 0) < want - part) return { msg: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - part} new pods have been updated...\n`, done: false };
      return { msg: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
    }
    if (st.updateRevision !== st.currentRevision) return { msg: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
    return { msg: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
  }
  return { msg: '', done: true, error: `no status viewer has been implemented for ${o.kind}` };
}

export async function runRolloutStatus(k: Kctx): Promise<number> {
  // status.go visits every object in turn (a type alone: each of them), each with its own watch and timeout.
  for (const info of await oneResource(k)) {
    const code = await statusOne(k, info);
    if (code !== 0) return code;
  }
  return 0;
}

async function statusOne(k: Kctx, info: Info): Promise<number> {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.r.kind)) throw new KubectlError(`no status viewer has been implemented for ${info.r.kind}`);
  const watch = !k.f.p.values.has('watch') || k.f.bool('watch');
  const timeoutMs = k.f.durationMs('timeout');
  const path = resourcePathFor(info.r, info.ns);
  const list = k.rest().call<KubeList>({ method: 'GET', path, query: { fieldSelector: `metadata.name=${info.name}` } });
  const first = list.items?.[0];
  if (!first) throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: `${resourceGroup(info.r)} "${info.name}" not found` }, 404, 'GET', path);
  const check = (o: KubeObject): boolean => {
    const s = rolloutStatus({ ...o, kind: info.r.kind });
    if (s.error) throw new KubectlError(s.error);
    k.out(s.msg);
    return s.done;
  };
  if (check(first) || !watch) return 0;
  const res = k.rest().request({ method: 'GET', path, query: { fieldSelector: `metadata.name=${info.name}`, resourceVersion: list.metadata?.resourceVersion, watch: 'true' } });
  if (!res.stream) throw new KubectlError('watch closed before UntilWithoutRetry timeout');
  const stream = res.stream as ApiStream<WatchEvent>;
  const started = k.now();
  return new Promise<number>((resolve, reject) => {
    let done = false;
    const finish = (code: number, err?: unknown) => {
      if (done) return;
      done = true;
      stream.close();
      if (err) reject(err);
      else resolve(code);
    };
    k.ctx.signal.onAbort(() => finish(130));
    if (timeoutMs) k.ctx.sleep(timeoutMs).then(() => finish(1, new KubectlError('timed out waiting for the condition')), () => undefined);
    stream.subscribe(
      (ev) => {
        if (done) return;
        if (ev.type === 'DELETED') return finish(1, new KubectlError(`object has been deleted`));
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
        try {
          if (check(ev.object)) finish(0);
        } catch (e) {
          finish(1, e);
        }
      },
      () => finish(0),
    );
    void started;
  });
}

function ownedReplicaSets(k: Kctx, d: KubeObject): KubeObject[] {
  const ns = d.metadata.namespace ?? '';
  const l = k.rest().call<KubeList>({ method: 'GET', path: `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/replicasets`, query: { labelSelector: selectorString(d.spec?.selector) } });
  return (l.items ?? []).filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid));
}

const revisionOf = (o: KubeObject) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

function controllerRevisions(k: Kctx, o: KubeObject): { revision: number; template: Any; cause?: string }[] {
  const ns = o.metadata.namespace ?? '';
  const l = k.rest().call<KubeList>({ method: 'GET', path: `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/controllerrevisions`, query: { labelSelector: selectorString(o.spec?.selector) } });
  return (l.items ?? [])
    .filter((cr) => (cr.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === o.metadata.uid))
    .map((cr) => ({ revision: Number(cr.revision ?? 0), template: cr.data?.spec?.template, cause: cr.metadata.annotations?.['kubernetes.io/change-cause'] }));
}

export async function runRolloutHistory(k: Kctx): Promise<number> {
  const infos = await oneResource(k);
  const revision = k.f.int('revision');
  for (const info of infos) {
    const obj = fetchInfo(k, info);
    let history: { revision: number; template: Any; cause?: string }[];
    if (info.r.kind === 'Deployment') {
      history = ownedReplicaSets(k, obj).map((rs) => ({ revision: revisionOf(rs), template: structuredClone(rs.spec?.template), cause: rs.metadata.annotations?.['kubernetes.io/change-cause'] }));
    } else if (info.r.kind === 'DaemonSet' || info.r.kind === 'StatefulSet') {
      history = controllerRevisions(k, obj);
    } else throw new KubectlError(`no history viewer has been implemented for "${info.r.kind}"`);
    history.sort((a, b) => a.revision - b.revision);
    const head = `${kindGroup(info.r)}/${info.name}`;
    if (revision > 0) {
      const h = history.find((x) => x.revision === revision);
      if (!h) throw new KubectlError(`unable to find the specified revision`);
      const t = h.template ?? {};
      t.metadata = t.metadata ?? {};
      if (h.cause) t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubernetes.io/change-cause': h.cause };
      // printTemplate writes through a PrefixWriter without a tabwriter: the tabs stay raw.
      const w = new RawWriter();
      describePodTemplate(w as unknown as PrefixWriter, t);
      k.out(`${head} with revision #${revision}\n${w.text}\n`);
      continue;
    }
    if (!history.length) {
      k.out(`${head} \nNo rollout history found.\n`);
      continue;
    }
    const table = tabify('REVISION\tCHANGE-CAUSE\n' + history.map((h) => `${h.revision}\t${h.cause || '<none>'}\n`).join(''), { minwidth: 0, padding: 2 });
    k.out(`${head} \n${table}\n`);
  }
  return 0;
}

class RawWriter {
  text = '';
  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }
  line(s: string): void {
    this.text += s + '\n';
  }
  flush(): void {}
}

const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(t: Any): Any {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return c;
}

function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const key of Object.keys(x as object).sort()) o[key] = sort((x as Record<string, unknown>)[key]);
      return o;
    }
    return x;
  };
  return JSON.stringify(sort(v));
}

export async function runRolloutUndo(k: Kctx): Promise<number> {
  const infos = await oneResource(k);
  const toRevision = k.f.int('to-revision');
  for (const info of infos) {
    const d = fetchInfo(k, info);
    if (info.r.kind !== 'Deployment') throw new KubectlError(`no rollbacker has been implemented for "${info.r.kind}"`);
    const rss = ownedReplicaSets(k, d).sort((a, b) => revisionOf(a) - revisionOf(b));
    let target: KubeObject | undefined;
    if (toRevision > 0) {
      target = rss.find((rs) => revisionOf(rs) === toRevision);
      if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    } else {
      if (rss.length < 2) throw new KubectlError(`no rollout history found for deployment "${info.name}"`);
      target = rss[rss.length - 2];
    }
    if (d.spec?.paused) throw new KubectlError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
    if (canonical(withoutHash(target.spec?.template)) === canonical(withoutHash(d.spec?.template))) {
      k.out(`${kindGroup(info.r)}/${info.name} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
      continue;
    }
    const annotations: Record<string, string> = {};
    for (const key of SKIP_ANNOTATIONS) if (d.metadata.annotations?.[key] !== undefined) annotations[key] = d.metadata.annotations[key];
    for (const [key, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(key)) annotations[key] = v;
    const patch = [
      { op: 'replace', path: '/spec/template', value: withoutHash(target.spec?.template) },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    if (dryRun(k) !== 'client') {
      const query: Record<string, string> = {};
      if (dryRun(k) === 'server') query.dryRun = 'All';
      k.rest().call({ method: 'PATCH', path: resourcePathFor(info.r, info.ns, info.name), query, headers: { 'content-type': 'application/json-patch+json' }, body: patch });
    }
    k.out(`${kindGroup(info.r)}/${info.name} rolled back${dryRun(k) === 'client' ? ' (dry run)' : dryRun(k) === 'server' ? ' (server dry run)' : ''}\n`);
  }
  return 0;
}

export async function runRolloutRestart(k: Kctx): Promise<number> {
  const infos = await oneResource(k);
  for (const info of infos) {
    const obj = fetchInfo(k, info);
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.r.kind)) throw new KubectlError(`restarting is not supported`);
    if (obj.spec?.paused) throw new KubectlError(`can't restart paused deployment (run rollout resume first)`);
    const at = new Date(k.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } };
    if (dryRun(k) !== 'client') k.rest().call({ method: 'PATCH', path: resourcePathFor(info.r, info.ns, info.name), query: { fieldManager: 'kubectl-rollout' }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: patch });
    k.out(`${kindGroup(info.r)}/${info.name} restarted\n`);
  }
  return 0;
}

async function pauseResume(k: Kctx, pause: boolean): Promise<number> {
  const infos = await oneResource(k);
  for (const info of infos) {
    if (info.r.kind !== 'Deployment') throw new KubectlError(`${pause ? 'pausing' : 'resuming'} is not supported`);
    const obj = fetchInfo(k, info);
    const paused = !!obj.spec?.paused;
    if (pause && paused) throw new KubectlError(`${resourceGroup(info.r)} "${info.name}" is already paused`);
    if (!pause && !paused) throw new KubectlError(`${resourceGroup(info.r)} "${info.name}" is not paused`);
    if (dryRun(k) !== 'client')
      k.rest().call({ method: 'PATCH', path: resourcePathFor(info.r, info.ns, info.name), query: { fieldManager: 'kubectl-rollout' }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: { spec: { paused: pause ? true : null } } });
    k.out(`${kindGroup(info.r)}/${info.name} ${pause ? 'paused' : 'resumed'}\n`);
  }
  return 0;
}

export const runRolloutPause = (k: Kctx) => pauseResume(k, true);
export const runRolloutResume = (k: Kctx) => pauseResume(k, false);
void UsageError;
