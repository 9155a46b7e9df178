/**
 * kubectl diff (kubectl pkg/cmd/diff/diff.go, v1.31): for each object of -f, the live object (GET, absent → an
 * empty file) and the merged one — what apply would make of it, asked of the server with dryRun=All: a dry-run
 * create when absent, else the client-side apply patch (three-way strategic merge from the last-applied
 * annotation, without adding the annotation, carrying the live resourceVersion; `{}` sends nothing and the merged
 * object is the live one), or with --server-side an apply patch. managedFields are left out unless
 * --show-managed-fields; a v1 Secret's data values are masked (`***`, or `*** (before)`/`*** (after)` when they
 * differ). Both are printed as YAML into /tmp/LIVE-<n>/ and /tmp/MERGED-<n>/ as `<group.>version.Kind.ns.name`,
 * then `diff -u -N LIVE MERGED` runs, or $KUBECTL_EXTERNAL_DIFF (split on spaces; extra words made only of
 * letters, digits, `-` and `=` go after the two folders). The folders are removed afterwards.
 * Exit status: the diff program's 0 or 1; any error (kubectl's own, flag errors included, or the program failing
 * or exiting > 1) prints `error: …` and exits with kubectl's code plus one (cmdutil.CheckDiffErr).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { CommandContext } from '../../shell/types';
import type { Kctx } from '../cli/kctx';
import { ExitCode, KubectlError, UsageError, renderError } from '../cli/errors';
import { resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, type Info } from '../resource/builder';
import { toYaml } from '../printers/yaml';
import { createThreeWayMergePatch } from '../../sim/apiserver/patch';
import { matchLabels, parseLabelSelector } from '../../sim/apiserver/selectors/labels';
import { LAST_APPLIED } from './apply';
import { withTypeMeta } from './common';

/** The shell's way to start another program; present when kubectl runs inside the learner's shell. */
type RunProgram = (argv: string[], io?: { stdout?: (s: string) => void; stderr?: (s: string) => void }) => Promise<number>;

const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';
const MAX_RETRIES = 4;

export async function runDiff(k: Kctx): Promise<number> {
  try {
    return await diffObjects(k);
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    const { text, code } = renderError(e);
    k.err(text);
    return code + 1;
  }
}

async function diffObjects(k: Kctx): Promise<number> {
  if (k.args.length) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, 'diff');
  if (!k.f.list('filename').length && !k.f.str('kustomize')) throw new KubectlError('must specify one of -f and -k');
  const serverSide = k.f.bool('server-side');
  const fieldManager = k.f.changed('field-manager') ? k.f.str('field-manager') : serverSide ? 'kubectl' : 'kubectl-client-side-apply';
  const forceConflicts = k.f.bool('force-conflicts');
  if (forceConflicts && !serverSide) throw new KubectlError('--force-conflicts only works with --server-side');
  const showManagedFields = k.f.bool('show-managed-fields');

  const fs = k.ctx.fs;
  // os.MkdirTemp("", "LIVE-") then ("", "MERGED-"); both are removed however the command ends.
  const live = tempDir(k, 'LIVE');
  const merged = tempDir(k, 'MERGED');
  try {
    let infos = await buildInfos(k, []);
    const selector = k.f.str('selector');
    if (selector) {
      const sel = parseLabelSelector(selector);
      infos = infos.filter((i) => matchLabels(sel, i.obj?.metadata.labels));
    }
    for (const info of infos) {
      const local = structuredClone(info.obj!);
      if (info.r.namespaced) local.metadata.namespace = info.ns;
      let current: KubeObject | undefined;
      let result: KubeObject | undefined;
      for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
        current = getLive(k, info);
        try {
          result = mergedObject(k, info, local, current, { serverSide, fieldManager, forceConflicts, force: attempt === MAX_RETRIES });
          break;
        } catch (e) {
          // The object changed between the GET and the dry run: look again.
          if (!(e instanceof StatusError && e.code === 409 && e.reason === 'Conflict' && !serverSide) || attempt === MAX_RETRIES) throw e;
        }
      }
      let from = current ? strip(current, showManagedFields) : undefined;
      let to = result ? strip(result, showManagedFields) : undefined;
      if (to?.apiVersion === 'v1' && to.kind === 'Secret') [from, to] = mask(from, to);
      const name = fileName(info);
      fs.writeFile(`${live}/${name}`, from ? toYaml(from) : '');
      fs.writeFile(`${merged}/${name}`, to ? toYaml(to) : '');
      chmod(k.ctx, `${live}/${name}`, 0o700);
      chmod(k.ctx, `${merged}/${name}`, 0o700);
      if (current?.metadata.deletionTimestamp) k.err(`Warning: Detected changes to resource ${current.metadata.name} which is currently being deleted.\n`);
    }
    return await runProgram(k, live, merged);
  } finally {
    fs.rm(live, { recursive: true, force: true });
    fs.rm(merged, { recursive: true, force: true });
  }
}

function getLive(k: Kctx, info: Info): KubeObject | undefined {
  try {
    return withTypeMeta(k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(info.r, info.ns, info.obj!.metadata.name ?? '') }), info.r);
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) return undefined;
    throw e;
  }
}

interface MergeOptions {
  serverSide: boolean;
  fieldManager: string;
  forceConflicts: boolean;
  /** The last try sends the patch without the live resourceVersion (diffing without lock). */
  force: boolean;
}

