import type { CommandContext } from '../types';
export const EDITORS = ['vi', 'vim', 'nano'];
export async function openEditor(_name: string, _ctx: CommandContext): Promise<number> {
  return 0;
}
