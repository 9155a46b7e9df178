/**
 * Reads `-f` sources: files, directories (with -R recursively; .json/.yaml/.yml only), and `-` for stdin.
 * Multi-document YAML splits on `---`; `kind: List` expands to its items. Error texts follow
 * cli-runtime pkg/resource (visitor.go, builder.go).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { toCompactJson } from '../printers/json';
import { goJsonError, goYamlAliasError, goYamlError } from './yamlerrors';
import { loadYamlParser, type YamlParser } from './yamlparser';

/** A read that failed part-way: the documents decoded before the error come with it (the visitor streams). */
export class ManifestError extends KubectlError {
  constructor(
    message: string,
    readonly before: Manifest[],
  ) {
    super(message);
  }
}

export interface Manifest {
  obj: KubeObject;
  /** The file name as the user typed it (for "error when creating" messages). */
  source: string;
}

const EXTS = ['.json', '.yaml', '.yml'];

export async function readManifests(k: Kctx, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const out: Manifest[] = [];
  const validate = validates(k);
  // Paths are checked when the builder is made, before any document is visited (builder.go FilenameParam).
  for (const name of filenames)
    if (name !== '-' && !/^https?:\/\//.test(name) && !k.ctx.fs.stat(k.abs(name))) throw new KubectlError(`the path "${name}" does not exist`);
  try {
    await readInto(k, filenames, recursive, validate, out);
  } catch (e) {
    if (e instanceof KubectlError && !(e instanceof ManifestError)) throw new ManifestError(e.message, out);
    throw e;
  }
  return out;
}

async function readInto(k: Kctx, filenames: string[], recursive: boolean, validate: boolean, out: Manifest[]): Promise<void> {
  for (const name of filenames) {
    if (name === '-') {
      const text = await k.ctx.stdin.readAll();
      await parseManifestText(text, 'STDIN', validate, out);
      continue;
    }
    if (/^https?:\/\//.test(name)) throw new KubectlError(`unable to read URL "${name}", server reported 404 Not Found, status code=404`);
    const p = k.abs(name);
    const st = k.ctx.fs.stat(p);
    if (!st) throw new KubectlError(`the path "${name}" does not exist`);
    if (st.type === 'dir') {
      const files = listDir(k, p, name, recursive);
      for (const f of files) await parseManifestText(k.ctx.fs.readFile(f.abs), f.shown, validate, out);
      continue;
    }
    await parseManifestText(k.ctx.fs.readFile(p), name, validate, out);
  }
}

/** Commands with --validate (apply, create, replace) check manifests client-side unless it is false or ignore. */
function validates(k: Kctx): boolean {
  if (!k.f.p.values.has('validate')) return false;
  const v = k.f.str('validate').toLowerCase();
  return v !== 'false' && v !== 'ignore';
}

function listDir(k: Kctx, abs: string, shown: string, recursive: boolean): { abs: string; shown: string }[] {
  const res: { abs: string; shown: string }[] = [];
  for (const e of [...k.ctx.fs.readdir(abs)].sort()) {
    const a = `${abs}/${e}`;
    const s = `${shown.replace(/\/$/, '')}/${e}`;
    const st = k.ctx.fs.stat(a);
    if (st?.type === 'dir') {
      if (recursive) res.push(...listDir(k, a, s, recursive));
    } else if (EXTS.some((x) => e.endsWith(x))) res.push({ abs: a, shown: s });
  }
  return res;
}

/**
 * Documents as YAMLReader cuts them (apimachinery util/yaml/decoder.go): a line starting with `---` ends one, and
 * only spaces or a comment may follow the dashes.
 */
export function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let buf = '';
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest && !rest.startsWith('#')) throw new KubectlError(`invalid Yaml document separator: ${rest}`);
      if (buf) docs.push(buf);
      buf = '';
      continue;
    }
    buf += line;
  }
  if (buf) docs.push(buf);
  return docs;
}

/** kubectl's client-side checks before decoding (kubectl pkg/validation: paramVerifyingSchema, getObjectKind). */
const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

function validationProblems(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return 'invalid object to validate';
  const o = d as { apiVersion?: unknown; kind?: unknown };
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  // utilerrors.Aggregate: one error alone, several as [a, b].
  return errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

function* decodeDocuments(text: string, source: string, yaml: YamlParser | undefined): Generator<unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    // A JSON stream: encoding/json's Decoder, one value after another.
    let rest = trimmed;
    while (rest.trim()) {
      const end = jsonValueEnd(rest);
      const chunk = end > 0 ? rest.slice(0, end) : rest;
      let doc: unknown;
      try {
        doc = JSON.parse(chunk);
      } catch (e) {
        throw new KubectlError(`error parsing ${source}: ${goJsonError((e as Error).message, chunk)}`);
      }
      yield doc;
      rest = rest.slice(chunk.length).trimStart();
    }
    return;
  }
  if (!yaml) return;
  for (const chunk of splitYamlDocuments(text)) {
    // go-yaml v2 decodes the first document of a chunk, and accepts repeated keys (the last one wins).
    const parsed = yaml.parseAllDocuments(chunk, { uniqueKeys: false });
    const first = Array.isArray(parsed) ? parsed[0] : undefined;
    if (!first) continue;
    if (first.errors.length) throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: ${goYamlError(first.errors, chunk)}`);
    let doc: unknown;
    try {
      doc = first.toJS();
    } catch (e) {
      const alias = goYamlAliasError((e as Error).message);
      throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: ${alias ?? (e as Error).message}`);
    }
    yield doc;
  }
}

/** Where the first complete JSON value of `s` ends (0 when it never closes). */
function jsonValueEnd(s: string): number {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return 0;
}

/**
 * Decodes a file's documents into objects. With `validate` (commands with --validate, unless it is false/ignore)
 * the client-side checks run first, as in cli-runtime's StreamVisitor (ValidateSchema before infoForData).
 */
export async function parseManifestText(text: string, source: string, validate = false, out: Manifest[] = []): Promise<Manifest[]> {
  // JSON streams decode without the YAML parser, which loads on demand for everything else.
  const yaml = text.trimStart().startsWith('{') ? undefined : await loadYamlParser();
  for (const d of decodeDocuments(text, source, yaml)) {
    if (d === null || d === undefined) continue;
    if (validate) {
      const problem = validationProblems(d);
      if (problem) throw new KubectlError(`error validating "${source}": error validating data: ${problem}; ${STOP_VALIDATE}`);
    }
    if (typeof d !== 'object' || Array.isArray(d)) throw new KubectlError(`error validating "${source}": error validating data: invalid object to validate`);
    const obj = d as KubeObject;
    if (!obj.kind) throw new KubectlError(`unable to decode "${source}": Object 'Kind' is missing in '${toCompactJson(obj)}'`);
    if (obj.kind === 'List' || (obj.kind.endsWith('List') && Array.isArray((obj as { items?: unknown }).items))) {
      for (const item of (obj as unknown as { items: KubeObject[] }).items ?? []) out.push({ obj: item, source });
      continue;
    }
    if (!obj.apiVersion) throw new KubectlError(`unable to decode "${source}": Object 'apiVersion' is missing in '${toCompactJson(obj)}'`);
    obj.metadata = obj.metadata ?? {};
    out.push({ obj, source });
  }
  return out;
}
