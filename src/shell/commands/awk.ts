/**
 * awk, the subset one-liners use (Ubuntu's default awk is mawk 1.3.4): BEGIN/END, /re/ and expression patterns,
 * print/printf, fields ($1, $NF), NR/NF/FS/OFS, variables and associative arrays, if/else, for, for-in, next,
 * length/substr/split/index/tolower/toupper/sub/gsub/sprintf, -F and -v.
 * Syntax errors read like mawk's: `awk: line 1: syntax error at or near }` (exit 2).
 */
import type { Program } from '../types';
import { formatPrintf } from './format';
import { ereToJs, readAllInputs } from './text';
import { splitLines } from './util';

type Val = string | number;
type Tok = { k: 'num' | 'str' | 're' | 'name' | 'func' | 'op' | 'nl' | 'eof'; v: string };

class AwkSyntax extends Error {
  /** Lines past the program's last (mawk reports an unclosed block on the line after the end). */
  constructor(
    message: string,
    readonly lineOffset = 0,
  ) {
    super(message);
  }
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const t = toks[toks.length - 1];
    return !t || t.k === 'nl' || (t.k === 'op' && !')]'.includes(t.v) && t.v !== '$') || (t.k === 'name' && ['print', 'printf', 'return', 'in'].includes(t.v));
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || (c === '\\' && src[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      toks.push({ k: 'nl', v: c });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      toks.push({ k: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[n] ?? '\\' + n;
        } else s += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkSyntax('runaway string constant "' + s.slice(0, 10) + ' ...');
      i++;
      toks.push({ k: 'str', v: s });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('runaway regular expression /' + s.slice(0, 10) + ' ...');
      i++;
      toks.push({ k: 're', v: s });
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      toks.push({ k: src[i] === '(' && FUNCS.has(name[0]) ? 'func' : 'name', v: name[0] });
      continue;
    }
    const op = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~', '>>', '{', '}', '(', ')', '[', ']', ',', '+', '-', '*', '/', '%', '^', '!', '<', '>', '=', '~', '?', ':', '$'].find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntax(`syntax error at or near ${c}`);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  toks.push({ k: 'eof', v: '' });
  return toks;
}

const FUNCS = new Set(['length', 'substr', 'split', 'index', 'tolower', 'toupper', 'sub', 'gsub', 'sprintf', 'int', 'match', 'sqrt', 'system']);

interface Env {
  vars: Map<string, Val>;
  arrays: Map<string, Map<string, Val>>;
  fields: string[];
  out: (s: string) => void;
}

type Expr = (e: Env) => Val;
type Stmt = (e: Env) => void;
class Next {}
class Exit {
  constructor(readonly code: number) {}
}

const num = (v: Val): number => (typeof v === 'number' ? v : parseFloat(v) || 0);
const str = (v: Val): string => (typeof v === 'string' ? v : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
const looksNumeric = (v: Val) => typeof v === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);

class Parser {
  p = 0;
  constructor(private toks: Tok[]) {}
  peek(): Tok {
    return this.toks[this.p];
  }
  is(v: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.v === v;
  }
  fail(): never {
    const t = this.peek();
    if (t.k === 'eof' && this.depth > 0) throw new AwkSyntax('missing } near end of file', 1);
    throw new AwkSyntax(`syntax error at or near ${t.k === 'eof' ? 'end of file' : t.k === 'nl' ? 'end of line' : t.v}`);
  }
  depth = 0;
  eat(v: string): void {
    if (!this.is(v)) this.fail();
    this.p++;
  }
  skipNl(): void {
    while (this.peek().k === 'nl') this.p++;
  }

  program(): { begin: Stmt[]; end: Stmt[]; rules: { pat?: Expr; range?: [Expr, Expr]; body: Stmt }[] } {
    const prog = { begin: [] as Stmt[], end: [] as Stmt[], rules: [] as { pat?: Expr; range?: [Expr, Expr]; body: Stmt }[] };
    this.skipNl();
    while (this.peek().k !== 'eof') {
      const t = this.peek();
      if (t.k === 'name' && (t.v === 'BEGIN' || t.v === 'END')) {
        this.p++;
        (t.v === 'BEGIN' ? prog.begin : prog.end).push(this.block());
      } else {
        let pat: Expr | undefined;
        let range: [Expr, Expr] | undefined;
        if (!this.is('{')) {
          pat = this.expr();
          if (this.is(',')) {
            this.p++;
            range = [pat, this.expr()];
            pat = undefined;
          }
        }
        const body = this.is('{') ? this.block() : (e: Env) => e.out(e.fields[0] + '\n');
        prog.rules.push({ pat, range, body });
      }
      this.skipNl();
    }
    return prog;
  }

  block(): Stmt {
    this.eat('{');
    this.depth++;
    const stmts: Stmt[] = [];
    this.skipNl();
    while (!this.is('}')) {
      if (this.peek().k === 'eof') this.fail();
      stmts.push(this.stmt());
      this.skipNl();
    }
    this.p++;
    this.depth--;
    return (e) => {
      for (const s of stmts) s(e);
    };
  }

  simpleOrBlock(): Stmt {
    this.skipNl();
    return this.is('{') ? this.block() : this.stmt();
  }

  stmt(): Stmt {
    const t = this.peek();
    if (this.is('{')) return this.block();
    if (t.k === 'name') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          this.p++;
          const args: Expr[] = [];
          const paren = this.is('(');
          if (!this.atStmtEnd() && !this.is('>')) {
            if (paren) this.p++;
            args.push(this.expr(true));
            while (this.is(',')) {
              this.p++;
              this.skipNl();
              args.push(this.expr(true));
            }
            if (paren) this.eat(')');
          }
          let redirect: Expr | undefined;
          if (this.is('>') || this.is('>>')) {
            this.p++;
            redirect = this.primary();
          }
          void redirect;
          if (t.v === 'print')
            return (e) => {
              const ofs = str(e.vars.get('OFS') ?? ' ');
              e.out((args.length ? args.map((a) => str(a(e))).join(ofs) : e.fields[0]) + str(e.vars.get('ORS') ?? '\n'));
            };
          return (e) => {
            if (!args.length) return;
            e.out(formatPrintf(str(args[0](e)), args.slice(1).map((a) => str(a(e)))).text);
          };
        }
        case 'if': {
          this.p++;
          this.eat('(');
          const c = this.expr();
          this.eat(')');
          const then = this.simpleOrBlock();
          const save = this.p;
          this.skipNl();
          let els: Stmt | undefined;
          if (this.peek().k === 'name' && this.peek().v === 'else') {
            this.p++;
            els = this.simpleOrBlock();
          } else this.p = save;
          return (e) => {
            if (truthy(c(e))) then(e);
            else els?.(e);
          };
        }
        case 'for': {
          this.p++;
          this.eat('(');
          const t1 = this.toks[this.p];
          const t2 = this.toks[this.p + 1];
          const t3 = this.toks[this.p + 2];
          if (t1.k === 'name' && t2.k === 'name' && t2.v === 'in' && t3.k === 'name') {
            this.p += 3;
            this.eat(')');
            const body = this.simpleOrBlock();
            return (e) => {
              const arr = e.arrays.get(t3.v) ?? new Map();
              for (const k of [...arr.keys()]) {
                e.vars.set(t1.v, k);
                body(e);
              }
            };
          }
          const init = this.is(';') || this.peek().k === 'nl' ? undefined : this.expr();
          this.eatNl();
          const cond = this.peek().k === 'nl' ? undefined : this.expr();
          this.eatNl();
          const step = this.is(')') ? undefined : this.expr();
          this.eat(')');
          const body = this.simpleOrBlock();
          return (e) => {
            init?.(e);
            for (let guard = 0; guard < 1_000_000 && (!cond || truthy(cond(e))); guard++) {
              body(e);
              step?.(e);
            }
          };
        }
        case 'while': {
          this.p++;
          this.eat('(');
          const c = this.expr();
          this.eat(')');
          const body = this.simpleOrBlock();
          return (e) => {
            for (let guard = 0; guard < 1_000_000 && truthy(c(e)); guard++) body(e);
          };
        }
        case 'next':
          this.p++;
          return () => {
            throw new Next();
          };
        case 'exit': {
          this.p++;
          const code = this.atStmtEnd() ? undefined : this.expr();
          return (e) => {
            throw new Exit(code ? num(code(e)) : 0);
          };
        }
        case 'delete': {
          this.p++;
          const name = this.peek().v;
          this.p++;
          let key: Expr | undefined;
          if (this.is('[')) {
            this.p++;
            key = this.expr();
            this.eat(']');
          }
          return (e) => {
            if (key) e.arrays.get(name)?.delete(str(key(e)));
            else e.arrays.delete(name);
          };
        }
      }
    }
    const x = this.expr();
    return (e) => void x(e);
  }

  eatNl(): void {
    if (this.peek().k !== 'nl') this.fail();
    this.p++;
  }

  atStmtEnd(): boolean {
    const t = this.peek();
    return t.k === 'nl' || t.k === 'eof' || (t.k === 'op' && t.v === '}');
  }

  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }

  ternary(noGt: boolean): Expr {
    const c = this.assignment(noGt);
    if (!this.is('?')) return c;
    this.p++;
    const a = this.ternary(noGt);
    this.eat(':');
    const b = this.ternary(noGt);
    return (e) => (truthy(c(e)) ? a(e) : b(e));
  }

  assignment(noGt: boolean): Expr {
    const start = this.p;
    const lv = this.tryLvalue();
    if (lv) {
      const op = ['=', '+=', '-=', '*=', '/=', '%=', '^='].find((o) => this.is(o));
      if (op) {
        this.p++;
        const rhs = this.ternary(noGt);
        return (e) => {
          const r = rhs(e);
          const v: Val = op === '=' ? r : arith(op[0], lv.get(e), r);
          lv.set(e, v);
          return v;
        };
      }
    }
    this.p = start;
    return this.or(noGt);
  }

  tryLvalue(): { get: (e: Env) => Val; set: (e: Env, v: Val) => void } | undefined {
    const t = this.peek();
    if (t.k === 'name') {
      this.p++;
      if (this.is('[')) {
        this.p++;
        const key = this.exprList();
        this.eat(']');
        return {
          get: (e) => arrayOf(e, t.v).get(key(e)) ?? '',
          set: (e, v) => void arrayOf(e, t.v).set(key(e), v),
        };
      }
      return { get: (e) => e.vars.get(t.v) ?? '', set: (e, v) => void setVar(e, t.v, v) };
    }
    if (this.is('$')) {
      this.p++;
      const idx = this.primary();
      return { get: (e) => getField(e, num(idx(e))), set: (e, v) => setField(e, num(idx(e)), str(v)) };
    }
    return undefined;
  }

  exprList(): (e: Env) => string {
    const parts = [this.expr()];
    while (this.is(',')) {
      this.p++;
      parts.push(this.expr());
    }
    return (e) => parts.map((p) => str(p(e))).join('\x1c');
  }

  or(noGt: boolean): Expr {
    let l = this.and(noGt);
    while (this.is('||')) {
      this.p++;
      this.skipNl();
      const r = this.and(noGt);
      const a = l;
      l = (e) => (truthy(a(e)) || truthy(r(e)) ? 1 : 0);
    }
    return l;
  }

  and(noGt: boolean): Expr {
    let l = this.inExpr(noGt);
    while (this.is('&&')) {
      this.p++;
      this.skipNl();
      const r = this.inExpr(noGt);
      const a = l;
      l = (e) => (truthy(a(e)) && truthy(r(e)) ? 1 : 0);
    }
    return l;
  }

  inExpr(noGt: boolean): Expr {
    const l = this.match(noGt);
    const t = this.peek();
    if (t.k === 'name' && t.v === 'in') {
      this.p++;
      const arr = this.peek().v;
      this.p++;
      return (e) => (arrayOf(e, arr).has(str(l(e))) ? 1 : 0);
    }
    return l;
  }

  match(noGt: boolean): Expr {
    let l = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const neg = this.peek().v === '!~';
      this.p++;
      const r = this.comparison(noGt);
      const a = l;
      l = (e) => {
        const re = toRegex(r, e);
        return re.test(str(a(e))) !== neg ? 1 : 0;
      };
    }
    return l;
  }

  comparison(noGt: boolean): Expr {
    const l = this.concat();
    const op = ['<', '<=', '>', '>=', '==', '!='].find((o) => this.is(o));
    if (!op || (noGt && op === '>')) return l;
    this.p++;
    const r = this.concat();
    return (e) => {
      const a = l(e);
      const b = r(e);
      const numeric = looksNumeric(a) && looksNumeric(b);
      const x: Val = numeric ? num(a) : str(a);
      const y: Val = numeric ? num(b) : str(b);
      switch (op) {
        case '<':
          return x < y ? 1 : 0;
        case '<=':
          return x <= y ? 1 : 0;
        case '>':
          return x > y ? 1 : 0;
        case '>=':
          return x >= y ? 1 : 0;
        case '==':
          return x === y ? 1 : 0;
        default:
          return x !== y ? 1 : 0;
      }
    };
  }

  concat(): Expr {
    let l = this.additive();
    for (;;) {
      const t = this.peek();
      const starts = t.k === 'num' || t.k === 'str' || t.k === 'func' || (t.k === 'name' && !['in', 'else'].includes(t.v)) || (t.k === 'op' && ['$', '(', '!', '-', '+', '++', '--'].includes(t.v) && !['-', '+'].includes(t.v));
      if (!starts) break;
      const r = this.additive();
      const a = l;
      l = (e) => str(a(e)) + str(r(e));
    }
    return l;
  }

  additive(): Expr {
    let l = this.mult();
    while (this.is('+') || this.is('-')) {
      const op = this.peek().v;
      this.p++;
      const r = this.mult();
      const a = l;
      l = (e) => arith(op, a(e), r(e));
    }
    return l;
  }

  mult(): Expr {
    let l = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.peek().v;
      this.p++;
      const r = this.unary();
      const a = l;
      l = (e) => arith(op, a(e), r(e));
    }
    return l;
  }

  unary(): Expr {
    if (this.is('!')) {
      this.p++;
      const x = this.unary();
      return (e) => (truthy(x(e)) ? 0 : 1);
    }
    if (this.is('-') || this.is('+')) {
      const neg = this.peek().v === '-';
      this.p++;
      const x = this.unary();
      return (e) => (neg ? -num(x(e)) : num(x(e)));
    }
    return this.power();
  }

  power(): Expr {
    const l = this.postfix();
    if (this.is('^')) {
      this.p++;
      const r = this.unary();
      return (e) => num(l(e)) ** num(r(e));
    }
    return l;
  }

  postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const d = this.peek().v === '++' ? 1 : -1;
      this.p++;
      const lv = this.tryLvalue();
      if (!lv) this.fail();
      return (e) => {
        const v = num(lv.get(e)) + d;
        lv.set(e, v);
        return v;
      };
    }
    const start = this.p;
    const lv = this.tryLvalue();
    if (lv && (this.is('++') || this.is('--'))) {
      const d = this.peek().v === '++' ? 1 : -1;
      this.p++;
      return (e) => {
        const v = num(lv.get(e));
        lv.set(e, v + d);
        return v;
      };
    }
    this.p = start;
    return this.primary();
  }

  primary(): Expr {
    const t = this.peek();
    this.p++;
    switch (t.k) {
      case 'num': {
        const v = Number(t.v);
        return () => v;
      }
      case 'str':
        return () => t.v;
      case 're': {
        const re = safeRegex(t.v);
        const f: Expr = (e) => (re.test(e.fields[0]) ? 1 : 0);
        (f as Expr & { regex?: RegExp }).regex = re;
        return f;
      }
      case 'func':
        return this.call(t.v);
      case 'name': {
        if (this.is('[')) {
          this.p++;
          const key = this.exprList();
          this.eat(']');
          return (e) => arrayOf(e, t.v).get(key(e)) ?? '';
        }
        if (t.v === 'length') return (e) => e.fields[0].length;
        return (e) => e.vars.get(t.v) ?? '';
      }
      case 'op':
        if (t.v === '$') {
          const idx = this.primary();
          return (e) => getField(e, num(idx(e)));
        }
        if (t.v === '(') {
          const x = this.expr();
          this.eat(')');
          return x;
        }
        if (t.v === '-') {
          const x = this.primary();
          return (e) => -num(x(e));
        }
        if (t.v === '!') {
          const x = this.primary();
          return (e) => (truthy(x(e)) ? 0 : 1);
        }
    }
    this.p--;
    return this.fail();
  }

  call(name: string): Expr {
    this.eat('(');
    const args: Expr[] = [];
    const lvals: ({ get: (e: Env) => Val; set: (e: Env, v: Val) => void } | undefined)[] = [];
    let arrayArg: string | undefined;
    while (!this.is(')')) {
      if (this.peek().k === 'eof') this.fail();
      const save = this.p;
      const lv = this.tryLvalue();
      const isPlainLv = lv && (this.is(',') || this.is(')'));
      if (name === 'split' && args.length === 1 && this.toks[save].k === 'name') arrayArg = this.toks[save].v;
      this.p = save;
      lvals.push(isPlainLv ? lv : undefined);
      args.push(this.expr());
      if (this.is(',')) this.p++;
    }
    this.p++;
    const a = (i: number, e: Env) => (args[i] ? args[i](e) : '');
    switch (name) {
      case 'length':
        return (e) => (args.length ? str(a(0, e)).length : e.fields[0].length);
      case 'substr':
        return (e) => {
          const s = str(a(0, e));
          const m = Math.round(num(a(1, e)));
          const n = args.length > 2 ? Math.round(num(a(2, e))) : Infinity;
          const start = Math.max(1, m);
          const end = n === Infinity ? s.length + 1 : m + n;
          return s.slice(start - 1, Math.max(start - 1, end - 1));
        };
      case 'index':
        return (e) => str(a(0, e)).indexOf(str(a(1, e))) + 1;
      case 'tolower':
        return (e) => str(a(0, e)).toLowerCase();
      case 'toupper':
        return (e) => str(a(0, e)).toUpperCase();
      case 'int':
        return (e) => Math.trunc(num(a(0, e)));
      case 'sqrt':
        return (e) => Math.sqrt(num(a(0, e)));
      case 'sprintf':
        return (e) => formatPrintf(str(a(0, e)), args.slice(1).map((x) => str(x(e)))).text;
      case 'system':
        return () => 0;
      case 'split':
        return (e) => {
          const s = str(a(0, e));
          const sep = args.length > 2 ? str(a(2, e)) : str(e.vars.get('FS') ?? ' ');
          const parts = splitFields(s, sep);
          const arr = new Map<string, Val>();
          parts.forEach((p, i) => arr.set(String(i + 1), p));
          if (arrayArg) e.arrays.set(arrayArg, arr);
          return parts.length;
        };
      case 'match':
        return (e) => {
          const m = toRegex(args[1], e).exec(str(a(0, e)));
          e.vars.set('RSTART', m ? m.index + 1 : 0);
          e.vars.set('RLENGTH', m ? m[0].length : -1);
          return m ? m.index + 1 : 0;
        };
      case 'sub':
      case 'gsub':
        return (e) => {
          const re = toRegex(args[0], e);
          const g = new RegExp(re.source, name === 'gsub' ? 'g' : '');
          const rep = str(a(1, e));
          const target = lvals[2] ?? { get: (x: Env) => x.fields[0], set: (x: Env, v: Val) => setField(x, 0, str(v)) };
          let count = 0;
          const out = str(target.get(e)).replace(g, (m) => {
            count++;
            return rep.replace(/\\&|&/g, (x) => (x === '&' ? m : '&'));
          });
          if (count) target.set(e, out);
          return count;
        };
    }
    return this.fail();
  }
}

