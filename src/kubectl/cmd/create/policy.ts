/**
 * kubectl create quota | poddisruptionbudget | priorityclass (kubectl pkg/cmd/create/create_quota.go,
 * create_pdb.go, create_priorityclass.go). Keys are inserted in Go struct order for `-o json`.
 */
import type { KubeObject } from '../../../sim/apiserver/types';
import { parseLabelSelector, SelectorParseError } from '../../../sim/apiserver/selectors/labels';
import { QUANTITY_REGEX_TEXT, parseQuantity } from '../../../sim/apiserver/validation/quantity';
import type { Kctx } from '../../cli/kctx';
import { KubectlError } from '../../cli/errors';
import { formatQuantity, parseQuantity as parseForFormat } from '../../describe/quantity';
import { dryRun, exactlyOneName } from '../common';
import { meta } from '../generators';
import { nsOpt, submit, T } from '../create';

/** `--hard=pods=10,cpu=1`: quantities in their canonical form, as resource.Quantity marshals them. */
function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const stmt of spec.split(',')) {
    const parts = stmt.split('=');
    if (parts.length !== 2) throw new KubectlError(`Invalid argument syntax ${stmt}, expected <resource>=<value>`);
    if (parseQuantity(parts[1]) === undefined) throw new KubectlError(`quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`);
    out[parts[0]] = formatQuantity(parseForFormat(parts[1]));
  }
  return out;
}

export async function createQuota(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const hard = resourceList(k.f.str('hard'));
  const scopesText = k.f.str('scopes');
  const scopes = scopesText ? scopesText.split(',') : undefined;
  if (scopes?.includes('')) throw new KubectlError('invalid resource quota scope ""');
  const spec: Record<string, unknown> = {};
  if (hard) spec.hard = Object.fromEntries(Object.keys(hard).sort().map((r) => [r, hard[r]]));
  if (scopes) spec.scopes = scopes;
  const quota: KubeObject = { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(name, nsOpt(k)), spec, status: {} };
  return submit(k, T.resourcequota, quota, 'failed to create quota');
}

/** metav1.ParseToLabelSelector: equality into matchLabels, set-based into matchExpressions, `!=` refused. */
function labelSelector(text: string): Record<string, unknown> {
  let reqs;
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(`couldn't parse the selector string "${text}": ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === '=') matchLabels[r.key] = r.values[0];
    else if (r.op === 'exists') matchExpressions.push({ key: r.key, operator: 'Exists' });
    else if (r.op === '!') matchExpressions.push({ key: r.key, operator: 'DoesNotExist' });
    else if (r.op === 'in' || r.op === 'notin') matchExpressions.push({ key: r.key, operator: r.op === 'in' ? 'In' : 'NotIn', values: [...r.values].sort() });
    // Checked against the real 1.31: `!=` and `gt`/`lt` fail with different texts.
    else if (r.op === '!=') throw new KubectlError('"!=" is not a valid label selector operator');
    else throw new KubectlError(`"${r.op}" isn't supported in label selectors`);
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) sel.matchLabels = Object.fromEntries(Object.keys(matchLabels).sort().map((key) => [key, matchLabels[key]]));
  // labels.Parse sorts the requirements by key.
  if (matchExpressions.length) sel.matchExpressions = matchExpressions.sort((a, b) => ((a.key as string) < (b.key as string) ? -1 : (a.key as string) > (b.key as string) ? 1 : 0));
  return sel;
}

/** intstr.Parse: a number when the whole text is an integer, else the text. */
const intOrString = (s: string): number | string => (/^-?\d+$/.test(s) ? Number(s) : s);

export async function createPodDisruptionBudget(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const selector = k.f.str('selector');
  const minAvailable = k.f.str('min-available');
  const maxUnavailable = k.f.str('max-unavailable');
  if (!selector) throw new KubectlError('a selector must be specified');
  if (!minAvailable && !maxUnavailable) throw new KubectlError('one of min-available or max-unavailable must be specified');
  if (minAvailable && maxUnavailable) throw new KubectlError('min-available and max-unavailable cannot be both specified');
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable)) throw new KubectlError('invalid format specified for min-available');
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable)) throw new KubectlError('invalid format specified for max-unavailable');
  // PodDisruptionBudgetSpec order: minAvailable, selector, maxUnavailable; the status counters have no omitempty.
  const spec: Record<string, unknown> = {};
  if (minAvailable) spec.minAvailable = intOrString(minAvailable);
  spec.selector = labelSelector(selector);
  if (maxUnavailable) spec.maxUnavailable = intOrString(maxUnavailable);
  const pdb: KubeObject = {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: meta(name, nsOpt(k)),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
  return submit(k, T.poddisruptionbudget, pdb, 'failed to create poddisruptionbudgets');
}

export async function createPriorityClass(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const pc: KubeObject = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta(name, undefined), value: k.f.int('value') };
  if (k.f.bool('global-default')) pc.globalDefault = true;
  if (k.f.str('description')) pc.description = k.f.str('description');
  // The flag defaults to PreemptLowerPriority; an explicit empty value still sends a (pointer to an) empty string.
  pc.preemptionPolicy = k.f.str('preemption-policy');
  return submit(k, T.priorityclass, pc, 'failed to create priorityclass');
}
