/**
 * `-o` printers for full objects (cli-runtime pkg/printers: yaml, json, name, jsonpath, custom-columns).
 * A single named object prints as itself; anything else is wrapped as `kind: List`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { KubectlError } from '../cli/errors';
import { toYaml } from './yaml';
import { toCompactJson, toJson } from './json';
import { jsonPath } from './jsonpath-load';
import { tabify, TABLE_TABS } from './tabwriter';
import type { GoTemplate } from './gotemplate';
import { goTemplateEngine } from './gotemplate/load';

export const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
/** Commands that print objects through PrintFlags without the human-readable printer (create, apply, …). */
export const GENERIC_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'go-template'; template: GoTemplate; missingKeyError: boolean };

/** --template and --allow-missing-template-keys, for the commands that have them. */
export interface TemplateFlags {
  template: string;
  allowMissingKeys: boolean;
}

/** The template flags of a parsed command line (absent flags read as their defaults). */
export function templateFlags(f: { str(n: string): string; bool(n: string): boolean; p: { values: Map<string, unknown> } }): TemplateFlags {
  return { template: f.str('template'), allowMissingKeys: f.p.values.has('allow-missing-template-keys') ? f.bool('allow-missing-template-keys') : true };
}

/** A printer's failure after it wrote part of its output: `stdout` goes out before the error. */
export class PrinterError extends KubectlError {
  constructor(
    message: string,
    readonly stdout: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

/** The output a failed printer wrote before its error, which goes to stdout first; undefined for other errors. */
export function printerErrorOutput(e: unknown): string | undefined {
  return e instanceof PrinterError ? e.stdout : undefined;
}

const GO_TEMPLATE_FORMATS = ['template', 'go-template', 'go-template-file', 'templatefile'];

export function parseOutput(o: string, readFile?: (p: string) => string, generic = false, tf?: TemplateFlags): OutputFormat {
  // a --template without -o means go-template (cli-runtime print_flags.go); with a template -o it is the
  // template (or, for the -file formats, the file to read) and wins over a value after `=`
  if (tf?.template && o === '') o = 'go-template';
  if (o === '') return { kind: 'table', wide: false };
  const bad = () => new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${generic ? GENERIC_FORMATS : ALLOWED_FORMATS}`);
  if (o === 'wide') {
    if (generic) throw bad();
    return { kind: 'table', wide: true };
  }
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : '';
  if (GO_TEMPLATE_FORMATS.includes(name)) return goTemplateFormat(name, tf?.template || arg, readFile, tf?.allowMissingKeys ?? true);
  if (name === 'jsonpath' || name === 'jsonpath-as-json' || name === 'jsonpath-file') {
    const source = tf?.template || arg;
    if (!source) throw new KubectlError('template format specified but no template given');
    const template = name === 'jsonpath-file' && readFile ? readFile(source) : source;
    return { kind: 'jsonpath', template, asJson: name === 'jsonpath-as-json' };
  }
  if ((name === 'custom-columns' || name === 'custom-columns-file') && !generic) {
    if (!arg) throw new KubectlError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: name === 'custom-columns-file' && readFile ? readFile(arg).trim() : arg };
  }
  throw bad();
}

/** GoTemplatePrintFlags.ToPrinter: read the file for the -file formats, parse, or fail with kubectl's text. */
function goTemplateFormat(name: string, value: string, readFile: ((p: string) => string) | undefined, allowMissingKeys: boolean): OutputFormat {
  if (!value) throw new KubectlError('template format specified but no template given');
  let text = value;
  if (name === 'templatefile' || name === 'go-template-file') {
    try {
      text = readFile ? readFile(value) : value;
    } catch {
      throw new KubectlError(`error reading --template ${value}, open ${value}: no such file or directory`);
    }
  }
  const engine = goTemplateEngine();
  if (!engine) throw new KubectlError('the go-template printer is not loaded');
  try {
    return { kind: 'go-template', template: engine.GoTemplate.parse(text), missingKeyError: !allowMissingKeys };
  } catch (e) {
    if (engine.isParseError(e)) throw new KubectlError(`error parsing template ${text}, ${e.message}`);
    throw e;
  }
}

/** Go's json.Marshal of an object: typed objects (generated client-side) in field order, unstructured ones sorted. */
function marshal(v: unknown, typed: boolean): string {
  return toCompactJson(v, !typed);
}

/** Round-trips an object through JSON, as kubectl does before handing it to the template. */
function templateData(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

export function asList(objs: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } } as unknown as KubeObject;
}

/** Prints full objects in a non-table format. `qualifiedName` gives `-o name` its `kind.group/name`. */
export function printObjects(objs: KubeObject[], fmt: OutputFormat, single: boolean, qualifiedName: (o: KubeObject) => string, typed = false): string {
  const data = single && objs.length === 1 ? objs[0] : asList(objs);
  switch (fmt.kind) {
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data, '    ', '', !typed) + '\n';
    case 'name':
      return objs.map((o) => qualifiedName(o) + '\n').join('');
    case 'jsonpath':
      try {
        if (fmt.asJson) return toJson(findAll(fmt.template, data)) + '\n';
        return jsonPath().executeJsonPath(fmt.template, data);
      } catch (e) {
        if (e instanceof jsonPath().JsonPathError) throw new KubectlError(`error parsing jsonpath ${fmt.template}, ${e.message}`);
        throw e;
      }
    case 'custom-columns':
      return customColumns(fmt.spec, single && objs.length === 1 ? [objs[0]] : objs);
    case 'go-template': {
      const r = fmt.template.print(templateData(data), marshal(data, typed), fmt.missingKeyError);
      if (r.error !== undefined) throw new PrinterError(r.error, r.stdout);
      return r.stdout;
    }
    default:
      return '';
  }
}

function findAll(template: string, data: unknown): unknown[] {
  return jsonPath().findValues(template, data);
}

/** Go's %v for values a custom column finds. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

export function parseCustomColumns(spec: string): { header: string; path: string }[] {
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: part.slice(i + 1) };
  });
}

export function customColumns(spec: string, objs: KubeObject[], noHeaders = false): string {
  const cols = parseCustomColumns(spec);
  const { findValues, valueText } = jsonPath();
  let text = noHeaders ? '' : cols.map((c) => c.header).join('\t') + '\n';
  for (const o of objs) {
    const cells = cols.map((c) => {
      let vals: unknown[];
      try {
        vals = findValues(c.path, o);
      } catch (e) {
        throw new KubectlError(`error parsing jsonpath ${c.path}, ${(e as Error).message}`);
      }
      if (!vals.length) return '<none>';
      return vals.map((v) => (typeof v === 'object' && v !== null ? goValue(v) : valueText(v))).join(',');
    });
    text += cells.join('\t') + '\n';
  }
  return tabify(text, TABLE_TABS);
}
