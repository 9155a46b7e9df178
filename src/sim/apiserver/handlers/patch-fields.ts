/**
 * Unknown fields in patches are reported differently from create/update bodies:
 * - merge, strategic and JSON patches under fieldValidation=Strict fail with 422 Invalid on the field
 *   `patch`, whose value is the patch printed as Go prints a decoded map (`map[spec:map[foo:1]]`), or the raw
 *   JSON patch text (apiserver pkg/endpoints/handlers/patch.go, strict decoding of the patched object);
 * - an apply patch is converted to a typed object by structured-merge-diff whatever fieldValidation says, and
 *   an unknown field fails that with a plain error the handler returns as 500 without a reason:
 *   `failed to create typed patch object (<ns>/<name>; <group>/<version>, Kind=<Kind>): .spec.foo: field not
 *   declared in schema` (fieldmanager/structuredmerge.go; list items keyed as [name="x"]).
 */
import type { ResourceRequest } from '../context';
import { fail, invalid } from '../errors';
import type { ResourceInfo } from '../registry';
import type { KubeObject, Status } from '../types';
import { findUnknownFields } from '../unknown-fields';
import type { PatchKind } from '../patching';
import { pruneFields } from './common';

/** fmt's %+v of a value decoded from JSON into interface{}. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v).replace(/e\+?(\d)/, 'e+$1');
  return String(v);
}

/** 'spec.template.spec.containers[0].foo' → '.spec.template.spec.containers[name="web"].foo' against `obj`. */
function smdPath(field: string, obj: unknown): string {
  let cur: unknown = obj;
  let out = '';
  for (const part of field.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (part.startsWith('[')) {
      const i = Number(part.slice(1, -1));
      const el = Array.isArray(cur) ? cur[i] : undefined;
      const name = el && typeof el === 'object' ? (el as Record<string, unknown>).name : undefined;
      out += typeof name === 'string' ? `[name=${JSON.stringify(name)}]` : `[${i}]`;
      cur = el;
    } else {
      out += `.${part}`;
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}

/** Fails as the real server does for unknown fields in a patch; returns warnings for Warn mode. */
export function checkPatchUnknownFields(req: ResourceRequest, ri: ResourceInfo, kind: PatchKind, patch: unknown, result: KubeObject): string[] {
  if (kind === 'apply') {
    // structured-merge-diff types the applied configuration itself
    const unknown = patch && typeof patch === 'object' && !Array.isArray(patch) ? findUnknownFields(ri.group, ri.version, ri.kind, patch as KubeObject) : [];
    if (unknown.length === 0) return [];
    const m = result.metadata ?? {};
    const gvk = `${ri.group}/${ri.version}, Kind=${ri.kind}`;
    const s = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `failed to create typed patch object (${m.namespace ?? ''}/${m.name ?? ''}; ${gvk}): ${smdPath(unknown[0], patch)}: field not declared in schema`,
      code: 500,
    } as Status;
    return fail(s);
  }
  const unknown = findUnknownFields(ri.group, ri.version, ri.kind, result);
  const mode = req.query.fieldValidation ?? 'Warn';
  if (unknown.length === 0) return [];
  const texts = unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (mode === 'Strict') {
    const value = kind === 'json' ? JSON.stringify(patch) : goValue(patch);
    fail(
      invalid({ group: '', kind: '' }, '', [
        { type: 'FieldValueInvalid', field: 'patch', value, message: `patch: Invalid value: ${JSON.stringify(value)}: strict decoding error: ${texts.join(', ')}` },
      ]),
    );
  }
  pruneFields(result, unknown);
  return mode === 'Ignore' ? [] : texts;
}
