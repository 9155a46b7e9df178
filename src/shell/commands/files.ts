/**
 * File commands (GNU coreutils 9.4 as on Ubuntu 24.04): mkdir, rmdir, rm, cp, mv, touch, chmod, find (cat and ls
 * have their own files: they are basics of the prompt, these load on first use).
 * Messages follow coreutils: `ls: cannot access 'x': No such file or directory` (exit 2),
 * `mkdir: cannot create directory ‘x’: File exists` (mkdir quotes with ‘’ in a UTF-8 locale), `rm: cannot remove 'x': …`.
 */
import type { CommandContext, Program } from '../types';
import { abs, fsMessage, parseArgs, q, usage } from './util';
import { basename, normalize } from '../path';

export const mkdir: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'pv', valued: 'm', long: { parents: 'p', verbose: 'v', mode: 'm' } }, 'mkdir');
  if (a.error) return usage(ctx, a.error, 'mkdir');
  if (!a.operands.length) return usage(ctx, 'mkdir: missing operand', 'mkdir');
  let status = 0;
  for (const d of a.operands) {
    const p = abs(ctx, d);
    try {
      if (a.flags.has('p')) {
        if (ctx.fs.stat(p)?.type === 'file') throw new Error('File exists');
        ctx.fs.mkdir(p, { recursive: true });
      } else ctx.fs.mkdir(p);
      if (a.flags.has('v')) ctx.stdout(`mkdir: created directory '${d}'\n`);
    } catch (e) {
      ctx.stderr(`mkdir: cannot create directory ‘${d}’: ${fsMessage(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Program = async (ctx) => {
  const ops = ctx.argv.slice(1).filter((x) => !x.startsWith('-'));
  if (!ops.length) return usage(ctx, 'rmdir: missing operand', 'rmdir');
  let status = 0;
  for (const d of ops) {
    const p = abs(ctx, d);
    const st = ctx.fs.stat(p);
    let msg: string | undefined;
    if (!st) msg = 'No such file or directory';
    else if (st.type !== 'dir') msg = 'Not a directory';
    else if (ctx.fs.readdir(p).length) msg = 'Directory not empty';
    if (msg) {
      ctx.stderr(`rmdir: failed to remove '${d}': ${msg}\n`);
      status = 1;
    } else ctx.fs.rm(p, { recursive: true });
  }
  return status;
};

export const rm: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'rRfivd', long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd' } }, 'rm');
  if (a.error) return usage(ctx, a.error, 'rm');
  const force = a.flags.has('f');
  const recursive = a.flags.has('r') || a.flags.has('R');
  if (!a.operands.length) {
    if (force) return 0;
    return usage(ctx, 'rm: missing operand', 'rm');
  }
  let status = 0;
  for (const f of a.operands) {
    const p = abs(ctx, f);
    if (p === '/') {
      ctx.stderr(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    const st = ctx.fs.stat(p);
    if (!st) {
      if (!force) {
        ctx.stderr(`rm: cannot remove ${q(f)}: No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      if (a.flags.has('d') && !ctx.fs.readdir(p).length) {
        ctx.fs.rm(p, { recursive: true });
        continue;
      }
      ctx.stderr(`rm: cannot remove ${q(f)}: Is a directory\n`);
      status = 1;
      continue;
    }
    ctx.fs.rm(p, { recursive: true, force: true });
    if (a.flags.has('v')) ctx.stdout(`removed ${st.type === 'dir' ? 'directory ' : ''}${q(f)}\n`);
  }
  return status;
};

function copyTree(ctx: CommandContext, from: string, to: string): void {
  const st = ctx.fs.stat(from)!;
  if (st.type === 'file') {
    ctx.fs.writeFile(to, ctx.fs.readFile(from));
    return;
  }
  if (!ctx.fs.exists(to)) ctx.fs.mkdir(to);
  for (const n of ctx.fs.readdir(from)) copyTree(ctx, from + '/' + n, to + '/' + n);
}

