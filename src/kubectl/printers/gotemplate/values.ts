/**
 * The Go values a template sees. kubectl hands the template the object decoded by apimachinery's
 * util/json (pkg/util/json/json.go: integral JSON numbers become int64, others float64), so a plain JS
 * number is an int64 when integral and a float64 otherwise. Values the template makes itself (constants,
 * `len`, range indexes) are Go `int` or `float64` and are boxed in GoNum so messages name the right type
 * (`%!f(int=1)` vs `%!f(int64=1)`, "incompatible types for comparison").
 * `undefined` is Go's invalid reflect.Value (a missing map key: printed `<no value>`); `null` is a nil interface.
 */

export class GoNum {
  constructor(
    readonly kind: 'int' | 'uint8' | 'float64',
    readonly v: number,
  ) {}
}

export type NumKind = 'int' | 'uint8' | 'int64' | 'float64';

export function numKind(v: unknown): NumKind | undefined {
  if (v instanceof GoNum) return v.kind;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return undefined;
}

export function numValue(v: unknown): number {
  return v instanceof GoNum ? v.v : (v as number);
}

export const isInt = (v: unknown) => {
  const k = numKind(v);
  return k === 'int' || k === 'int64' || k === 'uint8';
};

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoNum);
}

/** reflect.Type.String() of a value, as fmt and template errors print it. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  const k = numKind(v);
  if (k) return k;
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Map keys in Go's sorted order (fmtsort: strings by bytes). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go template truth (exec.go isTrue): empty strings, maps and slices, zero numbers, false and nil are false. */
export function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (numKind(v)) return numValue(v) !== 0;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).length > 0;
}
