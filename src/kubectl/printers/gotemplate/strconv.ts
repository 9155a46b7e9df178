/** Go's strconv.Unquote and UnquoteChar for template string, raw string and character literals. */

/** One (possibly escaped) character at the start of `s`; undefined on invalid syntax. */
export function unquoteChar(s: string, quote: string): { value: number; tail: string } | undefined {
  if (!s) return undefined;
  const c = s.codePointAt(0)!;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch !== '\\') return { value: c, tail: s.slice(ch.length) };
  if (s.length < 2) return undefined;
  const e = s[1];
  const rest = s.slice(2);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (e in simple) return { value: simple[e], tail: rest };
  if (e === "'" || e === '"') return e === quote ? { value: e.charCodeAt(0), tail: rest } : undefined;
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLen) {
    const h = rest.slice(0, hexLen);
    if (h.length < hexLen || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
    const v = parseInt(h, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) return undefined;
    return { value: v, tail: rest.slice(hexLen) };
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(o)) return undefined;
    const v = parseInt(o, 8);
    if (v > 255) return undefined;
    return { value: v, tail: s.slice(4) };
  }
  return undefined;
}

/**
 * A quoted Go literal to its value. `\x` escapes above 0x7f are single bytes in Go; they are kept as the
 * code point here (templates print them back unchanged only in the ASCII range, which is what matters).
 */
export function unquote(q: string): string | undefined {
  if (q.length < 2) return undefined;
  const quote = q[0];
  if (q[q.length - 1] !== quote) return undefined;
  const body = q.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (quote !== '"' && quote !== "'") return undefined;
  if (body.includes('\n')) return undefined;
  let out = '';
  let s = body;
  while (s.length) {
    const r = unquoteChar(s, quote);
    if (!r) return undefined;
    out += String.fromCodePoint(r.value);
    s = r.tail;
    if (quote === "'" && s.length) return undefined;
  }
  return out;
}
