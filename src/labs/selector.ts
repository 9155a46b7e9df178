/**
 * Label selectors as kubectl writes them (`app=web,tier!=db,env in (a,b),!canary`), for sources that filter
 * locally. Grammar after k8s.io/apimachinery pkg/labels/selector.go: =, ==, !=, in, notin, exists, !exists.
 */
export type Requirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: '!exists' };

export type Selector = Requirement[];

export function parseSelector(text: string): Selector | { error: string } {
  const reqs: Selector = [];
  // split on commas that are not inside parentheses
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^!\s*([\w./-]+)$/))) reqs.push({ key: m[1], op: '!exists' });
    else if ((m = p.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) reqs.push(m[2] === '!=' ? { key: m[1], op: 'notin', values: [m[3]] } : { key: m[1], op: 'in', values: [m[3]] });
    else if ((m = p.match(/^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = m[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values });
    } else if ((m = p.match(/^([\w./-]+)$/))) reqs.push({ key: m[1], op: 'exists' });
    else return { error: `unable to parse requirement: ${p}` };
  }
  return reqs;
}

export function matchesSelector(sel: Selector, labels: Record<string, string>): boolean {
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(labels[r.key]);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]);
    }
  });
}
