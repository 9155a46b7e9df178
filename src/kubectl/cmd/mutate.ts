/**
 * Small mutating verbs (kubectl pkg/cmd/{scale,label,annotate,patch,set}): each reads the object, computes
 * the change client-side and sends one PATCH; success lines are `<kind.group>/<name> <verb>`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError, statusMessage } from '../cli/errors';
import { kindGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, fetchInfo, type Info } from '../resource/builder';
import { parseOutput, printObjects, templateFlags } from '../printers/output';
import { createTwoWayMergePatch } from '../../sim/apiserver/patch';
import { loadYamlParser } from '../resource/yamlparser';
import { quantityParseError } from '../../sim/apiserver/validation/quantity';
import { CHANGE_CAUSE, changeCause, dryRun, requireResourceArgs } from './common';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

function dryQuery(k: Kctx, manager?: string): Record<string, string> {
  const q: Record<string, string> = {};
  if (manager) q.fieldManager = manager;
  if (dryRun(k) === 'server') q.dryRun = 'All';
  return q;
}

function suffix(k: Kctx): string {
  const d = dryRun(k);
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

function emit(k: Kctx, info: Info, obj: KubeObject, verb: string): void {
  const out = k.f.p.values.has('output') ? k.f.str('output') : '';
  const fmt = parseOutput(out, (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  if (fmt.kind === 'table') k.out(`${kindGroup(info.r)}/${info.name} ${verb}${suffix(k)}\n`);
  else k.out(printObjects([obj], fmt, true, () => `${kindGroup(info.r)}/${info.name}`));
}

function patchObject(k: Kctx, info: Info, type: 'merge' | 'strategic' | 'json', body: unknown, manager: string, sub?: string): KubeObject {
  const ct = type === 'merge' ? 'application/merge-patch+json' : type === 'json' ? 'application/json-patch+json' : 'application/strategic-merge-patch+json';
  return k.rest().call<KubeObject>({ method: 'PATCH', path: resourcePathFor(info.r, info.ns, info.name, sub), query: dryQuery(k, manager), headers: { 'content-type': ct }, body });
}

// ---- scale ----

export async function runScale(k: Kctx): Promise<number> {
  const replicas = k.f.int('replicas');
  if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  requireResourceArgs(k);
  const infos = await buildInfos(k, k.args, { selector: true });
  // Objects that cannot be fetched are reported after the others are scaled; with none left the
  // command says only "no objects passed to scale" (scale.go, builder with ContinueOnError).
  const objs: { info: Info; obj: KubeObject }[] = [];
  const errors: StatusError[] = [];
  for (const info of infos) {
    try {
      objs.push({ info, obj: fetchInfo(k, info) });
    } catch (e) {
      if (e instanceof StatusError) errors.push(e);
      else throw e;
    }
  }
  if (!objs.length) throw new KubectlError('no objects passed to scale');
  const current = k.f.int('current-replicas');
  for (const { info, obj } of objs) {
    if (current >= 0 && (obj.spec?.replicas ?? 0) !== current) throw new KubectlError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 0}`);
    if (dryRun(k) !== 'client') {
      const hasScale = info.r.subresources.includes('scale');
      if (hasScale) patchObject(k, info, 'merge', { spec: { replicas } }, 'kubectl-scale', 'scale');
      else patchObject(k, info, 'merge', { spec: { replicas } }, 'kubectl-scale');
    }
    emit(k, info, obj, 'scaled');
  }
  for (const e of errors) k.err(statusMessage(e.status, e.code) + '\n');
  if (errors.length) return 1;
  return 0;
}

// ---- label / annotate ----

interface KvChanges {
  set: Record<string, string>;
  remove: string[];
  resourceArgs: string[];
}

function splitKv(args: string[], what: string): KvChanges {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const resourceArgs: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      set[a.slice(0, i)] = a.slice(i + 1);
    } else if (a.endsWith('-') && resourceArgs.length) remove.push(a.slice(0, -1));
    else resourceArgs.push(a);
  }
  void what;
  return { set, remove, resourceArgs };
}

async function labelLike(k: Kctx, field: 'labels' | 'annotations'): Promise<number> {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const { set, remove, resourceArgs } = splitKv(k.args, noun);
  const files = k.f.list('filename');
  if (!resourceArgs.length && !files.length) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = k.f.bool('list');
  if (!list && !Object.keys(set).length && !remove.length) throw new KubectlError(`at least one ${noun} update is required`);
  for (const key of remove) if (key in set) throw new KubectlError(`can not both modify and remove ${noun} in the same command`);
  const infos = await buildInfos(k, resourceArgs, { selector: true });
  const overwrite = k.f.bool('overwrite');
  let code = 0;
  for (const info of infos) {
    let obj: KubeObject;
    try {
      obj = info.obj && !info.source ? info.obj : fetchInfo(k, info);
    } catch (e) {
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code) + '\n');
        code = 1;
        continue;
      }
      throw e;
    }
    const before: Record<string, string> = { ...(obj.metadata[field] ?? {}) };
    if (list) {
      for (const key of Object.keys(before).sort()) k.out(`${key}=${before[key]}\n`);
      continue;
    }
    if (!overwrite) {
      const conflicts = Object.keys(set).filter((key) => key in before && before[key] !== set[key]);
      if (conflicts.length) {
        if (field === 'labels') throw new KubectlError(`'${conflicts[0]}' already has a value (${before[conflicts[0]]}), and --overwrite is false`);
        throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${conflicts.map((c) => `'${c}' already has a value (${before[c]})`).join('; ')}`);
      }
    }
    const after = { ...before, ...set };
    for (const key of remove) {
      // label.go labelFunc reports a key to remove that is not there (annotate says nothing).
      if (field === 'labels' && !(key in before)) k.out(`label "${key}" not found.\n`);
      delete after[key];
    }
    const patchBody: Record<string, string | null> = {};
    for (const key of Object.keys(set)) if (before[key] !== set[key]) patchBody[key] = set[key];
    for (const key of remove) if (key in before) patchBody[key] = null;
    let result = obj;
    if (Object.keys(patchBody).length && dryRun(k) !== 'client') {
      result = patchObject(k, info, 'merge', { metadata: { [field]: patchBody } }, field === 'labels' ? 'kubectl-label' : 'kubectl-annotate');
    }
    if (field === 'labels') {
      // label.go updateDataChangeMsg: fewer bytes without --overwrite reads as "unlabeled".
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      const msg = !changed ? 'not labeled' : !overwrite && JSON.stringify(after).length < JSON.stringify(before).length ? 'unlabeled' : 'labeled';
      emit(k, info, result, msg);
    } else emit(k, info, result, 'annotated');
  }
  return code;
}

export const runLabel = (k: Kctx) => labelLike(k, 'labels');
export const runAnnotate = (k: Kctx) => labelLike(k, 'annotations');

// ---- patch ----

export async function runPatch(k: Kctx): Promise<number> {
  let text = k.f.str('patch');
  const file = k.f.str('patch-file');
  if (file) {
    const p = k.abs(file);
    if (!k.ctx.fs.exists(p)) throw new KubectlError(`unable to read patch file: open ${file}: no such file or directory`);
    text = k.ctx.fs.readFile(p);
  }
  if (!text) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
  requireResourceArgs(k);
  const type = (k.f.str('type') || 'strategic') as 'merge' | 'strategic' | 'json';
  if (!['merge', 'strategic', 'json'].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const yaml = await loadYamlParser();
    try {
      body = yaml.parse(text);
    } catch (e) {
      throw new KubectlError(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const infos = await buildInfos(k, k.args, { selector: true });
  let code = 0;
  for (const info of infos) {
    try {
      const before = fetchInfo(k, info);
      const after = dryRun(k) === 'client' ? before : patchObject(k, info, type, body, 'kubectl-patch');
      const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, managedFields: undefined, resourceVersion: undefined } });
      emit(k, info, after, strip(before) === strip(after) && dryRun(k) === 'none' ? 'patched (no change)' : 'patched');
    } catch (e) {
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code) + '\n');
        code = 1;
        continue;
      }
      throw e;
    }
  }
  return code;
}

// ---- set image / env / resources ----

/** The pod spec inside any workload (polymorphichelpers/updatepodspec.go). */
export function podSpecOf(obj: KubeObject): Any | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return obj.spec?.template?.spec;
  }
}

