/**
 * JSON as kubectl prints it (encoding/json MarshalIndent, 4 spaces, map keys in byte order, `<`, `>`, `&`
 * escaped as \u003c, \u003e, \u0026), plus the compact form used in jsonpath output and annotations.
 */
function escape(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Indented JSON. `sort` false keeps insertion order: typed objects (create/run --dry-run=client -o json)
 * print in Go struct field order, unstructured ones (anything read from the server) with sorted keys.
 */
export function toJson(v: unknown, indent = '    ', prefix = '', sort = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escape(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[\n${v.map((x) => inner + toJson(x, indent, inner, sort)).join(',\n')}\n${prefix}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = sort ? sortKeys(o) : Object.keys(o).filter((k) => o[k] !== undefined);
  if (!keys.length) return '{}';
  return `{\n${keys.map((k) => `${inner}${escape(k)}: ${toJson(o[k], indent, inner, sort)}`).join(',\n')}\n${prefix}}`;
}

/** Compact JSON with sorted keys (json.Marshal of a map); `sort` false keeps a typed object's field order. */
export function toCompactJson(v: unknown, sort = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escape(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => toCompactJson(x, sort)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = sort ? sortKeys(o) : Object.keys(o).filter((k) => o[k] !== undefined);
  return `{${keys.map((k) => `${escape(k)}:${toCompactJson(o[k], sort)}`).join(',')}}`;
}
