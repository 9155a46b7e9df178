/**
 * Runs labs against a simulated world: seed, replay a solution or a wrong variant, grade. `checkLab` is the
 * proof every lab must pass (the seed fails every task, the solution passes them all, each wrong variant fails
 * with the explanation it announces), run by `kubelab lab check` and by the test suite.
 */
import { evaluateLab, type LabStatus } from './evaluate';
import { expandHome } from './checks/files';
import { applyManifests } from './apply';
import type { LabHost, LabHostFactory } from './host';
import type { Lab, LabStep } from './schema';

/** A seed that cannot be applied is a bug in the lab, not in the learner's work. */
export class SeedError extends Error {
  constructor(lab: string, message: string) {
    super(`lab ${lab}: seeding failed: ${message}`);
    this.name = 'SeedError';
  }
}

/** The start of a command's output: where kubectl puts the error (a usage text after it can be long). */
function firstLines(text: string, n = 3): string {
  return text.trim().split('\n').slice(0, n).join(' | ');
}

/** The lab's default world seed: any fixed number makes names and IPs repeat from run to run. */
export const LAB_WORLD_SEED = 1;

export function needsEmptyWorld(lab: Lab): boolean {
  return lab.seed.cluster.kind !== 'default';
}

/** Brings a fresh world to the lab's starting state. */
export async function seedLab(lab: Lab, host: LabHost): Promise<void> {
  const shape = lab.seed.cluster;
  if (shape.kind === 'custom') {
    const r = await host.run(`k3d cluster create ${shape.name} --servers ${shape.servers} --agents ${shape.agents}`);
    if (r.code !== 0) throw new SeedError(lab.id, `k3d cluster create exited ${r.code}: ${firstLines(r.stderr)}`);
    await host.advance(30);
  }
  for (const f of lab.seed.files) host.writeFile(expandHome(f.path, host), f.content);
  for (const step of lab.seed.steps) {
    if ('wait' in step) await host.advance(step.wait);
    else if ('run' in step) {
      const r = await host.run(step.run);
      if (r.code !== 0) throw new SeedError(lab.id, `\`${step.run}\` exited ${r.code}: ${firstLines(r.stderr || r.stdout)}`);
    } else {
      const api = host.api();
      if (!api) throw new SeedError(lab.id, 'no cluster to apply manifests to');
      try {
        applyManifests(api, step.apply);
      } catch (e) {
        throw new SeedError(lab.id, (e as Error).message);
      }
    }
  }
  await host.advance(lab.seed.settleSeconds);
}

export interface StepLog {
  line: string;
  result?: { code: number; stdout: string; stderr: string };
}

/** Replays steps the way the learner would type them; failures are kept in the log, not thrown. */
export async function replaySteps(steps: LabStep[], host: LabHost): Promise<StepLog[]> {
  const log: StepLog[] = [];
  for (const s of steps) {
    if ('wait' in s) {
      await host.advance(s.wait);
      log.push({ line: `(wait ${s.wait}s)` });
    } else {
      log.push({ line: s.run, result: await host.run(s.run) });
    }
  }
  return log;
}

export interface CheckOutcome {
  lab: string;
  ok: boolean;
  /** One line per finding, for the report. */
  problems: string[];
  seed?: LabStatus;
  solved?: LabStatus;
  variants: { name: string; ok: boolean; status?: LabStatus }[];
}

function failingTexts(s: LabStatus): string[] {
  return s.tasks.flatMap((t) => t.checks.filter((c) => !c.pass).map((c) => c.text));
}

/** What a variant's `expect` may match: each failing check's sentence, and each failing aspect on its own. */
function explanations(s: LabStatus): string[] {
  return s.tasks.flatMap((t) =>
    t.checks.filter((c) => !c.pass).flatMap((c) => [c.text, ...(c.failures ?? []).map((f) => `${c.subject}: expected ${f.expected}, found ${f.actual}`)]),
  );
}

function stepFailures(log: StepLog[]): string[] {
  return log.filter((l) => l.result && l.result.code !== 0).map((l) => `  \`${l.line}\` exited ${l.result!.code}: ${firstLines(l.result!.stderr || l.result!.stdout)}`);
}

/** Seed fails every task; solution passes; each variant fails with its announced explanation. */
export async function checkLab(lab: Lab, factory: LabHostFactory, seed = LAB_WORLD_SEED): Promise<CheckOutcome> {
  const out: CheckOutcome = { lab: lab.id, ok: true, problems: [], variants: [] };
  const fresh = async () => {
    const host = await factory({ seed, empty: needsEmptyWorld(lab) });
    await seedLab(lab, host);
    return host;
  };
  try {
    const seeded = await fresh();
    out.seed = await evaluateLab(lab, seeded.evalContext());
    for (const t of out.seed.tasks) if (t.done) out.problems.push(`seed: task "${t.title}" already passes before the learner does anything`);

    const solving = await fresh();
    const log = await replaySteps(lab.solution, solving);
    out.solved = await evaluateLab(lab, solving.evalContext());
    if (!out.solved.done) {
      out.problems.push(`solution: ${out.solved.completed}/${out.solved.total} tasks pass`);
      for (const t of failingTexts(out.solved)) out.problems.push(`  ${t}`);
      out.problems.push(...stepFailures(log));
    }

    for (const v of lab.variants) {
      const host = await fresh();
      const vlog = await replaySteps(v.steps, host);
      const status = await evaluateLab(lab, host.evalContext());
      const texts = failingTexts(status);
      const ok = !status.done && explanations(status).some((t) => t.includes(v.expect));
      out.variants.push({ name: v.name, ok, status });
      if (!ok) {
        out.problems.push(status.done ? `variant "${v.name}": passes, but it is a wrong solution` : `variant "${v.name}": no failing check says "${v.expect}"`);
        for (const t of texts) out.problems.push(`  ${t}`);
        out.problems.push(...stepFailures(vlog));
      }
    }
  } catch (e) {
    out.problems.push((e as Error).message);
  }
  out.ok = out.problems.length === 0;
  return out;
}
