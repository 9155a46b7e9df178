/**
 * Reads `-f` sources: files, directories (with -R recursively; .json/.yaml/.yml only), and `-` for stdin.
 * Multi-document YAML splits on `---`; `kind: List` expands to its items. Error texts follow
 * cli-runtime pkg/resource (visitor.go, builder.go).
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { toCompactJson } from '../printers/json';

export interface Manifest {
  obj: KubeObject;
  /** The file name as the user typed it (for "error when creating" messages). */
  source: string;
}

const EXTS = ['.json', '.yaml', '.yml'];

export async function readManifests(k: Kctx, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const out: Manifest[] = [];
  for (const name of filenames) {
    if (name === '-') {
      const text = await k.ctx.stdin.readAll();
      out.push(...parseManifestText(text, 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(name)) throw new KubectlError(`unable to read URL "${name}", server reported 404 Not Found, status code=404`);
    const p = k.abs(name);
    const st = k.ctx.fs.stat(p);
    if (!st) throw new KubectlError(`the path "${name}" does not exist`);
    if (st.type === 'dir') {
      const files = listDir(k, p, name, recursive);
      for (const f of files) out.push(...parseManifestText(k.ctx.fs.readFile(f.abs), f.shown));
      continue;
    }
    out.push(...parseManifestText(k.ctx.fs.readFile(p), name));
  }
  return out;
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

export function parseManifestText(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  const trimmed = text.trim();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs = [JSON.parse(trimmed)];
    } catch (e) {
      throw new KubectlError(`error parsing ${source}: ${(e as Error).message}`);
    }
  } else {
    const parsed = parseAllDocuments(text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    docs = [];
    for (const d of list) {
      if (d.errors.length) {
        const err = d.errors[0];
        const line = err.linePos?.[0]?.line ?? 1;
        throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlReason(err.code, err.message)}`);
      }
      docs.push(d.toJS());
    }
  }
  for (const d of docs) {
    if (d === null || d === undefined) continue;
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

function yamlReason(code: string, msg: string): string {
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN') return 'did not find expected key';
  if (code === 'DUPLICATE_KEY') return 'mapping key already defined';
  if (code === 'TAB_AS_INDENT') return 'found character that cannot start any token';
  return msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
