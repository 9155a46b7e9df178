/**
 * The go-template engine is loaded on demand: few sessions use it, and the browser's terminal should not
 * carry it to the prompt. kubectl awaits `loadGoTemplateEngine()` before running a command whose flags ask
 * for a template (`needsGoTemplate`); the printer then reaches the loaded module synchronously.
 */
import { onDemand } from '../../../sim/lazy';

type Engine = typeof import('./index');

let engine: Engine | undefined;

const load = onDemand(() => import('./index'));

export async function loadGoTemplateEngine(): Promise<Engine> {
  engine = await load();
  return engine;
}

/** The loaded engine, or undefined when no command has asked for it yet. */
export function goTemplateEngine(): Engine | undefined {
  return engine;
}

const FORMATS = /^(template|go-template|go-template-file|templatefile)(=|$)/;

/** Whether a command line's -o / --template will need the engine (cli-runtime's template printer flags). */
export function needsGoTemplate(output: string, template: string): boolean {
  return FORMATS.test(output) || (template !== '' && output === '');
}
