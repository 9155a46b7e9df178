/**
 * kubectl delete (pkg/cmd/delete/delete.go): DELETE each object with a propagation policy, print
 * `<kind> "<name>" deleted` as soon as the API answers, then wait for the objects to disappear
 * (--wait=true by default). --force with --grace-period=0 warns and prints `force deleted`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, statusMessage } from '../cli/errors';
import { kindGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, type Info } from '../resource/builder';
import { dryRun, requireResourceArgs } from './common';

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export async function runDelete(k: Kctx): Promise<number> {
  requireResourceArgs(k);
  const all = k.f.bool('all');
  if (all && k.f.changed('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (k.f.list('filename').length && k.args.length) throw new KubectlError('Unexpected args: ' + JSON.stringify(k.args));
  const d = dryRun(k);
  let grace = k.f.int('grace-period');
  const force = k.f.bool('force');
  if (k.f.bool('now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
  const cascade = k.f.str('cascade') || 'background';
  const policy = cascade === 'true' || cascade === 'background' ? 'Background' : cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' || cascade === 'false' ? 'Orphan' : undefined;
  if (!policy) throw new KubectlError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  const infos = await buildInfos(k, k.args, { selector: true, allNamespaces: k.allNamespaces });
  if (force && grace === 0) k.err(FORCE_WARNING);
  const out = k.f.str('output');
  let code = 0;
  const deleted: Info[] = [];
  let found = 0;
  for (const i of infos) {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy };
    if (grace >= 0) body.gracePeriodSeconds = grace;
    const query: Record<string, string> = {};
    if (d === 'server') query.dryRun = 'All';
    try {
      if (d === 'client') {
        k.rest().call({ method: 'GET', path: resourcePathFor(i.r, i.ns, i.name) });
      } else {
        k.rest().call<KubeObject>({ method: 'DELETE', path: resourcePathFor(i.r, i.ns, i.name), query, body });
      }
    } catch (e) {
      if (e instanceof StatusError && e.code === 404 && k.f.bool('ignore-not-found')) continue;
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code, i.source ? `error when deleting "${i.source}": ` : '') + '\n');
        code = 1;
        continue;
      }
      throw e;
    }
    found++;
    if (out === 'name') k.out(`${kindGroup(i.r)}/${i.name}\n`);
    else {
      const verb = force && grace === 0 ? 'force deleted' : 'deleted';
      const suffix = d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
      k.out(`${kindGroup(i.r)} "${i.name}" ${verb}${suffix}\n`);
    }
    deleted.push(i);
  }
  if (!found && code === 0 && !infos.length) k.out('No resources found\n');
  const wait = !k.f.p.values.has('wait') || k.f.bool('wait');
  if (wait && d === 'none' && deleted.length) {
    const timeoutMs = k.f.durationMs('timeout') || 0;
    const started = k.now();
    for (const i of deleted) {
      for (;;) {
        let gone = false;
        try {
          const cur = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(i.r, i.ns, i.name) });
          // A replacement with the same name (a StatefulSet pod) counts as gone.
          gone = !!(i.obj?.metadata.uid && cur.metadata.uid !== i.obj.metadata.uid);
        } catch (e) {
          if (e instanceof StatusError && e.code === 404) gone = true;
          else throw e;
        }
        if (gone) break;
        if (timeoutMs && k.now() - started >= timeoutMs) {
          k.err(`error: timed out waiting for the condition on ${i.r.resource}/${i.name}\n`);
          return 1;
        }
        if (!(await k.sleep(1000))) return 130;
      }
    }
  }
  return code;
}
