/**
 * The template's functions: Go's builtins (text/template/funcs.go, Go 1.23) and the two kubectl adds
 * (k8s.io/cli-runtime/pkg/printers/template.go: `exists` and `base64decode`). Each declares its Go
 * signature, because argument checking and the "wrong number of args" text depend on it.
 * A function throws FuncError; the executor reports it as `error calling <name>: <message>`.
 */
import { sprint, sprintf, sprintln } from './fmt';
import { GoNum, isInt, isMap, numKind, numValue, truth, typeName } from './values';

export class FuncError extends Error {}

/** How the executor prepares an argument: a reflect.Value, an `any`, or a string. */
export type ParamType = 'value' | 'any' | 'string';

export interface GoFunc {
  params: ParamType[];
  /** The last parameter is variadic (`...`). */
  variadic: boolean;
  call(args: unknown[]): unknown;
}

/** Values the executor passes for reflect.Value parameters: undefined is the zero Value, null a nil interface. */

const ZERO_TYPE_PANIC = 'reflect: call of reflect.Value.Type on zero Value';

function length(item: unknown): GoNum {
  if (item === null) throw new FuncError('len of nil pointer');
  if (item === undefined) throw new FuncError(ZERO_TYPE_PANIC);
  if (typeof item === 'string') return new GoNum('int', new TextEncoder().encode(item).length);
  if (Array.isArray(item)) return new GoNum('int', item.length);
  if (isMap(item)) return new GoNum('int', Object.keys(item).filter((k) => item[k] !== undefined).length);
  throw new FuncError(`len of type ${typeName(item)}`);
}

function indexArg(index: unknown, cap: number): number {
  if (index === null || index === undefined) throw new FuncError('cannot index slice/array with nil');
  if (!isInt(index)) throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  const x = numValue(index);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new FuncError('index of untyped nil');
  for (const idx of indexes) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const bytes = typeof item === 'string' ? new TextEncoder().encode(item) : null;
      const len = bytes ? bytes.length : (item as unknown[]).length;
      const x = indexArg(idx, len);
      if (x >= len) throw new FuncError(bytes ? 'reflect: string index out of range' : 'reflect: slice index out of range');
      item = bytes ? new GoNum('uint8', bytes[x]) : (item as unknown[])[x];
    } else if (isMap(item)) {
      if (idx === null || idx === undefined) item = null;
      else if (typeof idx !== 'string') throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      else item = idx in item && item[idx] !== undefined ? item[idx] : null;
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: unknown, indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = new TextEncoder().encode(item).length;
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return new TextDecoder().decode(new TextEncoder().encode(item).slice(idx[0], idx[1]));
  return item.slice(idx[0], idx[1]);
}

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string';
function basicKind(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  const k = numKind(v);
  if (k === 'float64') return 'float';
  if (k) return 'int';
  return 'invalid';
}

const BAD_COMPARISON = 'incompatible types for comparison';
const BAD_COMPARISON_TYPE = 'invalid type for comparison';

function eq(arg1: unknown, rest: unknown[]): boolean {
  if (!rest.length) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  const valid1 = arg1 !== null && arg1 !== undefined;
  for (const arg of rest) {
    const k2 = basicKind(arg);
    const valid2 = arg !== null && arg !== undefined;
    let t = false;
    if (k1 !== k2) {
      if (valid1 && valid2) throw new FuncError(BAD_COMPARISON);
    } else if (k1 === 'invalid') {
      // maps, slices, nil: only nil compares
      if (valid1 && valid2) {
        const kindOf = (v: unknown) => (Array.isArray(v) ? 'slice' : 'map');
        if (kindOf(arg1) !== kindOf(arg)) throw new FuncError(`non-comparable types ${sprint([arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprint([arg])}`);
        throw new FuncError(`non-comparable type ${sprint([arg])}: ${typeName(arg)}`);
      }
      t = valid1 === valid2;
    } else t = numKind(arg1) ? numValue(arg1) === numValue(arg) : arg1 === arg;
    if (t) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new FuncError(BAD_COMPARISON_TYPE);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new FuncError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new FuncError(BAD_COMPARISON);
  if (k1 === 'bool') throw new FuncError(BAD_COMPARISON_TYPE);
  if (k1 === 'string') return (a as string) < (b as string);
  return numValue(a) < numValue(b);
}
const le = (a: unknown, b: unknown) => lt(a, b) || eq(a, [b]);

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const special: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (special[c]) out += special[c];
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(c)) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += c;
  }
  return out;
}

