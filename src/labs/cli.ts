/**
 * `kubelab lab …`: list the labs, prove them (`check`), grade a cluster (`verify`).
 *
 *   kubelab lab list
 *   kubelab lab check [ID…]                      seed fails, solution passes, variants fail (simulated world)
 *   kubelab lab verify ID [--script FILE]        seed ID in a simulated world, run FILE's lines, grade
 *   kubelab lab verify ID --kubeconfig FILE [--context NAME]
 *                                                grade a real cluster (or `kubelab serve`) with the same checks
 *   kubelab lab hints ID                         the tasks and their hints
 *
 * Exit codes: 0 success, 1 a lab or a grade failed, 2 usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateLab, formatLabStatus } from './evaluate';
import { loadLabs } from './load';
import { checkLab, replaySteps, seedLab, needsEmptyWorld, LAB_WORLD_SEED, type CheckOutcome } from './runner';
import type { Lab } from './schema';
import type { LabHostFactory } from './host';

export interface LabCliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface LabCliOptions {
  /** Folder holding labs/<id>/lab.yaml (default ./labs). */
  labsDir?: string;
  /** Builds simulated worlds; without it `check` and `verify --script` cannot run. */
  hostFactory?: LabHostFactory;
}

const USAGE = `Usage:
  kubelab lab list
  kubelab lab check [ID...]
  kubelab lab verify ID [--script FILE]
  kubelab lab verify ID --kubeconfig FILE [--context NAME]
  kubelab lab hints ID
`;

/** The simulated world and shell, when this build has them (loaded only for commands that replay labs). */
export async function defaultHostFactory(): Promise<LabHostFactory | undefined> {
  try {
    return (await import('./world-host')).worldHostFactory;
  } catch {
    return undefined;
  }
}

