/**
 * Text filters (GNU grep 3.11, coreutils 9.4): grep, head, tail, wc, sort, uniq, cut, tr, tee, base64, seq, rev, tac.
 * Filters read stdin line by line when it streams, so `kubectl get pods -w | grep Running` prints as events come.
 */
import type { CommandContext, Program } from '../types';
import { abs, fsMessage, parseArgs, readInput, splitLines, usage } from './util';
import { readLines } from '../io';

/** POSIX basic regular expressions → JavaScript: in BRE `\(`, `\|`, `\+` are operators and `(`, `|`, `+` literal. */
export function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      if ('(){}|+?'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += '\\' + n;
    } else if ('(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '[') {
      const end = findClassEnd(re, i);
      out += posixClass(re.slice(i, end + 1));
      i = end;
    } else out += c;
  }
  return out;
}

export function ereToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += n === '<' || n === '>' ? '\\b' : '\\' + n;
    } else if (c === '[') {
      const end = findClassEnd(re, i);
      out += posixClass(re.slice(i, end + 1));
      i = end;
    } else out += c;
  }
  return out;
}

function findClassEnd(re: string, start: number): number {
  let i = start + 1;
  if (re[i] === '^') i++;
  if (re[i] === ']') i++;
  for (; i < re.length; i++) {
    if (re[i] === '[' && re[i + 1] === ':') {
      const e = re.indexOf(':]', i + 2);
      if (e > 0) {
        i = e + 1;
        continue;
      }
    }
    if (re[i] === ']') return i;
  }
  return re.length - 1;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

function posixClass(cls: string): string {
  return cls.replace(/\[:([a-z]+):\]/g, (_, n: string) => CLASSES[n] ?? '').replace(/\\(?![\]\\tnrfvx])/g, '\\\\');
}

