/**
 * The compact text form of the field schema in data/types.json (written by scripts/gen-schema.mjs, read once
 * when the API server module loads). It ships in the browser's terminal chunk, so it avoids JSON's per-field
 * keys and the Go type names the decoder can derive:
 *
 *   io.k8s.api.apps.v1.Deployment apps/v1/Deployment      a definition (and its group/version/kind, if a kind)
 *    replicas integer                                     a field: name, type
 *    containers []io.k8s.api.core.v1.Container||r|merge|name|map|name
 *                                                          …|Go type|required|patchStrategy|patchMergeKey|listType|listMapKeys
 *
 * The Go type is left empty when it is what goTypeOf(type) gives; trailing empty parts are dropped.
 */
import type { DefinitionSchema, FieldSchema } from './index';

/** The Go type the decoder reports for a schema type when the generated data names none (k8s.io/api conventions). */
export function goTypeOf(t: string): string {
  if (t.startsWith('[]')) return `[]${goTypeOf(t.slice(2))}`;
  if (t.startsWith('{}')) return `map[string]${goTypeOf(t.slice(2))}`;
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
      return 'int32';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'Time':
      return 'v1.Time';
    case 'MicroTime':
      return 'v1.MicroTime';
    case 'object':
      return 'interface {}';
    default:
      return `v1.${t.slice(t.lastIndexOf('.') + 1)}`;
  }
}

export interface SchemaTables {
  /** `<group>/<version>/<Kind>` → definition name. */
  kinds: Record<string, string>;
  types: Record<string, DefinitionSchema>;
}

export function encodeSchema(types: Record<string, DefinitionSchema>): string {
  const lines: string[] = [];
  for (const [name, def] of Object.entries(types)) {
    lines.push(def.k ? `${name} ${def.k.join('/')}` : name);
    for (const [field, f] of Object.entries(def.f)) {
      const parts = [f.t, f.g === undefined || f.g === goTypeOf(f.t) ? '' : f.g, f.r ? 'r' : '', f.ps ?? '', f.pk ?? '', f.lt ?? '', (f.lk ?? []).join(',')];
      while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      lines.push(` ${field} ${parts.join('|')}`);
    }
  }
  return lines.join('\n');
}

export function decodeSchema(text: string): SchemaTables {
  const kinds: Record<string, string> = {};
  const types: Record<string, DefinitionSchema> = {};
  let current: DefinitionSchema | undefined;
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (line[0] !== ' ') {
      const [name, gvk] = line.split(' ');
      current = { f: {} };
      if (gvk) {
        const [group, version, kind] = gvk.split('/');
        current.k = [group, version, kind];
        kinds[gvk] = name;
      }
      types[name] = current;
      continue;
    }
    const sp = line.indexOf(' ', 1);
    const [t, g, r, ps, pk, lt, lk] = line.slice(sp + 1).split('|');
    const f: FieldSchema = { t };
    if (r) f.r = 1;
    if (ps) f.ps = ps;
    if (pk) f.pk = pk;
    if (lt) f.lt = lt;
    if (lk) f.lk = lk.split(',');
    if (g) f.g = g;
    current!.f[line.slice(1, sp)] = f;
  }
  return { kinds, types };
}
