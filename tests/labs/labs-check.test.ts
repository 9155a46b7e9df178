/**
 * `kubelab lab check` over every lab, in the real simulated world through the real shell: the seed fails every
 * task, the solution passes them all, and each wrong variant fails with the explanation it announces.
 * Skipped, with the reason printed, only while the world or the shell cannot run a kubectl command at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabHostFactory } from '../../src/labs/host';
import { loadLabs } from '../../src/labs/load';
import { checkLab } from '../../src/labs/runner';

let factory: LabHostFactory | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  try {
    factory = (await import('../../src/labs/world-host')).worldHostFactory;
  } catch (e) {
    skipReason = `the simulated world or the shell cannot be loaded: ${(e as Error).message}`;
    return;
  }
  const host = await factory({ seed: 1, empty: false });
  const r = await host.run('kubectl get nodes');
  if (r.code !== 0) skipReason = `kubectl cannot reach the default cluster yet (\`kubectl get nodes\` exited ${r.code}: ${(r.stderr || r.stdout).trim()})`;
  if (skipReason) console.log(`labs-check skipped: ${skipReason}`);
}, 120_000);

describe('every lab is proven in the simulated world', () => {
  for (const l of loadLabs()) {
    const lab = l.lab!;
    it(`${lab.id}: seed fails, solution passes, wrong variants fail`, async (t) => {
      if (skipReason) t.skip();
      const r = await checkLab(lab, factory!);
      expect(r.problems.join('\n')).toBe('');
    }, 300_000);
  }
});
