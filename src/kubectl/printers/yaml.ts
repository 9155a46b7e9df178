/**
 * YAML as kubectl prints it: sigs.k8s.io/yaml over go-yaml v2. Learned from the real kubectl and from
 * go-yaml v2 (emitterc.go, encode.go, sorter.go):
 * - map keys sorted with go-yaml's "natural" order (digit runs compare numerically, letters after non-letters);
 * - sequences under a key start at the key's column (`- ` not indented);
 * - strings that would read back as another type (true, 123, 1e3, null, ~, yes, 0x1F) are double-quoted;
 *   strings starting with an indicator or holding `: ` / ` #` or edge spaces are single-quoted;
 *   control characters (tab) force double quotes with escapes; multi-line strings use `|`, `|-` or `|+`;
 * - plain and single-quoted scalars wrap at a space once the column passes 80.
 */

const BEST_WIDTH = 80;

export function toYaml(value: unknown): string {
  const out: string[] = [];
  emitNode(value, 0, out, 'root');
  return out.join('');
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** go-yaml v2 sorter.go keyList.Less for string keys. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

type Ctx = 'root' | 'map' | 'seq';

function emitNode(v: unknown, indent: number, out: string[], ctx: Ctx): void {
  // Called with the cursor right after `key:` (map), after `- ` (seq) or at line start (root).
  if (isMap(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) {
      out.push(ctx === 'root' ? '{}\n' : ' {}\n');
      return;
    }
    let first = true;
    for (const k of keys) {
      if (ctx === 'seq' && first) {
        // first key continues the `- ` line
      } else if (ctx === 'map' && first) {
        out.push('\n' + ' '.repeat(indent));
      } else if (!first) {
        out.push(' '.repeat(indent));
      }
      first = false;
      const keyText = scalarKey(k);
      out.push(keyText + ':');
      emitValue(v[k], indent, out, keyText.length + 1 + indent);
    }
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(ctx === 'root' ? '[]\n' : ' []\n');
      return;
    }
    let first = true;
    for (const item of v) {
      if (ctx === 'map' && first) out.push('\n' + ' '.repeat(indent));
      else if (ctx === 'seq' && first) {
        // nested sequence continues the `- ` line
      } else out.push(' '.repeat(indent));
      first = false;
      out.push('-');
      if (isMap(item) && Object.keys(item).filter((k) => item[k] !== undefined).length) {
        out.push(' ');
        emitNode(item, indent + 2, out, 'seq');
      } else if (Array.isArray(item) && item.length) {
        out.push(' ');
        emitNode(item, indent + 2, out, 'seq');
      } else {
        emitScalarAfter(item, indent + 2, out, indent + 1);
      }
    }
    return;
  }
  const s = scalar(v, indent, ctx === 'root' ? 0 : indent);
  out.push((ctx === 'root' ? '' : ' ') + s + '\n');
}

function emitValue(v: unknown, indent: number, out: string[], column: number): void {
  if (isMap(v)) return emitNode(v, indent + 2, out, 'map');
  if (Array.isArray(v)) return emitNode(v, indent, out, 'map');
  emitScalarAfter(v, indent + 2, out, column);
}

function emitScalarAfter(v: unknown, indent: number, out: string[], column: number): void {
  if (isMap(v)) {
    out.push(' {}\n');
    return;
  }
  if (Array.isArray(v)) {
    out.push(' []\n');
    return;
  }
  out.push(' ' + scalar(v, indent, column + 1) + '\n');
}

function scalarKey(k: string): string {
  if (k === '' ) return '""';
  if (k.includes('\n') || needsDoubleQuotes(k) || resolvesToNonString(k)) return doubleQuote(k);
  if (!plainAllowed(k)) return singleQuote(k, -1, 0);
  return k;
}

