/**
 * ObjectMeta, label, annotation and label-selector validation (apimachinery pkg/api/validation/objectmeta.go,
 * pkg/apis/meta/v1/validation/validation.go).
 */
import type { KubeObject } from '../types';
import { child, forbidden, goStringMap, invalid, key, required, tooLong, type GoValue } from './field';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameFn } from './names';
import type { FieldError } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

export function validateLabels(labels: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(String(v ?? ''))) errs.push(invalid(path, String(v ?? ''), msg));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += k.length + String(v ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateObjectMeta: name/generateName with the kind's name rule, namespace, labels, annotations. */
export function validateObjectMeta(meta: KubeObject['metadata'] | undefined, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const gen = typeof m.generateName === 'string' ? m.generateName : '';
  if (gen) for (const msg of nameFn(gen, true)) errs.push(invalid(child(path, 'generateName'), gen, msg));
  const name = typeof m.name === 'string' ? m.name : '';
  if (!name) {
    if (!gen) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  } else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg));
  if (namespaced) {
    if (m.namespace) for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid(child(path, 'namespace'), m.namespace, msg));
  } else if (m.namespace) errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  (m.finalizers ?? []).forEach((f: unknown) => {
    for (const msg of isQualifiedName(String(f))) errs.push(invalid(child(path, 'finalizers'), String(f), msg));
  });
  return errs;
}

/** ValidateObjectMetaUpdate: the fields that may never change. */
export function validateObjectMetaUpdate(meta: KubeObject['metadata'], old: KubeObject['metadata'], path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const immutable = (f: 'name' | 'namespace' | 'uid' | 'creationTimestamp', shown: unknown) => {
    if (meta[f] !== undefined && old[f] !== undefined && meta[f] !== old[f]) errs.push(invalid(child(path, f), shown, 'field is immutable'));
  };
  immutable('name', meta.name);
  immutable('namespace', meta.namespace);
  immutable('uid', meta.uid);
  return errs;
}

/** ValidateLabelSelector (strict: label values in matchLabels must be valid). */
export function validateLabelSelector(sel: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel || typeof sel !== 'object') return errs;
  (sel.matchExpressions ?? []).forEach((r: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    switch (r?.operator) {
      case 'In':
      case 'NotIn':
        if (!Array.isArray(r.values) || r.values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (Array.isArray(r.values) && r.values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(p, 'operator'), String(r?.operator ?? ''), 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(String(r?.key ?? ''))) errs.push(invalid(child(p, 'key'), String(r?.key ?? ''), msg));
    (r?.values ?? []).forEach((v: unknown, j: number) => {
      for (const msg of isValidLabelValue(String(v))) errs.push(invalid(`${child(p, 'values')}[${j}]`, String(v), msg));
    });
  });
  errs.push(...validateLabels(sel.matchLabels, child(path, 'matchLabels')));
  return errs;
}

/** Whether a label selector (matchLabels + matchExpressions) matches a label set. */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel?.matchExpressions ?? []) {
    const has = r.key in l;
    const vals: string[] = r.values ?? [];
    if (r.operator === 'In' && !(has && vals.includes(l[r.key]))) return false;
    if (r.operator === 'NotIn' && has && vals.includes(l[r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export const selectorIsEmpty = (sel: any) => Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions ?? []).length === 0;

/** %#v of a *metav1.LabelSelector as ValidateImmutableField prints it. */
export function goLabelSelector(sel: any): GoValue {
  const ml = goStringMap(sel?.matchLabels ?? null).go;
  const exprs = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((r: any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${JSON.stringify(r.operator)}, Values:[]string{${(r.values ?? []).map((v: string) => JSON.stringify(v)).join(', ')}}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return { go: `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${exprs}}` };
}

export { key };
