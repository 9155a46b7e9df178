/**
 * ls (GNU coreutils 9.4 as on Ubuntu 24.04): `ls: cannot access 'x': No such file or directory` (exit 2), column
 * layout on a terminal, one name a line into a pipe, -l with coreutils' recent/old date forms. A basic of the prompt:
 * kept in the terminal's first load, while the other file commands (./files) load on first use.
 */
import type { Program } from '../types';
import { abs, fsMessage, parseArgs, stdoutIsTTY, usage } from './util';
import { normalize } from '../path';

function modeString(type: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx';
  let s = type === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) s += mode & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls -l's date: `Nov 25 09:00` for files from the last six months, `Nov 25  2025` otherwise. */
function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2);
  const recent = now - ms < 182 * 86400_000 && ms <= now + 3600_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** GNU ls column layout: fill down the columns, two spaces between, as many columns as fit the width. */
function columns(names: string[], width: number): string {
  if (!names.length) return '';
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(0, ...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    const total = widths.reduce((s, w) => s + w, 0) + 2 * (cols - 1);
    if (total > width) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const n = names[c * rows + r];
        if (n !== undefined) cells.push(n);
      }
      out += cells.map((n, c) => (c < cells.length - 1 ? n.padEnd(widths[c] + 2) : n)).join('') + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}

export const ls: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'laA1hrtSdFRip', long: { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', reverse: 'r', color: '', classify: 'F' } }, 'ls');
  if (a.error && !/--color/.test(a.error)) return usage(ctx, a.error, 'ls', 2);
  const long = a.flags.has('l');
  const all = a.flags.has('a');
  const almost = a.flags.has('A');
  const one = a.flags.has('1') || !stdoutIsTTY(ctx);
  const width = ctx.terminal?.columns ?? 80;
  const now = ctx.host.clock.now();
  const ops = a.operands.length ? a.operands : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const op of ops) {
    const st = ctx.fs.stat(abs(ctx, op));
    if (!st) {
      ctx.stderr(`ls: cannot access '${op}': No such file or directory\n`);
      status = 2;
    } else if (st.type === 'dir' && !a.flags.has('d')) dirs.push(op);
    else files.push(op);
  }
  const sizeText = (n: number) => {
    if (!a.flags.has('h') || n < 1024) return String(n);
    const units = ['K', 'M', 'G'];
    let v = n;
    let u = -1;
    while (v >= 1024 && u < 2) {
      v /= 1024;
      u++;
    }
    return (v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v)).toString() + units[u];
  };
  const render = (entries: { name: string; path: string }[], withTotal: boolean): string => {
    const sorted = [...entries];
    if (a.flags.has('t')) sorted.sort((x, y) => (ctx.fs.stat(y.path)?.mtimeMs ?? 0) - (ctx.fs.stat(x.path)?.mtimeMs ?? 0));
    if (a.flags.has('S')) sorted.sort((x, y) => (ctx.fs.stat(y.path)?.size ?? 0) - (ctx.fs.stat(x.path)?.size ?? 0));
    if (a.flags.has('r')) sorted.reverse();
    const label = (e: { name: string; path: string }) => (a.flags.has('F') || a.flags.has('p')) && ctx.fs.stat(e.path)?.type === 'dir' ? e.name + '/' : e.name;
    if (!long) return one ? sorted.map((e) => label(e) + '\n').join('') : columns(sorted.map(label), width);
    const rows = sorted.map((e) => {
      const st = ctx.fs.stat(e.path)!;
      return { mode: modeString(st.type, st.mode), links: st.type === 'dir' ? '2' : '1', size: sizeText(st.size), date: lsDate(st.mtimeMs, now), name: label(e), blocks: st.type === 'dir' ? 4 : Math.ceil(st.size / 4096) * 4 };
    });
    const sw = Math.max(0, ...rows.map((r) => r.size.length));
    const lw = Math.max(0, ...rows.map((r) => r.links.length));
    let out = withTotal ? `total ${rows.reduce((s, r) => s + r.blocks, 0)}\n` : '';
    for (const r of rows) out += `${r.mode} ${r.links.padStart(lw)} root root ${r.size.padStart(sw)} ${r.date} ${r.name}\n`;
    return out;
  };
  let out = '';
  if (files.length) out += render(files.map((f) => ({ name: f, path: abs(ctx, f) })), false);
  dirs.forEach((d, i) => {
    const path = abs(ctx, d);
    let names: string[];
    try {
      names = ctx.fs.readdir(path);
    } catch (e) {
      ctx.stderr(`ls: cannot open directory '${d}': ${fsMessage(e)}\n`);
      status = 2;
      return;
    }
    if (!all) names = names.filter((n) => !n.startsWith('.'));
    if (almost && !all) names = ctx.fs.readdir(path);
    const entries = names.map((n) => ({ name: n, path: normalize(path + '/' + n) }));
    if (all) entries.unshift({ name: '.', path }, { name: '..', path: normalize(path + '/..') });
    if (files.length || dirs.length > 1) out += `${files.length || i > 0 ? '\n' : ''}${d}:\n`;
    out += render(entries, true);
  });
  ctx.stdout(out);
  return status;
};
