/**
 * One lab hosted in a live session (the browser worker, `kubelab shell --lab`): seed it, grade it after each
 * cluster change, and hand out its solution as the lines a learner would type. The session provides a LabHost
 * over its world and a shell that is not the learner's terminal.
 */
import { evaluateLab, type LabStatus } from './evaluate';
import type { LabHost } from './host';
import { seedLab } from './runner';
import { parseLab, type Lab, type LabHints, type LabStep } from './schema';

/** What a checklist shows for one task: done or not, and for a failing task the first gap in words. */
export interface TaskSummary {
  title: string;
  done: boolean;
  /** `deployment web: 3 available replicas` */
  expected?: string;
  /** `2 available replicas` */
  actual?: string;
  hints: LabHints;
}

export interface LabSummary {
  labId: string;
  title: string;
  tasks: TaskSummary[];
  complete: boolean;
}

export function summarize(lab: Lab, status: LabStatus): LabSummary {
  return {
    labId: lab.id,
    title: lab.title,
    complete: status.done,
    tasks: status.tasks.map((t, i) => {
      const failing = t.checks.find((c) => !c.pass);
      return {
        title: t.title,
        done: t.done,
        ...(failing ? { expected: `${failing.subject}: ${failing.expected}`, actual: failing.actual } : {}),
        hints: lab.tasks[i].hints,
      };
    }),
  };
}

/** Solution steps as shell lines: a pause becomes `sleep N`, which the learner sees and could type too. */
export function solutionLines(steps: LabStep[]): string[] {
  return steps.map((s) => ('wait' in s ? `sleep ${s.wait}` : s.run));
}

export interface LabRuntimeHandle {
  readonly id: string;
  readonly lab: Lab;
  seed(): Promise<void>;
  status(): Promise<LabSummary>;
  solution(): string[];
}

/** Parses lab.yaml text (throws with every validation error) and binds it to a host. */
export function createLabRuntime(source: string, host: LabHost): LabRuntimeHandle {
  const parsed = parseLab(source);
  if (!parsed.ok) throw new Error(`invalid lab: ${parsed.errors.join('; ')}`);
  const lab = parsed.lab;
  return {
    id: lab.id,
    lab,
    seed: () => seedLab(lab, host),
    status: async () => summarize(lab, await evaluateLab(lab, host.evalContext())),
    solution: () => solutionLines(lab.solution),
  };
}