export async function labCli(argv: string[], io: LabCliIO, opts: LabCliOptions = {}): Promise<number> {
  const [cmd, ...rest] = argv;
  if ((cmd === 'check' || cmd === 'verify') && !opts.hostFactory) opts = { ...opts, hostFactory: await defaultHostFactory() };
  const loaded = loadLabs(resolve(opts.labsDir ?? 'labs'));
  const broken = loaded.filter((l) => l.errors.length);
  const labs = loaded.filter((l) => l.lab && !l.errors.length).map((l) => l.lab!);
  const find = (id: string | undefined): Lab | undefined => labs.find((l) => l.id === id);
  const unknown = (id: string | undefined) => {
    // A lab whose lab.yaml is rejected has had its errors printed already: say so rather than that it does not exist.
    if (id && broken.some((b) => folderName(b.dir) === id)) {
      io.stderr(`error: lab "${id}" is invalid (errors above)\n`);
      return 1;
    }
    io.stderr(id ? `error: no lab named "${id}" (see \`kubelab lab list\`)\n` : `error: a lab ID is required\n${USAGE}`);
    return 2;
  };
  // A command about named labs reports only their problems: another lab's broken lab.yaml is not this one's failure.
  const named = new Set(rest.filter((a, i) => !a.startsWith('-') && !['--script', '--kubeconfig', '--context'].includes(rest[i - 1] ?? '')));
  const relevant = cmd !== 'list' && cmd !== 'ls' && named.size ? broken.filter((b) => named.has(folderName(b.dir) ?? '')) : broken;
  for (const b of relevant) for (const e of b.errors) io.stderr(`${e}\n`);

  switch (cmd) {
    case 'list':
    case 'ls': {
      const rows = [['ID', 'CHAPTER', 'TASKS', 'TITLE'], ...labs.map((l) => [l.id, l.chapter, String(l.tasks.length), l.title])];
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      io.stdout(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('')).join('\n') + '\n');
      return broken.length ? 1 : 0;
    }
    case 'hints': {
      const lab = find(rest[0]);
      if (!lab) return unknown(rest[0]);
      const out = [`${lab.title}\n${lab.summary}\n`];
      lab.tasks.forEach((t, i) => {
        out.push(`${i + 1}. ${t.title}\n   ${t.description}`);
        if (t.hints.nudge) out.push(`   nudge:   ${t.hints.nudge}`);
        if (t.hints.concept) out.push(`   concept: ${t.hints.concept}`);
        if (t.hints.command) out.push(`   command: ${t.hints.command}`);
      });
      io.stdout(out.join('\n') + '\n');
      return 0;
    }
    case 'check': {
      if (!opts.hostFactory) {
        io.stderr('error: the simulated world is not available, so labs cannot be replayed\n');
        return 2;
      }
      const chosen = rest.length ? rest.map((id) => find(id)) : labs;
      if (chosen.some((l) => !l)) return unknown(rest[chosen.findIndex((l) => !l)]);
      let failed = relevant.length;
      for (const lab of chosen as Lab[]) {
        const r = await checkLab(lab, opts.hostFactory);
        io.stdout(r.ok ? `ok   ${lab.id}: seed fails, solution passes, ${lab.variants.length} wrong ${lab.variants.length === 1 ? 'variant fails' : 'variants fail'}\n` : `FAIL ${lab.id}: ${whatFailed(lab, r)}\n`);
        for (const p of r.problems) io.stdout(`     ${p}\n`);
        if (!r.ok) failed++;
      }
      io.stdout(`${(chosen as Lab[]).length - (failed - relevant.length)} of ${(chosen as Lab[]).length} labs proven\n`);
      return failed ? 1 : 0;
    }
    case 'verify': {
      const id = rest.find((a, i) => !a.startsWith('-') && !['--script', '--kubeconfig', '--context'].includes(rest[i - 1]));
      const lab = find(id);
      if (!lab) return unknown(id);
      const flag = (name: string) => {
        const i = rest.indexOf(name);
        return i >= 0 ? rest[i + 1] : undefined;
      };
      for (const f of rest) if (f.startsWith('-') && !['--script', '--kubeconfig', '--context'].includes(f)) {
        io.stderr(`error: unknown flag: ${f}\n${USAGE}`);
        return 2;
      }
      const kubeconfig = flag('--kubeconfig');
      const context = flag('--context');
      if (kubeconfig !== undefined || context !== undefined) {
        try {
          // Loaded on demand: @kubernetes/client-node is large and only this path needs it.
          const { kubeconfigObjectSource } = await import('./remote');
          const objects = await kubeconfigObjectSource(kubeconfig, context);
          // Files and k3d clusters live on the learner's machine: here, the real home and no k3d runtime.
          const home = process.env.HOME ?? '/root';
          const status = await evaluateLab(lab, { objects, home, files: { read: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) } });
          io.stdout(formatLabStatus(lab, status));
          return status.done ? 0 : 1;
        } catch (e) {
          io.stderr(`error: ${(e as Error).message}\n`);
          return 1;
        }
      }
      if (!opts.hostFactory) {
        io.stderr('error: the simulated world is not available; use --kubeconfig to grade a real cluster\n');
        return 2;
      }
      const script = flag('--script');
      let lines: string[] = [];
      if (script !== undefined) {
        if (!existsSync(script)) {
          io.stderr(`error: the path "${script}" does not exist\n`);
          return 2;
        }
        lines = readFileSync(script, 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
      }
      const host = await opts.hostFactory({ seed: LAB_WORLD_SEED, empty: needsEmptyWorld(lab) });
      try {
        await seedLab(lab, host);
      } catch (e) {
        io.stderr(`error: ${(e as Error).message}\n`);
        return 1;
      }
      const log = await replaySteps(lines.map((run) => ({ run })), host);
      for (const l of log) if (l.result) io.stdout(`$ ${l.line}\n${l.result.stdout}${l.result.stderr}`);
      const status = await evaluateLab(lab, host.evalContext());
      io.stdout(formatLabStatus(lab, status));
      return status.done ? 0 : 1;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      io.stderr(`error: unknown command "${cmd}" for "kubelab lab"\n${USAGE}`);
      return 2;
  }
}

function folderName(dir: string): string | undefined {
  return dir.split(/[\\/]/).filter(Boolean).pop();
}

/** The FAIL line of `lab check`: which of the three proofs broke, e.g. "the solution does not pass (1/2 tasks)". */
function whatFailed(lab: Lab, r: CheckOutcome): string {
  if (!r.seed) return 'the lab cannot be seeded';
  const parts: string[] = [];
  const early = r.seed.tasks.filter((t) => t.done).length;
  if (early) parts.push(`the seed already passes ${early}/${r.seed.tasks.length} ${r.seed.tasks.length === 1 ? 'task' : 'tasks'}`);
  if (!r.solved) parts.push('the solution could not be replayed');
  else if (!r.solved.done) parts.push(`the solution does not pass (${r.solved.completed}/${r.solved.total} ${r.solved.total === 1 ? 'task' : 'tasks'})`);
  const wrong = r.variants.filter((v) => !v.ok).length;
  const unreached = lab.variants.length - r.variants.length;
  if (wrong) parts.push(lab.variants.length === 1 ? 'the wrong variant does not fail as expected' : `${wrong} of ${lab.variants.length} wrong variants ${wrong === 1 ? 'does' : 'do'} not fail as expected`);
  if (unreached > 0 && r.solved) parts.push(`${unreached} wrong ${unreached === 1 ? 'variant was' : 'variants were'} not replayed`);
  return parts.join('; ') || 'see below';
}

/** Entry for `kubelab lab …` from the kubelab command (src/cli/main.ts looks for `main`). */
export async function main(argv: string[]): Promise<number> {
  return labCli(argv, { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) });
}
