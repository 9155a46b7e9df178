/**
 * Shell arithmetic ($((…)), ((…)), let): 64-bit-ish integers (JS numbers truncated), C precedence.
 * Errors use bash's wording: `1/0: division by 0 (error token is "0")`, `syntax error: operand expected`.
 */

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = ({ k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string }) & { pos?: number };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '^', '?', ':', '=', '(', ')', ','];

function tokenize(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z]+|\d+)/.exec(expr.slice(i));
    if (num) {
      const t = num[0];
      let v: number;
      if (/^0[xX]/.test(t)) v = parseInt(t, 16);
      else if (t.includes('#')) {
        const [b, d] = t.split('#');
        v = parseInt(d, Number(b));
      } else if (t.length > 1 && t.startsWith('0')) {
        if (/[89]/.test(t)) throw new ArithError(`${t}: value too great for base (error token is "${t}")`);
        v = parseInt(t, 8);
      } else v = Number(t);
      out.push({ k: 'num', v, pos: i });
      i += t.length;
      if (/[A-Za-z_]/.test(expr[i] ?? '')) {
        const rest = expr.slice(i - t.length).trim();
        throw new ArithError(`${rest}: value too great for base (error token is "${rest}")`);
      }
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) {
      const rest = expr.slice(i).trim();
      throw new ArithError(`${expr.trim()}: syntax error: invalid arithmetic operator (error token is "${rest}")`);
    }
    out.push({ k: 'op', v: op, pos: i });
    i += op.length;
  }
  return out;
}

const BIN: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};

export function evalArith(expr: string, vars: ArithVars, depth = 0): number {
  // bash shows the expression without its leading blanks but with the trailing ones
  const src = expr.replace(/^\s+/, '');
  if (src.trim() === '') return 0;
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => toks[p]?.k === 'op' && toks[p].v === v;
  const fail = (): never => {
    if (p < toks.length) throw new ArithError(`${src}: syntax error in expression (error token is "${src.slice(toks[p].pos ?? 0)}")`);
    const last = toks[toks.length - 1];
    throw new ArithError(`${src}: syntax error: operand expected (error token is "${last ? src.slice(last.pos ?? 0) : src}")`);
  };
  const varValue = (name: string): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(raw)) return Number(raw);
    if (depth > 10) throw new ArithError(`${name}: expression recursion level exceeded (error token is "${name}")`);
    return evalArith(raw, vars, depth + 1);
  };
  const trunc = (n: number) => (Number.isFinite(n) ? Math.trunc(n) : 0);

  function primary(): number {
    const t = peek();
    if (!t) return fail();
    if (t.k === 'num') {
      p++;
      return t.v;
    }
    if (t.k === 'name') {
      p++;
      if (isOp('++') || isOp('--')) {
        const d = toks[p++].v === '++' ? 1 : -1;
        const old = varValue(t.v);
        vars.set(t.v, String(old + d));
        return old;
      }
      const assign = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].find((o) => isOp(o));
      if (assign) {
        p++;
        const rhs = ternary();
        const cur = assign === '=' ? 0 : varValue(t.v);
        const v = assign === '=' ? rhs : binary(assign.slice(0, -1), cur, rhs);
        vars.set(t.v, String(v));
        return v;
      }
      return varValue(t.v);
    }
    if (t.v === '(') {
      p++;
      const v = comma();
      if (!isOp(')')) fail();
      p++;
      return v;
    }
    if (t.v === '++' || t.v === '--') {
      p++;
      const n = peek();
      if (n?.k !== 'name') return fail();
      p++;
      const v = varValue(n.v) + (t.v === '++' ? 1 : -1);
      vars.set(n.v, String(v));
      return v;
    }
    if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
      p++;
      const v = unaryOperand();
      return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v;
    }
    return fail();
  }
  function unaryOperand(): number {
    return primary();
  }
  function binary(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return trunc(a + b);
      case '-':
        return trunc(a - b);
      case '*':
        return trunc(a * b);
      case '/':
      case '%':
        if (b === 0) throw new ArithError(`${src}: division by 0 (error token is "${src.slice(toks[p - 1]?.pos ?? 0)}")`);
        return op === '/' ? trunc(a / b) : trunc(a % b);
      case '**':
        if (b < 0) throw new ArithError(`${src}: exponent less than 0 (error token is "${b}")`);
        return trunc(a ** b);
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '<':
        return +(a < b);
      case '>':
        return +(a > b);
      case '<=':
        return +(a <= b);
      case '>=':
        return +(a >= b);
      case '==':
        return +(a === b);
      case '!=':
        return +(a !== b);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '&&':
        return +(a !== 0 && b !== 0);
      case '||':
        return +(a !== 0 || b !== 0);
    }
    return fail();
  }
  function climb(min: number): number {
    let left = primary();
    for (;;) {
      const t = peek();
      if (!t || t.k !== 'op' || !Object.hasOwn(BIN, t.v) || BIN[t.v] < min) break;
      p++;
      const prec = BIN[t.v];
      const right = climb(t.v === '**' ? prec : prec + 1);
      left = binary(t.v, left, right);
    }
    return left;
  }
  function ternary(): number {
    const c = climb(1);
    if (!isOp('?')) return c;
    p++;
    const a = ternary();
    if (!isOp(':')) fail();
    p++;
    const b = ternary();
    return c ? a : b;
  }
  function comma(): number {
    let v = ternary();
    while (isOp(',')) {
      p++;
      v = ternary();
    }
    return v;
  }
  const v = comma();
  if (p < toks.length) fail();
  return v;
}
