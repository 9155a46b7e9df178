/**
 * `test`/`[` and `[[ … ]]` evaluation. Texts follow bash's test.c: `[: too many arguments`,
 * `[: missing `]'`, `[: abc: integer expression expected`, `[: -q: unary operator expected`; status 2 on error.
 */
import { globMatch } from './pattern';

export interface FileProbe {
  stat(path: string): { type: 'file' | 'dir'; size: number; mode: number } | undefined;
}

export class TestError extends Error {}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-s', '-x', '-r', '-w', '-L', '-h', '-b', '-c', '-p', '-S', '-a', '-O', '-G', '-g', '-u', '-k', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '=~']);

function integer(s: string, ctx: string): number {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${ctx}${s}: integer expression expected`);
  return Number(t);
}

function fileTest(op: string, path: string, probe: FileProbe): boolean {
  const st = path === '' ? undefined : probe.stat(path);
  switch (op) {
    case '-e':
    case '-a':
      return !!st;
    case '-f':
      return st?.type === 'file';
    case '-d':
      return st?.type === 'dir';
    case '-s':
      return !!st && st.size > 0;
    case '-x':
      return !!st && (st.type === 'dir' || (st.mode & 0o111) !== 0);
    case '-r':
    case '-w':
      return !!st;
    default:
      return false;
  }
}

function compare(op: string, a: string, b: string, ctx: string, patternRhs: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return patternRhs ? globMatch(b, a) : a === b;
    case '!=':
      return patternRhs ? !globMatch(b, a) : a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return integer(a, ctx) === integer(b, ctx);
    case '-ne':
      return integer(a, ctx) !== integer(b, ctx);
    case '-lt':
      return integer(a, ctx) < integer(b, ctx);
    case '-le':
      return integer(a, ctx) <= integer(b, ctx);
    case '-gt':
      return integer(a, ctx) > integer(b, ctx);
    case '-ge':
      return integer(a, ctx) >= integer(b, ctx);
    case '=~':
      try {
        return new RegExp(b).test(a);
      } catch {
        throw new TestError('');
      }
    default:
      return false;
  }
}

/** test / [ : POSIX argument-count rules, then -a/-o, !, ( ). Returns 0 true, 1 false; throws TestError. */
export function evalTest(args: string[], probe: FileProbe, name: string): number {
  const ctx = `${name}: `;
  if (name === '[') {
    if (args[args.length - 1] !== ']') throw new TestError(`[: missing \`]'`);
    args = args.slice(0, -1);
  }
  let p = 0;
  const expr = (): boolean => {
    let v = andExpr();
    while (args[p] === '-o') {
      p++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (args[p] === '-a') {
      p++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (args[p] === '!' && p + 1 < args.length) {
      p++;
      return !notExpr();
    }
    return prim();
  };
  const prim = (): boolean => {
    const a = args[p];
    if (a === undefined) throw new TestError(`${ctx}argument expected`);
    if (a === '(' && args.length - p >= 3) {
      p++;
      const v = expr();
      if (args[p] !== ')') throw new TestError(`${ctx}\`)' expected`);
      p++;
      return v;
    }
    if (BINARY.has(args[p + 1] ?? '') && args[p + 2] !== undefined) {
      const op = args[p + 1];
      const b = args[p + 2];
      p += 3;
      if (op === '=~') throw new TestError(`${ctx}=~: binary operator expected`);
      return compare(op, a, b, ctx, false);
    }
    if ((UNARY_FILE.has(a) || a === '-n' || a === '-z' || a === '-t' || a === '-v') && args[p + 1] !== undefined) {
      p += 2;
      const v = args[p - 1];
      if (a === '-n') return v !== '';
      if (a === '-z') return v === '';
      if (a === '-t') return false;
      if (a === '-v') return false;
      return fileTest(a, v, probe);
    }
    p++;
    return a !== '';
  };
  const n = args.length;
  if (n === 0) return 1;
  if (n === 1) return args[0] !== '' ? 0 : 1;
  if (n === 2) {
    if (args[0] === '!') return args[1] !== '' ? 1 : 0;
    if (args[0] === '-n') return args[1] !== '' ? 0 : 1;
    if (args[0] === '-z') return args[1] === '' ? 0 : 1;
    if (UNARY_FILE.has(args[0])) return fileTest(args[0], args[1], probe) ? 0 : 1;
    if (args[0] === '-t') return 1;
    throw new TestError(`${ctx}${args[0]}: unary operator expected`);
  }
  if (n === 3 && BINARY.has(args[1]) && args[1] !== '=~') return compare(args[1], args[0], args[2], ctx, false) ? 0 : 1;
  if (n === 3 && !BINARY.has(args[1]) && args[1] !== '-a' && args[1] !== '-o' && args[0] !== '!' && args[0] !== '(') throw new TestError(`${ctx}${args[1]}: binary operator expected`);
  const v = expr();
  if (p < args.length) throw new TestError(`${ctx}too many arguments`);
  return v ? 0 : 1;
}

/** An operand of [[ ]]: its expanded text and whether it was quoted (quoted right sides match literally). */
export interface CondWord {
  text: string;
  op?: string; // set for the operator tokens && || ( ) ! < >
  quoted: boolean;
}

/** [[ … ]]: no word splitting, `==` matches a pattern, `=~` a regex, && || ! ( ) group. */
export function evalCond(words: CondWord[], probe: FileProbe, setMatch?: (m: string[]) => void): number {
  let p = 0;
  const isOp = (v: string) => words[p]?.op === v;
  const orExpr = (): boolean => {
    let v = andExpr();
    while (isOp('||')) {
      p++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (isOp('&&')) {
      p++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (isOp('!')) {
      p++;
      return !notExpr();
    }
    return prim();
  };
  const prim = (): boolean => {
    if (isOp('(')) {
      p++;
      const v = orExpr();
      if (!isOp(')')) throw new TestError("syntax error in conditional expression");
      p++;
      return v;
    }
    const a = words[p];
    if (!a) throw new TestError('unexpected argument to conditional unary operator');
    const next = words[p + 1];
    const opText = next?.op === '<' || next?.op === '>' ? next.op : next && !next.op && !next.quoted && BINARY.has(next.text) ? next.text : undefined;
    if (opText && words[p + 2]) {
      const b = words[p + 2];
      p += 3;
      if (opText === '=~') {
        let re: RegExp;
        try {
          re = new RegExp(b.quoted ? b.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : b.text);
        } catch {
          return false;
        }
        const m = re.exec(a.text);
        if (m) setMatch?.([...m].map((x) => x ?? ''));
        return !!m;
      }
      return compare(opText, a.text, b.text, '', !b.quoted);
    }
    if (!a.op && !a.quoted && (UNARY_FILE.has(a.text) || a.text === '-n' || a.text === '-z' || a.text === '-v') && next && !next.op) {
      p += 2;
      if (a.text === '-n') return next.text !== '';
      if (a.text === '-z') return next.text === '';
      if (a.text === '-v') return false;
      return fileTest(a.text, next.text, probe);
    }
    p++;
    return a.text !== '';
  };
  if (!words.length) throw new TestError('syntax error in conditional expression');
  const v = orExpr();
  if (p < words.length) throw new TestError(`syntax error in conditional expression`);
  return v ? 0 : 1;
}
