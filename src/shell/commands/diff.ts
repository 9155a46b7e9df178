/**
 * GNU diff 3.x (diffutils src/diff.c, context.c, normal.c, dir.c): the normal format and -u/-U N (unified),
 * -N (absent files are empty), -r (recurse), -q (brief). Exit status 0 (same), 1 (different), 2 (trouble).
 * - Unified headers carry the file's modification time as `%Y-%m-%d %H:%M:%S.%N %z`; an absent file under
 *   -N has the epoch. The machine runs in UTC.
 * - Comparing directories prints `diff <options as typed> a/x b/x` before each pair of files that differ,
 *   `Only in a: x`, `Common subdirectories: a/s and b/s` (without -r), entries in byte order.
 * - A last line without a newline is followed by `\ No newline at end of file`.
 * - --color[=WHEN] (auto: when stdout is the terminal): bold headers, cyan hunk lines, red deletions, green
 *   insertions, each closed with `ESC[0m` before the newline.
 * Which lines count as changed comes from ./diffseq (GNU's own choice among equally short scripts).
 */
import type { CommandContext, Program } from '../types';
import { compareLines, type Change } from './diffseq';
import { abs, stdoutIsTTY } from './util';

interface Options {
  unified: boolean;
  context: number;
  newFile: boolean;
  recursive: boolean;
  brief: boolean;
  /** --color: SGR sequences from GNU's default palette (hd=1 headers, ln=36 hunk lines, de=31, ad=32). */
  color: boolean;
  /** The options as typed, for the `diff …` line before each pair of files in a directory comparison. */
  switches: string;
}

class Trouble extends Error {}

const LONG: Record<string, string> = { unified: 'u', 'new-file': 'N', recursive: 'r', brief: 'q' };

