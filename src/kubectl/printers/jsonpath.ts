/**
 * JSONPath templates as client-go util/jsonpath evaluates them (parser.go, jsonpath.go): text outside `{}` is
 * literal; each action's results are joined with a space; maps and lists print as compact JSON, strings raw;
 * missing keys print nothing (kubectl sets AllowMissingKeys). Supports fields, `[n]`, `[a:b]`, `[*]`, `..`,
 * unions `[a,b]`, filters `[?(@.x=="y")]`, `{range …}{end}`, string literals `{"\n"}`.
 */
import { toCompactJson } from './json';

export class JsonPathError extends Error {}

type Step =
  | { t: 'field'; names: string[] }
  | { t: 'recursive' }
  | { t: 'index'; start?: number; end?: number; all?: boolean; single?: number; list?: number[] }
  | { t: 'filter'; left: Step[]; op?: string; right?: string | number | boolean | Step[] };

type Node = { t: 'text'; v: string } | { t: 'path'; steps: Step[]; union?: Step[][] } | { t: 'range'; steps: Step[]; body: Node[] } | { t: 'literal'; v: string };

export function parseJsonPath(tmpl: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[] }[] = [{ nodes: root }];
  let i = 0;
  while (i < tmpl.length) {
    const open = tmpl.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].nodes.push({ t: 'text', v: tmpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].nodes.push({ t: 'text', v: tmpl.slice(i, open) });
    const close = findClose(tmpl, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const inner = tmpl.slice(open + 1, close).trim();
    i = close + 1;
    if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
      continue;
    }
    if (inner.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parseSteps(inner.slice(6).trim()), body: [] };
      stack[stack.length - 1].nodes.push(node);
      stack.push({ nodes: (node as { body: Node[] }).body });
      continue;
    }
    if (inner.startsWith('"')) {
      stack[stack.length - 1].nodes.push({ t: 'literal', v: unquote(inner) });
      continue;
    }
    const parts = splitTopLevel(inner, ',');
    if (parts.length > 1) stack[stack.length - 1].nodes.push({ t: 'path', steps: [], union: parts.map((p) => parseSteps(p.trim())) });
    else stack[stack.length - 1].nodes.push({ t: 'path', steps: parseSteps(inner) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function findClose(s: string, open: number): number {
  let inStr = false;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '}') return i;
  }
  return -1;
}

function unquote(s: string): string {
  try {
    return JSON.parse(s);
  } catch {
    return s.slice(1, -1);
  }
}

function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      cur += c;
      if (c === '\\') cur += s[++i] ?? '';
      else if (c === '"' || c === "'") inStr = false;
      continue;
    }
    if (c === '"' || c === "'") inStr = true;
    if (c === '[' || c === '(') depth++;
    if (c === ']' || c === ')') depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function parseSteps(expr: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (expr.startsWith('$')) i = 1;
  if (expr.startsWith('@')) i = 1;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '.' && expr[i + 1] === '.') {
      steps.push({ t: 'recursive' });
      i += 2;
      continue;
    }
    if (c === '.') {
      i++;
      let name = '';
      while (i < expr.length && expr[i] !== '.' && expr[i] !== '[') {
        if (expr[i] === '\\' && i + 1 < expr.length) {
          name += expr[i + 1];
          i += 2;
          continue;
        }
        name += expr[i++];
      }
      if (name === '*') steps.push({ t: 'index', all: true });
      else if (name) steps.push({ t: 'field', names: [name] });
      continue;
    }
    if (c === '[') {
      let depth = 0;
      let j = i;
      let inStr = false;
      for (; j < expr.length; j++) {
        const d = expr[j];
        if (inStr) {
          if (d === '"' || d === "'") inStr = false;
          continue;
        }
        if (d === '"' || d === "'") inStr = true;
        else if (d === '[') depth++;
        else if (d === ']') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= expr.length) throw new JsonPathError(`unterminated array`);
      steps.push(parseBracket(expr.slice(i + 1, j).trim()));
      i = j + 1;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    // A bare field name without a leading dot (relaxed forms).
    let name = '';
    while (i < expr.length && expr[i] !== '.' && expr[i] !== '[') name += expr[i++];
    steps.push({ t: 'field', names: [name] });
  }
  return steps;
}

