/** `pod:` — one named pod: phase, readiness, containers, node, image. */
import { R } from '../../sim/client/resources';
import { countOk, countWords, missing, nsOf, nsWords, parseCount, result, type Part } from './common';
import { podReady, podStatusWord, readyContainers } from './podstatus';
import type { CheckKind } from './types';

export const podCheck: CheckKind = {
  key: 'pod',
  subject: 'name',
  fields: { namespace: 'string', exists: 'boolean', phase: 'string', ready: 'boolean', containers: 'count', readyContainers: 'count', node: 'string', image: 'string' },
  async evaluate(spec, ctx) {
    const name = spec.pod as string;
    const ns = nsOf(spec);
    const subject = `pod ${name}${nsWords(ns)}`;
    const p = await ctx.objects.get(R.pods, ns, name);
    if (spec.exists === false) return result(subject, [{ pass: !p, expected: 'no such pod', actual: 'it still exists' }]);
    if (!p) return missing(subject, 'it to exist', `no pod named ${name}${nsWords(ns)}`);
    const parts: Part[] = [];
    const status = podStatusWord(p);
    if (typeof spec.phase === 'string') parts.push({ pass: p.status?.phase === spec.phase && !p.metadata.deletionTimestamp, expected: `phase ${spec.phase}`, actual: `status ${status}` });
    if (typeof spec.ready === 'boolean') parts.push({ pass: podReady(p) === spec.ready, expected: spec.ready ? 'ready' : 'not ready', actual: podReady(p) ? 'ready' : `not ready (${status})` });
    const containers: { name: string; image: string }[] = p.spec?.containers ?? [];
    const c = parseCount(spec.containers);
    if (c) parts.push({ pass: countOk(c, containers.length), expected: countWords(c, 'container'), actual: `${containers.length} (${containers.map((x) => x.name).join(', ')})` });
    const rc = parseCount(spec.readyContainers);
    if (rc) parts.push({ pass: countOk(rc, readyContainers(p)), expected: countWords(rc, 'ready container'), actual: `${readyContainers(p)}/${containers.length} ready` });
    if (typeof spec.node === 'string') parts.push({ pass: p.spec?.nodeName === spec.node, expected: `on node ${spec.node}`, actual: p.spec?.nodeName ? `on node ${p.spec.nodeName}` : 'not scheduled to any node' });
    if (typeof spec.image === 'string') parts.push({ pass: containers.some((x) => x.image === spec.image), expected: `image ${spec.image}`, actual: `image ${containers.map((x) => x.image).join(', ')}` });
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
