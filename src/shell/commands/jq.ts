/**
 * jq 1.7 subset, what verify scripts and tutorials use: paths (.a.b, .[0], .["k"], .[], .[]?, slices), pipes,
 * `,`, `//`, and/or/not, comparisons, arithmetic, literals, arrays/objects, string interpolation, `as $x`,
 * if/elif/else, try/catch, reduce, select/map/keys/length/has/… and @base64/@base64d/@csv/@tsv/@json/@text/@sh.
 * Options: -r -j -c -e -n -s -S --arg --argjson --tab --indent. Errors read like jq's:
 * `jq: error (at <stdin>:0): Cannot index array with "foo"` (exit 5), compile errors exit 3, bad JSON exit 2.
 */
import type { Program } from '../types';
import { base64Decode, base64Encode } from './text';
import { readInput } from './util';

type J = unknown;
type Node =
  | { t: 'identity' }
  | { t: 'recurse' }
  | { t: 'field'; of: Node; name: string; opt: boolean }
  | { t: 'index'; of: Node; idx: Node; opt: boolean }
  | { t: 'slice'; of: Node; from?: Node; to?: Node; opt: boolean }
  | { t: 'iter'; of: Node; opt: boolean }
  | { t: 'lit'; v: J }
  | { t: 'str'; parts: (string | Node)[]; format?: string }
  | { t: 'format'; name: string }
  | { t: 'array'; body?: Node }
  | { t: 'object'; entries: { key: Node | string; value?: Node }[] }
  | { t: 'pipe'; l: Node; r: Node }
  | { t: 'comma'; l: Node; r: Node }
  | { t: 'alt'; l: Node; r: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'and' | 'or'; l: Node; r: Node }
  | { t: 'neg'; of: Node }
  | { t: 'var'; name: string }
  | { t: 'as'; src: Node; name: string; body: Node }
  | { t: 'if'; cond: Node; then: Node; elifs: { cond: Node; then: Node }[]; else?: Node }
  | { t: 'try'; body: Node; catch?: Node }
  | { t: 'reduce'; src: Node; name: string; init: Node; update: Node }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'assign'; op: string; l: Node; r: Node }
  | { t: 'opt'; of: Node }
  | { t: 'def'; name: string; params: string[]; body: Node; rest: Node };

export class JqError extends Error {
  constructor(
    message: string,
    readonly value?: J,
  ) {
    super(message);
  }
}
class JqCompileError extends Error {}

