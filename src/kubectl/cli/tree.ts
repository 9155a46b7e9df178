/**
 * The command tree, from the real kubectl's own help output (help/commands.json, made by
 * scripts/gen-kubectl-help.mjs; the help pages are in help/texts.json, loaded on demand by ../help).
 * Command lookup follows cobra (command.go Find/stripFlags): only the first
 * non-flag word at each level can select a subcommand; suggestions use cobra's rule (Levenshtein ≤ 2,
 * case-insensitive, or a prefix), in the order commands appear in the grouped help.
 */
import data from '../help/commands.json';
import type { FlagSpec, FlagType } from './flags';

interface GenFlag {
  name: string;
  short?: string;
  type: string;
  def: string;
}
interface GenCommand {
  flags: GenFlag[];
  aliases: string[];
  subcommands: string[];
}

/** The tree: root commands in the order of the grouped help, global flags, and per command path its flags. */
export const TREE = data as unknown as { generatedFrom: string; rootCommands: string[]; globalFlags: GenFlag[]; commands: Record<string, GenCommand> };

/** pflag NoOptDefVal of non-boolean kubectl flags (cmd/util/helpers.go AddDryRunFlag, AddValidateFlags, delete flags). */
const NO_OPT: Record<string, string> = { 'dry-run': 'unchanged', validate: 'strict', cascade: 'background', 'overwrite': 'true' };
/** StringSlice flags (comma-separated); the other `[]` flags are StringArray. */
const SLICE = new Set(['filename', 'label-columns', 'ignore-not-found-x', 'show-kind-x', 'port', 'address', 'env-x']);

function toSpec(g: GenFlag): FlagSpec {
  let type = g.type as FlagType;
  if (type === 'stringArray' && SLICE.has(g.name)) type = 'stringSlice';
  // `-v` is a klog Level (an int) but prints its default as 0; keep it a string so `-v=6` and `-v 6` both parse.
  if (g.name === 'v') type = 'string';
  return { name: g.name, short: g.short, type, def: g.def, noOpt: NO_OPT[g.name] };
}

export const GLOBAL_FLAGS: FlagSpec[] = [...TREE.globalFlags.map(toSpec), { name: 'help', short: 'h', type: 'bool', def: 'false' }];

/** Root commands in the order of the grouped help. */
export const ROOT_COMMANDS: string[] = TREE.rootCommands;

/**
 * Flags cobra hides from help because they are deprecated (pflag MarkDeprecated): still accepted, with
 * `Flag --<name> has been deprecated, <message>` on stderr when given. --record comes from genericclioptions
 * RecordFlags (record.go); the commands carrying it were checked against kubectl 1.31.
 */
const RECORD_COMMANDS = ['annotate', 'apply', 'autoscale', 'create', 'edit', 'expose', 'label', 'patch', 'scale', 'run', 'set image', 'set resources', 'set selector', 'set serviceaccount'];
export const DEPRECATED_FLAGS: Record<string, { spec: FlagSpec; message: string }[]> = Object.fromEntries(
  RECORD_COMMANDS.map((c) => [c, [{ spec: { name: 'record', type: 'bool', def: 'false' } as FlagSpec, message: '--record will be removed in the future' }]]),
);

export function commandFlags(path: string): FlagSpec[] {
  const c = TREE.commands[path];
  const local = [...(c?.flags ?? []).map(toSpec), ...(DEPRECATED_FLAGS[path] ?? []).map((d) => d.spec)];
  const names = new Set(local.map((f) => f.name));
  return [...local, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name) && !(g.short && local.some((l) => l.short === g.short)))];
}

/** Commands cobra keeps out of the grouped help (not suggested either). */
const HIDDEN_ROOT = ['help', 'options'];

export function children(path: string): string[] {
  if (path === '') return [...ROOT_COMMANDS, ...HIDDEN_ROOT];
  return TREE.commands[path]?.subcommands ?? [];
}

/** The child of `path` named or aliased `word`. */
export function findChild(path: string, word: string): string | undefined {
  for (const c of children(path)) {
    const full = path ? `${path} ${c}` : c;
    if (c === word || TREE.commands[full]?.aliases.includes(word)) return c;
  }
  return undefined;
}

function levenshtein(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export function suggestionsFor(word: string): string[] {
  return ROOT_COMMANDS.filter((c) => levenshtein(word, c) <= 2 || c.toLowerCase().startsWith(word.toLowerCase()));
}

/** Required flags per command (cobra MarkFlagRequired calls in kubectl pkg/cmd). */
export const REQUIRED: Record<string, string[]> = {
  'create deployment': ['image'],
  'create cronjob': ['image', 'schedule'],
  run: ['image'],
  scale: ['replicas'],
  autoscale: ['max'],
  'create clusterrolebinding': ['clusterrole'],
  'create service externalname': ['external-name'],
};

/**
 * Splits argv into the command path and the remaining args, skipping flag values the way cobra's
 * stripFlags does (a `--flag` without `=` consumes the next word unless it is boolean).
 */
export function locate(argv: string[]): { path: string; rest: string[]; unknown?: string } {
  let path = '';
  let rest = [...argv];
  for (;;) {
    const specs = commandFlags(path);
    let idx = -1;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--') break;
      if (a.startsWith('--')) {
        if (!a.includes('=')) {
          const s = specs.find((f) => f.name === a.slice(2));
          if (s && s.type !== 'bool' && s.noOpt === undefined) i++;
          else if (!s) {
            // cobra does not know; it assumes a value follows unless the next word looks like a flag
          }
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        if (!a.includes('=') && a.length === 2) {
          const s = specs.find((f) => f.short === a[1]);
          if (s && s.type !== 'bool' && s.noOpt === undefined) i++;
        }
        continue;
      }
      idx = i;
      break;
    }
    if (idx < 0) return { path, rest };
    const word = rest[idx];
    const child = findChild(path, word);
    if (!child) {
      if (path === '') return { path, rest, unknown: word };
      return { path, rest };
    }
    path = path ? `${path} ${child}` : child;
    rest = [...rest.slice(0, idx), ...rest.slice(idx + 1)];
  }
}
