/**
 * Grades a lab: every check of every task, over the current cluster state. Called on each cluster change by the
 * worker (so a tick appears the moment a task is met), by `kubelab lab verify`, and by the lab tests.
 * A check that cannot be evaluated (no cluster, API error) fails with the reason as its "found" text; it never
 * throws out to the learner.
 */
import { ApiError } from '../sim/client/client';
import { kindOf } from './checks/registry';
import type { Check, CheckResult, EvalContext } from './checks/types';
import { derivedHint } from './hints';
import type { Lab } from './schema';
import { NoClusterError } from './source';

export interface TaskStatus {
  title: string;
  done: boolean;
  checks: CheckResult[];
  /** The first failing check in words, the first tier of hints. Absent when the task is done. */
  hint?: string;
}

export interface LabStatus {
  id: string;
  done: boolean;
  completed: number;
  total: number;
  tasks: TaskStatus[];
}

export async function evaluateCheck(check: Check, ctx: EvalContext): Promise<CheckResult> {
  const kind = kindOf(check.kind);
  const subject = `${check.kind} ${String(check.spec[check.kind] === true ? '' : check.spec[check.kind] ?? '')}`.trim();
  if (!kind) return { pass: false, subject, expected: 'a known check kind', actual: `unknown kind ${check.kind}`, text: `unknown check kind ${check.kind}` };
  try {
    return await kind.evaluate(check.spec, ctx);
  } catch (e) {
    const actual =
      e instanceof NoClusterError ? `no cluster to ask (${e.message})` : e instanceof ApiError ? `an error from the API server: ${e.message}` : `an error while checking: ${(e as Error)?.message ?? String(e)}`;
    return { pass: false, subject, expected: 'a cluster that answers', actual, text: `${subject}: ${actual}` };
  }
}

export async function evaluateLab(lab: Lab, ctx: EvalContext): Promise<LabStatus> {
  const tasks: TaskStatus[] = [];
  for (const task of lab.tasks) {
    const checks: CheckResult[] = [];
    for (const c of task.checks) checks.push(await evaluateCheck(c, ctx));
    const done = checks.every((c) => c.pass);
    const status: TaskStatus = { title: task.title, done, checks };
    if (!done) status.hint = derivedHint(status);
    tasks.push(status);
  }
  const completed = tasks.filter((t) => t.done).length;
  return { id: lab.id, done: completed === tasks.length, completed, total: tasks.length, tasks };
}

/** One line per task, ✓ or ✗, and the failing checks under it: what `kubelab lab verify` prints. */
export function formatLabStatus(lab: Lab, status: LabStatus): string {
  const lines = [`${lab.title} (${lab.id}): ${status.completed}/${status.total} tasks done`];
  status.tasks.forEach((t, i) => {
    lines.push(`${t.done ? '✓' : '✗'} ${i + 1}. ${t.title}`);
    for (const c of t.checks) if (!c.pass) lines.push(`    ${c.text}`);
  });
  return lines.join('\n') + '\n';
}