/** YAML 1.1 resolution as go-yaml v2 does it (resolve.go): what would not read back as a string. */
function resolvesToNonString(s: string): boolean {
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?0[0-7_]+$/.test(s)) return true;
  if (/^[-+]?0x[0-9a-fA-F_]+$/.test(s)) return true;
  if (/^[-+]?0b[01_]+$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s) && /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?([ \t]*(Z|[-+]\d\d?(:\d\d)?))?)?$/.test(s)) return true;
  if (s === '<<' || s === '=') return true;
  return false;
}

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
}

function needsDoubleQuotes(s: string): boolean {
  for (const ch of s) if (!isPrintable(ch.codePointAt(0)!)) return true;
  // A space right before a line break cannot be represented in any other style.
  if (/ \n/.test(s)) return true;
  return false;
}

function plainAllowed(s: string): boolean {
  if (s.startsWith('---') || s.startsWith('...')) return false;
  const first = s[0];
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (s.length === 1 || s[1] === ' ')) return false;
  if (s.startsWith(' ') || s.endsWith(' ')) return false;
  if (/: /.test(s) || s.endsWith(':')) return false;
  if (/ #/.test(s)) return false;
  if (s.includes('\n')) return false;
  return true;
}

function doubleQuote(s: string): string {
  let r = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') r += '\\"';
    else if (ch === '\\') r += '\\\\';
    else if (ch === '\n') r += '\\n';
    else if (ch === '\t') r += '\\t';
    else if (ch === '\r') r += '\\r';
    else if (c === 0) r += '\\0';
    else if (c === 0x07) r += '\\a';
    else if (c === 0x08) r += '\\b';
    else if (c === 0x0b) r += '\\v';
    else if (c === 0x0c) r += '\\f';
    else if (c === 0x1b) r += '\\e';
    else if (c === 0x85) r += '\\N';
    else if (c === 0xa0) r += '\\_';
    else if (c === 0x2028) r += '\\L';
    else if (c === 0x2029) r += '\\P';
    else if (!isPrintable(c)) r += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : c <= 0xffff ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
    else r += ch;
  }
  return r + '"';
}

/** Breaks at single spaces once the column passes the best width (emitterc.go write_plain/single_quoted). */
function wrap(text: string, indent: number, column: number): string {
  if (indent < 0) return text;
  let r = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' && col > BEST_WIDTH && i + 1 < text.length && text[i + 1] !== ' ' && i > 0 && text[i - 1] !== ' ') {
      r += '\n' + ' '.repeat(indent);
      col = indent;
      continue;
    }
    r += ch;
    col++;
  }
  return r;
}

function singleQuote(s: string, indent: number, column: number): string {
  return wrap("'" + s.replace(/'/g, "''"), indent, column) + "'";
}

function literal(s: string, indent: number): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? String(2) : '';
  const body = trailing ? s.slice(0, -trailing) : s;
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `|${indicator}${chomp}\n${lines.join('\n')}${extra}`.replace(/\n$/, '\n').replace(/\n*$/, (m) => m);
}

function scalar(v: unknown, indent: number, column: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  const s = String(v);
  if (s === '') return '""';
  if (needsDoubleQuotes(s)) return doubleQuote(s);
  if (s.includes('\n')) {
    // Block literals cannot hold trailing spaces on the last line or leading/trailing line-break-only edge cases
    // in go-yaml's analysis; those fall back to double quotes.
    if (/ $/.test(s)) return doubleQuote(s);
    const lit = literal(s, indent);
    return lit.endsWith('\n') ? lit.slice(0, -1) : lit;
  }
  if (resolvesToNonString(s)) return doubleQuote(s);
  if (!plainAllowed(s)) return singleQuote(s, indent, column);
  return wrap(s, indent, column);
}

/** Go's strconv 'g'-like formatting as go-yaml uses for float64: integers print without a fraction. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  let s = String(n);
  if (s.includes('e')) s = s.replace(/e\+?/, 'e+').replace('e+-', 'e-');
  return s;
}
