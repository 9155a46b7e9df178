/** Helpers shared by the coreutils-style programs: paths, file reads with GNU error texts, option parsing. */
import { FsError, type CommandContext } from '../types';
import { resolvePath } from '../path';

export function abs(ctx: CommandContext, p: string): string {
  return resolvePath(ctx.cwd, p, ctx.env.HOME ?? '/root');
}

/** GNU's quoting of file names in messages (quoteaf, shell-escape-always style): always in single quotes. */
export function q(name: string): string {
  return "'" + name.replace(/'/g, "'\\''") + "'";
}

/** Reads a file operand (`-` is stdin); prints `prog: x: No such file or directory` and returns undefined on failure. */
export async function readInput(ctx: CommandContext, prog: string, name: string): Promise<string | undefined> {
  if (name === '-') return ctx.stdin.readAll();
  try {
    return ctx.fs.readFile(abs(ctx, name));
  } catch (e) {
    ctx.stderr(`${prog}: ${name}: ${e instanceof FsError ? e.message : 'No such file or directory'}\n`);
    return undefined;
  }
}

export function fsMessage(e: unknown): string {
  return e instanceof FsError ? e.message : String((e as Error)?.message ?? e);
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
  error?: string;
}

/**
 * getopt-style parsing: `valued` lists short options taking a value (`-n 5`, `-n5`), `long` maps long names
 * to short ones (`--lines` → `n`). Unknown options produce GNU's `invalid option -- 'z'`.
 */
export function parseArgs(args: string[], spec: { flags: string; valued?: string; long?: Record<string, string> }, prog: string): ParsedArgs {
  const r: ParsedArgs = { flags: new Set(), values: new Map(), operands: [] };
  const valued = spec.valued ?? '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      r.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const [name, val] = a.slice(2).split(/=(.*)/s);
      const short = spec.long && Object.hasOwn(spec.long, name) ? spec.long[name] : undefined;
      if (!short) {
        r.error = `${prog}: unrecognized option '${a}'`;
        return r;
      }
      if (valued.includes(short)) {
        const v = val ?? args[++i];
        if (v === undefined) {
          r.error = `${prog}: option '--${name}' requires an argument`;
          return r;
        }
        r.values.set(short, v);
      } else r.flags.add(short);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (valued.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            r.error = `${prog}: option requires an argument -- '${c}'`;
            return r;
          }
          r.values.set(c, v);
          break;
        }
        if (!spec.flags.includes(c)) {
          r.error = `${prog}: invalid option -- '${c}'`;
          return r;
        }
        r.flags.add(c);
      }
      continue;
    }
    r.operands.push(a);
  }
  return r;
}

/** Prints a usage error the GNU way and returns the status. */
export function usage(ctx: CommandContext, error: string, prog: string, status = 1): number {
  ctx.stderr(`${error}\nTry '${prog} --help' for more information.\n`);
  return status;
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Whether stdout is the terminal (ls picks columns, grep colours): set by the shell on the context. */
export function stdoutIsTTY(ctx: CommandContext): boolean {
  return (ctx as CommandContext & { stdoutIsTTY?: boolean }).stdoutIsTTY === true;
}