async function setCommand(
  k: Kctx,
  kvArgs: (args: string[]) => { resources: string[]; rest: string[] },
  mutate: (spec: Any, info: Info, rest: string[], obj: KubeObject) => void,
  verb: string,
  requireRest: boolean,
  listOnly = false,
): Promise<number> {
  const { resources, rest } = kvArgs(k.args);
  if (!resources.length && !k.f.list('filename').length) {
    throw new KubectlError(
      `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  }
  if (requireRest && !rest.length) throw new KubectlError('at least one image update is required');
  const infos = await buildInfos(k, resources, { selector: true });
  let code = 0;
  for (const info of infos) {
    let obj: KubeObject;
    try {
      obj = fetchInfo(k, info);
    } catch (e) {
      if (e instanceof StatusError) {
        k.err(statusMessage(e.status, e.code) + '\n');
        code = 1;
        continue;
      }
      throw e;
    }
    const updated = structuredClone(obj);
    const spec = podSpecOf(updated);
    if (!spec) throw new KubectlError(`${kindGroup(info.r)}/${info.name} does not have a pod template`);
    mutate(spec, info, rest, updated);
    // set env --list prints the (updated) variables and sends nothing (env.go).
    if (listOnly) continue;
    const cause = changeCause(k);
    if (cause) updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
    const [group, version] = [info.r.group, info.r.version];
    const patch = createTwoWayMergePatch(obj, updated, { group, version, kind: info.r.kind, resource: info.r.resource });
    if (!Object.keys(patch).length) continue;
    let result = updated;
    if (dryRun(k) !== 'client') result = patchObject(k, info, 'strategic', patch, 'kubectl-set');
    emit(k, info, result, verb);
  }
  return code;
}

const splitPairs = (args: string[]) => ({ resources: args.filter((a) => !a.includes('=')), rest: args.filter((a) => a.includes('=')) });

export function runSetImage(k: Kctx): Promise<number> {
  return setCommand(
    k,
    splitPairs,
    (spec, _info, pairs) => {
      for (const p of pairs) {
        const [name, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
        const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
        const hits = name === '*' ? all : all.filter((c: Any) => c.name === name);
        if (!hits.length) throw new KubectlError(`unable to find container named "${name}"`);
        for (const c of hits) c.image = image;
      }
    },
    'image updated',
    true,
  );
}

/** How env.go --list shows a variable taken from elsewhere (envutil GetEnvVarRefString). */
function envRefString(from: Any): string {
  if (from?.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from?.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from?.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

export function runSetEnv(k: Kctx): Promise<number> {
  const containerFilter = k.f.str('containers') || '*';
  const list = k.f.bool('list');
  return setCommand(
    k,
    (args) => ({ resources: args.filter((a) => !a.includes('=') && !/^[A-Za-z_][A-Za-z0-9_]*-$/.test(a)), rest: args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_]*-$/.test(a)) }),
    (spec, _info, pairs, obj) => {
      // Containers first, then init containers (env.go selectContainers on both).
      const selected = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: Any) => containerFilter === '*' || c.name === containerFilter);
      for (const c of selected) {
        const env: Any[] = c.env ? [...c.env] : [];
        for (const p of pairs) {
          if (p.endsWith('-') && !p.includes('=')) {
            const n = p.slice(0, -1);
            const idx = env.findIndex((e) => e.name === n);
            if (idx >= 0) env.splice(idx, 1);
            continue;
          }
          const [n, v] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
          const existing = env.find((e) => e.name === n);
          if (existing) {
            existing.value = v;
            delete existing.valueFrom;
          } else env.push({ name: n, value: v });
        }
        if (env.length) c.env = env;
        else delete c.env;
        if (list) {
          k.out(`# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`);
          for (const e of env) k.out(e.valueFrom ? `# ${e.name} from ${envRefString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
    },
    'env updated',
    false,
    list,
  );
}

function parseResourceList(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const kv of s.split(',')) {
    // populateResourceListV1 (kubectl's generate/versioned): exactly one '=', then resource.ParseQuantity.
    const pieces = kv.split('=');
    if (pieces.length !== 2) throw new KubectlError(`Invalid argument syntax ${kv}, expected <resource>=<value>`);
    const bad = quantityParseError(pieces[1]);
    if (bad) throw new KubectlError(bad);
    out[pieces[0]] = pieces[1];
  }
  return out;
}

export function runSetResources(k: Kctx): Promise<number> {
  const limits = parseResourceList(k.f.str('limits'));
  const requests = parseResourceList(k.f.str('requests'));
  const containerFilter = k.f.str('containers') || '*';
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  return setCommand(
    k,
    (args) => ({ resources: args, rest: [] }),
    (spec) => {
      const list = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: Any) => containerFilter === '*' || c.name === containerFilter);
      if (!list.length) throw new KubectlError(`unable to find container named ${containerFilter}`);
      for (const c of list) {
        c.resources = c.resources ?? {};
        if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
    },
    'resource requirements updated',
    false,
  );
}