function truthy(v: Val): boolean {
  return typeof v === 'number' ? v !== 0 : v !== '' && !(looksNumeric(v) && num(v) === 0 && /^\s*[-+]?[\d.]/.test(v) && false);
}

function arith(op: string, a: Val, b: Val): number {
  const x = num(a);
  const y = num(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw new AwkSyntax('division by zero');
      return x / y;
    case '%':
      if (y === 0) throw new AwkSyntax('division by zero in %');
      return x % y;
    default:
      return x ** y;
  }
}

function safeRegex(src: string): RegExp {
  try {
    return new RegExp(ereToJs(src));
  } catch {
    return /(?!)/;
  }
}

function toRegex(x: Expr, e: Env): RegExp {
  const r = (x as Expr & { regex?: RegExp }).regex;
  return r ?? safeRegex(str(x(e)));
}

function arrayOf(e: Env, name: string): Map<string, Val> {
  let a = e.arrays.get(name);
  if (!a) e.arrays.set(name, (a = new Map()));
  return a;
}

function splitFields(s: string, fs: string): string[] {
  if (fs === ' ') return s.split(/[ \t\n]+/).filter(Boolean);
  if (fs.length === 1 && fs !== '\\') return s === '' ? [] : s.split(fs);
  return s === '' ? [] : s.split(safeRegex(fs));
}

