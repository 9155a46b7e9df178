/** Reading the learner's files for checks: `~/` expansion and a missing-reader message. */
import type { EvalContext } from './types';

export const DEFAULT_HOME = '/root';

export function expandHome(path: string, ctx: { home?: string }): string {
  const home = ctx.home ?? DEFAULT_HOME;
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home.replace(/\/$/, '')}/${path.slice(2)}`;
  if (!path.startsWith('/')) return `${home.replace(/\/$/, '')}/${path}`;
  return path;
}

export function readLearnerFile(path: string, ctx: EvalContext): string | undefined {
  return ctx.files?.read(expandHome(path, ctx));
}
