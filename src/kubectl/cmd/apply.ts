/**
 * kubectl apply (pkg/cmd/apply/apply.go, patcher.go): client-side apply keeps the last applied
 * configuration in an annotation and sends a three-way strategic merge patch computed from
 * (last-applied, new manifest, live object); `{}` means unchanged and sends nothing. --server-side sends
 * the manifest as an apply patch instead.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { ContextualStatusError, KubectlError, aggregateText } from '../cli/errors';
import { kindGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos } from '../resource/builder';
import { parseOutput, printObjects, templateFlags } from '../printers/output';
import { toCompactJson } from '../printers/json';
import { createThreeWayMergePatch } from '../../sim/apiserver/patch';
import { dryRun } from './common';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The annotation value: the manifest without the annotation, compact sorted JSON plus a newline. */
export function lastAppliedFor(obj: KubeObject): string {
  const copy = structuredClone(obj);
  const annots = { ...(copy.metadata.annotations ?? {}) };
  delete annots[LAST_APPLIED];
  copy.metadata.annotations = annots;
  return toCompactJson(copy) + '\n';
}

export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  const value = lastAppliedFor(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: value };
  return copy;
}

function isEmptyPatch(p: unknown): boolean {
  return !!p && typeof p === 'object' && Object.keys(p as object).length === 0;
}

export async function runApply(k: Kctx): Promise<number> {
  const files = k.f.list('filename');
  if (!files.length && !k.f.str('kustomize')) throw new KubectlError('must specify one of -f and -k');
  if (k.args.length) throw new KubectlError(`Unexpected args: [${k.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  const d = dryRun(k);
  const fmt = parseOutput(k.f.str('output'), (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  const serverSide = k.f.bool('server-side');
  if (serverSide && d === 'client') throw new KubectlError('--dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)');
  // apply.go gathers every error — reading and mapping the files (Infos with ContinueOnError), then each
  // object's — and returns them as one aggregate after applying what could be read.
  const errs: unknown[] = [];
  const infos = await buildInfos(k, [], { errors: errs });
  if (!infos.length && !errs.length) throw new KubectlError('no objects passed to apply');
  for (const info of infos) {
    const manifest = structuredClone(info.obj!);
    if (info.r.namespaced) {
      if (k.f.changed('namespace') && manifest.metadata.namespace && manifest.metadata.namespace !== k.f.str('namespace')) {
        errs.push(new KubectlError(`the namespace from the provided object "${manifest.metadata.namespace}" does not match the namespace "${k.f.str('namespace')}". You must pass '--namespace=${manifest.metadata.namespace}' to perform this operation.`));
        continue;
      }
      manifest.metadata.namespace = info.ns;
    }
    const name = manifest.metadata.name ?? '';
    const path = resourcePathFor(info.r, info.ns, name);
    const collection = resourcePathFor(info.r, info.ns);
    const suffix = d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
    const print = (obj: KubeObject, verb: string) => {
      if (fmt.kind === 'table') k.out(`${kindGroup(info.r)}/${name} ${verb}${suffix}\n`);
      else k.out(printObjects([obj], fmt, true, () => `${kindGroup(info.r)}/${name}`));
    };
    try {
      if (serverSide) {
        const query: Record<string, string> = { fieldManager: k.f.str('field-manager') || 'kubectl', fieldValidation: 'Strict', force: k.f.bool('force-conflicts') ? 'true' : 'false' };
        if (d === 'server') query.dryRun = 'All';
        const res = k.rest().call<KubeObject>({ method: 'PATCH', path, query, headers: { 'content-type': 'application/apply-patch+yaml' }, body: manifest });
        print(res, 'serverside-applied');
        continue;
      }
      let live: KubeObject | undefined;
      try {
        live = k.rest().call<KubeObject>({ method: 'GET', path });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
      const modified = withLastApplied(manifest);
      if (!live) {
        if (d === 'client') {
          print(modified, 'created');
          continue;
        }
        const query: Record<string, string> = { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' };
        if (d === 'server') query.dryRun = 'All';
        try {
          const res = k.rest().call<KubeObject>({ method: 'POST', path: collection, query, body: modified });
          print(res, 'created');
        } catch (e) {
          if (e instanceof StatusError) {
            errs.push(new ContextualStatusError(e, `error when creating "${info.source}": `));
            continue;
          }
          throw e;
        }
        continue;
      }
      const originalText = live.metadata.annotations?.[LAST_APPLIED];
      if (originalText === undefined) {
        k.err(
          `Warning: resource ${info.r.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      let original: unknown = undefined;
      try {
        original = originalText ? JSON.parse(originalText) : undefined;
      } catch {
        original = undefined;
      }
      const [group, version] = info.r.group ? [info.r.group, info.r.version] : ['', info.r.version];
      const patch = createThreeWayMergePatch(original, modified, live, { group, version, kind: info.r.kind, resource: info.r.resource });
      if (d === 'client') {
        print(live, 'configured');
        continue;
      }
      if (isEmptyPatch(patch)) {
        print(live, 'unchanged');
        continue;
      }
      const query: Record<string, string> = { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' };
      if (d === 'server') query.dryRun = 'All';
      const res = k.rest().call<KubeObject>({ method: 'PATCH', path, query, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: patch });
      print(res, 'configured');
    } catch (e) {
      if (e instanceof StatusError || e instanceof KubectlError) {
        errs.push(e);
        continue;
      }
      throw e;
    }
  }
  if (errs.length) {
    k.err(aggregateText(errs));
    return 1;
  }
  return 0;
}
