/**
 * kubectl's help pages (texts.json, about 250 KB of the real binary's `--help` output), loaded the first time a
 * command prints help: `-h`/`--help`, `kubectl`, `kubectl help ...`, `kubectl options`, and a command group run
 * without a subcommand. The command tree itself (commands.json) is small and loaded with kubectl.
 */
import { jsonDefault, onDemand } from '../../sim/lazy';

export interface HelpTexts {
  generatedFrom: string;
  /** `kubectl` with no arguments. */
  root: string;
  /** `kubectl options`. */
  options: string;
  /** `kubectl <path> --help` by command path ('create deployment'). */
  commands: Record<string, string>;
}

export const loadHelpTexts: () => Promise<HelpTexts> = onDemand(async () => jsonDefault<HelpTexts>(await import('./texts.json')));

/** The help page of a command path ('' for the root); '' for an unknown path. */
export async function helpText(path: string): Promise<string> {
  const t = await loadHelpTexts();
  return path === '' ? t.root : t.commands[path] ?? '';
}
