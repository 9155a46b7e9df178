/**
 * Small formatting helpers shared by the printers: label selectors and label maps as strings.
 * Rules from apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector) and
 * pkg/labels (Requirement.String, FormatLabels): requirements sorted by key, values of in/notin sorted.
 */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The selector's String(); '' for an empty or missing selector, '<invalid>' for a bad operator. */
export function selectorString(sel: LabelSelector | null | undefined): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return '<invalid>';
    }
  }
  // sort.Sort(ByKey(requirements)) is not stable in Go, but keys rarely repeat; a stable sort keeps ties in order.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** FormatLabelSelector: like selectorString but '<none>' when empty. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  const s = selectorString(sel);
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: sorted `k=v` joined by ',', '<none>' when empty. */
export function formatLabels(map: Record<string, string> | null | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${map![k]}`).join(',');
}

/** The wide CONTAINERS and IMAGES cells: names and images joined by ','. */
export function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** `a,b,c + N more...` as listWithMoreString, or the fallback when the list is empty. */
export function listWithMore(list: string[], count: number, max: number, empty: string): string {
  const shown = list.slice(0, max).join(',');
  if (count > max) return `${shown} + ${count - max} more...`;
  return shown === '' ? empty : shown;
}
