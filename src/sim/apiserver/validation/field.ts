/**
 * Field errors rendered exactly as apimachinery pkg/util/validation/field/errors.go does (Error.Error():
 * `<path>: <type>[: <value>][: <detail>]`). Values follow ErrorBody's formatting: strings %q, numbers and
 * booleans %v, other Go values %#v (e.g. `map[string]string{"app":"x"}`), which callers pass as goValue().
 */
import type { FieldError, FieldErrorType } from './types';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotFound: 'Not found',
};

/** A value already rendered the way Go's %#v prints it. */
export interface GoValue {
  go: string;
}

export const goValue = (go: string): GoValue => ({ go });

/** Go's strconv.Quote for the usual cases (JSON escaping agrees for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\x7f');
}

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`; nil prints `(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): GoValue {
  if (m === undefined || m === null) return goValue('map[string]string(nil)');
  return goValue(`map[string]string{${Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`);
}

/** %#v of a []string. */
export function goStringSlice(l: string[] | undefined | null): GoValue {
  if (l === undefined || l === null) return goValue('[]string(nil)');
  return goValue(`[]string{${l.map((s) => goQuote(String(s))).join(', ')}}`);
}

function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && 'go' in (v as object)) return (v as GoValue).go;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function make(type: FieldErrorType, field: string, value: unknown, detail: string, withValue: boolean): FieldError {
  let body = TYPE_TEXT[type];
  if (withValue) body += `: ${renderValue(value)}`;
  if (detail) body += `: ${detail}`;
  const e: FieldError = { type, field, message: `${field}: ${body}`, detail };
  if (withValue) e.value = typeof value === 'object' && value !== null && 'go' in value ? (value as GoValue).go : value;
  return e;
}

export const required = (field: string, detail = '') => make('FieldValueRequired', field, undefined, detail, false);
export const invalid = (field: string, value: unknown, detail: string) => make('FieldValueInvalid', field, value, detail, true);
export const forbidden = (field: string, detail: string) => make('FieldValueForbidden', field, undefined, detail, false);
export const duplicate = (field: string, value: unknown) => make('FieldValueDuplicate', field, value, '', true);
export const notFound = (field: string, value: unknown) => make('FieldValueNotFound', field, value, '', true);
export const tooLong = (field: string, maxLength: number) => make('FieldValueTooLong', field, undefined, `may not be more than ${maxLength} bytes`, false);
export const tooMany = (field: string, actual: number, max: number) => make('FieldValueTooMany', field, actual, `must have at most ${max} items`, true);

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: unknown, valid: string[]): FieldError {
  const detail = valid.length > 0 ? `supported values: ${valid.map((v) => goQuote(v)).join(', ')}` : '';
  return make('FieldValueNotSupported', field, value, detail, true);
}

/** Field path helpers: child('spec','replicas'), index(path, 0), key(path, 'cpu'). */
export const child = (path: string, ...names: string[]) => [path, ...names].filter(Boolean).join('.');
export const index = (path: string, i: number) => `${path}[${i}]`;
export const key = (path: string, k: string) => `${path}[${k}]`;