function compile(pattern: string, opts: { extended: boolean; fixed: boolean; icase: boolean; word: boolean; line: boolean; global?: boolean }): RegExp | string {
  let src = opts.fixed ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : opts.extended ? ereToJs(pattern) : breToJs(pattern);
  if (opts.word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  if (opts.line) src = `^(?:${src})$`;
  try {
    return new RegExp(src, (opts.icase ? 'i' : '') + (opts.global ? 'g' : ''));
  } catch {
    if (/\\\($|\($/.test(pattern) || /\(/.test(pattern)) return 'Unmatched ( or \\(';
    if (/\[/.test(pattern)) return 'Unmatched [, [^, [:, [., or [=';
    return 'Invalid regular expression';
  }
}

export const grep: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const patterns: string[] = [];
  const rest: string[] = [];
  // -e may repeat; collect it before the generic parser sees the rest
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-e' && args[i + 1] !== undefined) patterns.push(args[++i]);
    else if (args[i].startsWith('--regexp=')) patterns.push(args[i].slice(9));
    else rest.push(args[i]);
  }
  const a = parseArgs(rest, { flags: 'ivcnEFowqlLhHrRxsPz', valued: 'mABC', long: { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'extended-regexp': 'E', 'fixed-strings': 'F', 'only-matching': 'o', 'word-regexp': 'w', quiet: 'q', silent: 'q', 'files-with-matches': 'l', 'no-filename': 'h', 'with-filename': 'H', 'line-regexp': 'x', 'max-count': 'm', color: 's', colour: 's' } }, 'grep');
  if (a.error) {
    ctx.stderr(`${a.error}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
    return 2;
  }
  const ops = [...a.operands];
  if (!patterns.length) {
    if (!ops.length) {
      ctx.stderr("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns.push(ops.shift()!);
  }
  const f = a.flags;
  const opts = { extended: f.has('E') || f.has('P'), fixed: f.has('F'), icase: f.has('i'), word: f.has('w'), line: f.has('x') };
  const regexes: RegExp[] = [];
  for (const p of patterns.flatMap((p) => p.split('\n'))) {
    const r = compile(p, { ...opts, global: f.has('o') });
    if (typeof r === 'string') {
      ctx.stderr(`grep: ${r}\n`);
      return 2;
    }
    regexes.push(r);
  }
  const max = a.values.has('m') ? Number(a.values.get('m')) : Infinity;
  const after = Number(a.values.get('A') ?? a.values.get('C') ?? 0);
  const before = Number(a.values.get('B') ?? a.values.get('C') ?? 0);
  const files = ops.length ? ops : ['-'];
  const showName = !f.has('h') && (f.has('H') || files.length > 1);
  let matchedAny = false;
  let error = false;
  for (const file of files) {
    if (file !== '-' && ctx.fs.stat(abs(ctx, file))?.type === 'dir') {
      ctx.stderr(`grep: ${file}: Is a directory\n`);
      error = true;
      continue;
    }
    let lines: AsyncIterable<string>;
    if (file === '-') lines = readLines(ctx.stdin);
    else {
      const text = await readInput(ctx, 'grep', file);
      if (text === undefined) {
        error = true;
        continue;
      }
      lines = (async function* () {
        yield* splitLines(text);
      })();
    }
    const label = file === '-' ? '(standard input)' : file;
    let count = 0;
    let n = 0;
    let lastPrinted = 0;
    let afterLeft = 0;
    const ring: [number, string][] = [];
    for await (const line of lines) {
      n++;
      if (count >= max) break;
      const hit = regexes.some((r) => {
        r.lastIndex = 0;
        return r.test(line);
      });
      const selected = hit !== f.has('v');
      if (!selected) {
        if (afterLeft > 0) {
          afterLeft--;
          ctx.stdout(`${showName ? label + '-' : ''}${f.has('n') ? n + '-' : ''}${line}\n`);
          lastPrinted = n;
        } else if (before) {
          ring.push([n, line]);
          if (ring.length > before) ring.shift();
        }
        continue;
      }
      count++;
      matchedAny = true;
      if (f.has('q')) return 0;
      if (f.has('c') || f.has('l') || f.has('L')) continue;
      const prefix = (sep: string, num: number) => `${showName ? label + sep : ''}${f.has('n') ? num + sep : ''}`;
      if ((before || after) && lastPrinted && ring.length && ring[0][0] > lastPrinted + 1) ctx.stdout('--\n');
      else if ((before || after) && lastPrinted && !ring.length && n > lastPrinted + 1) ctx.stdout('--\n');
      for (const [rn, rl] of ring) ctx.stdout(prefix('-', rn) + rl + '\n');
      ring.length = 0;
      if (f.has('o') && !f.has('v')) {
        for (const r of regexes) {
          r.lastIndex = 0;
          for (const m of line.matchAll(new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g'))) if (m[0]) ctx.stdout(prefix(':', n) + m[0] + '\n');
        }
      } else ctx.stdout(prefix(':', n) + line + '\n');
      lastPrinted = n;
      afterLeft = after;
    }
    if (f.has('c')) ctx.stdout(`${showName ? label + ':' : ''}${count}\n`);
    if (f.has('l') && count) ctx.stdout(label + '\n');
    if (f.has('L') && !count) ctx.stdout(label + '\n');
  }
  if (error && !(f.has('q') && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
};

/** `-5` as a shorthand for `-n 5` (head, tail). */
function legacyCount(args: string[]): string[] {
  return args.map((x, i) => (/^-\d+$/.test(x) && !['-n', '-c', '--lines', '--bytes'].includes(args[i - 1] ?? '') ? `-n${x.slice(1)}` : x));
}

export const head: Program = async (ctx) => {
  const a = parseArgs(legacyCount(ctx.argv.slice(1)), { flags: 'qv', valued: 'nc', long: { lines: 'n', bytes: 'c', quiet: 'q' } }, 'head');
  if (a.error) return usage(ctx, a.error, 'head');
  const nText = a.values.get('n') ?? '10';
  if (!/^-?\d+$/.test(nText)) {
    ctx.stderr(`head: invalid number of lines: ‘${nText}’\n`);
    return 1;
  }
  const n = Number(nText);
  const files = a.operands.length ? a.operands : ['-'];
  let status = 0;
  for (const [i, file] of files.entries()) {
    if (files.length > 1 && !a.flags.has('q')) ctx.stdout(`${i ? '\n' : ''}==> ${file === '-' ? 'standard input' : file} <==\n`);
    if (a.values.has('c')) {
      const text = await readInput(ctx, 'head', file);
      if (text === undefined) status = 1;
      else ctx.stdout(text.slice(0, Number(a.values.get('c'))));
      continue;
    }
    if (file === '-' && n >= 0) {
      let k = 0;
      if (n === 0) continue;
      for await (const line of readLines(ctx.stdin)) {
        ctx.stdout(line + '\n');
        if (++k >= n) break;
      }
      continue;
    }
    const text = await readInput(ctx, 'head', file);
    if (text === undefined) {
      ctx.stderr('');
      status = 1;
      continue;
    }
    const lines = splitLines(text);
    const pick = n >= 0 ? lines.slice(0, n) : lines.slice(0, Math.max(0, lines.length + n));
    ctx.stdout(pick.map((l) => l + '\n').join(''));
  }
  return status;
};

export const tail: Program = async (ctx) => {
  const a = parseArgs(legacyCount(ctx.argv.slice(1)), { flags: 'fFqv', valued: 'nc', long: { lines: 'n', bytes: 'c', follow: 'f' } }, 'tail');
  if (a.error) return usage(ctx, a.error, 'tail');
  const nText = a.values.get('n') ?? '10';
  if (!/^[+-]?\d+$/.test(nText)) {
    ctx.stderr(`tail: invalid number of lines: ‘${nText}’\n`);
    return 1;
  }
  const fromStart = nText.startsWith('+');
  const n = Math.abs(Number(nText));
  const files = a.operands.length ? a.operands : ['-'];
  let status = 0;
  const pick = (text: string) => {
    const lines = splitLines(text);
    return (fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n)).map((l) => l + '\n').join('');
  };
  for (const [i, file] of files.entries()) {
    if (files.length > 1 && !a.flags.has('q')) ctx.stdout(`${i ? '\n' : ''}==> ${file === '-' ? 'standard input' : file} <==\n`);
    const text = await readInput(ctx, 'tail', file);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (a.values.has('c')) ctx.stdout(text.slice(-Number(a.values.get('c'))));
    else ctx.stdout(pick(text));
  }
  // -f on a file: keep printing what is appended, checking once a (virtual) second, until Ctrl-C
  if ((a.flags.has('f') || a.flags.has('F')) && files.length === 1 && files[0] !== '-') {
    const path = abs(ctx, files[0]);
    let seen = ctx.fs.exists(path) ? ctx.fs.readFile(path).length : 0;
    try {
      for (;;) {
        await ctx.sleep(1000);
        if (!ctx.fs.exists(path)) continue;
        const t = ctx.fs.readFile(path);
        if (t.length > seen) ctx.stdout(t.slice(seen));
        seen = t.length;
      }
    } catch {
      return 130;
    }
  }
  return status;
};

export const wc: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } }, 'wc');
  if (a.error) return usage(ctx, a.error, 'wc');
  let which = ['l', 'w', 'c', 'm'].filter((x) => a.flags.has(x));
  if (!which.length) which = ['l', 'w', 'c'];
  const files = a.operands.length ? a.operands : ['-'];
  const rows: { counts: number[]; name?: string }[] = [];
  const total = which.map(() => 0);
  let status = 0;
  for (const file of files) {
    if (file !== '-' && ctx.fs.stat(abs(ctx, file))?.type === 'dir') {
      ctx.stderr(`wc: ${file}: Is a directory\n`);
      rows.push({ counts: which.map(() => 0), name: file });
      status = 1;
      continue;
    }
    const text = await readInput(ctx, 'wc', file);
    if (text === undefined) {
      status = 1;
      continue;
    }
    const counts = which.map((w) => (w === 'l' ? (text.match(/\n/g) ?? []).length : w === 'w' ? text.split(/\s+/).filter(Boolean).length : w === 'c' ? new TextEncoder().encode(text).length : [...text].length));
    counts.forEach((c, i) => (total[i] += c));
    rows.push({ counts, name: file === '-' ? undefined : file });
  }
  if (files.length > 1) rows.push({ counts: total, name: 'total' });
  // GNU wc pads every column to the width of the largest count, unless a single count of stdin is printed
  const single = which.length === 1 && rows.length === 1;
  const fromStdin = files.length === 1 && files[0] === '-';
  const width = single ? 0 : fromStdin ? 7 : Math.max(1, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
  for (const r of rows) ctx.stdout(r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.name !== undefined ? ' ' + r.name : '') + '\n');
  return status;
};

function sortKey(line: string, key: { start: number; end?: number } | undefined, sep: string | undefined): string {
  if (!key) return line;
  const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
  return fields.slice(key.start - 1, key.end ?? fields.length).join(sep ?? ' ');
}

/** sort -h understands kubectl's and du's sizes: 512Ki < 1Mi < 2G. */
function human(s: string): number {
  const m = /^\s*(-?[\d.]+)\s*([KMGTPE]?)(i?)/i.exec(s);
  if (!m) return 0;
  const exp = ' KMGTPE'.indexOf(m[2].toUpperCase() || ' ');
  return Number(m[1]) * 1024 ** Math.max(0, exp);
}

export const sort: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'nruhfbVM', valued: 'kto', long: { numeric: 'n', reverse: 'r', unique: 'u', key: 'k', 'field-separator': 't', 'human-numeric-sort': 'h', 'ignore-case': 'f' } }, 'sort');
  if (a.error) return usage(ctx, a.error, 'sort', 2);
  let text = '';
  let status = 0;
  for (const f of a.operands.length ? a.operands : ['-']) {
    const t = await readInput(ctx, 'sort', f);
    if (t === undefined) status = 2;
    else text += t.endsWith('\n') || t === '' ? t : t + '\n';
  }
  if (status) return status;
  let key: { start: number; end?: number } | undefined;
  const k = a.values.get('k');
  if (k !== undefined) {
    const m = /^(\d+)(?:\.\d+)?[a-zA-Z]*(?:,(\d+)(?:\.\d+)?[a-zA-Z]*)?$/.exec(k);
    if (!m) {
      ctx.stderr(`sort: invalid number at field start: invalid count at start of ‘${k}’\n`);
      return 2;
    }
    key = { start: Number(m[1]), end: m[2] ? Number(m[2]) : undefined };
    if (/n/.test(k.replace(/^\d+/, ''))) a.flags.add('n');
    if (/r/.test(k.replace(/^\d+/, ''))) a.flags.add('r');
  }
  const sep = a.values.get('t');
  const f = a.flags;
  const cmp = (x: string, y: string): number => {
    const kx = sortKey(x, key, sep);
    const ky = sortKey(y, key, sep);
    let c: number;
    if (f.has('n')) c = (parseFloat(kx) || 0) - (parseFloat(ky) || 0);
    else if (f.has('h')) c = human(kx) - human(ky);
    else if (f.has('V')) c = kx.localeCompare(ky, 'en', { numeric: true });
    else {
      const ax = f.has('f') ? kx.toUpperCase() : kx;
      const ay = f.has('f') ? ky.toUpperCase() : ky;
      c = ax < ay ? -1 : ax > ay ? 1 : 0;
    }
    // last-resort comparison on the whole line, as GNU sort does without -s
    if (c === 0 && !f.has('u')) c = x < y ? -1 : x > y ? 1 : 0;
    return f.has('r') ? -c : c;
  };
  let lines = splitLines(text).sort(cmp);
  if (f.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0);
  const out = lines.map((l) => l + '\n').join('');
  if (a.values.has('o')) ctx.fs.writeFile(abs(ctx, a.values.get('o')!), out);
  else ctx.stdout(out);
  return 0;
};

export const uniq: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } }, 'uniq');
  if (a.error) return usage(ctx, a.error, 'uniq');
  const text = await readInput(ctx, 'uniq', a.operands[0] ?? '-');
  if (text === undefined) return 1;
  const groups: [string, number][] = [];
  const same = (x: string, y: string) => (a.flags.has('i') ? x.toLowerCase() === y.toLowerCase() : x === y);
  for (const l of splitLines(text)) {
    const g = groups[groups.length - 1];
    if (g && same(g[0], l)) g[1]++;
    else groups.push([l, 1]);
  }
  let out = '';
  for (const [l, c] of groups) {
    if (a.flags.has('d') && c < 2) continue;
    if (a.flags.has('u') && c > 1) continue;
    out += (a.flags.has('c') ? `${String(c).padStart(7)} ` : '') + l + '\n';
  }
  ctx.stdout(out);
  return 0;
};

/** `1,3`, `2-`, `-3`, `1-2,5` → a predicate on 1-based positions. */
function parseList(spec: string): ((i: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3]) || m[1] === '0') return undefined;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    ranges.push([lo, hi]);
  }
  return (i) => ranges.some(([lo, hi]) => i >= lo && i <= hi);
}

export const cut: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 's', valued: 'dfcb', long: { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' } }, 'cut');
  if (a.error) return usage(ctx, a.error, 'cut');
  const spec = a.values.get('f') ?? a.values.get('c') ?? a.values.get('b');
  if (spec === undefined) return usage(ctx, 'cut: you must specify a list of bytes, characters, or fields', 'cut');
  const pick = parseList(spec);
  if (!pick) {
    ctx.stderr(`cut: ${/(^|[,-])0/.test(spec) ? 'fields and positions are numbered from 1' : 'invalid field range'}\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const delim = a.values.get('d') ?? '\t';
  if (delim.length !== 1) return usage(ctx, 'cut: the delimiter must be a single character', 'cut');
  let status = 0;
  let out = '';
  for (const file of a.operands.length ? a.operands : ['-']) {
    const text = await readInput(ctx, 'cut', file);
    if (text === undefined) {
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      if (a.values.has('f')) {
        if (!line.includes(delim)) {
          if (!a.flags.has('s')) out += line + '\n';
          continue;
        }
        out += line.split(delim).filter((_, i) => pick(i + 1)).join(delim) + '\n';
      } else out += [...line].filter((_, i) => pick(i + 1)).join('') + '\n';
    }
  }
  ctx.stdout(out);
  return status;
};

/** Expands a tr SET: ranges a-z, classes [:upper:], escapes \n \t \\. */
function trSet(s: string): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls) {
      const ranges: Record<string, string> = { upper: 'A-Z', lower: 'a-z', digit: '0-9', alpha: 'A-Za-z', alnum: 'A-Za-z0-9', space: ' \t\n\r\f\v', blank: ' \t', punct: '!-/:-@[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\x00-\x1f' };
      if (!Object.hasOwn(ranges, cls[1])) return undefined;
      const r = trSet(ranges[cls[1]].replace(/\\/g, '\\\\'));
      if (!r) return undefined;
      out.push(...r);
      i += cls[0].length - 1;
      continue;
    }
    let c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i];
      c = ({ n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' } as Record<string, string>)[n] ?? n;
    }
    if (s[i + 1] === '-' && i + 2 < s.length) {
      const end = s[i + 2];
      const lo = c.charCodeAt(0);
      const hi = end.charCodeAt(0);
      if (hi < lo) return undefined;
      for (let k = lo; k <= hi; k++) out.push(String.fromCharCode(k));
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

export const tr: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'dscC', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } }, 'tr');
  if (a.error) return usage(ctx, a.error, 'tr');
  const [s1, s2] = a.operands;
  if (s1 === undefined) return usage(ctx, 'tr: missing operand', 'tr');
  const del = a.flags.has('d');
  const squeeze = a.flags.has('s');
  if (!del && !squeeze && s2 === undefined) return usage(ctx, `tr: missing operand after ‘${s1}’\nTwo strings must be given when translating.`, 'tr');
  const set1 = trSet(s1);
  const set2 = s2 !== undefined ? trSet(s2) : [];
  if (!set1 || !set2) {
    ctx.stderr('tr: invalid character class\n');
    return 1;
  }
  const complement = a.flags.has('c') || a.flags.has('C');
  const in1 = (c: string) => set1.includes(c) !== complement;
  const text = await ctx.stdin.readAll();
  let out = '';
  let prev = '';
  const squeezeSet = del ? set2 : s2 !== undefined ? set2 : set1;
  for (const c of text) {
    let o: string | undefined = c;
    if (del) {
      if (in1(c)) o = undefined;
    } else if (s2 !== undefined && in1(c)) {
      const idx = complement ? set2.length - 1 : set1.indexOf(c);
      o = set2[Math.min(idx, set2.length - 1)] ?? c;
    }
    if (o === undefined) continue;
    if (squeeze && o === prev && squeezeSet.includes(o)) continue;
    out += o;
    prev = o;
  }
  ctx.stdout(out);
  return 0;
};

export const tee: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } }, 'tee');
  if (a.error) return usage(ctx, a.error, 'tee');
  let status = 0;
  const targets: string[] = [];
  for (const f of a.operands) {
    const p = abs(ctx, f);
    try {
      if (!a.flags.has('a') || !ctx.fs.exists(p)) ctx.fs.writeFile(p, '');
      targets.push(p);
    } catch (e) {
      ctx.stderr(`tee: ${f}: ${fsMessage(e)}\n`);
      status = 1;
    }
  }
  for await (const line of readLines(ctx.stdin)) {
    ctx.stdout(line + '\n');
    for (const p of targets) ctx.fs.writeFile(p, line + '\n', { append: true });
  }
  return status;
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