// ---------- lexer ----------
type Tok = { k: 'num' | 'str' | 'ident' | 'field' | 'var' | 'op' | 'format' | 'eof'; v: string; parts?: (string | Tok[])[] };

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const parts: (string | Tok[])[] = [];
      let cur = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new JqCompileError('syntax error, unexpected end of file, unterminated string');
        const d = src[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const n = src[i + 1];
          if (n === '(') {
            // string interpolation: lex up to the matching paren
            let depth = 1;
            let j = i + 2;
            for (; j < src.length && depth; j++) {
              if (src[j] === '(') depth++;
              else if (src[j] === ')') depth--;
              else if (src[j] === '"') {
                j++;
                while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
              }
            }
            if (cur) parts.push(cur);
            cur = '';
            parts.push(lex(src.slice(i + 2, j - 1)));
            i = j;
            continue;
          }
          const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', '/': '/', '"': '"' };
          if (Object.hasOwn(esc, n)) cur += esc[n];
          else if (n === 'u') {
            cur += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 4;
          } else throw new JqCompileError(`syntax error, invalid escape \\${n}`);
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (cur || !parts.length) parts.push(cur);
      toks.push({ k: 'str', v: '', parts });
      continue;
    }
    const num = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num && !(c === '.' && toks.length && false)) {
      if (c !== '.' || /\d/.test(src[i + 1] ?? '')) {
        toks.push({ k: 'num', v: num[0] });
        i += num[0].length;
        continue;
      }
    }
    if (c === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1))!;
      toks.push({ k: 'field', v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === '.' && src[i + 1] === '"') {
      toks.push({ k: 'op', v: '.' });
      i++;
      continue;
    }
    if (c === '$') {
      const m = /^\$(__loc__|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw new JqCompileError('syntax error, unexpected INVALID_CHARACTER');
      toks.push({ k: 'var', v: m[1] });
      i += m[0].length;
      continue;
    }
    if (c === '@') {
      const m = /^@[A-Za-z0-9_]+/.exec(src.slice(i));
      if (!m) throw new JqCompileError('syntax error, unexpected INVALID_CHARACTER');
      toks.push({ k: 'format', v: m[0] });
      i += m[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (id) {
      toks.push({ k: 'ident', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', '|', ',', '+', '-', '*', '/', '%', '<', '>', '=', '(', ')', '[', ']', '{', '}', ':', ';', '.', '?'].find((o) => src.startsWith(o, i));
    if (!op) throw new JqCompileError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  toks.push({ k: 'eof', v: '' });
  return toks;
}

// ---------- parser ----------
class P {
  p = 0;
  constructor(private toks: Tok[]) {}
  peek(o = 0): Tok {
    return this.toks[this.p + o];
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.v === v;
  }
  isKw(v: string): boolean {
    const t = this.peek();
    return t.k === 'ident' && t.v === v;
  }
  fail(): never {
    const t = this.peek();
    throw new JqCompileError(`syntax error, unexpected ${t.k === 'eof' ? 'end of file' : t.k === 'ident' ? `IDENT` : t.k === 'str' ? 'QQSTRING_START' : `'${t.v}'`} (Unix shell quoting issues?)`);
  }
  eat(v: string): void {
    if (!this.isOp(v) && !this.isKw(v)) this.fail();
    this.p++;
  }

  parse(): Node {
    const n = this.pipe();
    if (this.peek().k !== 'eof') this.fail();
    return n;
  }

  pipe(): Node {
    if (this.isKw('def')) {
      this.p++;
      const name = this.peek().v;
      this.p++;
      const params: string[] = [];
      if (this.isOp('(')) {
        this.p++;
        while (!this.isOp(')')) {
          const t = this.peek();
          params.push(t.k === 'var' ? '$' + t.v : t.v);
          this.p++;
          if (this.isOp(';')) this.p++;
        }
        this.p++;
      }
      this.eat(':');
      const body = this.pipe();
      this.eat(';');
      return { t: 'def', name, params, body, rest: this.pipe() };
    }
    let l = this.comma();
    if (this.isKw('as')) {
      this.p++;
      const v = this.peek();
      if (v.k !== 'var') this.fail();
      this.p++;
      this.eat('|');
      return { t: 'as', src: l, name: v.v, body: this.pipe() };
    }
    while (this.isOp('|')) {
      this.p++;
      const r = this.pipe();
      l = { t: 'pipe', l, r };
    }
    return l;
  }

  comma(): Node {
    let l = this.alt();
    while (this.isOp(',')) {
      this.p++;
      l = { t: 'comma', l, r: this.alt() };
    }
    return l;
  }

  alt(): Node {
    const l = this.assign();
    if (this.isOp('//')) {
      this.p++;
      return { t: 'alt', l, r: this.alt() };
    }
    return l;
  }

  assign(): Node {
    const l = this.or();
    const op = ['|=', '=', '+=', '-=', '*=', '/=', '%=', '//='].find((o) => this.isOp(o));
    if (op) {
      this.p++;
      return { t: 'assign', op, l, r: this.alt() };
    }
    return l;
  }

  or(): Node {
    let l = this.and();
    while (this.isKw('or')) {
      this.p++;
      l = { t: 'or', l, r: this.and() };
    }
    return l;
  }

  and(): Node {
    let l = this.cmp();
    while (this.isKw('and')) {
      this.p++;
      l = { t: 'and', l, r: this.cmp() };
    }
    return l;
  }

  cmp(): Node {
    const l = this.add();
    const op = ['==', '!=', '<=', '>=', '<', '>'].find((o) => this.isOp(o));
    if (op) {
      this.p++;
      return { t: 'bin', op, l, r: this.add() };
    }
    return l;
  }

  add(): Node {
    let l = this.mul();
    for (;;) {
      const op = ['+', '-'].find((o) => this.isOp(o));
      if (!op) return l;
      this.p++;
      l = { t: 'bin', op, l, r: this.mul() };
    }
  }

  mul(): Node {
    let l = this.unary();
    for (;;) {
      const op = ['*', '/', '%'].find((o) => this.isOp(o));
      if (!op) return l;
      this.p++;
      l = { t: 'bin', op, l, r: this.unary() };
    }
  }

  unary(): Node {
    if (this.isOp('-')) {
      this.p++;
      return { t: 'neg', of: this.postfix() };
    }
    return this.postfix();
  }

  postfix(): Node {
    let n = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.k === 'field') {
        this.p++;
        n = { t: 'field', of: n, name: t.v, opt: this.optMark() };
      } else if (t.k === 'op' && t.v === '.' && this.peek(1).k === 'str') {
        this.p++;
        const s = this.peek();
        this.p++;
        n = { t: 'field', of: n, name: String(s.parts?.[0] ?? ''), opt: this.optMark() };
      } else if (t.k === 'op' && t.v === '.' && this.peek(1).k === 'op' && this.peek(1).v === '[') {
        this.p++;
      } else if (t.k === 'op' && t.v === '[') {
        n = this.bracket(n);
      } else if (t.k === 'op' && t.v === '?') {
        this.p++;
        n = { t: 'opt', of: n };
      } else if (this.isKw('as') || true) {
        return n;
      }
    }
  }

  optMark(): boolean {
    if (this.isOp('?')) {
      this.p++;
      return true;
    }
    return false;
  }

  bracket(of: Node): Node {
    this.eat('[');
    if (this.isOp(']')) {
      this.p++;
      return { t: 'iter', of, opt: this.optMark() };
    }
    if (this.isOp(':')) {
      this.p++;
      const to = this.pipe();
      this.eat(']');
      return { t: 'slice', of, to, opt: this.optMark() };
    }
    const idx = this.pipe();
    if (this.isOp(':')) {
      this.p++;
      const to = this.isOp(']') ? undefined : this.pipe();
      this.eat(']');
      return { t: 'slice', of, from: idx, to, opt: this.optMark() };
    }
    this.eat(']');
    return { t: 'index', of, idx, opt: this.optMark() };
  }

  primary(): Node {
    const t = this.peek();
    this.p++;
    switch (t.k) {
      case 'num':
        return { t: 'lit', v: Number(t.v) };
      case 'str':
        return this.strNode(t);
      case 'field':
        return { t: 'field', of: { t: 'identity' }, name: t.v, opt: this.optMark() };
      case 'var':
        return { t: 'var', name: t.v };
      case 'format': {
        if (this.peek().k === 'str') {
          const s = this.peek();
          this.p++;
          return { ...(this.strNode(s) as Extract<Node, { t: 'str' }>), format: t.v };
        }
        return { t: 'format', name: t.v };
      }
      case 'ident':
        return this.ident(t.v);
      case 'op':
        switch (t.v) {
          case '.':
            if (this.peek().k === 'str') {
              const s = this.peek();
              this.p++;
              return { t: 'field', of: { t: 'identity' }, name: String(s.parts?.[0] ?? ''), opt: this.optMark() };
            }
            if (this.isOp('[')) return this.bracket({ t: 'identity' });
            return { t: 'identity' };
          case '..':
            return { t: 'recurse' };
          case '(': {
            const n = this.pipe();
            this.eat(')');
            return n;
          }
          case '[': {
            if (this.isOp(']')) {
              this.p++;
              return { t: 'array' };
            }
            const body = this.pipe();
            this.eat(']');
            return { t: 'array', body };
          }
          case '{':
            return this.object();
        }
    }
    this.p--;
    return this.fail();
  }

  strNode(t: Tok): Node {
    return { t: 'str', parts: (t.parts ?? []).map((p) => (typeof p === 'string' ? p : new P([...p]).parse())) };
  }

  object(): Node {
    const entries: { key: Node | string; value?: Node }[] = [];
    while (!this.isOp('}')) {
      const t = this.peek();
      let key: Node | string;
      if (t.k === 'ident' || t.k === 'num') {
        key = t.v;
        this.p++;
      } else if (t.k === 'var') {
        this.p++;
        key = t.v;
        if (!this.isOp(':')) {
          entries.push({ key: t.v, value: { t: 'var', name: t.v } });
          if (this.isOp(',')) this.p++;
          continue;
        }
      } else if (t.k === 'str') {
        this.p++;
        key = this.strNode(t);
      } else if (t.k === 'format' && this.peek(1).k === 'str') {
        this.p++;
        key = this.strNode(this.peek());
        this.p++;
      } else if (t.k === 'op' && t.v === '(') {
        this.p++;
        key = this.pipe();
        this.eat(')');
      } else return this.fail();
      let value: Node | undefined;
      if (this.isOp(':')) {
        this.p++;
        value = this.objValue();
      }
      entries.push({ key, value });
      if (this.isOp(',')) this.p++;
      else if (!this.isOp('}')) this.fail();
    }
    this.p++;
    return { t: 'object', entries };
  }

  objValue(): Node {
    let l = this.alt();
    while (this.isOp('|')) {
      this.p++;
      l = { t: 'pipe', l, r: this.alt() };
    }
    return l;
  }

  ident(name: string): Node {
    switch (name) {
      case 'if': {
        const cond = this.pipe();
        this.eat('then');
        const then = this.pipe();
        const elifs: { cond: Node; then: Node }[] = [];
        let els: Node | undefined;
        for (;;) {
          if (this.isKw('elif')) {
            this.p++;
            const c = this.pipe();
            this.eat('then');
            elifs.push({ cond: c, then: this.pipe() });
          } else if (this.isKw('else')) {
            this.p++;
            els = this.pipe();
            this.eat('end');
            break;
          } else {
            this.eat('end');
            break;
          }
        }
        return { t: 'if', cond, then, elifs, else: els };
      }
      case 'try': {
        const body = this.postfix();
        if (this.isKw('catch')) {
          this.p++;
          return { t: 'try', body, catch: this.postfix() };
        }
        return { t: 'try', body };
      }
      case 'reduce': {
        const src = this.postfix();
        this.eat('as');
        const v = this.peek();
        this.p++;
        this.eat('(');
        const init = this.pipe();
        this.eat(';');
        const update = this.pipe();
        this.eat(')');
        return { t: 'reduce', src, name: v.v, init, update };
      }
      case 'true':
        return { t: 'lit', v: true };
      case 'false':
        return { t: 'lit', v: false };
      case 'null':
        return { t: 'lit', v: null };
      case 'not':
        if (!this.isOp('(')) return { t: 'call', name: 'not', args: [] };
    }
    const args: Node[] = [];
    if (this.isOp('(')) {
      this.p++;
      args.push(this.pipe());
      while (this.isOp(';')) {
        this.p++;
        args.push(this.pipe());
      }
      this.eat(')');
    }
    return { t: 'call', name, args };
  }
}

// ---------- evaluation ----------
type Env = { vars: Map<string, J>; defs: Map<string, { params: string[]; body: Node; env: Env }> };

function typeOf(v: J): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
}

function truthy(v: J): boolean {
  return v !== null && v !== undefined && v !== false;
}

/** jq's short rendering of a value in error messages. */
function errVal(v: J): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > 11 ? s.slice(0, 10) + '...' : s;
}

function order(v: J): number {
  return ['null', 'boolean', 'number', 'string', 'array', 'object'].indexOf(typeOf(v)) + (v === true ? 0.5 : 0);
}

export function compare(a: J, b: J): number {
  const oa = order(a);
  const ob = order(b);
  if (oa !== ob) return oa < ob ? -1 : 1;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (Array.isArray(a)) {
    const bb = b as J[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const c = compare(a[i], bb[i]);
      if (c) return c;
    }
    return a.length - bb.length;
  }
  if (a && typeof a === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b as object).sort();
    const c = compare(ka, kb);
    if (c) return c;
    for (const k of ka) {
      const d = compare((a as Record<string, J>)[k], (b as Record<string, J>)[k]);
      if (d) return d;
    }
  }
  return 0;
}

function index(v: J, k: J, opt: boolean): J[] {
  if (v === null || v === undefined) return [null];
  if (typeof k === 'string') {
    if (v && typeof v === 'object' && !Array.isArray(v)) return [(v as Record<string, J>)[k] ?? null];
    if (opt) return [];
    throw new JqError(`Cannot index ${typeOf(v)} with "${k}"`);
  }
  if (typeof k === 'number') {
    if (Array.isArray(v)) {
      const i = Math.floor(k < 0 ? v.length + k : k);
      return [v[i] ?? null];
    }
    if (opt) return [];
    throw new JqError(`Cannot index ${typeOf(v)} with number`);
  }
  if (opt) return [];
  throw new JqError(`Cannot index ${typeOf(v)} with ${typeOf(k)}`);
}

function tostring(v: J): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function applyFormat(name: string, v: J): string {
  switch (name) {
    case '@text':
      return tostring(v);
    case '@json':
      return JSON.stringify(v);
    case '@base64':
      return base64Encode(tostring(v));
    case '@base64d': {
      const r = base64Decode(tostring(v), true);
      return r.text;
    }
    case '@uri':
      return encodeURIComponent(tostring(v)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    case '@html':
      return tostring(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case '@sh':
      return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? "'" + x.replace(/'/g, "'\\''") + "'" : JSON.stringify(x))).join(' ');
    case '@csv':
    case '@tsv': {
      if (!Array.isArray(v)) throw new JqError(`${typeOf(v)} (${errVal(v)}) cannot be ${name === '@csv' ? 'csv' : 'tsv'}-formatted, only an array can be`);
      return v
        .map((x) => (typeof x === 'string' ? (name === '@csv' ? '"' + x.replace(/"/g, '""') + '"' : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')) : x === null ? '' : String(x)))
        .join(name === '@csv' ? ',' : '\t');
    }
  }
  throw new JqCompileError(`${name.slice(1)} is not a valid format`);
}

function paths(v: J, prefix: J[] = []): J[][] {
  const out: J[][] = [];
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i], ...paths(x, [...prefix, i]));
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k], ...paths(x, [...prefix, k]));
    }
  return out;
}

