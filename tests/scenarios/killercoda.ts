/**
 * Killercoda scenarios run for real: for each scenario under ../shared/corpus/scenarios, the real bash, jq and
 * kubectl run its setup.sh against `kubelab serve`, then its own verify.sh (which must fail), then our solution
 * for its task (solutions/<scenario>.sh, written for this suite), then verify.sh again (which must pass).
 * Virtual time runs fast (50×) while the scripts run, so their `rollout status` and `sleep` waits pass quickly.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '../../src/sim/world';
import { settle } from '../../src/cli/driver';
import { startHttpServer } from '../../src/cli/serve/server';
import { serveKubeconfig } from '../../src/cli/serve/kubeconfig';

export const SCENARIOS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'scenarios');
export const SOLUTIONS_DIR = join(import.meta.dirname, 'solutions');

export interface Scenario {
  name: string;
  dir: string;
}

export function listScenarios(): Scenario[] {
  if (!existsSync(SCENARIOS_DIR)) return [];
  const out: Scenario[] = [];
  for (const collection of readdirSync(SCENARIOS_DIR)) {
    const base = join(SCENARIOS_DIR, collection);
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      if (existsSync(join(dir, 'verify.sh'))) out.push({ name, dir });
    }
  }
  return out;
}

export interface ScenarioResult {
  name: string;
  setup: number;
  verifyBefore: number;
  solution: number;
  verifyAfter: number;
  passed: boolean;
  reason?: string;
  log: string;
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile('bash', [script], { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 124) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

export async function runScenario(s: Scenario, kubectlBin: string): Promise<ScenarioResult> {
  const world = createWorld({ seed: 1 });
  await settle(world.clock, 60_000);
  const server = await startHttpServer(world.api()!, { port: 0, onRequest: () => world.clock.runDue() });
  const ticker = setInterval(() => world.clock.advance(500), 10);
  const dir = mkdtempSync(join(tmpdir(), `kubelab-kc-${s.name}-`));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, '.kube'));
  symlinkSync(kubectlBin, join(bin, 'kubectl'));
  writeFileSync(join(dir, '.kube', 'config'), serveKubeconfig({ server: server.url, name: 'k3d-mini-cluster' }));
  // `k` is the alias the scenarios' texts use; scripts run non-interactively, so it is a command here.
  writeFileSync(join(bin, 'k'), `#!/bin/sh\nexec kubectl "$@"\n`, { mode: 0o755 });
  const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, KUBECONFIG: join(dir, '.kube', 'config'), TZ: 'UTC' };
  const r: ScenarioResult = { name: s.name, setup: -1, verifyBefore: -1, solution: -1, verifyAfter: -1, passed: false, log: '' };
  try {
    const setup = await sh(join(s.dir, 'setup.sh'), dir, env, 180_000);
    r.setup = setup.code;
    r.log += `--- setup.sh (exit ${setup.code})\n${setup.out}`;
    const before = await sh(join(s.dir, 'verify.sh'), dir, env, 180_000);
    r.verifyBefore = before.code;
    r.log += `--- verify.sh before (exit ${before.code})\n${before.out}`;
    const solution = join(SOLUTIONS_DIR, `${s.name}.sh`);
    if (!existsSync(solution)) {
      r.reason = 'no solution script';
      return r;
    }
    const sol = await sh(solution, dir, env, 180_000);
    r.solution = sol.code;
    r.log += `--- solution (exit ${sol.code})\n${sol.out}`;
    // Let the cluster act on the solution (rollouts, jobs) for a couple of virtual minutes.
    await new Promise((d) => setTimeout(d, 300));
    const after = await sh(join(s.dir, 'verify.sh'), dir, env, 180_000);
    r.verifyAfter = after.code;
    r.log += `--- verify.sh after (exit ${after.code})\n${after.out}`;
    r.passed = r.verifyBefore !== 0 && r.verifyAfter === 0;
    if (!r.passed) {
      const lastLine = (t: string) => t.trim().split('\n').pop() ?? '';
      r.reason = r.verifyBefore === 0 ? `verify.sh passed before the solution: ${lastLine(before.out)}` : `verify.sh failed after the solution: ${lastLine(after.out)}`;
    }
    return r;
  } finally {
    clearInterval(ticker);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
