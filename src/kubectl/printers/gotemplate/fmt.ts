/**
 * Go's fmt for the values a template holds (fmt/print.go, fmt/format.go): Sprint, Sprintln, Sprintf with
 * flags (`-`, `+`, ` `, `0`, `#`), width and precision (also `*`), the verbs used in practice
 * (v s q d x X o b c U e E f F g G t), and the error forms (`%!d(string=x)`, `%!d(MISSING)`,
 * `%!(EXTRA int=1)`, `%!(NOVERB)`). Maps print as `map[k:v]` with sorted keys, slices as `[a b]`, nil as `<nil>`.
 */
import { GoNum, isMap, numKind, numValue, sortedKeys, typeName } from './values';
import { goQuote } from './nodes';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %#v: Go syntax. */
  sharpV?: boolean;
  wid?: number;
  prec?: number;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false });

const runeLen = (s: string) => [...s].length;

function pad(s: string, f: Flags, zeroOk = false): string {
  if (f.wid === undefined) return s;
  const n = f.wid - runeLen(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function signed(s: string, neg: boolean, f: Flags): string {
  if (neg) return '-' + s;
  if (f.plus) return '+' + s;
  if (f.space) return ' ' + s;
  return s;
}

function fmtInteger(v: number, verb: string, f: Flags): string {
  const neg = v < 0;
  const a = Math.abs(v);
  let digits: string;
  switch (verb) {
    case 'x':
      digits = a.toString(16);
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      break;
    case 'b':
      digits = a.toString(2);
      break;
    default:
      digits = BigInt(a).toString();
  }
  if (f.prec !== undefined) {
    if (f.prec === 0 && v === 0) return pad('', { ...f, zero: false });
    digits = digits.padStart(f.prec, '0');
  } else if (f.zero && !f.minus && f.wid !== undefined) {
    // zero padding fills the width after sign and prefix
    let prefixLen = neg || f.plus || f.space ? 1 : 0;
    if (f.sharp && (verb === 'x' || verb === 'X' || verb === 'b')) prefixLen += 2;
    if (verb === 'O') prefixLen += 2;
    digits = digits.padStart(f.wid - prefixLen, '0');
  }
  if (f.sharp) {
    if (verb === 'x') digits = '0x' + digits;
    else if (verb === 'X') digits = '0X' + digits;
    else if (verb === 'b') digits = '0b' + digits;
    else if (verb === 'o' && digits[0] !== '0') digits = '0' + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  return pad(signed(digits, neg, f), { ...f, zero: false });
}

/** The exact decimal expansion of a finite |v| > 0: value = 0.digits × 10^dp. */
function exactDecimal(v: number): { digits: string; dp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (exp >= 0) {
    const s = (mant << BigInt(exp)).toString();
    return { digits: s, dp: s.length };
  }
  const s = (mant * 5n ** BigInt(-exp)).toString();
  return { digits: s, dp: s.length + exp };
}

/** Rounds an exact expansion to `keep` digits, half to even as strconv does. */
function roundDigits(d: { digits: string; dp: number }, keep: number): { digits: string; dp: number } {
  const digits = d.digits.replace(/0+$/, '') || '0';
  if (keep >= digits.length) return { digits, dp: d.dp };
  if (keep < 0) return { digits: '0', dp: d.dp };
  const next = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1).replace(/0+$/, '');
  const prev = keep > 0 ? digits.charCodeAt(keep - 1) - 48 : 0;
  const up = next > 5 || (next === 5 && (rest.length > 0 || prev % 2 === 1));
  let kept = digits.slice(0, keep);
  if (!up) return { digits: kept || '0', dp: kept ? d.dp : d.dp };
  // add one at the last kept digit, carrying
  let i = kept.length - 1;
  const arr = kept.split('');
  while (i >= 0 && arr[i] === '9') arr[i--] = '0';
  if (i < 0) {
    kept = '1' + arr.join('');
    return { digits: kept, dp: d.dp + 1 };
  }
  arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
  return { digits: arr.join(''), dp: d.dp };
}

/** Shortest decimal digits and exponent of |v| (JS's shortest round-trip, as Go's strconv uses). */
function shortest(v: number): { digits: string; exp: number } {
  const [m, e] = Math.abs(v).toExponential().split('e');
  return { digits: m.replace('.', ''), exp: Number(e) };
}

/** |v| rounded to `sig` significant digits (padded with zeros to that many). */
function rounded(v: number, sig: number): { digits: string; exp: number } {
  const r = roundDigits(exactDecimal(v), Math.max(1, sig));
  return { digits: r.digits.padEnd(Math.max(1, sig), '0'), exp: r.dp - 1 };
}

/** %f: |v| with `prec` digits after the point, rounded half to even on the exact value. */
function toFixedExact(v: number, prec: number): string {
  if (v === 0) return prec ? '0.' + '0'.repeat(prec) : '0';
  const e = exactDecimal(v);
  const r = roundDigits(e, e.dp + prec);
  let digits = r.digits === '0' && r.dp <= -prec ? '' : r.digits;
  let dp = r.dp;
  if (!digits) {
    digits = '0';
    dp = 1;
  }
  // place the point: integer part then prec fraction digits
  let intPart: string;
  let frac: string;
  if (dp <= 0) {
    intPart = '0';
    frac = ('0'.repeat(-dp) + digits).padEnd(prec, '0').slice(0, prec);
  } else {
    intPart = digits.slice(0, dp).padEnd(dp, '0');
    frac = digits.slice(dp).padEnd(prec, '0').slice(0, prec);
  }
  return prec ? `${intPart}.${frac}` : intPart;
}

function expForm(digits: string, exp: number, upper: boolean, fracDigits?: number): string {
  let m = digits[0];
  const frac = fracDigits === undefined ? digits.slice(1) : digits.slice(1).padEnd(fracDigits, '0').slice(0, fracDigits);
  if (frac) m += '.' + frac;
  const es = Math.abs(exp).toString().padStart(2, '0');
  return `${m}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${es}`;
}

function fixedForm(digits: string, exp: number): string {
  const dp = exp + 1;
  if (dp <= 0) return '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return digits + '0'.repeat(dp - digits.length);
  return digits.slice(0, dp) + '.' + digits.slice(dp);
}

/** strconv.FormatFloat for 'e', 'f', 'g' with Go's precision rules (-1 = shortest). */
function formatFloat(v: number, verb: string, prec: number | undefined, sharp: boolean, shortestExpAt = 6): string {
  const lower = verb.toLowerCase();
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (lower === 'f') {
    return toFixedExact(a, prec ?? 6);
  }
  if (lower === 'e') {
    const p = prec ?? 6;
    if (a === 0) return expForm('0'.repeat(p + 1), 0, verb === 'E', p);
    const r = rounded(a, p + 1);
    return expForm(r.digits, r.exp, verb === 'E', p);
  }
  // g / G / v
  const isShortest = prec === undefined || prec < 0;
  let d: { digits: string; exp: number };
  if (a === 0) d = { digits: '0', exp: 0 };
  else if (isShortest) d = shortest(a);
  else d = rounded(a, prec === 0 ? 1 : prec);
  if (!sharp) d.digits = d.digits.replace(/(?<=.)0+$/, '');
  let eprec = isShortest ? 6 : prec === 0 ? 1 : prec!;
  const nd = d.digits.length;
  const dp = d.exp + 1;
  if (!isShortest && eprec > nd && nd >= dp) eprec = nd;
  if (isShortest) eprec = shortestExpAt;
  if (d.exp < -4 || d.exp >= eprec) return expForm(d.digits, d.exp, verb === 'G');
  return fixedForm(d.digits, d.exp);
}

function fmtFloat(v: number, verb: string, f: Flags): string {
  const body = formatFloat(v, verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb, f.prec, f.sharp);
  const neg = v < 0 || Object.is(v, -0);
  if (!Number.isFinite(v)) {
    const s = Number.isNaN(v) ? (f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN') : v > 0 ? (f.plus ? '+Inf' : f.space ? ' Inf' : 'Inf') : '-Inf';
    return pad(s, { ...f, zero: false });
  }
  return pad(signed(body, neg, f), f, true);
}

function quoteRune(cp: number): string {
  if (cp === 39) return "'\\''";
  const q = goQuote(String.fromCodePoint(cp));
  return "'" + q.slice(1, -1).replace(/\\"/g, '"') + "'";
}

function fmtString(s: string, verb: string, f: Flags): string {
  if (f.prec !== undefined && (verb === 's' || verb === 'v')) s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(s, f);
    case 'q':
      if (f.sharp && !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)) return pad('`' + s + '`', f);
      return pad(goQuote(s, f.plus), f);
    case 'x':
    case 'X': {
      const bytes = new TextEncoder().encode(s);
      const parts = [...bytes].map((b) => {
        const h = b.toString(16).padStart(2, '0');
        return verb === 'X' ? h.toUpperCase() : h;
      });
      const pre = f.sharp ? (verb === 'X' ? '0X' : '0x') : '';
      const out = f.space ? parts.map((p) => pre + p).join(' ') : pre + parts.join('');
      return pad(out, f);
    }
  }
  return '';
}

export class Printer {
  out = '';
  /** fmt's printValue: `depth` > 0 inside maps and slices, where nil prints as `<nil>` for any verb. */
  value(v: unknown, verb: string, f: Flags, depth = 0): void {
    if (f.sharpV) return this.goSyntax(v, f, depth);
    if (v === null || v === undefined) {
      if (depth > 0 || verb === 'v') this.out += pad('<nil>', f);
      else this.bad(verb, v, f);
      return;
    }
    if (typeof v === 'boolean') {
      if (verb === 'v' || verb === 't') this.out += pad(String(v), f);
      else this.bad(verb, v, f);
      return;
    }
    const k = numKind(v);
    if (k === 'int' || k === 'int64' || k === 'uint8') {
      const n = numValue(v);
      switch (verb) {
        case 'v':
        case 'd':
          this.out += fmtInteger(n, f.sharp && verb === 'v' ? 'd' : 'd', f);
          return;
        case 'b':
        case 'o':
        case 'O':
        case 'x':
        case 'X':
          this.out += fmtInteger(n, verb, f);
          return;
        case 'c':
          this.out += pad(String.fromCodePoint(n), f);
          return;
        case 'q':
          this.out += pad(quoteRune(n), f);
          return;
        case 'U': {
          let s = 'U+' + n.toString(16).toUpperCase().padStart(f.prec ?? 4, '0');
          if (f.sharp) s += ` '${String.fromCodePoint(n)}'`;
          this.out += pad(s, f);
          return;
        }
      }
      this.bad(verb, v, f);
      return;
    }
    if (k === 'float64') {
      if ('vbgGxXfFeE'.includes(verb) && verb !== 'b' && verb !== 'x' && verb !== 'X') this.out += fmtFloat(numValue(v), verb, f);
      else this.bad(verb, v, f);
      return;
    }
    if (typeof v === 'string') {
      if ('vsqxX'.includes(verb)) this.out += fmtString(v, verb, f);
      else this.bad(verb, v, f);
      return;
    }
    if (Array.isArray(v)) {
      this.out += '[';
      v.forEach((e, i) => {
        if (i) this.out += ' ';
        this.value(e, verb, f, depth + 1);
      });
      this.out += ']';
      return;
    }
    if (isMap(v)) {
      this.out += 'map[';
      sortedKeys(v).forEach((key, i) => {
        if (i) this.out += ' ';
        this.value(key, verb, f, depth + 1);
        this.out += ':';
        this.value(v[key], verb, f, depth + 1);
      });
      this.out += ']';
    }
  }

  /** %#v: strings quoted, maps and slices with their type and braces, a nil element as interface {}(nil). */
  goSyntax(v: unknown, f: Flags, depth: number): void {
    const plain = { ...f, sharpV: false };
    if (v === null || v === undefined) this.out += depth > 0 ? 'interface {}(nil)' : '<nil>';
    else if (typeof v === 'string') this.out += pad(goQuote(v), f);
    else if (numKind(v) === 'float64') this.out += pad(formatFloat(numValue(v), 'g', undefined, false, 21), f);
    else if (Array.isArray(v)) {
      this.out += '[]interface {}{';
      v.forEach((e, i) => {
        if (i) this.out += ', ';
        this.goSyntax(e, f, depth + 1);
      });
      this.out += '}';
    } else if (isMap(v)) {
      this.out += 'map[string]interface {}{';
      sortedKeys(v).forEach((k, i) => {
        if (i) this.out += ', ';
        this.out += goQuote(k) + ':';
        this.goSyntax(v[k], f, depth + 1);
      });
      this.out += '}';
    } else this.value(v, 'v', plain, depth);
  }

  /** badVerb: the verb, the type and the value printed with %v under the same flags. */
  bad(verb: string, v: unknown, f: Flags): void {
    this.out += `%!${verb}(`;
    if (v === null || v === undefined) this.out += '<nil>';
    else {
      this.out += typeName(v) + '=';
      this.value(v, 'v', f, 1);
    }
    this.out += ')';
  }
}

const isStringArg = (v: unknown) => typeof v === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0 && !isStringArg(a) && !isStringArg(args[i - 1])) p.out += ' ';
    p.value(a, 'v', noFlags());
  });
  return p.out;
}

