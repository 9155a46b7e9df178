/**
 * The conformance suite inside `npm test`, split into shards that vitest runs in parallel. Every case runs on both
 * sides; a case listed in baseline.json (identical when the baseline was taken) must still be identical, so a
 * regression fails the suite. Differing cases outside the baseline are reported, not failed: they are the work list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import cases from './cases';
import { runCase, summaryTable, type CaseOutcome } from './harness';
import { findKubectl, KUBECTL_SKIP_REASON } from '../helpers/real-kubectl';

const MINOR = '1.31';

export function defineShard(index: number, count: number): void {
  const bin = findKubectl(MINOR);
  const mine = cases.filter((_, i) => i % count === index);
  if (!bin) {
    console.log(`conformance shard ${index + 1}/${count}: skipped: ${KUBECTL_SKIP_REASON(MINOR)}`);
    describe.skip('conformance', () => it('needs the real kubectl', () => {}));
    return;
  }
  const baseline = new Set<string>(JSON.parse(readFileSync(join(import.meta.dirname, 'baseline.json'), 'utf8')));
  const outcomes: CaseOutcome[] = [];
  describe(`conformance shard ${index + 1}/${count} (real kubectl ${MINOR})`, () => {
    afterAll(() => {
      console.log(`conformance shard ${index + 1}/${count}\n${summaryTable(outcomes)}`);
    });
    for (const c of mine) {
      const inBaseline = baseline.has(c.name);
      it(`[${c.family}] ${c.name}${inBaseline ? '' : ' (not yet identical)'}`, async () => {
        const o = await runCase(c, 1, bin);
        outcomes.push(o);
        if (inBaseline) expect(o.diff, 'this case was identical to the real kubectl and no longer is').toBe('');
        // Not identical yet: it must still run to the end on both sides, without a crash of the harness or shell.
        else expect(o.diff).not.toMatch(/missing on one side|\[harness\]/);
      }, 120_000);
    }
  });
}