function getPath(v: J, path: J[]): J {
  let cur = v;
  for (const k of path) {
    if (cur === null || cur === undefined) return null;
    cur = (cur as Record<string, J>)[k as string] ?? null;
  }
  return cur;
}

function setPath(v: J, path: J[], value: J): J {
  if (!path.length) return value;
  const [k, ...rest] = path;
  if (typeof k === 'number') {
    const arr = Array.isArray(v) ? [...v] : v === null || v === undefined ? [] : undefined;
    if (!arr) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const i = k < 0 ? arr.length + k : k;
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, rest, value);
    return arr;
  }
  if (v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v))) throw new JqError(`Cannot index ${typeOf(v)} with "${String(k)}"`);
  const obj = { ...((v as object) ?? {}) } as Record<string, J>;
  obj[k as string] = setPath(obj[k as string] ?? null, rest, value);
  return obj;
}

function deletePaths(v: J, ps: J[][]): J {
  const sorted = [...ps].sort((a, b) => compare(b, a));
  let out = v;
  for (const p of sorted) out = deletePath(out, p);
  return out;
}

function deletePath(v: J, path: J[]): J {
  if (!path.length) return null;
  const [k, ...rest] = path;
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    const i = (k as number) < 0 ? v.length + (k as number) : (k as number);
    if (!rest.length) return v.filter((_, j) => j !== i);
    return v.map((x, j) => (j === i ? deletePath(x, rest) : x));
  }
  const obj = { ...(v as Record<string, J>) };
  if (!rest.length) delete obj[k as string];
  else if (Object.hasOwn(obj, k as string)) obj[k as string] = deletePath(obj[k as string], rest);
  return obj;
}

