/**
 * kubectl edit and replace (pkg/cmd/edit, pkg/cmd/replace). edit writes the object as YAML to a temp file
 * with the real header comment, opens the learner's editor through ctx.editFile, and PUTs the result;
 * an unchanged file prints `Edit cancelled, no changes made.`.
 */
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, statusMessage } from '../cli/errors';
import { kindGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, fetchInfo } from '../resource/builder';
import { toYaml } from '../printers/yaml';
import { toJson } from '../printers/json';
import { dryRun, requireResourceArgs } from './common';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export async function runEdit(k: Kctx): Promise<number> {
  requireResourceArgs(k);
  if (!k.ctx.editFile) throw new KubectlError('no editor is available in this terminal');
  const infos = await buildInfos(k, k.args);
  const asJson = k.f.str('output') === 'json';
  let seq = 0;
  for (const info of infos) {
    const obj = fetchInfo(k, info);
    const clean = structuredClone(obj);
    delete clean.metadata.managedFields;
    const text = HEADER + (asJson ? toJson(clean) + '\n' : toYaml(clean));
    const tmp = `/tmp/kubectl-edit-${String(++seq).padStart(10, '0')}.${asJson ? 'json' : 'yaml'}`;
    if (!k.ctx.fs.exists('/tmp')) k.ctx.fs.mkdir('/tmp', { recursive: true });
    k.ctx.fs.writeFile(tmp, text);
    let current = text;
    for (;;) {
      const rc = await k.ctx.editFile(tmp);
      if (rc !== 0) throw new KubectlError(`there was a problem with the editor "vi"`);
      const edited = k.ctx.fs.readFile(tmp);
      const body = edited
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
      if (!body.trim()) {
        k.out('Edit cancelled, no changes made.\n');
        break;
      }
      if (edited === current || body === current.split('\n').filter((l) => !l.startsWith('#')).join('\n')) {
        k.out('Edit cancelled, no changes made.\n');
        break;
      }
      let parsed: KubeObject;
      try {
        parsed = (asJson ? JSON.parse(body) : parseYaml(body)) as KubeObject;
      } catch (e) {
        k.err(`error: ${(e as Error).message.split('\n')[0]}\n`);
        return 1;
      }
      try {
        if (dryRun(k) !== 'client') k.rest().call({ method: 'PUT', path: resourcePathFor(info.r, info.ns, info.name), query: { fieldManager: 'kubectl-edit', fieldValidation: 'Strict' }, body: parsed });
        k.out(`${kindGroup(info.r)}/${info.name} edited\n`);
        break;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        // The real command reopens the file with the error as a comment; we keep a copy and report.
        const msg = statusMessage(e.status, e.code);
        k.err(`error: ${kindGroup(info.r)} "${info.name}" could not be patched: ${e.message}\nYou can run \`kubectl replace -f ${tmp}\` to try this update again.\n`);
        void msg;
        current = edited;
        return 1;
      }
    }
  }
  return 0;
}

export async function runReplace(k: Kctx): Promise<number> {
  const files = k.f.list('filename');
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  const infos = await buildInfos(k, []);
  let code = 0;
  for (const info of infos) {
    const obj = structuredClone(info.obj!);
    if (info.r.namespaced) obj.metadata.namespace = info.ns;
    try {
      if (k.f.bool('force')) {
        k.rest().request({ method: 'DELETE', path: resourcePathFor(info.r, info.ns, info.name), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
        k.out(`${kindGroup(info.r)} "${info.name}" deleted\n`);
        k.rest().call({ method: 'POST', path: resourcePathFor(info.r, info.ns), query: { fieldManager: 'kubectl-replace', fieldValidation: 'Strict' }, body: obj });
        k.out(`${kindGroup(info.r)}/${info.name} replaced\n`);
        continue;
      }
      if (dryRun(k) !== 'client') {
        const query: Record<string, string> = { fieldManager: 'kubectl-replace', fieldValidation: 'Strict' };
        if (dryRun(k) === 'server') query.dryRun = 'All';
        k.rest().call({ method: 'PUT', path: resourcePathFor(info.r, info.ns, info.name), query, body: obj });
      }
      k.out(`${kindGroup(info.r)}/${info.name} replaced${dryRun(k) === 'client' ? ' (dry run)' : dryRun(k) === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code, `error when replacing "${info.source}": `) + '\n');
        code = 1;
        continue;
      }
      throw e;
    }
  }
  return code;
}
