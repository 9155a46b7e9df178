/**
 * Hints in tiers. The first tier is computed from the failing check (what the grader sees versus what it wants),
 * so it is always specific to the learner's state; then the author's nudge, concept and command, revealed one
 * at a time so the learner chooses how much help to take.
 */
import type { LabTask } from './schema';

interface FailingTask {
  checks: { pass: boolean; text: string }[];
}

export function derivedHint(task: FailingTask): string | undefined {
  const failing = task.checks.find((c) => !c.pass);
  return failing ? `Not yet: ${failing.text}.` : undefined;
}

export type HintTier = 'state' | 'nudge' | 'concept' | 'command';

export interface Hint {
  tier: HintTier;
  text: string;
}

/** The hints of a task in reveal order; the state tier appears only while a check fails. */
export function hintLadder(task: LabTask, status?: FailingTask): Hint[] {
  const out: Hint[] = [];
  const state = status ? derivedHint(status) : undefined;
  if (state) out.push({ tier: 'state', text: state });
  if (task.hints.nudge) out.push({ tier: 'nudge', text: task.hints.nudge });
  if (task.hints.concept) out.push({ tier: 'concept', text: task.hints.concept });
  if (task.hints.command) out.push({ tier: 'command', text: task.hints.command });
  return out;
}

/** The first `level` hints (level 1 = only the first): what a "Show a hint" button reveals after `level` clicks. */
export function revealHints(task: LabTask, status: FailingTask | undefined, level: number): Hint[] {
  return hintLadder(task, status).slice(0, Math.max(0, level));
}