async function copyOrMove(ctx: CommandContext, prog: 'cp' | 'mv'): Promise<number> {
  const a = parseArgs(ctx.argv.slice(1), { flags: prog === 'cp' ? 'rRafivpn' : 'fivn', long: { recursive: 'r', force: 'f', verbose: 'v' } }, prog);
  if (a.error) return usage(ctx, a.error, prog);
  const ops = a.operands;
  if (!ops.length) return usage(ctx, `${prog}: missing file operand`, prog);
  if (ops.length === 1) return usage(ctx, `${prog}: missing destination file operand after ${q(ops[0])}`, prog);
  const dest = ops[ops.length - 1];
  const destPath = abs(ctx, dest);
  const destIsDir = ctx.fs.stat(destPath)?.type === 'dir';
  const sources = ops.slice(0, -1);
  if (sources.length > 1 && !destIsDir) {
    ctx.stderr(`${prog}: target ${q(dest)}: ${ctx.fs.exists(destPath) ? 'Not a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  let status = 0;
  for (const s of sources) {
    const sp = abs(ctx, s);
    const st = ctx.fs.stat(sp);
    if (!st) {
      ctx.stderr(`${prog}: cannot stat ${q(s)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    const target = destIsDir ? normalize(destPath + '/' + basename(sp)) : destPath;
    if (target === sp) {
      ctx.stderr(`${prog}: ${q(s)} and ${q(destIsDir ? dest + '/' + basename(sp) : dest)} are the same file\n`);
      status = 1;
      continue;
    }
    try {
      if (prog === 'cp') {
        if (st.type === 'dir' && !(a.flags.has('r') || a.flags.has('R') || a.flags.has('a'))) {
          ctx.stderr(`cp: -r not specified; omitting directory ${q(s)}\n`);
          status = 1;
          continue;
        }
        if (st.type === 'dir' && (target + '/').startsWith(sp + '/')) {
          ctx.stderr(`cp: cannot copy a directory, ${q(s)}, into itself, ${q(dest)}\n`);
          status = 1;
          continue;
        }
        copyTree(ctx, sp, target);
      } else {
        if (ctx.fs.stat(target)?.type === 'file' && st.type === 'file') ctx.fs.rm(target);
        ctx.fs.rename(sp, target);
      }
      if (a.flags.has('v')) ctx.stdout(`${prog === 'mv' ? 'renamed ' : ''}${q(s)} -> ${q(target)}\n`);
    } catch (e) {
      ctx.stderr(`${prog}: cannot ${prog === 'cp' ? 'create regular file' : 'move'} ${q(prog === 'cp' ? dest : s)}: ${fsMessage(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const cp: Program = (ctx) => copyOrMove(ctx, 'cp');
export const mv: Program = (ctx) => copyOrMove(ctx, 'mv');

export const touch: Program = async (ctx) => {
  const ops = ctx.argv.slice(1).filter((x) => !x.startsWith('-'));
  if (!ops.length) return usage(ctx, 'touch: missing file operand', 'touch');
  let status = 0;
  for (const f of ops) {
    const p = abs(ctx, f);
    try {
      const fs = ctx.fs as typeof ctx.fs & { touch?(p: string): void };
      if (fs.touch) fs.touch(p);
      else if (!ctx.fs.exists(p)) ctx.fs.writeFile(p, '');
    } catch (e) {
      ctx.stderr(`touch: cannot touch ${q(f)}: ${fsMessage(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const chmod: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((x) => x !== '-R');
  if (args.length < 2) return usage(ctx, args.length ? `chmod: missing operand after ${q(args[0])}` : 'chmod: missing operand', 'chmod');
  const [spec, ...files] = args;
  const fs = ctx.fs as typeof ctx.fs & { chmod?(p: string, m: number): void };
  let status = 0;
  for (const f of files) {
    const p = abs(ctx, f);
    const st = ctx.fs.stat(p);
    if (!st) {
      ctx.stderr(`chmod: cannot access ${q(f)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    let mode = st.mode;
    if (/^[0-7]{1,4}$/.test(spec)) mode = parseInt(spec, 8);
    else {
      for (const clause of spec.split(',')) {
        const m = /^([ugoa]*)([+\-=])([rwxX]*)$/.exec(clause);
        if (!m) {
          ctx.stderr(`chmod: invalid mode: ${q(spec)}\nTry 'chmod --help' for more information.\n`);
          return 1;
        }
        const who = m[1] || 'a';
        let bits = 0;
        for (const c of m[3]) bits |= c === 'r' ? 4 : c === 'w' ? 2 : 1;
        let mask = 0;
        if (who.includes('u') || who.includes('a')) mask |= bits << 6;
        if (who.includes('g') || who.includes('a')) mask |= bits << 3;
        if (who.includes('o') || who.includes('a')) mask |= bits;
        if (m[2] === '+') mode |= mask;
        else if (m[2] === '-') mode &= ~mask;
        else mode = mask;
      }
    }
    fs.chmod?.(p, mode);
  }
  return status;
};

/** find PATH… [-name GLOB] [-type f|d] [-maxdepth N]: enough to look around the home folder. */
export const find: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const roots: string[] = [];
  let i = 0;
  while (i < args.length && !args[i].startsWith('-')) roots.push(args[i++]);
  if (!roots.length) roots.push('.');
  let name: RegExp | undefined;
  let type: string | undefined;
  let maxDepth = Infinity;
  for (; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    if ((a === '-name' || a === '-iname') && v !== undefined) {
      const src = v.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
      name = new RegExp('^' + src + '$', a === '-iname' ? 'i' : '');
      i++;
    } else if (a === '-type' && v !== undefined) {
      type = v;
      i++;
    } else if (a === '-maxdepth' && v !== undefined) {
      maxDepth = Number(v);
      i++;
    } else if (a === '-print') continue;
    else {
      ctx.stderr(`find: unknown predicate \`${a}'\n`);
      return 1;
    }
  }
  let status = 0;
  let out = '';
  const walk = (shown: string, path: string, depth: number) => {
    const st = ctx.fs.stat(path);
    if (!st) return;
    const base = basename(path) || '/';
    const okName = !name || name.test(depth === 0 ? basename(shown) || shown : base);
    const okType = !type || (type === 'f' ? st.type === 'file' : type === 'd' ? st.type === 'dir' : false);
    if (okName && okType) out += shown + '\n';
    if (st.type === 'dir' && depth < maxDepth) for (const n of ctx.fs.readdir(path)) walk(shown.replace(/\/$/, '') + '/' + n, normalize(path + '/' + n), depth + 1);
  };
  for (const r of roots) {
    if (!ctx.fs.exists(abs(ctx, r))) {
      ctx.stderr(`find: ‘${r}’: No such file or directory\n`);
      status = 1;
      continue;
    }
    walk(r, abs(ctx, r), 0);
  }
  ctx.stdout(out);
  return status;
};