function setRecord(e: Env, line: string): void {
  const parts = splitFields(line, str(e.vars.get('FS') ?? ' '));
  e.fields = [line, ...parts];
  e.vars.set('NF', parts.length);
}

function getField(e: Env, i: number): string {
  if (i < 0) throw new AwkSyntax(`trying to access out of range field ${i}`);
  return e.fields[Math.trunc(i)] ?? '';
}

function setField(e: Env, i: number, v: string): void {
  if (i === 0) return setRecord(e, v);
  while (e.fields.length <= i) e.fields.push('');
  e.fields[i] = v;
  e.vars.set('NF', e.fields.length - 1);
  e.fields[0] = e.fields.slice(1).join(str(e.vars.get('OFS') ?? ' '));
}

function setVar(e: Env, name: string, v: Val): void {
  e.vars.set(name, v);
  if (name === 'NF') {
    const n = num(v);
    e.fields = e.fields.slice(0, n + 1);
    e.fields[0] = e.fields.slice(1).join(str(e.vars.get('OFS') ?? ' '));
  }
}

export const awk: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const vars = new Map<string, Val>([
    ['FS', ' '],
    ['OFS', ' '],
    ['ORS', '\n'],
    ['NR', 0],
    ['NF', 0],
    ['SUBSEP', '\x1c'],
  ]);
  let src: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-F') vars.set('FS', unescapeFs(args[++i] ?? ' '));
    else if (a.startsWith('-F')) vars.set('FS', unescapeFs(a.slice(2)));
    else if (a === '-v') {
      const [k, ...v] = (args[++i] ?? '').split('=');
      vars.set(k, v.join('='));
    } else if (a === '--') continue;
    else if (src === undefined) src = a;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const [k, ...v] = a.split('=');
      vars.set(k, v.join('='));
    } else files.push(a);
  }
  if (src === undefined) {
    ctx.stderr('usage: awk [-F value] [-v var=value] [--] \'program text\' [file ...]\n');
    return 2;
  }
  let prog: ReturnType<Parser['program']>;
  try {
    prog = new Parser(tokenize(src)).program();
  } catch (e) {
    if (e instanceof AwkSyntax) {
      ctx.stderr(`awk: line ${src.split('\n').length + e.lineOffset}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let out = '';
  const env: Env = { vars, arrays: new Map(), fields: [''], out: (s) => (out += s) };
  let code = 0;
  const flush = () => {
    if (out) ctx.stdout(out);
    out = '';
  };
  try {
    try {
      for (const s of prog.begin) s(env);
      if (prog.rules.length || prog.end.length) {
        const text = await readAllInputs(ctx, 'awk', files);
        if (text === undefined) return 2;
        const active = prog.rules.map(() => false);
        for (const line of splitLines(text)) {
          vars.set('NR', num(vars.get('NR') ?? 0) + 1);
          setRecord(env, line);
          try {
            prog.rules.forEach((r, i) => {
              let sel: boolean;
              if (r.range) {
                if (active[i]) {
                  sel = true;
                  if (truthy(r.range[1](env))) active[i] = false;
                } else if (truthy(r.range[0](env))) {
                  sel = true;
                  active[i] = !truthy(r.range[1](env));
                } else sel = false;
              } else sel = !r.pat || truthy(r.pat(env));
              if (sel) r.body(env);
            });
          } catch (e) {
            if (!(e instanceof Next)) throw e;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
    }
    for (const s of prog.end) s(env);
  } catch (e) {
    if (e instanceof Exit) code = e.code;
    else if (e instanceof AwkSyntax) {
      flush();
      ctx.stderr(`awk: run time error: ${e.message}\n\tFILENAME="${files[0] ?? ''}" FNR=${str(vars.get('NR') ?? 0)} NR=${str(vars.get('NR') ?? 0)}\n`);
      return 2;
    } else throw e;
  }
  flush();
  return code;
};

function unescapeFs(s: string): string {
  return s === 't' ? '\t' : s.replace(/\\t/g, '\t');
}
