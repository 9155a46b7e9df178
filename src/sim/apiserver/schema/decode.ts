/**
 * The errors the API server's JSON decoder (sigs.k8s.io/json, i.e. encoding/json semantics) reports before
 * anything else looks at a body: a value of the wrong JSON type for its Go field —
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32` (the innermost
 * struct's Go name, then the field path without list indices or map keys) — and resource quantities that do not
 * parse. Go keeps the first such error in document order. The server wraps it as
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>` (400 BadRequest).
 */
import { definition, definitionFor, type FieldSchema } from './index';
import { goTypeOf } from './encoding';
import { QUANTITY_FORMAT_ERROR, quantityParseError } from '../validation/quantity';

export const QUANTITY_ERROR = QUANTITY_FORMAT_ERROR;

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function shortName(def: string): string {
  return def.slice(def.lastIndexOf('.') + 1);
}

class DecodeError extends Error {}

function check(t: string, goType: string, value: unknown, struct: string, path: string): void {
  if (value === null || value === undefined) return;
  const kind = jsonKind(value);
  const fail = (what = kind) => {
    throw new DecodeError(`json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${goType}`);
  };
  if (t.startsWith('[]')) {
    if (kind !== 'array') {
      // encoding/json decodes a base64 string into []byte fields; everything else must be an array.
      if (goType === '[]byte' && kind === 'string') return;
      fail();
    }
    const el = t.slice(2);
    const elGo = goType.startsWith('[]') ? goType.slice(2) : goTypeOf(el);
    for (const v of value as unknown[]) check(el, elGo, v, struct, path);
    return;
  }
  if (t.startsWith('{}')) {
    if (kind !== 'object') fail();
    const el = t.slice(2);
    const elGo = goType.startsWith('map[string]') ? goType.slice('map[string]'.length) : goTypeOf(el);
    for (const v of Object.values(value as Record<string, unknown>)) check(el, elGo, v, struct, path);
    return;
  }
  switch (t) {
    case 'string':
    case 'Time':
    case 'MicroTime':
      if (kind !== 'string') fail();
      return;
    case 'integer':
      if (kind !== 'number') fail();
      if (!Number.isInteger(value)) fail(`number ${String(value)}`);
      return;
    case 'number':
      if (kind !== 'number') fail();
      return;
    case 'boolean':
      if (kind !== 'bool') fail();
      return;
    case 'Quantity': {
      // Quantity.UnmarshalJSON: a JSON number or string, trimmed, through resource.ParseQuantity.
      if (kind !== 'number' && kind !== 'string') throw new DecodeError(QUANTITY_ERROR);
      const err = kind === 'string' ? quantityParseError((value as string).trim()) : undefined;
      if (err) throw new DecodeError(err);
      return;
    }
    case 'IntOrString':
    case 'object':
      return;
  }
  const def = definition(t);
  if (!def) return;
  if (kind !== 'object') fail();
  const name = shortName(t);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const f: FieldSchema | undefined = def.f[k];
    if (!f) continue;
    check(f.t, f.g ?? goTypeOf(f.t), v, name, path ? `${path}.${k}` : k);
  }
}

/** The decoder's first error for this body, or undefined when it decodes. */
export function findDecodeError(group: string, version: string, kind: string, obj: unknown): string | undefined {
  const def = definitionFor(group, version, kind);
  if (!def || typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  try {
    check(def, `v1.${kind}`, obj, kind, '');
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  return undefined;
}
