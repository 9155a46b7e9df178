/**
 * Tab completion on the learner's machine: command names in command position, kubectl words through
 * completeKubectl (subcommands, flags, resource types, live object names), k3d subcommands and cluster/node
 * names, and file paths everywhere else (directories get a trailing `/`, as readline shows them).
 * Returns the replacement range [from, to) in the line and the full candidate words, sorted.
 */
import type { HostServices, VirtualFS } from './types';
import { completeKubectl } from '../kubectl/index';
import { resolvePath } from './path';
import { completeK3d, type K3dWorld } from './k3d/index';

export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

export interface CompletionContext {
  fs: VirtualFS;
  cwd: string;
  env: Record<string, string>;
  host: HostServices;
  commands: string[];
  world?: Partial<K3dWorld>;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits the text before the cursor into words of the current simple command (quotes kept out of the text). */
function tokenize(line: string): { words: Token[]; commandStart: boolean } {
  const words: Token[] = [];
  let cur: Token | undefined;
  let quote: string | undefined;
  let afterSeparator = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else cur!.text += c;
      continue;
    }
    if (c === "'" || c === '"') {
      cur ??= { text: '', start: i, end: i };
      quote = c;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur ??= { text: '', start: i, end: i };
      cur.text += line[++i];
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (cur) words.push({ ...cur, end: i });
      cur = undefined;
      continue;
    }
    if (';&|()'.includes(c)) {
      if (cur) words.push({ ...cur, end: i });
      cur = undefined;
      words.length = 0;
      afterSeparator = true;
      continue;
    }
    cur ??= { text: '', start: i, end: i };
    cur.text += c;
  }
  if (cur) words.push({ ...cur, end: line.length });
  return { words, commandStart: afterSeparator };
}

function completePath(partial: string, ctx: CompletionContext, dirsOnly = false): string[] {
  const home = ctx.env.HOME ?? '/root';
  const slash = partial.lastIndexOf('/');
  const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const base = slash >= 0 ? partial.slice(slash + 1) : partial;
  const dirAbs = resolvePath(ctx.cwd, dirPart === '' ? '.' : dirPart, home);
  let names: string[];
  try {
    names = ctx.fs.readdir(dirAbs);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    if (!n.startsWith(base)) continue;
    if (n.startsWith('.') && !base.startsWith('.')) continue;
    const isDir = ctx.fs.stat(resolvePath(dirAbs, n))?.type === 'dir';
    if (dirsOnly && !isDir) continue;
    out.push(dirPart + n + (isDir ? '/' : ''));
  }
  return out.sort();
}

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, cursor);
  const { words } = tokenize(before);
  const endsWithSpace = /[\s;&|()]$/.test(before) || before === '';
  const current: Token = endsWithSpace ? { text: '', start: cursor, end: cursor } : words[words.length - 1];
  const prior = endsWithSpace ? words : words.slice(0, -1);
  const range = { from: current.start, to: cursor };
  // assignments before the command (A=1 cmd) do not count as the command word
  const args = prior.map((w) => w.text);
  while (args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) args.shift();
  let candidates: string[];
  try {
    if (!args.length) {
      if (current.text.includes('/')) candidates = completePath(current.text, ctx);
      else candidates = ctx.commands.filter((c) => c.startsWith(current.text));
    } else {
      const cmd = args[0] === 'k' ? 'kubectl' : args[0];
      const prev = args[args.length - 1];
      const fileFlag = prev === '-f' || prev === '--filename' || prev === '-o' && cmd !== 'kubectl' && cmd !== 'k3d';
      if (cmd === 'kubectl' && !fileFlag && !current.text.startsWith('./') && !current.text.startsWith('/')) {
        candidates = completeKubectl(['kubectl', ...args.slice(1), current.text], ctx);
        // cp's candidates come without NoFileComp: with none, bash falls back to file names
        if (!candidates.length && args[1] === 'cp') candidates = completePath(current.text, ctx);
      } else if (cmd === 'k3d' && !fileFlag) {
        candidates = completeK3d([...args.slice(1), current.text], ctx.world ?? {});
      } else if (cmd === 'cd' || cmd === 'mkdir' || cmd === 'rmdir') {
        candidates = completePath(current.text, ctx, true);
      } else {
        candidates = completePath(current.text, ctx);
      }
    }
  } catch {
    candidates = [];
  }
  return { ...range, candidates: [...new Set(candidates)].sort() };
}
