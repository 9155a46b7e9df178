/**
 * Runs a conformance case on both sides from the same seeded start:
 * - ours: the case's lines through the learner's shell (our kubectl) inside the simulator, in virtual time;
 * - real: the same lines through the real bash and the real kubectl (a pinned versioned binary, a fresh cache,
 *   TZ=UTC) against `kubelab serve`'s HTTP adapter in front of an identical world.
 * Both sides start from `createWorld({seed})` settled as `kubelab run` settles it, and advance virtual time the
 * same way: one second after each line, N seconds for `sleep N`. The real side never advances time while kubectl
 * runs (it only fires what is due now), so cases are written not to wait on the cluster's progress.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '../../src/sim/world';
import { Shell } from '../../src/shell/session';
import { Canceller } from '../../src/shell/io';
import { drive, settle } from '../../src/cli/driver';
import { startHttpServer } from '../../src/cli/serve/server';
import { activeStreams } from '../../src/cli/serve/http';
import { serveKubeconfig } from '../../src/cli/serve/kubeconfig';
import type { ConformanceCase } from './cases';
import { normalizeOutput } from './normalize';
import { loadSchemaDocs } from '../../src/sim/apiserver/schema';

export interface StepResult {
  line: string;
  stdout: string;
  stderr: string;
  code: number;
}

/** Virtual time between world creation and the first line, as `kubelab run` gives it. */
const SETTLE_MS = 60_000;
const SLEEP = /^sleep (\d+)$/;

const stepLine = (s: string) => (s.startsWith('@') ? s.slice(1) : s);

export async function runOurs(c: ConformanceCase, seed: number): Promise<StepResult[]> {
  await loadSchemaDocs(); // field descriptions for explain, as `kubelab shell` and `kubelab serve` load them
  const world = createWorld({ seed });
  await settle(world.clock, SETTLE_MS);
  const shell = new Shell({ world });
  const results: StepResult[] = [];
  for (const step of c.steps) {
    const line = stepLine(step);
    const sleep = SLEEP.exec(line);
    if (sleep) {
      await settle(world.clock, Number(sleep[1]) * 1000);
      continue;
    }
    let stdout = '';
    let stderr = '';
    const signal = new Canceller();
    let code: number;
    try {
      code = await drive(world.clock, shell.exec(line, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, signal), {
        budgetMs: 120_000,
        interrupt: () => signal.abort(),
      });
    } catch (e) {
      stderr += `[harness] ${(e as Error).message}\n`;
      code = -1;
    }
    results.push({ line: step, stdout, stderr, code });
    await settle(world.clock, 1000);
  }
  return results;
}

export async function runReal(c: ConformanceCase, seed: number, kubectlBin: string): Promise<StepResult[]> {
  await loadSchemaDocs();
  const world = createWorld({ seed });
  await settle(world.clock, SETTLE_MS);
  const server = await startHttpServer(world.api()!, { port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-conf-'));
  const home = join(dir, 'home');
  const bin = join(dir, 'bin');
  mkdirSync(join(home, '.kube'), { recursive: true });
  mkdirSync(bin);
  symlinkSync(kubectlBin, join(bin, 'kubectl'));
  writeFileSync(join(home, '.kube', 'config'), serveKubeconfig({ server: server.url, name: 'k3d-mini-cluster' }));
  const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, TZ: 'UTC', LANG: 'C.UTF-8', KUBECACHEDIR: join(dir, 'cache') };
  // While kubectl waits on a watch, fire what is due now (watch deliveries) without moving time. Between plain
  // requests nothing runs, as on our side, where a command's requests all happen within one virtual instant.
  const pump = setInterval(() => {
    if (activeStreams() > 0) world.clock.runDue();
  }, 2);
  const results: StepResult[] = [];
  try {
    for (const step of c.steps) {
      const line = stepLine(step);
      const sleep = SLEEP.exec(line);
      if (sleep) {
        await settle(world.clock, Number(sleep[1]) * 1000);
        continue;
      }
      const r = await new Promise<StepResult>((resolve) => {
        execFile('bash', ['-c', line], { cwd: home, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ line: step, stdout, stderr, code });
        });
      });
      results.push(r);
      await settle(world.clock, 1000);
    }
  } finally {
    clearInterval(pump);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export interface CaseOutcome {
  case: ConformanceCase;
  identical: boolean;
  diff: string;
}

/** Compares the compared steps (not `@` setup lines) after normalisation. */
export function compareCase(c: ConformanceCase, ours: StepResult[], real: StepResult[]): CaseOutcome {
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(ours.length, real.length); i++) {
    const o = ours[i];
    const r = real[i];
    if (!o || !r) {
      diffs.push(`step ${i}: missing on one side`);
      continue;
    }
    if (o.line.startsWith('@')) continue;
    for (const key of ['stdout', 'stderr'] as const) {
      const a = normalizeOutput(o[key]);
      const b = normalizeOutput(r[key]);
      if (a !== b) diffs.push(`$ ${o.line}\n--- ${key} (real kubectl)\n${b}\n+++ ${key} (kubelab)\n${a}`);
    }
    if (o.code !== r.code) diffs.push(`$ ${o.line}\nexit code: real ${r.code}, kubelab ${o.code}`);
  }
  return { case: c, identical: diffs.length === 0, diff: diffs.join('\n') };
}

export async function runCase(c: ConformanceCase, seed: number, kubectlBin: string): Promise<CaseOutcome> {
  const [ours, real] = await Promise.all([runOurs(c, seed), runReal(c, seed, kubectlBin)]);
  return compareCase(c, ours, real);
}

/** The summary table: cases, identical and differing by command family. */
export function summaryTable(outcomes: CaseOutcome[]): string {
  const fam = new Map<string, { n: number; same: number }>();
  for (const o of outcomes) {
    const f = fam.get(o.case.family) ?? { n: 0, same: 0 };
    f.n++;
    if (o.identical) f.same++;
    fam.set(o.case.family, f);
  }
  const rows = [['FAMILY', 'CASES', 'IDENTICAL', 'DIFFERING']];
  let n = 0;
  let same = 0;
  for (const [name, f] of [...fam].sort()) {
    rows.push([name, String(f.n), String(f.same), String(f.n - f.same)]);
    n += f.n;
    same += f.same;
  }
  rows.push(['total', String(n), String(same), String(n - same)]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const table = rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('   ').trimEnd()).join('\n');
  return `${table}\n\n${n ? ((100 * same) / n).toFixed(1) : '0.0'}% identical (${same}/${n})\n`;
}
