/**
 * clear (ncurses' clear with TERM=xterm-256color): home, erase the screen, and erase the scrollback (E3). A basic of
 * the prompt, kept in the terminal's first load.
 */
import type { Program } from '../types';

export const clear: Program = async (ctx) => {
  ctx.stdout('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};