class Evaluator {
  steps = 0;
  constructor(private readonly envVars: Record<string, string>) {}

  /** Paths a path expression denotes (for assignment, del, paths). */
  paths(n: Node, v: J, env: Env): J[][] {
    switch (n.t) {
      case 'identity':
        return [[]];
      case 'field':
        return this.paths(n.of, v, env).map((p) => [...p, n.name]);
      case 'index':
        return this.paths(n.of, v, env).flatMap((p) => this.eval(n.idx, v, env).map((k) => [...p, k]));
      case 'iter':
        return this.paths(n.of, v, env).flatMap((p) => {
          const x = getPath(v, p);
          if (Array.isArray(x)) return x.map((_, i) => [...p, i]);
          if (x && typeof x === 'object') return Object.keys(x).map((k) => [...p, k]);
          return [];
        });
      case 'pipe':
        return this.paths(n.l, v, env).flatMap((p) => this.paths(n.r, getPath(v, p), env).map((q) => [...p, ...q]));
      case 'comma':
        return [...this.paths(n.l, v, env), ...this.paths(n.r, v, env)];
      case 'recurse':
        return [[], ...paths(v)];
      case 'call':
        if (n.name === 'select') return this.eval(n.args[0], v, env).some(truthy) ? [[]] : [];
        if (n.name === 'empty') return [];
        if (n.name === 'first' && n.args.length === 1) return this.paths(n.args[0], v, env).slice(0, 1);
        break;
      case 'opt':
        try {
          return this.paths(n.of, v, env);
        } catch {
          return [];
        }
    }
    throw new JqError(`Invalid path expression with result ${errVal(this.eval(n, v, env)[0])}`);
  }

