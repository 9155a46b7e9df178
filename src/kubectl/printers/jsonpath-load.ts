/**
 * The JSONPath engine (-o jsonpath*, -o custom-columns*, --sort-by) is loaded on demand, like the go-template one:
 * kubectl awaits `loadJsonPath()` before a command whose flags ask for it (`needsJsonPath`), and the printers,
 * which run synchronously, reach the loaded module through `jsonPath()`.
 */
import { onDemand } from '../../sim/lazy';

type Engine = typeof import('./jsonpath');

let engine: Engine | undefined;

const load = onDemand(() => import('./jsonpath'));

export async function loadJsonPath(): Promise<Engine> {
  engine = await load();
  return engine;
}

/** The loaded engine; a printer reaching it unloaded is a bug in needsJsonPath, not a user error. */
export function jsonPath(): Engine {
  if (!engine) throw new Error('the JSONPath printer ran before loadJsonPath()');
  return engine;
}

const FORMATS = /^(jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file)(=|$)/;

/** Whether a command line's -o / --sort-by will need the engine. */
export function needsJsonPath(output: string, sortBy: string): boolean {
  return FORMATS.test(output) || sortBy !== '';
}