function parseBracket(b: string): Step {
  if (b === '*') return { t: 'index', all: true };
  if (b.startsWith('?(') && b.endsWith(')')) {
    const cond = b.slice(2, -1).trim();
    const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(cond);
    if (!m) return { t: 'filter', left: parseSteps(cond) };
    const right = m[3].trim();
    let rv: string | number | boolean | Step[];
    if (/^["'].*["']$/.test(right)) rv = right.slice(1, -1);
    else if (/^-?\d+(\.\d+)?$/.test(right)) rv = Number(right);
    else if (right === 'true' || right === 'false') rv = right === 'true';
    else rv = parseSteps(right);
    return { t: 'filter', left: parseSteps(m[1].trim()), op: m[2], right: rv };
  }
  if (/^["']/.test(b)) {
    return { t: 'field', names: splitTopLevel(b, ',').map((p) => p.trim().replace(/^["']|["']$/g, '')) };
  }
  if (b.includes(',')) return { t: 'index', list: b.split(',').map((x) => Number(x.trim())) };
  if (b.includes(':')) {
    const [s, e] = b.split(':');
    return { t: 'index', start: s.trim() === '' ? undefined : Number(s), end: e === undefined || e.trim() === '' ? undefined : Number(e) };
  }
  if (/^-?\d+$/.test(b)) return { t: 'index', single: Number(b) };
  return { t: 'field', names: [b] };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    const next: unknown[] = [];
    if (s.t === 'recursive') {
      const collect = (v: unknown) => {
        next.push(v);
        if (Array.isArray(v)) v.forEach(collect);
        else if (isObj(v)) Object.keys(v).sort().forEach((key) => collect(v[key]));
      };
      cur.forEach(collect);
      cur = next;
      continue;
    }
    for (const v of cur) {
      if (s.t === 'field') {
        for (const n of s.names) {
          if (isObj(v) && n in v && v[n] !== undefined) next.push(v[n]);
        }
      } else if (s.t === 'index') {
        if (s.all) {
          if (Array.isArray(v)) next.push(...v);
          else if (isObj(v)) for (const key of Object.keys(v).sort()) next.push(v[key]);
          continue;
        }
        if (!Array.isArray(v)) continue;
        if (s.single !== undefined) {
          const idx = s.single < 0 ? v.length + s.single : s.single;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
          else throw new JsonPathError(`array index out of bounds: index ${s.single}, length ${v.length}`);
        } else if (s.list) {
          for (const i of s.list) if (i >= 0 && i < v.length) next.push(v[i]);
        } else {
          let a = s.start ?? 0;
          let e = s.end ?? v.length;
          if (a < 0) a = Math.max(0, v.length + a);
          if (e < 0) e = v.length + e;
          next.push(...v.slice(a, Math.min(e, v.length)));
        }
      } else if (s.t === 'filter') {
        const items = Array.isArray(v) ? v : isObj(v) ? Object.keys(v).sort().map((key) => v[key]) : [];
        for (const item of items) if (matchFilter(item, s)) next.push(item);
      }
    }
    cur = next;
  }
  return cur;
}

function matchFilter(item: unknown, f: Extract<Step, { t: 'filter' }>): boolean {
  const left = walk([item], f.left);
  if (!f.op) return left.length > 0;
  if (!left.length) return false;
  const rights = Array.isArray(f.right) ? walk([item], f.right as Step[]) : [f.right];
  if (!rights.length) return false;
  const a = left[0] as string | number;
  const b = rights[0] as string | number;
  switch (f.op) {
    case '==':
      return String(a) === String(b);
    case '!=':
      return String(a) !== String(b);
    case '<':
      return Number(a) < Number(b);
    case '>':
      return Number(a) > Number(b);
    case '<=':
      return Number(a) <= Number(b);
    case '>=':
      return Number(a) >= Number(b);
    case '=~':
      return new RegExp(String(b)).test(String(a));
  }
  return false;
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return toCompactJson(v);
  return String(v);
}

function execNodes(nodes: Node[], data: unknown, out: string[]): void {
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'literal') out.push(n.v);
    else if (n.t === 'path') {
      const results = n.union ? n.union.flatMap((st) => walk([data], st)) : walk([data], n.steps);
      out.push(results.map(valueText).join(' '));
    } else {
      for (const item of walk([data], n.steps)) execNodes(n.body, item, out);
    }
  }
}

/** Evaluates a template against data; throws JsonPathError on bad syntax. */
export function executeJsonPath(tmpl: string, data: unknown): string {
  const out: string[] = [];
  execNodes(parseJsonPath(tmpl), data, out);
  return out.join('');
}

/** Values a single path expression yields (custom-columns, --sort-by). */
export function findValues(expr: string, data: unknown): unknown[] {
  const nodes = parseJsonPath(relaxed(expr));
  const p = nodes.find((n) => n.t === 'path') as Extract<Node, { t: 'path' }> | undefined;
  if (!p) return [];
  return p.union ? p.union.flatMap((st) => walk([data], st)) : walk([data], p.steps);
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` all mean `{.a.b}`. */
export function relaxed(expr: string): string {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.') && !e.startsWith('$') && !e.startsWith('[')) e = '.' + e;
  return `{${e}}`;
}