  eval(n: Node, v: J, env: Env): J[] {
    if (++this.steps > 5_000_000) throw new JqError('program too expensive');
    switch (n.t) {
      case 'identity':
        return [v];
      case 'recurse':
        return [v, ...paths(v).map((p) => getPath(v, p))];
      case 'field':
        return this.eval(n.of, v, env).flatMap((x) => index(x, n.name, n.opt));
      case 'index':
        return this.eval(n.of, v, env).flatMap((x) => this.eval(n.idx, v, env).flatMap((k) => index(x, k, n.opt)));
      case 'slice':
        return this.eval(n.of, v, env).flatMap((x) => {
          if (x === null) return [null];
          if (typeof x !== 'string' && !Array.isArray(x)) {
            if (n.opt) return [];
            throw new JqError(`Cannot index ${typeOf(x)} with object`);
          }
          const from = n.from ? (this.eval(n.from, v, env)[0] as number) : 0;
          const to = n.to ? (this.eval(n.to, v, env)[0] as number) : x.length;
          return [x.slice(from ?? 0, to ?? x.length)];
        });
      case 'iter':
        return this.eval(n.of, v, env).flatMap((x) => {
          if (Array.isArray(x)) return x;
          if (x && typeof x === 'object') return Object.values(x);
          if (n.opt) return [];
          throw new JqError(`Cannot iterate over ${typeOf(x)}${x === null ? '' : ` (${errVal(x)})`}`);
        });
      case 'lit':
        return [n.v];
      case 'str': {
        let outs: string[] = [''];
        for (const p of n.parts) {
          if (typeof p === 'string') outs = outs.map((o) => o + p);
          else {
            const vals = this.eval(p, v, env);
            outs = outs.flatMap((o) => vals.map((x) => o + (n.format ? applyFormat(n.format, x) : tostring(x))));
          }
        }
        return outs;
      }
      case 'format':
        return [applyFormat(n.name, v)];
      case 'array':
        return [n.body ? this.eval(n.body, v, env) : []];
      case 'object': {
        let objs: Record<string, J>[] = [{}];
        for (const e of n.entries) {
          const keys = typeof e.key === 'string' ? [e.key] : this.eval(e.key, v, env);
          const next: Record<string, J>[] = [];
          for (const o of objs)
            for (const k of keys) {
              if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
              const vals = e.value ? this.eval(e.value, v, env) : typeof e.key === 'string' ? index(v, k, false) : index(v, k, false);
              for (const val of vals) next.push({ ...o, [k]: val });
            }
          objs = next;
        }
        return objs;
      }
      case 'pipe':
        return this.eval(n.l, v, env).flatMap((x) => this.eval(n.r, x, env));
      case 'comma':
        return [...this.eval(n.l, v, env), ...this.eval(n.r, v, env)];
      case 'alt': {
        let left: J[] = [];
        try {
          left = this.eval(n.l, v, env).filter(truthy);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return left.length ? left : this.eval(n.r, v, env);
      }
      case 'and':
        return this.eval(n.l, v, env).flatMap((a) => (!truthy(a) ? [false] : this.eval(n.r, v, env).map(truthy)));
      case 'or':
        return this.eval(n.l, v, env).flatMap((a) => (truthy(a) ? [true] : this.eval(n.r, v, env).map(truthy)));
      case 'neg':
        return this.eval(n.of, v, env).map((x) => {
          if (typeof x !== 'number') throw new JqError(`${typeOf(x)} (${errVal(x)}) cannot be negated`);
          return -x;
        });
      case 'bin':
        return this.eval(n.r, v, env).flatMap((b) => this.eval(n.l, v, env).map((a) => binop(n.op, a, b)));
      case 'var': {
        if (n.name === 'ENV') return [{ ...this.envVars }];
        if (!env.vars.has(n.name)) throw new JqCompileError(`$${n.name} is not defined`);
        return [env.vars.get(n.name)];
      }
      case 'as':
        return this.eval(n.src, v, env).flatMap((x) => this.eval(n.body, v, { ...env, vars: new Map(env.vars).set(n.name, x) }));
      case 'if': {
        return this.eval(n.cond, v, env).flatMap((c) => {
          if (truthy(c)) return this.eval(n.then, v, env);
          if (n.elifs.length) return this.eval({ t: 'if', cond: n.elifs[0].cond, then: n.elifs[0].then, elifs: n.elifs.slice(1), else: n.else }, v, env);
          return n.else ? this.eval(n.else, v, env) : [v];
        });
      }
      case 'try':
        try {
          return this.eval(n.body, v, env);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          return n.catch ? this.eval(n.catch, e.value ?? e.message, env) : [];
        }
      case 'opt':
        try {
          return this.eval(n.of, v, env);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          return [];
        }
      case 'reduce': {
        let acc = this.eval(n.init, v, env);
        for (const x of this.eval(n.src, v, env)) {
          const e2 = { ...env, vars: new Map(env.vars).set(n.name, x) };
          acc = acc.flatMap((a) => this.eval(n.update, a, e2)).slice(-1);
        }
        return acc;
      }
      case 'def': {
        const defs = new Map(env.defs);
        const e2: Env = { ...env, defs };
        defs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: e2 });
        return this.eval(n.rest, v, e2);
      }
      case 'assign': {
        const ps = this.paths(n.l, v, env);
        if (n.op === '|=') {
          let out = v;
          for (const p of ps) {
            const r = this.eval(n.r, getPath(out, p), env);
            out = r.length ? setPath(out, p, r[0]) : deletePath(out, p);
          }
          return [out];
        }
        return this.eval(n.r, v, env).map((rv) => {
          let out = v;
          for (const p of ps) {
            const cur = getPath(out, p);
            const nv = n.op === '=' ? rv : n.op === '//=' ? (truthy(cur) ? cur : rv) : binop(n.op.slice(0, -1), cur, rv);
            out = setPath(out, p, nv);
          }
          return out;
        });
      }
      case 'call':
        return this.call(n, v, env);
    }
  }

  call(n: Extract<Node, { t: 'call' }>, v: J, env: Env): J[] {
    const user = env.defs.get(`${n.name}/${n.args.length}`);
    if (user) {
      const e2: Env = { vars: new Map(user.env.vars), defs: new Map(user.env.defs) };
      user.params.forEach((p, i) => {
        if (p.startsWith('$')) e2.vars.set(p.slice(1), this.eval(n.args[i], v, env)[0]);
        else e2.defs.set(`${p}/0`, { params: [], body: n.args[i], env });
      });
      e2.defs.set(`${n.name}/${n.args.length}`, user);
      return this.eval(user.body, v, e2);
    }
    const a = (i: number, x: J = v) => this.eval(n.args[i], x, env);
    const arity = `${n.name}/${n.args.length}`;
    const arr = (x: J, what: string): J[] => {
      if (!Array.isArray(x)) throw new JqError(`Cannot ${what} ${typeOf(x)}${x === null ? '' : ` (${errVal(x)})`}`);
      return x;
    };
    switch (arity) {
      case 'empty/0':
        return [];
      case 'not/0':
        return [!truthy(v)];
      case 'select/1':
        return a(0).some(truthy) ? [v] : [];
      case 'map/1':
        return [arr(Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : v, 'iterate over').flatMap((x) => a(0, x))];
      case 'map_values/1':
        if (Array.isArray(v)) return [v.map((x) => a(0, x)[0])];
        return [Object.fromEntries(Object.entries((v as object) ?? {}).map(([k, x]) => [k, a(0, x)[0]]))];
      case 'length/0':
        if (v === null) return [0];
        if (typeof v === 'string' || Array.isArray(v)) return [[...(v as string)].length];
        if (typeof v === 'object') return [Object.keys(v as object).length];
        if (typeof v === 'number') return [Math.abs(v)];
        throw new JqError(`boolean (${v}) has no length`);
      case 'utf8bytelength/0':
        return [new TextEncoder().encode(String(v)).length];
      case 'keys/0':
      case 'keys_unsorted/0':
        if (Array.isArray(v)) return [v.map((_, i) => i)];
        if (v && typeof v === 'object') return [n.name === 'keys' ? Object.keys(v).sort() : Object.keys(v)];
        throw new JqError(`${typeOf(v)} (${errVal(v)}) has no keys`);
      case 'values/0':
        return v === null ? [] : [v];
      case 'has/1':
        return a(0).map((k) => (Array.isArray(v) ? typeof k === 'number' && k >= 0 && k < v.length : v && typeof v === 'object' ? Object.prototype.hasOwnProperty.call(v, k as string) : (() => {
          throw new JqError(`Cannot check whether ${typeOf(v)} has a ${typeOf(k)} key`);
        })()));
      case 'in/1':
        return a(0).map((o) => (Array.isArray(o) ? typeof v === 'number' && v < o.length : Object.prototype.hasOwnProperty.call(o ?? {}, v as string)));
      case 'contains/1':
        return a(0).map((b) => contains(v, b));
      case 'inside/1':
        return a(0).map((b) => contains(b, v));
      case 'type/0':
        return [typeOf(v)];
      case 'tostring/0':
        return [tostring(v)];
      case 'tonumber/0': {
        if (typeof v === 'number') return [v];
        const x = Number(v);
        if (typeof v !== 'string' || v.trim() === '' || Number.isNaN(x)) throw new JqError(`Cannot parse '${String(v)}' as JSON`);
        return [x];
      }
      case 'tojson/0':
        return [JSON.stringify(v)];
      case 'fromjson/0':
        try {
          return [JSON.parse(String(v))];
        } catch {
          throw new JqError(`${String(v)} (while parsing '${String(v)}')`);
        }
      case 'ascii_downcase/0':
        return [String(v).toLowerCase()];
      case 'ascii_upcase/0':
        return [String(v).toUpperCase()];
      case 'ltrimstr/1':
        return a(0).map((p) => (typeof v === 'string' && typeof p === 'string' && v.startsWith(p) ? v.slice(p.length) : v));
      case 'rtrimstr/1':
        return a(0).map((p) => (typeof v === 'string' && typeof p === 'string' && p && v.endsWith(p) ? v.slice(0, -p.length) : v));
      case 'trim/0':
      case 'ltrim/0':
      case 'rtrim/0':
        if (typeof v !== 'string') throw new JqError(`${typeOf(v)} (${errVal(v)}) cannot be trimmed`);
        return [n.name === 'trim' ? v.trim() : n.name === 'ltrim' ? v.trimStart() : v.trimEnd()];
      case 'startswith/1':
        return a(0).map((p) => {
          if (typeof v !== 'string' || typeof p !== 'string') throw new JqError('startswith() requires string inputs');
          return v.startsWith(p);
        });
      case 'endswith/1':
        return a(0).map((p) => {
          if (typeof v !== 'string' || typeof p !== 'string') throw new JqError('endswith() requires string inputs');
          return v.endsWith(p);
        });
      case 'split/1':
        return a(0).map((s) => {
          if (typeof v !== 'string') throw new JqError('split input must be a string');
          return s === '' ? [...v] : v.split(String(s));
        });
      case 'join/1':
        return a(0).map((s) => arr(v, 'iterate over').map((x) => (x === null ? '' : typeof x === 'object' ? (() => {
          throw new JqError(`Cannot join with ${typeOf(x)}`);
        })() : String(x))).join(String(s)));
      case 'test/1':
      case 'test/2':
        return a(0).map((re) => regex(String(re), n.args[1] ? String(a(1)[0]) : '').test(String(v)));
      case 'match/1':
      case 'capture/1': {
        const m = regex(String(a(0)[0]), '').exec(String(v));
        if (!m) return [];
        if (n.name === 'capture') return [{ ...(m.groups ?? {}) }];
        return [{ offset: m.index, length: m[0].length, string: m[0], captures: m.slice(1).map((c) => ({ string: c ?? null })) }];
      }
      case 'sub/2':
      case 'gsub/2':
      case 'sub/3':
      case 'gsub/3': {
        const flags = (n.args[2] ? String(a(2)[0]) : '') + (n.name === 'gsub' ? 'g' : '');
        const re = regex(String(a(0)[0]), flags);
        return [String(v).replace(re, (...m) => {
          const groups = typeof m[m.length - 1] === 'object' ? (m[m.length - 1] as Record<string, string>) : {};
          return String(a(1, groups)[0]);
        })];
      }
      case 'ascii/0':
        return [String.fromCharCode(v as number)];
      case 'explode/0':
        return [[...String(v)].map((c) => c.codePointAt(0)!)];
      case 'implode/0':
        return [String.fromCodePoint(...(v as number[]))];
      case 'add/0': {
        const xs = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
        return [xs.reduce((acc: J, x) => (acc === null ? x : binop('+', acc, x)), null)];
      }
      case 'any/0':
        return [arr(v, 'iterate over').some(truthy)];
      case 'all/0':
        return [arr(v, 'iterate over').every(truthy)];
      case 'any/1':
        return [arr(v, 'iterate over').some((x) => a(0, x).some(truthy))];
      case 'all/1':
        return [arr(v, 'iterate over').every((x) => a(0, x).every(truthy))];
      case 'any/2':
        return [a(0).some((x) => a(1, x).some(truthy))];
      case 'all/2':
        return [a(0).every((x) => a(1, x).every(truthy))];
      case 'range/1':
      case 'range/2': {
        const [from, to] = n.args.length === 1 ? [0, a(0)[0] as number] : [a(0)[0] as number, a(1)[0] as number];
        const out: J[] = [];
        for (let i = from; i < to && out.length < 1_000_000; i++) out.push(i);
        return out;
      }
      case 'first/0':
        return [arr(v, 'index')[0] ?? null];
      case 'last/0':
        return [arr(v, 'index').slice(-1)[0] ?? null];
      case 'first/1':
        return a(0).slice(0, 1);
      case 'last/1':
        return a(0).slice(-1);
      case 'limit/2': {
        const k = a(0)[0] as number;
        return k <= 0 ? [] : a(1).slice(0, k);
      }
      case 'nth/1':
        return [arr(v, 'index')[a(0)[0] as number] ?? null];
      case 'reverse/0':
        return [typeof v === 'string' ? [...v].reverse().join('') : v === null ? [] : [...arr(v, 'reverse')].reverse()];
      case 'sort/0':
        return [[...arr(v, 'sort')].sort(compare)];
      case 'sort_by/1':
        return [[...arr(v, 'sort')].map((x) => ({ x, k: a(0, x) })).sort((p, q) => compare(p.k, q.k)).map((p) => p.x)];
      case 'group_by/1': {
        const sorted = [...arr(v, 'group')].map((x) => ({ x, k: a(0, x) })).sort((p, q) => compare(p.k, q.k));
        const groups: J[][] = [];
        sorted.forEach((p, i) => {
          if (i && compare(sorted[i - 1].k, p.k) === 0) groups[groups.length - 1].push(p.x);
          else groups.push([p.x]);
        });
        return [groups];
      }
      case 'unique/0':
        return [[...arr(v, 'unique')].sort(compare).filter((x, i, s) => i === 0 || compare(s[i - 1], x) !== 0)];
      case 'unique_by/1': {
        const sorted = [...arr(v, 'unique')].map((x) => ({ x, k: a(0, x) })).sort((p, q) => compare(p.k, q.k));
        return [sorted.filter((p, i) => i === 0 || compare(sorted[i - 1].k, p.k) !== 0).map((p) => p.x)];
      }
      case 'min/0':
      case 'max/0': {
        const xs = [...arr(v, 'iterate over')].sort(compare);
        return [xs.length ? (n.name === 'min' ? xs[0] : xs[xs.length - 1]) : null];
      }
      case 'min_by/1':
      case 'max_by/1': {
        const xs = [...arr(v, 'iterate over')].map((x) => ({ x, k: a(0, x) })).sort((p, q) => compare(p.k, q.k));
        return [xs.length ? (n.name === 'min_by' ? xs[0].x : xs[xs.length - 1].x) : null];
      }
      case 'flatten/0':
      case 'flatten/1': {
        const depth = n.args.length ? (a(0)[0] as number) : 1e9;
        const flat = (xs: J[], d: number): J[] => xs.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
        return [flat(arr(v, 'flatten'), depth)];
      }
      case 'to_entries/0':
        return [Object.entries((v as object) ?? {}).map(([key, value]) => ({ key, value }))];
      case 'from_entries/0':
        return [Object.fromEntries(arr(v, 'iterate over').map((e) => {
          const o = e as Record<string, J>;
          const k = o.key ?? o.k ?? o.name ?? o.Name ?? o.Key ?? o.K;
          return [typeof k === 'string' ? k : JSON.stringify(k), o.value ?? o.v ?? o.Value ?? o.V ?? null];
        }))];
      case 'with_entries/1': {
        const entries = Object.entries((v as object) ?? {}).map(([key, value]) => ({ key, value }));
        const mapped = entries.flatMap((e) => a(0, e)) as Record<string, J>[];
        return [Object.fromEntries(mapped.map((o) => [String(o.key ?? o.name ?? o.k), o.value ?? o.v ?? null]))];
      }
      case 'paths/0':
        return paths(v);
      case 'paths/1':
        return paths(v).filter((p) => a(0, getPath(v, p)).some(truthy));
      case 'leaf_paths/0':
        return paths(v).filter((p) => {
          const x = getPath(v, p);
          return x === null || typeof x !== 'object';
        });
      case 'path/1':
        return this.paths(n.args[0], v, env);
      case 'getpath/1':
        return a(0).map((p) => getPath(v, p as J[]));
      case 'setpath/2':
        return [setPath(v, a(0)[0] as J[], a(1)[0])];
      case 'del/1':
        return [deletePaths(v, this.paths(n.args[0], v, env))];
      case 'delpaths/1':
        return [deletePaths(v, a(0)[0] as J[][])];
      case 'to_array/0':
      case 'toarray/0':
        return [Array.isArray(v) ? v : [v]];
      case 'tostream/0':
        return paths(v).map((p) => [p, getPath(v, p)]);
      case 'floor/0':
        return [Math.floor(v as number)];
      case 'ceil/0':
        return [Math.ceil(v as number)];
      case 'round/0':
        return [Math.round(v as number)];
      case 'sqrt/0':
        return [Math.sqrt(v as number)];
      case 'fabs/0':
      case 'abs/0':
        return [Math.abs(v as number)];
      case 'pow/2':
        return [(a(0)[0] as number) ** (a(1)[0] as number)];
      case 'log/0':
        return [Math.log(v as number)];
      case 'infinite/0':
        return [Number.MAX_VALUE];
      case 'nan/0':
        return [null];
      case 'isnan/0':
        return [false];
      case 'error/0':
        throw new JqError(typeof v === 'string' ? v : `${JSON.stringify(v)} (not a string)`, v);
      case 'error/1': {
        const m = a(0)[0];
        throw new JqError(typeof m === 'string' ? m : `${JSON.stringify(m)} (not a string)`, m);
      }
      case 'env/0':
        return [{ ...this.envVars }];
      case 'builtins/0':
        return [[]];
      case 'input/0':
      case 'inputs/0':
        return [];
      case 'debug/0':
        return [v];
      case 'splits/1':
        return String(v).split(regex(String(a(0)[0]), ''));
      case 'index/1':
      case 'rindex/1':
        return a(0).map((s) => {
          if (typeof v !== 'string') return null;
          const i = n.name === 'index' ? v.indexOf(String(s)) : v.lastIndexOf(String(s));
          return i < 0 ? null : i;
        });
      case 'indices/1':
        return a(0).map((s) => {
          const out: number[] = [];
          if (typeof v === 'string') for (let i = v.indexOf(String(s)); i >= 0; i = v.indexOf(String(s), i + 1)) out.push(i);
          else if (Array.isArray(v)) v.forEach((x, i) => compare(x, s) === 0 && out.push(i));
          return out;
        });
      case 'objects/0':
        return typeOf(v) === 'object' ? [v] : [];
      case 'arrays/0':
        return Array.isArray(v) ? [v] : [];
      case 'strings/0':
        return typeof v === 'string' ? [v] : [];
      case 'numbers/0':
        return typeof v === 'number' ? [v] : [];
      case 'booleans/0':
        return typeof v === 'boolean' ? [v] : [];
      case 'nulls/0':
        return v === null ? [v] : [];
      case 'iterables/0':
        return v && typeof v === 'object' ? [v] : [];
      case 'scalars/0':
        return v === null || typeof v !== 'object' ? [v] : [];
      case 'recurse/0':
        return [v, ...paths(v).map((p) => getPath(v, p))];
      case 'recurse/1': {
        const out: J[] = [];
        const walk = (x: J, depth: number) => {
          if (depth > 10_000) return;
          out.push(x);
          for (const y of a(0, x)) walk(y, depth + 1);
        };
        walk(v, 0);
        return out;
      }
      case 'walk/1': {
        const walk = (x: J): J => {
          let y: J = x;
          if (Array.isArray(x)) y = x.map(walk);
          else if (x && typeof x === 'object') y = Object.fromEntries(Object.entries(x).map(([k, z]) => [k, walk(z)]));
          return a(0, y)[0];
        };
        return [walk(v)];
      }
      case 'splits/2':
        return String(v).split(regex(String(a(0)[0]), String(a(1)[0])));
      case 'ascii/1':
      case 'tojson/1':
        break;
      case 'halt/0':
        return [];
      case 'input_line_number/0':
        return [0];
      case 'now/0':
        return [0];
      case 'todate/0':
      case 'todateiso8601/0':
        return [new Date((v as number) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')];
      case 'fromdate/0':
      case 'fromdateiso8601/0': {
        const t = Date.parse(String(v));
        if (Number.isNaN(t)) throw new JqError(`date "${String(v)}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
        return [t / 1000];
      }
    }
    throw new JqCompileError(`${n.name}/${n.args.length} is not defined`);
  }
}

function contains(a: J, b: J): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (Array.isArray(a) && Array.isArray(b)) return b.every((y) => a.some((x) => contains(x, y)));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b))
    return Object.entries(b).every(([k, y]) => k in a && contains((a as Record<string, J>)[k], y));
  if (typeOf(a) !== typeOf(b)) throw new JqError(`${typeOf(a)} (${errVal(a)}) and ${typeOf(b)} (${errVal(b)}) cannot have their containment checked`);
  return compare(a, b) === 0;
}

function regex(src: string, flags: string): RegExp {
  const f = [...new Set(flags.replace(/[^gimsx]/g, '').replace('x', ''))].join('');
  try {
    return new RegExp(src.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>'), f);
  } catch {
    throw new JqError(`${src} (at offset 0) is not a valid regex`);
  }
}

function binop(op: string, a: J, b: J): J {
  switch (op) {
    case '==':
      return compare(a, b) === 0;
    case '!=':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    case '+':
      if (a === null) return b;
      if (b === null) return a;
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return { ...(a as object), ...(b as object) };
      break;
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
      break;
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (typeof a === 'string' && typeof b === 'number') return b > 0 ? a.repeat(Math.ceil(b)) : null;
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return deepMerge(a as Record<string, J>, b as Record<string, J>);
      break;
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw new JqError(`${typeOf(a)} (${errVal(a)}) and ${typeOf(b)} (${errVal(b)}) cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return a.split(b);
      break;
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        if (Math.trunc(b) === 0) throw new JqError(`${typeOf(a)} (${errVal(a)}) and ${typeOf(b)} (${errVal(b)}) cannot be divided because the divisor is zero`);
        return Math.trunc(a) % Math.trunc(b);
      }
      break;
  }
  const verb = { '+': 'added', '-': 'subtracted', '*': 'multiplied', '/': 'divided', '%': 'divided' }[op] ?? 'combined';
  throw new JqError(`${typeOf(a)} (${errVal(a)}) and ${typeOf(b)} (${errVal(b)}) cannot be ${verb}`);
}

function deepMerge(a: Record<string, J>, b: Record<string, J>): Record<string, J> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = typeOf(out[k]) === 'object' && typeOf(v) === 'object' ? deepMerge(out[k] as Record<string, J>, v as Record<string, J>) : v;
  return out;
}

/** jq's pretty printer: 2-space indent, `[]`/`{}` for empties, keys in input order (or sorted with -S). */
export function jqFormat(v: J, opts: { compact?: boolean; indent?: string; sort?: boolean } = {}): string {
  const ind = opts.indent ?? '  ';
  const num = (x: number) => (Number.isInteger(x) && Math.abs(x) < 1e17 ? String(x) : Number.isFinite(x) ? String(Number(x.toPrecision(17))) : x > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308');
  const go = (x: J, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'number') return num(x);
    if (typeof x !== 'object') return JSON.stringify(x);
    const pad = opts.compact ? '' : '\n' + ind.repeat(depth + 1);
    const end = opts.compact ? '' : '\n' + ind.repeat(depth);
    if (Array.isArray(x)) {
      if (!x.length) return '[]';
      return '[' + x.map((y) => pad + go(y, depth + 1)).join(',') + end + ']';
    }
    let keys = Object.keys(x);
    if (opts.sort) keys = keys.sort();
    if (!keys.length) return '{}';
    return '{' + keys.map((k) => pad + JSON.stringify(k) + (opts.compact ? ':' : ': ') + go((x as Record<string, J>)[k], depth + 1)).join(',') + end + '}';
  };
  return go(v, 0);
}

/** Parses a stream of JSON texts (jq accepts several values one after another). */
export function parseJsonStream(text: string): { values: J[]; error?: string } {
  const values: J[] = [];
  let i = 0;
  const len = text.length;
  const ws = () => {
    while (i < len && /\s/.test(text[i])) i++;
  };
  const lineCol = () => {
    const before = text.slice(0, i);
    const line = (before.match(/\n/g) ?? []).length + 1;
    return `line ${line}, column ${i - before.lastIndexOf('\n')}`;
  };
  for (;;) {
    ws();
    if (i >= len) return { values };
    // find the end of one value by scanning with a small state machine
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      let depth = 0;
      for (; i < len; i++) {
        const d = text[i];
        if (d === '"') {
          i++;
          while (i < len && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        } else if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
      }
    } else if (c === '"') {
      i++;
      while (i < len && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      while (i < len && !/[\s{}[\]",]/.test(text[i])) i++;
      if (i === start) i++;
    }
    const chunk = text.slice(start, i);
    try {
      values.push(JSON.parse(chunk));
    } catch {
      const word = /^[A-Za-z]/.test(chunk) ? 'Invalid literal' : /^[-\d]/.test(chunk) ? 'Invalid numeric literal' : 'Unfinished JSON term';
      return { values, error: `${word} at ${lineCol()}` };
    }
  }
}

export const jq: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let filter: string | undefined;
  const files: string[] = [];
  const opts = { raw: false, join: false, compact: false, exit: false, nullInput: false, slurp: false, sort: false, indent: '  ', rawInput: false };
  const vars = new Map<string, J>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--arg' || a === '--argjson') {
      const name = args[i + 1];
      const val = args[i + 2];
      if (name === undefined || val === undefined) {
        ctx.stderr(`jq: error: ${a} takes two parameters (e.g. ${a} varname ${a === '--arg' ? 'value' : 'text'})\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
        return 2;
      }
      if (a === '--arg') vars.set(name, val);
      else {
        try {
          vars.set(name, JSON.parse(val));
        } catch {
          ctx.stderr(`jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
          return 2;
        }
      }
      i += 2;
    } else if (a === '--tab') opts.indent = '\t';
    else if (a === '--indent') opts.indent = ' '.repeat(Number(args[++i] ?? 2));
    else if (a === '--raw-output' || a === '--raw-output0') opts.raw = true;
    else if (a === '--join-output') opts.raw = opts.join = true;
    else if (a === '--compact-output') opts.compact = true;
    else if (a === '--exit-status') opts.exit = true;
    else if (a === '--null-input') opts.nullInput = true;
    else if (a === '--slurp') opts.slurp = true;
    else if (a === '--sort-keys') opts.sort = true;
    else if (a === '--raw-input') opts.rawInput = true;
    else if (a === '--monochrome-output' || a === '--color-output') continue;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'r') opts.raw = true;
        else if (c === 'j') opts.raw = opts.join = true;
        else if (c === 'c') opts.compact = true;
        else if (c === 'e') opts.exit = true;
        else if (c === 'n') opts.nullInput = true;
        else if (c === 's') opts.slurp = true;
        else if (c === 'S') opts.sort = true;
        else if (c === 'R') opts.rawInput = true;
        else if (c === 'M' || c === 'C' || c === 'a') continue;
        else {
          ctx.stderr(`jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
          return 2;
        }
      }
    } else if (filter === undefined) filter = a;
    else files.push(a);
  }
  if (filter === undefined) {
    ctx.stderr('Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter\'s results as JSON on\nstandard output.\n\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n');
    return 2;
  }
  let ast: Node;
  try {
    ast = new P(lex(filter)).parse();
  } catch (e) {
    if (e instanceof JqCompileError) {
      ctx.stderr(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`);
      return 3;
    }
    throw e;
  }
  let text = '';
  for (const f of files.length ? files : ['-']) {
    const t = await readInput(ctx, 'jq: error: Could not open', f);
    if (t === undefined) return 2;
    text += t;
  }
  let inputs: J[];
  let parseError: string | undefined;
  if (opts.rawInput) inputs = opts.slurp ? [text] : text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  else {
    const r = parseJsonStream(text);
    inputs = r.values;
    parseError = r.error;
    if (opts.slurp) inputs = [inputs];
  }
  if (opts.nullInput) inputs = [null];
  const ev = new Evaluator(ctx.env);
  const env: Env = { vars, defs: new Map() };
  let last: J = undefined;
  let any = false;
  let out = '';
  let status = 0;
  for (const input of inputs) {
    try {
      for (const r of ev.eval(ast, input, env)) {
        any = true;
        last = r;
        out += (opts.raw && typeof r === 'string' ? r : jqFormat(r, { compact: opts.compact, indent: opts.indent, sort: opts.sort })) + (opts.join ? '' : '\n');
      }
    } catch (e) {
      if (e instanceof JqError) {
        ctx.stdout(out);
        out = '';
        ctx.stderr(`jq: error (at ${files[0] ?? '<stdin>'}:${(text.match(/\n/g) ?? []).length}): ${e.message}\n`);
        status = 5;
      } else if (e instanceof JqCompileError) {
        ctx.stderr(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`);
        return 3;
      } else throw e;
    }
  }
  ctx.stdout(out);
  if (parseError) {
    ctx.stderr(`jq: error (at ${files[0] ?? '<stdin>'}:${(text.match(/\n/g) ?? []).length}): Cannot parse input: ${parseError}\n`.replace(/^jq: error \(at [^)]*\): Cannot parse input: /, 'jq: parse error: '));
    return 2;
  }
  if (status) return status;
  if (opts.exit) return !any ? 4 : truthy(last) ? 0 : 1;
  return 0;
};
