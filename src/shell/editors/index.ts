/** The terminal editors (`vi`, `vim`, `nano`), also what `kubectl edit` opens through ctx.editFile. */
import type { CommandContext } from '../types';
import { vi } from './vi';
import { nano } from './nano';

export const EDITORS = ['vi', 'vim', 'vim.tiny', 'nano'];

export async function openEditor(name: string, ctx: CommandContext): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (name === 'nano') return nano(ctx, files[0]);
  return vi(ctx, files[0]);
}