export const diff: Program = async (ctx) => {
  const o: Options = { unified: false, context: 3, newFile: false, recursive: false, brief: false, color: false, switches: '' };
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  const bad = (msg: string) => {
    ctx.stderr(`diff: ${msg}\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split(/=(.*)/s);
      o.switches += ` ${shellQuote(a)}`;
      if (name === 'color') {
        const when = val ?? 'auto';
        if (['always', 'yes', 'force'].includes(when)) o.color = true;
        else if (['auto', 'tty', 'if-tty'].includes(when)) o.color = stdoutIsTTY(ctx);
        else if (['never', 'no', 'none'].includes(when)) o.color = false;
        else return bad(`invalid color '${when}'`);
        continue;
      }
      if (name === 'unified') {
        o.unified = true;
        if (val !== undefined) {
          if (!/^\d+$/.test(val)) return bad(`invalid context length '${val}'`);
          o.context = Number(val);
        }
        continue;
      }
      const short = Object.hasOwn(LONG, name) ? LONG[name] : undefined;
      if (!short) return bad(`unrecognized option '${a}'`);
      apply(o, short);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      o.switches += ` ${a}`;
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'U') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return bad(`option requires an argument -- 'U'`);
          if (j + 1 >= a.length) o.switches += ` ${v}`;
          if (!/^\d+$/.test(v)) return bad(`invalid context length '${v}'`);
          o.unified = true;
          o.context = Number(v);
          break;
        }
        if (!'uNrq'.includes(c)) return bad(`invalid option -- '${c}'`);
        apply(o, c);
      }
      continue;
    }
    operands.push(a);
  }
  if (operands.length < 2) return bad(`missing operand after '${operands.length ? operands[0] : 'diff'}'`);
  if (operands.length > 2) return bad(`extra operand '${operands[2]}'`);
  if (!o.unified) o.context = 0;
  try {
    return await compareOperands(ctx, o, operands[0], operands[1]);
  } catch (e) {
    if (e instanceof Trouble) {
      ctx.stderr(e.message);
      return 2;
    }
    throw e;
  }
};

/** How the `diff …` line shows an option: shell-quoted when it has characters a shell would read (quotearg). */
function shellQuote(a: string): string {
  return /^[A-Za-z0-9%+,\-./:@_^]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

function apply(o: Options, c: string): void {
  if (c === 'u') o.unified = true;
  else if (c === 'N') o.newFile = true;
  else if (c === 'r') o.recursive = true;
  else if (c === 'q') o.brief = true;
}

type Kind = 'file' | 'dir' | 'none';

function kindOf(ctx: CommandContext, name: string): Kind {
  if (name === '-') return 'file';
  const st = ctx.fs.stat(abs(ctx, name));
  return st ? st.type : 'none';
}

async function compareOperands(ctx: CommandContext, o: Options, n0: string, n1: string): Promise<number> {
  let k0 = kindOf(ctx, n0);
  let k1 = kindOf(ctx, n1);
  // `diff file dir` compares the file with the one of the same name inside dir.
  if (k0 === 'file' && k1 === 'dir' && n0 !== '-') {
    n1 = `${n1.replace(/\/+$/, '')}/${basename(n0)}`;
    k1 = kindOf(ctx, n1);
  } else if (k0 === 'dir' && k1 === 'file' && n1 !== '-') {
    n0 = `${n0.replace(/\/+$/, '')}/${basename(n1)}`;
    k0 = kindOf(ctx, n0);
  }
  if (k0 === 'none' && !(o.newFile && k1 !== 'none')) throw new Trouble(`diff: ${n0}: No such file or directory\n`);
  if (k1 === 'none' && !(o.newFile && k0 !== 'none')) throw new Trouble(`diff: ${n1}: No such file or directory\n`);
  if (k0 === 'dir' || k1 === 'dir') {
    if (k0 === 'dir' && k1 === 'dir') return compareDirs(ctx, o, n0, n1);
    // -N with a directory on one side only: the other is an empty directory.
    if (k0 === 'none' || k1 === 'none') return compareDirs(ctx, o, n0, n1);
  }
  return compareFiles(ctx, o, n0, n1, false);
}

function basename(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

function listDir(ctx: CommandContext, name: string): string[] {
  const st = ctx.fs.stat(abs(ctx, name));
  return st?.type === 'dir' ? ctx.fs.readdir(abs(ctx, name)) : [];
}

/** Byte order, as strcmp in the C locale. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function compareDirs(ctx: CommandContext, o: Options, d0: string, d1: string): Promise<number> {
  const names = [...new Set([...listDir(ctx, d0), ...listDir(ctx, d1)])].sort(byteOrder);
  let status = 0;
  const join = (d: string, n: string) => (d.endsWith('/') ? d + n : `${d}/${n}`);
  for (const name of names) {
    const p0 = join(d0, name);
    const p1 = join(d1, name);
    const k0 = kindOf(ctx, p0);
    const k1 = kindOf(ctx, p1);
    let s = 0;
    if (k0 === 'none' || k1 === 'none') {
      const [there, kind] = k0 === 'none' ? [d1, k1] : [d0, k0];
      if (!o.newFile || (kind === 'dir' && !o.recursive)) {
        ctx.stdout(`Only in ${there}: ${name}\n`);
        s = 1;
      } else if (kind === 'dir') s = await compareDirs(ctx, o, p0, p1);
      else s = await compareFiles(ctx, o, p0, p1, true);
    } else if (k0 === 'dir' && k1 === 'dir') {
      if (o.recursive) s = await compareDirs(ctx, o, p0, p1);
      else ctx.stdout(`Common subdirectories: ${p0} and ${p1}\n`);
    } else if (k0 !== k1) {
      const what = (k: Kind) => (k === 'dir' ? 'a directory' : 'a regular file');
      ctx.stdout(`File ${p0} is ${what(k0)} while file ${p1} is ${what(k1)}\n`);
      s = 1;
    } else s = await compareFiles(ctx, o, p0, p1, true);
    status = Math.max(status, s);
  }
  return status;
}

interface FileText {
  name: string;
  text: string;
  mtimeMs: number;
}

async function readSide(ctx: CommandContext, name: string): Promise<FileText> {
  if (name === '-') return { name, text: await ctx.stdin.readAll(), mtimeMs: ctx.host.clock.now() };
  const p = abs(ctx, name);
  const st = ctx.fs.stat(p);
  if (!st) return { name, text: '', mtimeMs: 0 };
  try {
    return { name, text: ctx.fs.readFile(p), mtimeMs: st.mtimeMs };
  } catch {
    throw new Trouble(`diff: ${name}: Permission denied\n`);
  }
}

async function compareFiles(ctx: CommandContext, o: Options, n0: string, n1: string, inDir: boolean): Promise<number> {
  const f0 = await readSide(ctx, n0);
  const f1 = await readSide(ctx, n1);
  if (f0.text === f1.text) return 0;
  if (o.brief) {
    ctx.stdout(`Files ${n0} and ${n1} differ\n`);
    return 1;
  }
  // A NUL in the first buffer makes a file binary (io.c sip/buffer_textual); such files are only reported.
  if (f0.text.slice(0, 32768).includes('\0') || f1.text.slice(0, 32768).includes('\0')) {
    ctx.stdout(`Binary files ${n0} and ${n1} differ\n`);
    return 1;
  }
  const a = toLines(f0.text);
  const b = toLines(f1.text);
  const changes = compareLines(a, b, o.context);
  if (!changes.length) return 0;
  let out = inDir ? `diff${o.switches} ${n0} ${n1}\n` : '';
  out += o.unified ? unified(f0, f1, a, b, changes, o.context, o.color) : normal(a, b, changes, o.color);
  ctx.stdout(out);
  return 1;
}

/** Lines with their newline kept, so that a missing final newline makes a line differ. */
function toLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines;
}

const NO_NEWLINE = '\\ No newline at end of file\n';

/** One output line, coloured with `sgr` when given (the sequence closes before the newline). */
function body(prefix: string, line: string, sgr?: string): string {
  const text = prefix + line.replace(/\n$/, '');
  const shown = sgr ? `\x1b[${sgr}m${text}\x1b[0m` : text;
  return line.endsWith('\n') ? `${shown}\n` : `${shown}\n${NO_NEWLINE}`;
}

const paint = (on: boolean, sgr: string, text: string) => (on ? `\x1b[${sgr}m${text}\x1b[0m` : text);

/** `%Y-%m-%d %H:%M:%S.%N %z` in UTC; the clock counts milliseconds. */
export function diffTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1e6, 9)} +0000`;
}

/** Changes closer than 2×context+1 unchanged lines share a hunk (context.c find_hunk). */
function hunks(changes: Change[], context: number): Change[][] {
  const out: Change[][] = [];
  let cur: Change[] = [];
  for (const c of changes) {
    const prev = cur[cur.length - 1];
    if (prev && c.line0 - (prev.line0 + prev.deleted) < 2 * context + 1) cur.push(c);
    else {
      if (cur.length) out.push(cur);
      cur = [c];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** A unified range: `l` for one line, `l,n` otherwise, and the line before an empty range as `l,0`. */
function uniRange(first: number, count: number): string {
  if (count === 0) return `${first},0`;
  if (count === 1) return `${first + 1}`;
  return `${first + 1},${count}`;
}

function unified(f0: FileText, f1: FileText, a: string[], b: string[], changes: Change[], context: number, color: boolean): string {
  let out = `${paint(color, '1', `--- ${f0.name}\t${diffTime(f0.mtimeMs)}`)}\n${paint(color, '1', `+++ ${f1.name}\t${diffTime(f1.mtimeMs)}`)}\n`;
  const de = color ? '31' : undefined;
  const ad = color ? '32' : undefined;
  for (const h of hunks(changes, context)) {
    const first = h[0];
    const last = h[h.length - 1];
    const start0 = Math.max(0, first.line0 - context);
    const start1 = Math.max(0, first.line1 - context);
    const end0 = Math.min(a.length, last.line0 + last.deleted + context);
    const end1 = Math.min(b.length, last.line1 + last.inserted + context);
    out += `${paint(color, '36', `@@ -${uniRange(start0, end0 - start0)} +${uniRange(start1, end1 - start1)} @@`)}\n`;
    let i = start0;
    for (const c of h) {
      for (; i < c.line0; i++) out += body(' ', a[i]);
      for (let k = 0; k < c.deleted; k++) out += body('-', a[c.line0 + k], de);
      for (let k = 0; k < c.inserted; k++) out += body('+', b[c.line1 + k], ad);
      i = c.line0 + c.deleted;
    }
    for (; i < end0; i++) out += body(' ', a[i]);
  }
  return out;
}

/** `a` or `a,b` (1-based); an empty range prints the line before it. */
function range(first: number, count: number): string {
  if (count <= 1) return String(count === 0 ? first : first + 1);
  return `${first + 1},${first + count}`;
}

function normal(a: string[], b: string[], changes: Change[], color: boolean): string {
  let out = '';
  for (const c of changes) {
    const letter = c.deleted && c.inserted ? 'c' : c.deleted ? 'd' : 'a';
    out += `${paint(color, '36', `${range(c.line0, c.deleted)}${letter}${range(c.line1, c.inserted)}`)}\n`;
    for (let k = 0; k < c.deleted; k++) out += body('< ', a[c.line0 + k], color ? '31' : undefined);
    if (c.deleted && c.inserted) out += '---\n';
    for (let k = 0; k < c.inserted; k++) out += body('> ', b[c.line1 + k], color ? '32' : undefined);
  }
  return out;
}
