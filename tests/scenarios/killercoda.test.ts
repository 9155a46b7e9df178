/**
 * The Killercoda scenarios of ../shared/corpus/scenarios, run for real against `kubelab serve` (see killercoda.ts).
 * Skips with a printed reason without the corpus, a real kubectl, bash or jq. At least 30 of the 37 must pass;
 * the expected failures are listed with their reasons in expected-failures.json and are reported, not hidden.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findKubectl, KUBECTL_SKIP_REASON } from '../helpers/real-kubectl';
import { listScenarios, runScenario, type ScenarioResult } from './killercoda';

const scenarios = listScenarios();
const bin = findKubectl('1.31');
const hasJq = (() => {
  try {
    execFileSync('jq', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
const skip = !scenarios.length ? 'the scenario corpus (../shared/corpus/scenarios) is missing' : !bin ? KUBECTL_SKIP_REASON('1.31') : !hasJq ? 'jq is not installed' : undefined;

if (skip) {
  console.log(`killercoda scenarios: skipped: ${skip}`);
  describe.skip('Killercoda scenarios', () => it('need their prerequisites', () => {}));
} else {
  const expectedFailures: Record<string, string> = JSON.parse(readFileSync(join(import.meta.dirname, 'expected-failures.json'), 'utf8'));
  const results: ScenarioResult[] = [];
  // Each scenario has its own world and server, so they run side by side (vitest's maxConcurrency, 5 by default).
  describe.concurrent('Killercoda scenarios against kubelab serve', () => {
    afterAll(() => {
      const passed = results.filter((r) => r.passed).length;
      const lines = results.filter((r) => !r.passed).map((r) => `  ${r.name}: ${r.reason}`);
      console.log(`killercoda scenarios: ${passed}/${results.length} passed end to end${lines.length ? '\n' + lines.join('\n') : ''}`);
    });
    for (const s of scenarios) {
      const known = expectedFailures[s.name];
      it(`${s.name}${known ? ' (expected to fail: ' + known + ')' : ''}`, async () => {
        const r = await runScenario(s, bin!);
        results.push(r);
        if (known) {
          // A known failure must still fail for the stated reason's part: verify.sh ran and did not pass.
          expect(r.verifyAfter === 0 && r.verifyBefore !== 0, `now passes: remove it from expected-failures.json\n${r.log}`).toBe(false);
        } else {
          expect(r.verifyBefore, `verify.sh passed before the solution\n${r.log}`).not.toBe(0);
          expect(r.verifyAfter, `verify.sh failed after the solution\n${r.log}`).toBe(0);
        }
      }, 600_000);
    }
    it('at least 30 scenarios are expected to pass', () => {
      expect(scenarios.length - Object.keys(expectedFailures).length).toBeGreaterThanOrEqual(30);
    });
  });
}
