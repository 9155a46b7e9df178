/**
 * `logs:` — what a container printed (GET pods/{name}/log, as `kubectl logs` reads it). `mentionsPods` counts
 * how many different pods of a selector appear by name in the log: evidence that requests reached several
 * replicas behind a Service.
 */
import { R } from '../../sim/client/resources';
import { countOk, countWords, isTerminating, missing, nsOf, nsWords, parseCount, result, type Part } from './common';
import type { CheckKind } from './types';

export const logsCheck: CheckKind = {
  key: 'logs',
  subject: 'name',
  fields: { namespace: 'string', container: 'string', contains: 'string', mentionsPods: 'map' },
  validate(spec) {
    const m = spec.mentionsPods as Record<string, unknown> | undefined;
    if (m && (typeof m.selector !== 'string' || parseCount(m.count) === undefined)) return ['mentionsPods needs selector (string) and count'];
    return [];
  },
  async evaluate(spec, ctx) {
    const pod = spec.logs as string;
    const ns = nsOf(spec);
    const container = typeof spec.container === 'string' ? spec.container : undefined;
    const subject = `logs of pod ${pod}${container ? ` container ${container}` : ''}${nsWords(ns)}`;
    if (!ctx.objects.logs) return missing(subject, 'logs to read', 'a source that cannot read logs');
    const text = await ctx.objects.logs(ns, pod, container);
    if (text === undefined) return missing(subject, 'the pod to exist', `no pod named ${pod}${nsWords(ns)}`);
    const parts: Part[] = [];
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    if (typeof spec.contains === 'string') parts.push({ pass: text.includes(spec.contains), expected: `a line containing "${spec.contains}"`, actual: lines ? `${lines} log ${lines === 1 ? 'line' : 'lines'} without it` : 'an empty log' });
    if (spec.mentionsPods) {
      const m = spec.mentionsPods as { selector: string; count: unknown };
      const c = parseCount(m.count)!;
      const pods = (await ctx.objects.list(R.pods, ns, m.selector)).filter((p) => !isTerminating(p));
      const seen = pods.filter((p) => text.includes(p.metadata.name!)).length;
      parts.push({ pass: countOk(c, seen), expected: `answers from ${countWords(c, `pod of ${m.selector}`)}`, actual: `answers from ${seen}` });
    }
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
