/**
 * `npm run conformance`: every case through our kubectl and through the real one; prints the table by command
 * family, writes the diffs of differing cases to tests/conformance/out/diffs.txt and the identical case names to
 * tests/conformance/out/identical.json (compare with baseline.json; `--update-baseline` rewrites the entries of the selected cases).
 *   npm run conformance -- [--filter TEXT] [--kubectl 1.31] [--jobs N] [--update-baseline]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cases from './cases';
import { runCase, summaryTable, type CaseOutcome } from './harness';
import { findKubectl, KUBECTL_SKIP_REASON } from '../helpers/real-kubectl';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const minor = opt('--kubectl') ?? '1.31';
const filter = opt('--filter');
const jobs = Number(opt('--jobs') ?? 2);
const bin = findKubectl(minor);
if (!bin) {
  console.log(`conformance: skipped: ${KUBECTL_SKIP_REASON(minor)}`);
  process.exit(0);
}
const selected = cases.filter((c) => !filter || c.name.includes(filter) || c.family === filter);
const outcomes: CaseOutcome[] = new Array(selected.length);
let next = 0;
let done = 0;
async function worker() {
  for (;;) {
    const i = next++;
    if (i >= selected.length) return;
    outcomes[i] = await runCase(selected[i], 1, bin!);
    done++;
    if (done % 25 === 0) process.stderr.write(`conformance: ${done}/${selected.length}\n`);
  }
}
await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));

const dir = join(import.meta.dirname, 'out');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'diffs.txt'), outcomes.filter((o) => !o.identical).map((o) => `=== [${o.case.family}] ${o.case.name}\n${o.diff}\n`).join('\n'));
const identical = outcomes.filter((o) => o.identical).map((o) => o.case.name).sort();
writeFileSync(join(dir, 'identical.json'), JSON.stringify(identical, null, 2) + '\n');
if (args.includes('--update-baseline')) {
  // Only the cases this run selected are re-judged; with --filter the rest of the baseline stays as it was.
  const file = join(import.meta.dirname, 'baseline.json');
  const ran = new Set(selected.map((c) => c.name));
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((n) => !ran.has(n)) : [];
  writeFileSync(file, JSON.stringify([...new Set([...kept, ...identical])].sort(), null, 2) + '\n');
}
console.log(summaryTable(outcomes));
console.log(`diffs of differing cases: tests/conformance/out/diffs.txt`);