/** InfoObject.Merged: the object as the server would make it, always with dryRun=All. */
function mergedObject(k: Kctx, info: Info, local: KubeObject, live: KubeObject | undefined, o: MergeOptions): KubeObject {
  const name = local.metadata.name ?? '';
  const path = resourcePathFor(info.r, info.ns, name);
  const dry = (obj: KubeObject) => withTypeMeta(obj, info.r);
  if (o.serverSide) {
    const query = { dryRun: 'All', fieldManager: o.fieldManager, force: String(o.forceConflicts) };
    return dry(k.rest().call<KubeObject>({ method: 'PATCH', path, query, headers: { 'content-type': 'application/apply-patch+yaml' }, body: local }));
  }
  if (!live) {
    const query = { dryRun: 'All', fieldManager: o.fieldManager };
    return dry(k.rest().call<KubeObject>({ method: 'POST', path: resourcePathFor(info.r, info.ns), query, body: local }));
  }
  // GetModifiedConfiguration(local, annotate=false): the manifest without the last-applied annotation, but with
  // an annotations map (empty if need be), so the `{}` kept in the last-applied configuration deletes nothing.
  const modified = structuredClone(local);
  const annots = { ...(modified.metadata.annotations ?? {}) };
  delete annots[LAST_APPLIED];
  modified.metadata.annotations = annots;
  let original: unknown;
  try {
    const text = live.metadata.annotations?.[LAST_APPLIED];
    original = text ? JSON.parse(text) : undefined;
  } catch {
    original = undefined;
  }
  const [group, version] = [info.r.group, info.r.version];
  const patch = createThreeWayMergePatch(original, modified, live, { group, version, kind: info.r.kind, resource: info.r.resource });
  if (Object.keys(patch).length === 0) return live;
  if (!o.force) {
    const meta = (patch.metadata ?? {}) as Record<string, unknown>;
    patch.metadata = { ...meta, resourceVersion: live.metadata.resourceVersion };
  }
  const query = { dryRun: 'All', fieldManager: o.fieldManager };
  return dry(k.rest().call<KubeObject>({ method: 'PATCH', path, query, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: patch }));
}

function strip(obj: KubeObject, showManagedFields: boolean): KubeObject {
  const copy = structuredClone(obj);
  if (!showManagedFields && copy.metadata) delete copy.metadata.managedFields;
  return copy;
}

/** Masker.run: every data value becomes `***`; a key on both sides whose values differ shows before/after. */
function mask(from: KubeObject | undefined, to: KubeObject): [KubeObject | undefined, KubeObject] {
  const fromData = from?.data as Record<string, unknown> | undefined;
  const toData = to.data as Record<string, unknown> | undefined;
  const f: Record<string, unknown> | undefined = fromData ? { ...fromData } : undefined;
  const t: Record<string, unknown> | undefined = toData ? { ...toData } : undefined;
  for (const key of Object.keys(f ?? {})) {
    if (t && Object.hasOwn(t, key)) {
      if (f![key] !== t[key]) {
        f![key] = MASK_BEFORE;
        t[key] = MASK_AFTER;
        continue;
      }
      t[key] = MASK;
    }
    f![key] = MASK;
  }
  for (const key of Object.keys(t ?? {})) if (!f || !Object.hasOwn(f, key)) t![key] = MASK;
  const mf = from && f ? { ...from, data: f } : from;
  const mt = t ? { ...to, data: t } : to;
  return [mf, mt];
}

/** InfoObject.Name: `<group.>version.Kind.namespace.name` (the namespace is empty for cluster-scoped objects). */
function fileName(info: Info): string {
  const group = info.r.group ? `${info.r.group}.` : '';
  return `${group}${info.r.version}.${info.r.kind}.${info.ns ?? ''}.${info.obj!.metadata.name ?? ''}`;
}

/**
 * A fresh /tmp/<prefix>-<n>. Go picks n at random; here it is a hash of the virtual time and the prefix, so the
 * same session prints the same names.
 */
function tempDir(k: Kctx, prefix: string): string {
  const fs = k.ctx.fs;
  if (!fs.exists('/tmp')) fs.mkdir('/tmp', { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const n = fnv32(`${prefix}:${k.now()}:${attempt}`);
    const dir = `/tmp/${prefix}-${n}`;
    if (fs.exists(dir)) continue;
    fs.mkdir(dir);
    chmod(k.ctx, dir, 0o700);
    return dir;
  }
}

function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function chmod(ctx: CommandContext, path: string, mode: number): void {
  (ctx.fs as CommandContext['fs'] & { chmod?(p: string, m: number): void }).chmod?.(path, mode);
}

/** DiffProgram.Run: the program's stdout and stderr are kubectl's; exit 0 or 1 passes through. */
async function runProgram(k: Kctx, from: string, to: string): Promise<number> {
  const env = k.ctx.env.KUBECTL_EXTERNAL_DIFF;
  let argv: string[];
  if (env) {
    const words = env.split(' ');
    argv = [words[0], from, to, ...words.slice(1).filter((w) => /^[a-zA-Z0-9-=]+$/.test(w))];
  } else argv = ['diff', '-u', '-N', from, to];
  const program = argv[0];
  const run = (k.ctx as CommandContext & { run?: RunProgram }).run;
  if (!run || !(await installed(k, run, program))) throw new KubectlError(`failed to run "${program}": executable file not found in $PATH`);
  // the program writes to kubectl's own stdout and stderr (a terminal stays a terminal: `diff --color` colours)
  const code = await run(argv);
  if (code <= 1) return code;
  throw new KubectlError(`failed to run "${program}": exit status ${code}`);
}

/** exec.LookPath: a name with a slash must be a file; any other is looked up as the shell would (command -v). */
async function installed(k: Kctx, run: RunProgram, program: string): Promise<boolean> {
  if (program.includes('/')) return k.ctx.fs.stat(k.abs(program))?.type === 'file';
  return (await run(['command', '-v', program], { stdout: () => undefined, stderr: () => undefined })) === 0;
}
