/**
 * `file:` — a file in the learner's home. "Find and observe" labs ask the learner to leave the answer in a file,
 * so the grader still looks at state, never at typed commands. `sameAs` compares with a field of a live object,
 * for answers that depend on the cluster (a ClusterIP, a node name).
 */
import { R, type GVR } from '../../sim/client/resources';
import { getPath, missing, result, show, type Part } from './common';
import { readLearnerFile } from './files';
import type { CheckKind, EvalContext } from './types';

/** The resource an author names (`configmaps`, `deployments.apps`); own keys of R only, so `constructor` is unknown. */
export function gvrFor(resource: string): GVR | undefined {
  const plain = resource.split('.')[0];
  return Object.hasOwn(R, plain) ? (R as Record<string, GVR>)[plain] : undefined;
}

async function liveField(ref: Record<string, unknown>, ctx: EvalContext): Promise<{ value?: string; where: string }> {
  const r = gvrFor(String(ref.resource));
  const where = `${ref.resource} ${ref.name} field ${ref.field}`;
  if (!r) return { where };
  const o = await ctx.objects.get(r, r.resource === 'nodes' || r.resource === 'namespaces' ? undefined : String(ref.namespace ?? 'default'), String(ref.name));
  const v = o ? getPath(o, String(ref.field)) : undefined;
  return { value: v === undefined ? undefined : show(v), where };
}

export const fileCheck: CheckKind = {
  key: 'file',
  subject: 'path',
  fields: { exists: 'boolean', contains: 'string', matches: 'string', equals: 'string', sameAs: 'map' },
  validate(spec) {
    const errs: string[] = [];
    if (typeof spec.matches === 'string') {
      try {
        new RegExp(spec.matches, 'm');
      } catch (e) {
        errs.push(`matches: not a valid regular expression: ${(e as Error).message}`);
      }
    }
    if (spec.sameAs) {
      const s = spec.sameAs as Record<string, unknown>;
      for (const k of ['resource', 'name', 'field']) if (typeof s[k] !== 'string') errs.push(`sameAs.${k} is required`);
      if (typeof s.resource === 'string' && !gvrFor(s.resource)) errs.push(`sameAs.resource: unknown resource "${s.resource}"`);
    }
    return errs;
  },
  async evaluate(spec, ctx) {
    const path = spec.file as string;
    const subject = `file ${path}`;
    const text = readLearnerFile(path, ctx);
    if (spec.exists === false) return result(subject, [{ pass: text === undefined, expected: 'no such file', actual: 'it exists' }]);
    if (text === undefined) return missing(subject, 'the file to exist', 'no such file');
    const parts: Part[] = [];
    const trimmed = text.trim();
    const firstLine = trimmed.split('\n')[0] ?? '';
    const shown = trimmed === '' ? 'an empty file' : `"${firstLine.length > 60 ? firstLine.slice(0, 57) + '...' : firstLine}"${trimmed.includes('\n') ? ' …' : ''}`;
    if (typeof spec.contains === 'string') parts.push({ pass: text.includes(spec.contains), expected: `text containing "${spec.contains}"`, actual: shown });
    if (typeof spec.matches === 'string') parts.push({ pass: new RegExp(spec.matches, 'm').test(text), expected: `text matching /${spec.matches}/`, actual: shown });
    if (typeof spec.equals === 'string') parts.push({ pass: trimmed === spec.equals.trim(), expected: `exactly "${spec.equals.trim()}"`, actual: shown });
    if (spec.sameAs && typeof spec.sameAs === 'object') {
      const live = await liveField(spec.sameAs as Record<string, unknown>, ctx);
      parts.push({
        pass: live.value !== undefined && trimmed === live.value,
        expected: live.value === undefined ? `the value of ${live.where}` : `"${live.value}" (${live.where})`,
        actual: live.value === undefined ? `no such value in the cluster` : shown,
      });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
