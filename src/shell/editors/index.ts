/**
 * The terminal editors (`vi`, `vim`, `nano`), also what `kubectl edit` opens through ctx.editFile. Each is a
 * separate chunk, loaded the first time it opens.
 */
import type { CommandContext } from '../types';
import { onDemand } from '../../sim/lazy';

const vi = onDemand(async () => (await import('./vi')).vi);
const nano = onDemand(async () => (await import('./nano')).nano);

export const EDITORS = ['vi', 'vim', 'vim.tiny', 'nano'];

export async function openEditor(name: string, ctx: CommandContext): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (name === 'nano') return (await nano())(ctx, files[0]);
  return (await vi())(ctx, files[0]);
}
