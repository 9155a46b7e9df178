/**
 * Label selectors as controllers evaluate them (apimachinery pkg/apis/meta/v1 LabelSelectorAsSelector,
 * pkg/labels/selector.go): a nil selector selects nothing, an empty one selects everything.
 */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Labels = Record<string, string> | undefined;

export function selectorMatches(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) if (!requirementMatches(r, l)) return false;
  return true;
}

export function isEmptySelector(selector: LabelSelector | undefined | null): boolean {
  return !!selector && !Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length;
}

function requirementMatches(r: LabelSelectorRequirement, l: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(l, r.key);
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(l[r.key]);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(l[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** A Service's map selector (labels.SelectorFromValidatedSet): every pair must match. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** The string form kubectl and the API use for a selector (`app=web,tier in (a,b)`). */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    if (r.operator === 'In') parts.push(`${r.key} in (${vals})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${vals})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
  }
  return parts.join(',');
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** Required node affinity (component-helpers nodeaffinity): the terms are ORed, requirements in a term ANDed. */
export function nodeSelectorTermsMatch(terms: NodeSelectorTerm[] | undefined, node: { metadata: { name?: string; labels?: Record<string, string> } }): boolean {
  if (!terms || !terms.length) return false;
  return terms.some((t) => {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (!exprs.length && !fields.length) return false;
    const labels = node.metadata.labels ?? {};
    const fieldValues: Record<string, string> = { 'metadata.name': node.metadata.name ?? '' };
    return exprs.every((r) => nodeRequirementMatches(r, labels)) && fields.every((r) => nodeRequirementMatches(r, fieldValues));
  });
}

function nodeRequirementMatches(r: NodeSelectorRequirement, l: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(l, r.key);
  switch (r.operator) {
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const a = Number.parseInt(l[r.key], 10);
      const b = Number.parseInt((r.values ?? [])[0] ?? '', 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return requirementMatches(r, l);
  }
}
