/**
 * Label selectors: `a=b,c!=d,e in (f,g),h notin (i),j,!k,l>3`, as apimachinery pkg/labels/selector.go parses
 * them. A requirement list is ANDed. `!=` and `notin` also match objects without the key (as upstream).
 * Error texts follow the upstream lexer/parser ("found '%s', expected: ...").
 */

export type LabelOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

export type LabelSelector = LabelRequirement[];

export class SelectorParseError extends Error {}

type Tok = { t: 'id' | 'op' | '(' | ')' | ',' | '!' | 'end'; v: string };

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const special = '=!(),<>';
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, v: c });
      i++;
      continue;
    }
    if (s.startsWith('==', i) || s.startsWith('!=', i)) {
      out.push({ t: 'op', v: s.slice(i, i + 2) });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === '!') {
      out.push({ t: '!', v: c });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !special.includes(s[j]) && !' \t\n'.includes(s[j])) j++;
    out.push({ t: 'id', v: s.slice(i, j) });
    i = j;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function parseLabelSelector(s: string): LabelSelector {
  const toks = lex(s);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const reqs: LabelRequirement[] = [];
  for (;;) {
    const look = peek();
    if (look.t === 'end') return reqs;
    if (look.t !== 'id' && look.t !== '!') throw new SelectorParseError(`found '${look.v}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(parseRequirement());
    } catch (e) {
      if (e instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const sep = next();
    if (sep.t === 'end') return reqs;
    if (sep.t !== ',') throw new SelectorParseError(`found '${sep.v}', expected: ',' or 'end of string'`);
    const after = peek();
    if (after.t !== 'id' && after.t !== '!') throw new SelectorParseError(`found '${after.v}', expected: identifier after ','`);
  }

  function parseRequirement(): LabelRequirement {
    let tok = next();
    const negate = tok.t === '!';
    if (negate) tok = next();
    if (tok.t !== 'id') throw new SelectorParseError(`found '${tok.v}', expected: identifier`);
    const key = tok.v;
    if (!KEY_RE.test(key)) {
      throw new SelectorParseError(`key: Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
    }
    const op = peek();
    if (op.t === ',' || op.t === 'end') return { key, op: negate ? '!' : 'exists', values: [] };
    if (negate) throw new SelectorParseError(`found '${op.v}', expected: ',' or 'end of string'`);
    next();
    if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) return { key, op: op.v, values: parseValues() };
    if (op.t !== 'op') throw new SelectorParseError(`found '${op.v}', expected: in, notin, =, ==, !=, gt, lt`);
    // exact value: nothing before ',' or the end is the empty value
    let v = '';
    const vt = peek();
    if (vt.t === 'id') v = next().v;
    else if (vt.t !== ',' && vt.t !== 'end') throw new SelectorParseError(`found '${vt.v}', expected: identifier`);
    if (op.v === '<' || op.v === '>') {
      if (!/^-?\d+$/.test(v)) throw new SelectorParseError(`for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op: op.v === '>' ? 'gt' : 'lt', values: [v] };
    }
    if (!VALUE_RE.test(v) || v.length > 63) {
      throw new SelectorParseError(`values[0][${key}]: Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
    }
    return { key, op: op.v === '!=' ? '!=' : '=', values: [v] };
  }

  /** `(a,b)`; `()` and empty members stand for the empty value. */
  function parseValues(): string[] {
    const open = next();
    if (open.t !== '(') throw new SelectorParseError(`found '${open.v}' expected: '('`);
    const first = peek();
    if (first.t === ')') {
      next();
      return [''];
    }
    if (first.t !== 'id' && first.t !== ',') throw new SelectorParseError(`found '${first.v}', expected: ',', ')' or identifier`);
    const values = new Set<string>();
    for (;;) {
      const t = next();
      if (t.t === 'id') {
        values.add(t.v);
        const after = peek();
        if (after.t === ',') continue;
        if (after.t === ')') break;
        throw new SelectorParseError(`found '${after.v}', expected: ',' or ')'`);
      } else if (t.t === ',') {
        if (values.size === 0) values.add('');
        const after = peek();
        if (after.t === ')') {
          values.add('');
          break;
        }
        if (after.t === ',') {
          next();
          values.add('');
        }
      } else {
        throw new SelectorParseError(`found '${t.v}', expected: ',', or identifier`);
      }
    }
    const close = next();
    if (close.t !== ')') throw new SelectorParseError(`found '${first.v}', expected: ')'`);
    return [...values];
  }
}

export function matchLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
        if (!has || v !== r.values[0]) return false;
        break;
      case '!=':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const w = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > w) : !(n < w)) return false;
        break;
      }
    }
  }
  return true;
}
