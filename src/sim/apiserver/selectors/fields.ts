/**
 * Field selectors: `a=b,c!=d` (also `==`), with `\,` `\=` `\\` escapes, as apimachinery pkg/fields/selector.go.
 * Which labels a resource supports is in field-labels.ts; an unknown one is rejected as the conversion
 * functions of pkg/apis/<group>/v1/conversion.go reject it: `field label not supported: <label>`.
 */

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export class FieldSelectorError extends Error {}

function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Finds the first unescaped operator in a term. */
function findOp(term: string): { i: number; op: '=' | '!=' | '=='; len: number } | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    if (term.startsWith('!=', i)) return { i, op: '!=', len: 2 };
    if (term.startsWith('==', i)) return { i, op: '==', len: 2 };
    if (term[i] === '=') return { i, op: '=', len: 1 };
  }
  return undefined;
}

export function parseFieldSelector(s: string): FieldRequirement[] {
  if (s.trim() === '') return [];
  const out: FieldRequirement[] = [];
  for (const term of splitTerms(s)) {
    if (term === '') continue;
    const op = findOp(term);
    if (!op) throw new FieldSelectorError(`invalid selector: '${s}'; can't understand '${term}'`);
    out.push({ field: unescape(term.slice(0, op.i)).trim(), op: op.op === '!=' ? '!=' : '=', value: unescape(term.slice(op.i + op.len)) });
  }
  return out;
}
