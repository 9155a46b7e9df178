/**
 * `pods:` — the set of pods a label selector picks (terminating pods left out, as a controller sees them):
 * how many, and a condition every one of them must meet (phase, ready or not ready, image, on or off a node).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { R } from '../../sim/client/resources';
import { countOk, countWords, isTerminating, nsOf, nsWords, parseCount, result, type Part } from './common';
import { podReady, podStatusWord } from './podstatus';
import type { CheckKind } from './types';

export const podsCheck: CheckKind = {
  key: 'pods',
  subject: 'selector',
  fields: { selector: 'string', namespace: 'string', count: 'count', phase: 'string', ready: 'boolean', image: 'string', onNode: 'string', notOnNode: 'string' },
  async evaluate(spec, ctx) {
    const selector = (spec.selector ?? spec.pods) as string;
    const ns = nsOf(spec);
    const subject = `pods with ${selector}${nsWords(ns)}`;
    const pods = (await ctx.objects.list(R.pods, ns, selector)).filter((p) => !isTerminating(p));
    const parts: Part[] = [];
    const count = parseCount(spec.count);
    if (count) parts.push({ pass: countOk(count, pods.length), expected: countWords(count, 'pod'), actual: `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}` });
    const every = (expected: string, ok: (p: KubeObject) => boolean, describeBad: (p: KubeObject) => string) => {
      const bad = pods.filter((p) => !ok(p));
      parts.push({ pass: bad.length === 0, expected, actual: bad.map(describeBad).join(', ') });
    };
    if (typeof spec.phase === 'string') every(`all ${spec.phase}`, (p) => p.status?.phase === spec.phase, (p) => `${p.metadata.name} ${podStatusWord(p)}`);
    if (spec.ready === true) every('all ready', podReady, (p) => `${p.metadata.name} not ready (${podStatusWord(p)})`);
    if (spec.ready === false) every('none ready', (p) => !podReady(p), (p) => `${p.metadata.name} ready`);
    if (typeof spec.image === 'string') {
      const img = spec.image;
      every(`all running ${img}`, (p) => (p.spec?.containers ?? []).some((c: { image: string }) => c.image === img), (p) => `${p.metadata.name} runs ${(p.spec?.containers ?? []).map((c: { image: string }) => c.image).join(', ')}`);
    }
    if (typeof spec.onNode === 'string') every(`all on node ${spec.onNode}`, (p) => p.spec?.nodeName === spec.onNode, (p) => `${p.metadata.name} on ${p.spec?.nodeName ?? 'no node yet'}`);
    if (typeof spec.notOnNode === 'string') every(`none on node ${spec.notOnNode}`, (p) => p.spec?.nodeName !== spec.notOnNode, (p) => `${p.metadata.name} on ${spec.notOnNode}`);
    return result(subject, parts.length ? parts : [{ pass: pods.length > 0, expected: 'at least 1 pod', actual: 'none' }]);
  },
};
