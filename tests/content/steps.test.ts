/**
 * The guided steps (```sh run blocks) must be commands the learner can really type:
 * - against the real kubectl (the oracle), no kubectl line is refused for its syntax (unknown flag or command);
 * - in the simulator, each terminal's steps run in the world of the lab it is bound to, and none is refused
 *   as unknown or unavailable.
 * Skipped, with the reason printed, where no kubectl binary exists or the world cannot be loaded.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../src/labs/load';
import { seedLab } from '../../src/labs/runner';

const root = resolve('content');

interface Segment {
  chapter: string;
  lab?: string;
  steps: string[];
}

/** Runnable blocks, grouped under the terminal that precedes them. */
function segments(): Segment[] {
  const out: Segment[] = [];
  for (const f of readdirSync(root).filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(join(root, f), 'utf8');
    let cur: Segment | undefined;
    const re = /<Terminal\b([^>]*)\/>|^```sh run\n([\s\S]*?)^```$/gm;
    for (const m of text.matchAll(re)) {
      if (m[1] !== undefined) {
        cur = { chapter: f.replace(/\.mdx$/, ''), lab: m[1].match(/lab="([^"]+)"/)?.[1], steps: [] };
        out.push(cur);
      } else if (cur) cur.steps.push(m[2].replace(/\n$/, ''));
    }
  }
  return out;
}

/** Splits a one-line command the way a shell would (single and double quotes). */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === ' ') {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (cur || has) out.push(cur);
  return out;
}

const REFUSED = /unknown (shorthand )?flag|unknown command|flag needs an argument|invalid argument|is not available in this simulated cluster|command not found/i;

function realKubectl(): string | undefined {
  try {
    const p = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    return p ? realpathSync(p) : undefined;
  } catch {
    return undefined;
  }
}

describe('guided steps against the real kubectl', () => {
  const kubectl = realKubectl();
  const labs = loadLabs().map((l) => l.lab!);
  // Guided steps, and what labs hand out: hint commands, solution and variant lines.
  const candidates = [
    ...segments().flatMap((s) => s.steps),
    ...labs.flatMap((l) => l.tasks.map((t) => t.hints.command ?? '')),
    ...labs.flatMap((l) => [...l.solution, ...l.variants.flatMap((v) => v.steps)].flatMap((s) => ('run' in s ? [s.run] : []))),
  ];
  const lines = [...new Set(candidates.filter((s) => s.startsWith('kubectl ') && !/[|<>$\n&]/.test(s.replace(/'[^']*'/g, ''))))];
  it(`${lines.length} kubectl lines of the chapters and labs parse`, async (t) => {
    if (!kubectl) {
      console.log('steps oracle skipped: no kubectl binary on PATH');
      t.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-steps-'));
    try {
      // A cluster that refuses connections at once: syntax errors come before any request.
      const kc = join(dir, 'config');
      writeFileSync(kc, 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1"}\ncontexts:\n- name: k3d-mini-cluster\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {}\ncurrent-context: k3d-mini-cluster\n');
      const stderrOf = (line: string) =>
        new Promise<string>((done) => {
          // With --help, kubectl parses every flag (refusing unknown ones) and stops before any request.
          const args = words(line).slice(1);
          const dash = args.indexOf('--');
          if (dash >= 0) args.splice(dash, 0, '--help');
          else args.push('--help');
          const p = spawn(kubectl!, args, { env: { ...process.env, KUBECONFIG: kc } });
          let err = '';
          p.stderr.on('data', (c) => (err += c));
          const timer = setTimeout(() => p.kill(), 20_000);
          p.on('close', () => {
            clearTimeout(timer);
            done(err);
          });
        });
      const refused: string[] = [];
      // Several at a time: each call waits on a refused connection, not on the CPU.
      for (let i = 0; i < lines.length; i += 8) {
        const batch = lines.slice(i, i + 8);
        const errs = await Promise.all(batch.map(stderrOf));
        errs.forEach((e, j) => {
          if (REFUSED.test(e)) refused.push(`${batch[j]}\n  ${e.trim().split('\n')[0]}`);
        });
      }
      expect(refused).toEqual([]);
      // The harness itself must see a refusal when there is one.
      expect(await stderrOf('kubectl scale deployment web --replica=3')).toMatch(REFUSED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('guided steps in the simulator', () => {
  const labs = new Map(loadLabs().map((l) => [l.lab!.id, l.lab!]));
  for (const seg of segments()) {
    it(`${seg.chapter}${seg.lab ? ` (terminal of ${seg.lab})` : ''}: ${seg.steps.length} steps are known commands`, async (t) => {
      let worldHostFactory;
      try {
        ({ worldHostFactory } = await import('../../src/labs/world-host'));
      } catch (e) {
        console.log(`steps walk-through skipped: the simulated world cannot be loaded (${(e as Error).message})`);
        t.skip();
        return;
      }
      const lab = seg.lab ? labs.get(seg.lab) : undefined;
      const host = await worldHostFactory({ seed: 1, empty: lab ? lab.seed.cluster.kind !== 'default' : false });
      if (lab) await seedLab(lab, host);
      const refused: string[] = [];
      for (const step of seg.steps) {
        const r = await host.run(step);
        const said = `${r.stderr}${r.stdout}`;
        if (r.code === 127 || REFUSED.test(r.stderr)) refused.push(`${step.split('\n')[0]} → ${r.code}: ${said.trim().split('\n')[0]}`);
      }
      expect(refused).toEqual([]);
    }, 300_000);
  }
});
