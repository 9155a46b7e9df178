/**
 * The registry of check kinds and the validation of one check as written in lab.yaml.
 *
 * A check is a mapping with exactly one kind key. The key holds the subject (a name, a label selector, a path)
 * and the other keys say what must hold: `{ deployment: web, availableReplicas: 3, image: nginx:1.27 }`.
 * Kinds whose subject is a mapping take their fields inside it: `{ cluster: { name: dev, agents: 1 } }`.
 */
import { suggest } from '../suggest';
import { parseCount } from './common';
import { clusterCheck } from './cluster';
import { deploymentCheck } from './deployment';
import { fileCheck } from './file';
import { kubeconfigCheck } from './kubeconfig';
import { logsCheck } from './logs';
import { nodeCheck, nodesCheck } from './node';
import { objectCheck } from './object';
import { podCheck } from './pod';
import { podsCheck } from './pods';
import { serviceCheck } from './service';
import type { Check, CheckKind, FieldType } from './types';

export type { Check, CheckKind, CheckResult, EvalContext } from './types';

export const CHECK_KINDS: CheckKind[] = [deploymentCheck, podsCheck, podCheck, serviceCheck, nodeCheck, nodesCheck, kubeconfigCheck, clusterCheck, fileCheck, logsCheck, objectCheck];

export function kindOf(key: string): CheckKind | undefined {
  return CHECK_KINDS.find((k) => k.key === key);
}

function typeOk(t: FieldType, v: unknown): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string' || typeof v === 'number';
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'count':
      return parseCount(v) !== undefined;
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'stringMap':
      return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => ['string', 'number', 'boolean'].includes(typeof x));
    case 'map':
      return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'stringOrMap':
      return v !== undefined && v !== null;
  }
}

const TYPE_WORDS: Record<FieldType, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  count: 'a count like 3 or ">=2"',
  strings: 'a list of strings',
  stringMap: 'a mapping of strings',
  map: 'a mapping',
  stringOrMap: 'a value',
};

export function validateCheck(raw: unknown): { ok: true; check: Check } | { ok: false; errors: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: ['a check must be a mapping like {deployment: web, availableReplicas: 3}'] };
  const o = raw as Record<string, unknown>;
  let keys = Object.keys(o).filter((k) => kindOf(k));
  const known = CHECK_KINDS.map((k) => k.key);
  // A kind key may also be a field of another kind (`{ pod: x, node: y }`): the first key names the kind then.
  if (keys.length > 1 && keys.slice(1).every((k) => k in kindOf(keys[0])!.fields)) keys = [keys[0]];
  if (keys.length !== 1) {
    const hint = keys.length === 0 ? `no check kind among its keys (${Object.keys(o).join(', ') || 'none'}); kinds are ${known.join(', ')}` : `more than one check kind (${keys.join(', ')})`;
    return { ok: false, errors: [hint] };
  }
  const kind = kindOf(keys[0])!;
  const errors: string[] = [];
  const spec: Record<string, unknown> = {};
  const subjectValue = o[kind.key];
  const nameField = kind.subject === 'selector' ? 'selector' : kind.subject === 'path' ? 'path' : 'name';
  let fieldsGiven: Record<string, unknown> = {};
  if (subjectValue && typeof subjectValue === 'object' && !Array.isArray(subjectValue)) {
    fieldsGiven = { ...(subjectValue as Record<string, unknown>) };
    if (kind.subject !== 'mapping') {
      const n = fieldsGiven[nameField];
      if (typeof n !== 'string') errors.push(`${kind.key}.${nameField} is required`);
      else spec[kind.key] = n;
      delete fieldsGiven[nameField];
    }
  } else if (kind.subject === 'mapping') {
    if (subjectValue !== true && subjectValue !== null) errors.push(`${kind.key} must be a mapping of its fields`);
  } else if (typeof subjectValue === 'string' && subjectValue.trim() !== '') {
    spec[kind.key] = subjectValue;
  } else {
    errors.push(`${kind.key} must name its subject (a ${nameField}), found ${JSON.stringify(subjectValue)}`);
  }
  for (const [k, v] of Object.entries(o)) if (k !== kind.key) fieldsGiven[k] = v;
  const allowed = Object.keys(kind.fields).filter((f) => !(kind.subject !== 'mapping' && f === nameField));
  for (const [k, v] of Object.entries(fieldsGiven)) {
    const t = kind.fields[k];
    if (!t || !allowed.includes(k)) {
      errors.push(`${kind.key} check: unknown field "${k}"${suggest(k, allowed)}`);
      continue;
    }
    if (!typeOk(t, v)) errors.push(`${kind.key} check: ${k} must be ${TYPE_WORDS[t]}, found ${JSON.stringify(v)}`);
    spec[k] = typeof v === 'number' && t === 'string' ? String(v) : v;
  }
  if (kind.subject === 'mapping') spec[kind.key] = true;
  if (!errors.length && kind.validate) errors.push(...kind.validate(spec));
  return errors.length ? { ok: false, errors } : { ok: true, check: { kind: kind.key, spec } };
}
