/**
 * kubectl explain (pkg/explain/v2 with its plaintext template): reads the server's OpenAPI v3 document for
 * the resource's group/version, walks the field path through $ref/allOf/items, and prints KIND/VERSION,
 * FIELD, ENUM, DESCRIPTION (wrapped at 76 columns, indented 4) and the sorted FIELDS list.
 * Layout checked byte for byte against the real kubectl reading the same documents.
 */
import type { Kctx } from '../cli/kctx';
import { KubectlError, RawError } from '../cli/errors';
import { loadSchemaDocs } from '../../sim/apiserver/schema/field-docs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = any;

const WIDTH = 76;

function wrap(text: string, width = WIDTH): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(' ');
    let line = '';
    let started = false;
    for (const w of words) {
      if (!started) {
        line = w;
        started = true;
      } else if (line.length + 1 + w.length <= width) line += ' ' + w;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

const indent = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l).join('\n');

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

class Doc {
  constructor(readonly schemas: Record<string, Schema>) {}
  /** Follows a single $ref or a lone allOf to the schema it names. */
  resolve(s: Schema): Schema {
    let cur = s;
    for (let i = 0; i < 10 && cur; i++) {
      if (cur.$ref) cur = this.schemas[refName(cur.$ref)];
      else if (cur.allOf?.length === 1 && !cur.properties) cur = cur.allOf[0].$ref ? this.schemas[refName(cur.allOf[0].$ref)] : cur.allOf[0];
      else break;
    }
    return cur;
  }
  typeGuess(s: Schema): string {
    if (!s) return 'Object';
    if (s.items) return `[]${this.typeGuess(s.items)}`;
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${this.typeGuess(s.additionalProperties)}`;
    if (s.allOf?.length === 1 && !s.properties) return this.typeGuess(s.allOf[0]);
    if (s.$ref) {
      // A ref to a primitive (Time, Quantity…) shows the primitive's type; otherwise the type's short name.
      const target = this.schemas[refName(s.$ref)];
      if (target?.type && target.type !== 'object') return target.type;
      return refName(s.$ref).split('.').pop() || 'Object';
    }
    if (s.type) return s.type === 'object' ? 'Object' : s.type;
    if (s['x-kubernetes-int-or-string']) return 'IntOrString';
    return 'Object';
  }
  /** The element schema a path segment steps into (arrays and maps pass through to their elements). */
  child(s: Schema, name: string): Schema | undefined {
    let cur = this.resolve(s);
    for (let i = 0; i < 5 && cur && (cur.items || (cur.additionalProperties && typeof cur.additionalProperties === 'object')); i++) cur = this.resolve(cur.items ?? cur.additionalProperties);
    return cur?.properties?.[name];
  }
  /** The struct schema whose properties a field lists. */
  fieldsOf(s: Schema): Schema | undefined {
    let cur = this.resolve(s);
    for (let i = 0; i < 5 && cur && (cur.items || (cur.additionalProperties && typeof cur.additionalProperties === 'object')); i++) cur = this.resolve(cur.items ?? cur.additionalProperties);
    return cur?.properties ? cur : undefined;
  }
}

function descriptionBlock(texts: string[]): string {
  const parts = texts.filter((t) => t);
  if (!parts.length) return 'DESCRIPTION:\n    <empty>\n';
  return `DESCRIPTION:\n${indent(parts.flatMap((t) => wrap(t)), 4)}\n    \n`;
}

/**
 * The template's fieldList/fieldDetail: properties in name order, each `<name>\t<type>` indented two spaces a
 * level, its enum (at most four values, then `, ....`), and — unless --recursive — its description. A field's
 * own fields follow at the next level with --recursive; allOf, array items and map values are walked at the same
 * level. A $ref already on the way down (the ancestors only: the template's `set` copies) ends the walk.
 */
function fieldList(doc: Doc, schema: Schema, level: number, history: Set<string>, recursive: boolean, out: string[]): void {
  if (!schema) return;
  const ref: string = schema.$ref ?? '';
  if (ref && history.has(ref)) return;
  const next = new Set(history).add(ref);
  const resolved: Schema = (ref && doc.schemas[refName(ref)]) || schema;
  const props: Record<string, Schema> = resolved.properties ?? {};
  const required: string[] = resolved.required ?? [];
  for (const name of Object.keys(props).sort()) {
    const p = props[name];
    const pad = ' '.repeat(level * 2);
    let line = `${pad}${name}\t<${doc.typeGuess(p)}>${required.includes(name) ? ' -required-' : ''}`;
    const en: unknown[] | undefined = p.enum ?? doc.resolve(p)?.enum;
    if (en?.length) {
      const shown = en.slice(0, 4).map((e) => (e === '' ? '""' : String(e)));
      line += `\n${pad}enum: ${shown.join(', ')}${en.length > 4 ? ', ....' : ''}`;
    }
    out.push(line + '\n');
    if (!recursive) {
      const w = wrap(p.description || '<no description>', 78 - level * 2);
      out.push(`${indent(w, level * 2 + 2)}\n\n`);
    } else fieldList(doc, p, level + 1, next, recursive, out);
  }
  for (const a of resolved.allOf ?? []) fieldList(doc, a, level, next, recursive, out);
  if (resolved.items) fieldList(doc, resolved.items, level, next, recursive, out);
  if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') fieldList(doc, resolved.additionalProperties, level, next, recursive, out);
}

function fieldsBlock(doc: Doc, s: Schema, recursive: boolean): string {
  const out: string[] = [];
  fieldList(doc, s, 1, new Set(), recursive, out);
  return out.length ? `FIELDS:\n${out.join('')}` : '';
}

export async function runExplain(k: Kctx): Promise<number> {
  if (!k.args.length) throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (k.args.length > 1) throw new KubectlError(`We accept only this format: explain RESOURCE`);
  const [typed, ...path] = k.args[0].split('.');
  let r = k.discovery().find(typed);
  // `deployments.apps.spec` style: let discovery try progressively longer prefixes.
  let fields = path;
  // explain prints this one without the `error: ` prefix (explain.go returns it before CheckErr decorates).
  if (!r) throw new RawError(`the server doesn't have a resource type "${typed}"\n`);
  for (let i = path.length; i > 0 && fields === path; i--) {
    const q = k.discovery().find([typed, ...path.slice(0, i)].join('.'));
    if (q && (q.group === path.slice(0, i).join('.') || q.group === path.slice(1, i).join('.'))) {
      r = q;
      fields = path.slice(i);
    }
  }
  const apiVersion = k.f.str('api-version');
  const gvPath = apiVersion ? (apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`) : r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
  // The simulated API server publishes field descriptions once they are loaded: a large chunk the browser fetches
  // on the first explain rather than with the terminal (a no-op after that, and in the CLI, which loads them early).
  await loadSchemaDocs();
  const index = k.rest().call<{ paths: Record<string, { serverRelativeURL: string }> }>({ method: 'GET', path: '/openapi/v3' });
  const entry = index.paths?.[gvPath];
  if (!entry) throw new KubectlError(`couldn't find resource for "${r.group ? `${r.group}/` : ''}${r.version}, Kind=${r.kind}"`);
  const [p, q] = entry.serverRelativeURL.split('?');
  const query: Record<string, string> = {};
  for (const kv of (q ?? '').split('&').filter(Boolean)) {
    const [a, b] = kv.split('=');
    query[a] = decodeURIComponent(b ?? '');
  }
  const gvDoc = k.rest().call<{ components?: { schemas?: Record<string, Schema> } }>({ method: 'GET', path: p, query });
  const doc = new Doc(gvDoc.components?.schemas ?? {});
  // --api-version picks the version whose schema is explained (and printed as VERSION)
  const version = apiVersion ? (apiVersion.split('/').pop() ?? r.version) : r.version;
  const root = Object.values(doc.schemas).find((s: Schema) => (s['x-kubernetes-group-version-kind'] ?? []).some((g: { group: string; version: string; kind: string }) => g.group === r!.group && g.version === version && g.kind === r!.kind));
  if (!root) throw new KubectlError(`couldn't find resource for "${r.group ? `${r.group}/` : ''}${r.version}, Kind=${r.kind}"`);
  const recursive = k.f.bool('recursive');
  let out = r.group ? `GROUP:      ${r.group}\n` : '';
  out += `KIND:       ${r.kind}\nVERSION:    ${version}\n\n`;
  let cur: Schema = root;
  for (const f of fields) {
    const next = doc.child(cur, f);
    if (!next) {
      // The template has already written the header when it finds the path invalid.
      k.out(out);
      throw new KubectlError(`field "${f}" does not exist`);
    }
    cur = next;
  }
  if (fields.length) {
    const name = fields[fields.length - 1];
    const en: string[] | undefined = cur.enum ?? doc.resolve(cur)?.enum;
    out += `FIELD: ${name} <${doc.typeGuess(cur)}>\n${en?.length ? `ENUM:\n${en.map((e) => `    ${e}`).join('\n')}` : ''}\n\n`;
    const typeSchema = doc.fieldsOf(cur) ?? doc.resolve(cur);
    const typeDesc = typeSchema && typeSchema !== cur ? typeSchema.description : undefined;
    out += descriptionBlock([cur.description ?? '', typeDesc ?? '']);
    out += fieldsBlock(doc, cur, recursive);
  } else {
    out += descriptionBlock([doc.resolve(root).description ?? '']);
    out += fieldsBlock(doc, root, recursive);
  }
  k.out(out + '\n');
  return 0;
}
