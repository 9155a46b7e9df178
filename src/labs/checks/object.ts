/** `object:` — any resource's field, for what the dedicated kinds do not cover (a ConfigMap key, a label). */
import { getPath, missing, result, sameValue, show, type Part } from './common';
import { gvrFor } from './file';
import type { CheckKind } from './types';

export const objectCheck: CheckKind = {
  key: 'object',
  subject: 'mapping',
  fields: { resource: 'string', name: 'string', namespace: 'string', field: 'string', equals: 'stringOrMap', exists: 'boolean' },
  validate(spec) {
    const errs: string[] = [];
    if (typeof spec.resource !== 'string') errs.push('object: resource is required');
    else if (!gvrFor(spec.resource)) errs.push(`object: unknown resource "${spec.resource}"`);
    if (typeof spec.name !== 'string') errs.push('object: name is required');
    if (spec.equals !== undefined && typeof spec.field !== 'string') errs.push('object: equals needs field');
    return errs;
  },
  async evaluate(spec, ctx) {
    const r = gvrFor(String(spec.resource));
    if (!r) return missing(`object ${spec.resource} ${spec.name}`, 'a known resource', `unknown resource "${spec.resource}"`);
    const clusterScoped = r.resource === 'nodes' || r.resource === 'namespaces';
    const ns = clusterScoped ? undefined : typeof spec.namespace === 'string' ? spec.namespace : 'default';
    const subject = `${r.resource.replace(/s$/, '')} ${spec.name}${ns && ns !== 'default' ? ` in namespace ${ns}` : ''}`;
    const o = await ctx.objects.get(r, ns, spec.name as string);
    if (spec.exists === false) return result(subject, [{ pass: !o, expected: 'it not to exist', actual: 'it exists' }]);
    if (!o) return missing(subject, 'it to exist', 'no such object');
    const parts: Part[] = [];
    if (typeof spec.field === 'string') {
      const got = getPath(o, spec.field);
      if (spec.equals !== undefined) parts.push({ pass: sameValue(spec.equals, got), expected: `${spec.field} = ${show(spec.equals)}`, actual: `${spec.field} = ${show(got)}` });
      else parts.push({ pass: got !== undefined, expected: `${spec.field} set`, actual: `${spec.field} unset` });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
