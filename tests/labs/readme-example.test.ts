// The README teaches lab authors with a complete lab.yaml: it must parse and be proven exactly as written (seed
// fails, solution passes, the wrong variant fails with the text it names), and the failure text the README quotes
// must be what the seeded lab's failing check prints.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/labs/schema';
import { checkLab } from '../../src/labs/runner';
import { worldHostFactory } from '../../src/labs/world-host';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = /```yaml\n(id: [\s\S]*?)```\n/.exec(readme)?.[1] ?? '';
/** "(here `expected …`)" in the text after the example. */
const quoted = /\(here `([^`]+)`\)/.exec(readme.replace(/\s*\n\s*/g, ' '))?.[1];

describe("README's lab example", () => {
  it('is a valid lab.yaml that lab check proves, and its failing check prints the text the README quotes', async () => {
    const r = parseLab(example);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const checked = await checkLab(r.lab, worldHostFactory);
    expect(checked.problems.join('\n')).toBe('');
    expect(quoted).toBeDefined();
    const texts = checked.seed!.tasks.flatMap((t) => t.checks.filter((c) => !c.pass).map((c) => c.text));
    expect(texts.some((t) => t.includes(quoted!)), `${JSON.stringify(texts)} should include ${quoted}`).toBe(true);
  }, 300_000);
});
