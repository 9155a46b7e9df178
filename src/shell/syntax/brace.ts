/** Brace expansion (`{a,b}c`, `{1..5}`, `{a..e}`), done on unquoted text before any other expansion, as bash does. */
import type { Word } from './ast';

/** All expansions of one literal string, in order; the string itself when it has no brace expression. */
export function expandBraces(text: string, depth = 0): string[] {
  if (depth > 20) return [text];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{' || (i > 0 && text[i - 1] === '$')) continue;
    let d = 0;
    let end = -1;
    const commas: number[] = [];
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '{') d++;
      else if (c === '}') {
        d--;
        if (d === 0) {
          end = j;
          break;
        }
      } else if (c === ',' && d === 1) commas.push(j);
    }
    if (end < 0) return [text];
    const pre = text.slice(0, i);
    const post = text.slice(end + 1);
    const body = text.slice(i + 1, end);
    let alts: string[] | undefined;
    if (commas.length) {
      alts = [];
      let from = i + 1;
      for (const c of [...commas, end]) {
        alts.push(text.slice(from, c));
        from = c + 1;
      }
    } else {
      const m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body);
      if (m) {
        const isNum = /\d/.test(m[1]);
        const a = isNum ? Number(m[1]) : m[1].charCodeAt(0);
        const b = isNum ? Number(m[2]) : m[2].charCodeAt(0);
        const step = Math.max(1, Math.abs(Number(m[3] ?? 1)));
        const width = isNum && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
        alts = [];
        for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
          alts.push(isNum ? String(v).padStart(width, '0') : String.fromCharCode(v));
          if (alts.length > 100_000) break;
        }
      }
    }
    if (!alts) {
      // not a brace expression: keep the `{` and look further on
      const rest = expandBraces(text.slice(i + 1), depth + 1);
      return rest.map((r) => text.slice(0, i + 1) + r);
    }
    const tails = expandBraces(post, depth + 1);
    const out: string[] = [];
    for (const alt of alts) for (const a of expandBraces(alt, depth + 1)) for (const t of tails) out.push(pre + a + t);
    return out;
  }
  return [text];
}

/** Expands braces in the unquoted literal parts of a word (quoted braces stay as they are). */
export function braceWord(w: Word): Word[] {
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i];
    if (p.t !== 'lit' || !p.v.includes('{') || !p.v.includes('}')) continue;
    const alts = expandBraces(p.v);
    if (alts.length === 1 && alts[0] === p.v) continue;
    const out: Word[] = [];
    for (const alt of alts) {
      const rest = braceWord({ parts: w.parts.slice(i + 1) });
      for (const r of rest) out.push({ parts: [...w.parts.slice(0, i), { t: 'lit', v: alt }, ...r.parts] });
    }
    return out;
  }
  return [w];
}
