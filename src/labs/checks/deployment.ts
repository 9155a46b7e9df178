/** `deployment:` — a Deployment's desired and observed replicas, its pod template image, what `apply` last wrote. */
import { R } from '../../sim/client/resources';
import { countOk, countWords, getPath, missing, nsOf, nsWords, parseCount, plural, result, sameValue, show, type Part } from './common';
import type { CheckKind } from './types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const deploymentCheck: CheckKind = {
  key: 'deployment',
  subject: 'name',
  fields: { namespace: 'string', exists: 'boolean', replicas: 'count', availableReplicas: 'count', readyReplicas: 'count', updatedReplicas: 'count', image: 'string', lastApplied: 'map' },
  async evaluate(spec, ctx) {
    const name = spec.deployment as string;
    const ns = nsOf(spec);
    const subject = `deployment ${name}${nsWords(ns)}`;
    const d = await ctx.objects.get(R.deployments, ns, name);
    if (spec.exists === false) return result(subject, [{ pass: !d, expected: 'no such deployment', actual: 'it still exists' }]);
    if (!d) return missing(subject, 'it to exist', `no deployment named ${name}${nsWords(ns)}`);
    const parts: Part[] = [];
    const counted = (field: string, value: number, noun: string) => {
      const c = parseCount(spec[field]);
      if (c) parts.push({ pass: countOk(c, value), expected: countWords(c, noun), actual: `${value} ${plural(noun, value)}` });
    };
    counted('replicas', d.spec?.replicas ?? 1, 'desired replica');
    counted('availableReplicas', d.status?.availableReplicas ?? 0, 'available replica');
    counted('readyReplicas', d.status?.readyReplicas ?? 0, 'ready replica');
    counted('updatedReplicas', d.status?.updatedReplicas ?? 0, 'up-to-date replica');
    if (typeof spec.image === 'string') {
      const images: string[] = (d.spec?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image);
      parts.push({ pass: images.includes(spec.image), expected: `image ${spec.image}`, actual: `image ${images.join(', ') || 'none'}` });
    }
    if (spec.lastApplied && typeof spec.lastApplied === 'object') {
      const raw = d.metadata.annotations?.[LAST_APPLIED];
      let applied: unknown;
      try {
        applied = raw ? JSON.parse(raw) : undefined;
      } catch {
        applied = undefined;
      }
      for (const [path, want] of Object.entries(spec.lastApplied as Record<string, unknown>)) {
        const got = applied === undefined ? undefined : getPath(applied, path);
        parts.push({
          pass: applied !== undefined && sameValue(want, got),
          expected: `${path} ${show(want)} in the last applied manifest`,
          actual: applied === undefined ? 'no last-applied-configuration (the deployment was not written by kubectl apply)' : `${path} ${show(got)} in the last applied manifest`,
        });
      }
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
