/**
 * Grading in the worker: parses the lab.yaml the page embedded, seeds it through a LabHost made from the world and
 * a shell, and evaluates every check after each cluster change. The page gets small status objects: per task,
 * done or the first failing check's expected vs actual, and the task's tiered hints.
 */
import { parseLab, type Lab } from '../labs/schema';
import { evaluateLab } from '../labs/evaluate';
import { seedLab } from '../labs/runner';
import type { LabHost } from '../labs/host';
import type { EngineWorld } from './engine';
import type { LabRuntime } from './lab-runtime';
import type { LabStatus, SolutionStep } from './protocol';

export type LabHostMaker = (world: EngineWorld) => LabHost;

export class LabSourceError extends Error {}

export function parseLabSource(source: string): Lab {
  const r = parseLab(source);
  if (!r.ok) throw new LabSourceError(`lab.yaml is invalid: ${r.errors.join('; ')}`);
  return r.lab;
}

export function labRuntime(lab: Lab, host: LabHost): LabRuntime {
  return {
    id: lab.id,
    seed: () => seedLab(lab, host),
    async status(): Promise<LabStatus> {
      const s = await evaluateLab(lab, host.evalContext());
      return {
        labId: lab.id,
        title: lab.title,
        complete: s.done,
        tasks: s.tasks.map((t, i) => {
          const failing = t.checks.find((c) => !c.pass);
          const hints = lab.tasks[i]?.hints ?? {};
          return {
            title: t.title,
            done: t.done,
            ...(failing ? { expected: failing.expected, actual: failing.actual } : {}),
            hints: { nudge: hints.nudge, concept: hints.concept, command: hints.command },
          };
        }),
      };
    },
    solution: (): SolutionStep[] => lab.solution.map((s) => ('run' in s ? { run: s.run } : { wait: s.wait })),
  };
}

export function labFactoryFor(makeHost: LabHostMaker) {
  return (source: string, world: EngineWorld): LabRuntime => labRuntime(parseLabSource(source), makeHost(world));
}
