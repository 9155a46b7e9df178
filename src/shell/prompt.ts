/**
 * Who the learner is on their machine and the prompt bash shows them. Its own small module so the worker's first
 * chunk can draw the prompt of a fresh shell before the shell itself has loaded.
 */
import { displayPath } from './path';

export const HOME = '/root';
export const HOSTNAME = 'kubelab';

/** bash's PS1 for root on this machine: `root@kubelab:~# `. */
export function bashPrompt(cwd: string, home = HOME): string {
  return `root@${HOSTNAME}:${displayPath(cwd, home)}# `;
}

/** The prompt of a new shell, which starts in its home directory. */
export const FRESH_PROMPT = bashPrompt(HOME);