/** Decodes base64; `ok` is false on an invalid character (after decoding what came before, as GNU does). */
export function base64Decode(text: string, ignoreGarbage = false): { text: string; ok: boolean } {
  const clean = text.replace(/[\n\r]/g, '');
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  let ok = true;
  for (const c of clean) {
    if (c === '=') break;
    const v = B64.indexOf(c);
    if (v < 0) {
      if (ignoreGarbage) continue;
      ok = false;
      break;
    }
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  if (ok && !ignoreGarbage) {
    const body = clean.replace(/=+$/, '');
    if (body.length % 4 === 1 || /=[^=]/.test(clean)) ok = false;
  }
  return { text: new TextDecoder().decode(new Uint8Array(bytes)), ok };
}

export const base64: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'di', valued: 'w', long: { decode: 'd', wrap: 'w', 'ignore-garbage': 'i' } }, 'base64');
  if (a.error) return usage(ctx, a.error, 'base64');
  if (a.operands.length > 1) return usage(ctx, `base64: extra operand ‘${a.operands[1]}’`, 'base64');
  const text = await readInput(ctx, 'base64', a.operands[0] ?? '-');
  if (text === undefined) return 1;
  if (a.flags.has('d')) {
    const r = base64Decode(text, a.flags.has('i'));
    ctx.stdout(r.text);
    if (!r.ok) {
      ctx.stderr('base64: invalid input\n');
      return 1;
    }
    return 0;
  }
  const wrap = Number(a.values.get('w') ?? 76);
  if (!Number.isInteger(wrap) || wrap < 0) {
    ctx.stderr(`base64: invalid wrap size: ‘${a.values.get('w')}’\n`);
    return 1;
  }
  const enc = base64Encode(text);
  if (wrap === 0) ctx.stdout(enc);
  else ctx.stdout(enc ? enc.match(new RegExp(`.{1,${wrap}}`, 'g'))!.join('\n') + '\n' : '');
  return 0;
};