/** url.QueryEscape: unreserved bytes stay, space becomes +, the rest %XX. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** evalArgs: a single string argument as is, anything else through Sprint. */
const evalArgs = (args: unknown[]) => (args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args));

/**
 * base64.StdEncoding.DecodeString (encoding/base64 decodeQuantum): padding is required, newlines are
 * skipped, and a CorruptInputError names the byte offset Go reports.
 */
function base64decode(src: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const corrupt = (at: number) => new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  const bytes: number[] = [];
  const nl = (c: string | undefined) => c === '\n' || c === '\r';
  let si = 0;
  for (;;) {
    const buf: number[] = [];
    let dlen = 4;
    let trailing = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new TextDecoder().decode(new Uint8Array(bytes));
        throw corrupt(si - j);
      }
      const c = src[si++];
      const d = alphabet.indexOf(c);
      if (d >= 0) {
        buf.push(d);
        continue;
      }
      if (nl(c)) {
        j--;
        continue;
      }
      if (c !== '=') throw corrupt(si - 1);
      if (j < 2) throw corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && nl(src[si])) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== '=') throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && nl(src[si])) si++;
      if (si < src.length) throw corrupt(si);
      dlen = j;
      trailing = true;
      break;
    }
    const v = (buf[0] << 18) | (buf[1] << 12) | ((buf[2] ?? 0) << 6) | (buf[3] ?? 0);
    bytes.push((v >> 16) & 0xff);
    if (dlen > 2) bytes.push((v >> 8) & 0xff);
    if (dlen > 3) bytes.push(v & 0xff);
    if (trailing) return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

/** kubectl's exists: whether `index item i…` would find something non-nil. */
function exists(item: unknown, indices: unknown[]): boolean {
  let v = item;
  for (const i of indices) {
    if (v === null || v === undefined) return false;
    if (typeof v === 'string' || Array.isArray(v)) {
      if (!isInt(i)) return false;
      const x = numValue(i);
      const len = typeof v === 'string' ? new TextEncoder().encode(v).length : v.length;
      if (x < 0 || x >= len) return false;
      v = typeof v === 'string' ? new GoNum('uint8', new TextEncoder().encode(v)[x]) : v[x];
    } else if (isMap(v)) {
      if (typeof i !== 'string') return false;
      v = v[i] === undefined ? null : v[i];
    } else return false;
  }
  return v !== null && v !== undefined;
}

const fn = (params: ParamType[], variadic: boolean, call: (args: unknown[]) => unknown): GoFunc => ({ params, variadic, call });

export const FUNCS: Record<string, GoFunc> = {
  and: fn(['value', 'value'], true, () => undefined), // short-circuits in the executor
  or: fn(['value', 'value'], true, () => undefined),
  // the executor passes the callee's text first (exec.go evalCall special-cases call)
  call: fn(['value', 'value'], true, ([name, f]) => {
    if (f === null || f === undefined) throw new FuncError('call of nil');
    throw new FuncError(`non-function ${name} of type ${typeName(f)}`);
  }),
  html: fn(['any'], true, (a) => htmlEscape(evalArgs(a))),
  index: fn(['value', 'value'], true, ([item, ...rest]) => index(item, rest)),
  slice: fn(['value', 'value'], true, ([item, ...rest]) => slice(item, rest)),
  js: fn(['any'], true, (a) => jsEscape(evalArgs(a))),
  len: fn(['value'], false, ([a]) => length(a)),
  not: fn(['value'], false, ([a]) => !truth(a)),
  print: fn(['any'], true, (a) => sprint(a)),
  printf: fn(['string', 'any'], true, ([f, ...a]) => sprintf(f as string, a)),
  println: fn(['any'], true, (a) => sprintln(a)),
  urlquery: fn(['any'], true, (a) => queryEscape(evalArgs(a))),
  eq: fn(['value', 'value'], true, ([a, ...b]) => eq(a, b)),
  ne: fn(['value', 'value'], false, ([a, b]) => !eq(a, [b])),
  lt: fn(['value', 'value'], false, ([a, b]) => lt(a, b)),
  le: fn(['value', 'value'], false, ([a, b]) => le(a, b)),
  gt: fn(['value', 'value'], false, ([a, b]) => !le(a, b)),
  ge: fn(['value', 'value'], false, ([a, b]) => !lt(a, b)),
  exists: fn(['any', 'any'], true, ([item, ...rest]) => exists(item, rest)),
  base64decode: fn(['string'], false, ([s]) => base64decode(s as string)),
};

export const FUNC_NAMES = new Set(Object.keys(FUNCS));