/** fmt.Sprintln: always a space between operands, and a newline. */
export function sprintln(args: unknown[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.out += ' ';
    p.value(a, 'v', noFlags());
  });
  return p.out + '\n';
}

export function sprintf(format: string, args: unknown[]): string {
  const p = new Printer();
  let argNum = 0;
  const chars = [...format];
  let i = 0;
  const intArg = (): number | undefined => {
    if (argNum >= args.length) return undefined;
    const a = args[argNum++];
    const k = numKind(a);
    if (k === 'int' || k === 'int64' || k === 'uint8') return numValue(a);
    return undefined;
  };
  while (i < chars.length) {
    const c = chars[i];
    if (c !== '%') {
      p.out += c;
      i++;
      continue;
    }
    i++;
    const f = noFlags();
    for (; i < chars.length; i++) {
      const fc = chars[i];
      if (fc === '#') f.sharp = true;
      else if (fc === '0') f.zero = !f.minus;
      else if (fc === '+') f.plus = true;
      else if (fc === '-') {
        f.minus = true;
        f.zero = false;
      } else if (fc === ' ') f.space = true;
      else break;
    }
    // width
    if (chars[i] === '*') {
      i++;
      const w = intArg();
      if (w === undefined) p.out += '%!(BADWIDTH)';
      else {
        f.wid = Math.abs(w);
        if (w < 0) {
          f.minus = true;
          f.zero = false;
        }
      }
    } else {
      let w = '';
      while (i < chars.length && chars[i] >= '0' && chars[i] <= '9') w += chars[i++];
      if (w) f.wid = Number(w);
    }
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '*') {
        i++;
        const pr = intArg();
        if (pr === undefined || pr < 0) p.out += '%!(BADPREC)';
        else f.prec = pr;
      } else {
        let pr = '';
        while (i < chars.length && chars[i] >= '0' && chars[i] <= '9') pr += chars[i++];
        f.prec = Number(pr || '0');
      }
    }
    if (i >= chars.length) {
      p.out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++];
    if (verb === 'v' && f.sharp) {
      f.sharp = false;
      f.sharpV = true;
    }
    if (verb === '%') {
      p.out += '%';
      continue;
    }
    if (argNum >= args.length) {
      p.out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'T') {
      p.out += pad(arg === null || arg === undefined ? '<nil>' : typeName(arg), f);
      continue;
    }
    if (verb === 'w') {
      p.bad(verb, arg, f);
      continue;
    }
    p.value(arg, verb, f);
  }
  if (argNum < args.length) {
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((a, k) => {
      if (k) p.out += ', ';
      if (a === null || a === undefined) p.out += '<nil>';
      else {
        p.out += typeName(a) + '=';
        p.value(a, 'v', noFlags());
      }
    });
    p.out += ')';
  }
  return p.out;
}

export { GoNum };
