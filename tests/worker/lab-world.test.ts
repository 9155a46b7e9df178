// The worker decides whether a lab's world starts with a cluster before the lab engine loads; it must agree with
// the engine on every lab in labs/.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startsWithoutCluster } from '../../src/worker/world-engine';
import { parseLab } from '../../src/labs/schema';
import { needsEmptyWorld } from '../../src/labs/runner';

const root = new URL('../..', import.meta.url).pathname;
const dirs = [join(root, 'labs'), join(root, 'tests/e2e/fixtures/labs')].filter(existsSync);
const labs = dirs.flatMap((d) => readdirSync(d).map((n) => join(d, n, 'lab.yaml'))).filter(existsSync);

describe('world shape of a lab', () => {
  test('there are labs to check', () => {
    expect(labs.length).toBeGreaterThan(0);
  });
  test.each(labs)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    const parsed = parseLab(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(startsWithoutCluster(text)).toBe(needsEmptyWorld(parsed.lab));
  });
});