export const seq: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const sepIdx = args.indexOf('-s');
  let sep = '\n';
  if (sepIdx >= 0) {
    sep = args[sepIdx + 1] ?? '\n';
    args.splice(sepIdx, 2);
  }
  const nums = args.map(Number);
  if (!args.length || args.length > 3) return usage(ctx, args.length ? `seq: extra operand ‘${args[3]}’` : 'seq: missing operand', 'seq');
  const bad = args.find((x) => Number.isNaN(Number(x)));
  if (bad !== undefined) return usage(ctx, `seq: invalid floating point argument: ‘${bad}’`, 'seq');
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step === 0) return usage(ctx, "seq: invalid Zero increment value: ‘0’", 'seq');
  const out: string[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    out.push(String(v));
    if (out.length > 1_000_000) break;
  }
  ctx.stdout(out.length ? out.join(sep) + '\n' : '');
  return 0;
};

export const rev: Program = async (ctx) => {
  const text = await readInput(ctx, 'rev', ctx.argv[1] ?? '-');
  if (text === undefined) return 1;
  ctx.stdout(splitLines(text).map((l) => [...l].reverse().join('') + '\n').join(''));
  return 0;
};

export const tac: Program = async (ctx) => {
  const text = await readInput(ctx, 'tac', ctx.argv[1] ?? '-');
  if (text === undefined) return 1;
  ctx.stdout(splitLines(text).reverse().map((l) => l + '\n').join(''));
  return 0;
};

export async function readAllInputs(ctx: CommandContext, prog: string, files: string[]): Promise<string | undefined> {
  let text = '';
  for (const f of files.length ? files : ['-']) {
    const t = await readInput(ctx, prog, f);
    if (t === undefined) return undefined;
    text += t;
  }
  return text;
}
