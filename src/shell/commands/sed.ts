/**
 * sed (GNU sed 4.9 subset): addresses (N, $, /re/, ranges, !), commands s///[gpiN], d, p, q, y, =, and -n -e -E -i.
 * Errors read like GNU's: `sed: -e expression #1, char 5: unterminated `s' command`.
 */
import type { Program } from '../types';
import { abs, fsMessage, splitLines } from './util';
import { breToJs, ereToJs, readAllInputs } from './text';

type Addr = { line: number } | { last: true } | { re: RegExp };
interface SedCmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  cmd: string;
  re?: RegExp;
  rep?: string;
  global?: boolean;
  print?: boolean;
  nth?: number;
  from?: string;
  to?: string;
  inRange?: boolean;
}

class SedError extends Error {}

function parseScript(script: string, extended: boolean, exprNo: number): SedCmd[] {
  const cmds: SedCmd[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new SedError(`sed: -e expression #${exprNo}, char ${i}: ${msg}`);
  };
  const toRe = (src: string, flags: string) => {
    try {
      return new RegExp(extended ? ereToJs(src) : breToJs(src), flags);
    } catch {
      return fail('Invalid preceding regular expression');
    }
  };
  const readDelimited = (delim: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) out += delim;
        else if (script[i + 1] === 'n') out += '\n';
        else out += script[i] + script[i + 1];
        i += 2;
        continue;
      }
      out += script[i++];
    }
    if (i >= script.length) return fail(`unterminated address regex`);
    i++;
    return out;
  };
  const readAddr = (): Addr | undefined => {
    const m = /^\d+/.exec(script.slice(i));
    if (m) {
      i += m[0].length;
      return { line: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { last: true };
    }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i] : '/';
      i++;
      const src = readDelimited(delim);
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { re: toRe(src, flags) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    const c: SedCmd = { negate: false, cmd: '' };
    c.a1 = readAddr();
    if (c.a1 && script[i] === ',') {
      i++;
      c.a2 = readAddr();
      if (!c.a2) fail('unexpected `,\'');
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      c.negate = true;
      i++;
    }
    while (script[i] === ' ') i++;
    const cmd = script[i++];
    if (cmd === undefined) fail('missing command');
    c.cmd = cmd;
    if (cmd === 's') {
      const delim = script[i++];
      if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
      let pat = '';
      while (i < script.length && script[i] !== delim) {
        if (script[i] === '\\' && i + 1 < script.length) {
          pat += script[i + 1] === delim ? delim : script.slice(i, i + 2);
          i += 2;
        } else pat += script[i++];
      }
      if (i >= script.length) fail("unterminated `s' command");
      i++;
      let rep = '';
      while (i < script.length && script[i] !== delim) {
        if (script[i] === '\\' && i + 1 < script.length) {
          rep += script[i + 1] === delim ? delim : script.slice(i, i + 2);
          i += 2;
        } else rep += script[i++];
      }
      if (i >= script.length) fail("unterminated `s' command");
      i++;
      let flags = '';
      while (i < script.length && /[gpiI0-9]/.test(script[i])) {
        const f = script[i++];
        if (f === 'g') c.global = true;
        else if (f === 'p') c.print = true;
        else if (f === 'i' || f === 'I') flags += 'i';
        else {
          const m = /^\d+/.exec(script.slice(i - 1))!;
          c.nth = Number(m[0]);
          i += m[0].length - 1;
        }
      }
      if (i < script.length && !/[\s;}]/.test(script[i])) fail(`unknown option to \`s'`);
      c.re = toRe(pat, flags + 'g');
      c.rep = rep;
    } else if (cmd === 'y') {
      const delim = script[i++];
      const from = readDelimited(delim);
      const to = readDelimited(delim);
      if ([...from].length !== [...to].length) fail("strings for `y' command are different lengths");
      c.from = from;
      c.to = to;
    } else if (!'dpqQ=n'.includes(cmd)) {
      i--;
      fail(`unknown command: \`${cmd}'`);
    }
    cmds.push(c);
  }
  return cmds;
}

function substitute(line: string, c: SedCmd): { text: string; did: boolean } {
  let count = 0;
  let did = false;
  const text = line.replace(c.re!, (...m) => {
    count++;
    const groups = m.slice(0, -2) as string[];
    if (typeof m[m.length - 1] === 'object') groups.pop();
    if ((c.nth && count !== c.nth) || (!c.global && !c.nth && count > 1)) return groups[0];
    did = true;
    let out = '';
    for (let k = 0; k < c.rep!.length; k++) {
      const ch = c.rep![k];
      if (ch === '&') out += groups[0];
      else if (ch === '\\' && k + 1 < c.rep!.length) {
        const n = c.rep![++k];
        if (/\d/.test(n)) out += groups[Number(n)] ?? '';
        else if (n === 'n') out += '\n';
        else if (n === 't') out += '\t';
        else out += n;
      } else out += ch;
    }
    return out;
  });
  return { text, did };
}

export const sed: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-e') scripts.push(args[++k] ?? '');
    else if (a.startsWith('-i')) inPlace = a.slice(2);
    else if (/^-[nErs]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (a.includes('E') || a.includes('r')) extended = true;
    } else if (a.startsWith('-') && a !== '-') {
      ctx.stderr(`sed: invalid option -- '${a[1]}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n`);
      return 1;
    } else if (!scripts.length && files.length === 0 && scripts.length === 0 && !args.slice(0, k).includes('-e')) scripts.push(a);
    else files.push(a);
  }
  if (!scripts.length) {
    ctx.stderr('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
    return 1;
  }
  let cmds: SedCmd[];
  try {
    cmds = scripts.flatMap((s, n) => parseScript(s, extended, n + 1));
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr(e.message + '\n');
      return 1;
    }
    throw e;
  }
  const run = (text: string): string => {
    const lines = splitLines(text);
    let out = '';
    for (const c of cmds) c.inRange = false;
    for (let n = 0; n < lines.length; n++) {
      let line = lines[n];
      const isLast = n === lines.length - 1;
      const hit = (a: Addr) => ('line' in a ? a.line === n + 1 : 'last' in a ? isLast : a.re.test(line));
      let deleted = false;
      let quit = false;
      for (const c of cmds) {
        let sel: boolean;
        if (!c.a1) sel = true;
        else if (!c.a2) sel = hit(c.a1);
        else if (c.inRange) {
          sel = true;
          if (hit(c.a2) || ('line' in c.a2 && c.a2.line <= n + 1)) c.inRange = false;
        } else {
          sel = hit(c.a1);
          if (sel) c.inRange = !('line' in c.a2 && c.a2.line <= n + 1) && !(!('line' in c.a2) && !('last' in c.a2) && false);
        }
        if (c.negate) sel = !sel;
        if (!sel) continue;
        if (c.cmd === 's') {
          c.re!.lastIndex = 0;
          const r = substitute(line, c);
          line = r.text;
          if (r.did && c.print) out += line + '\n';
        } else if (c.cmd === 'd') {
          deleted = true;
          break;
        } else if (c.cmd === 'p') out += line + '\n';
        else if (c.cmd === '=') out += n + 1 + '\n';
        else if (c.cmd === 'y') line = [...line].map((ch) => (c.from!.includes(ch) ? [...c.to!][[...c.from!].indexOf(ch)] : ch)).join('');
        else if (c.cmd === 'q') {
          quit = true;
          break;
        } else if (c.cmd === 'Q') {
          return out;
        }
      }
      if (!deleted && !quiet) out += line + '\n';
      if (quit) break;
    }
    if (text && !text.endsWith('\n') && out.endsWith('\n')) out = out.slice(0, -1);
    return out;
  };
  if (inPlace !== undefined) {
    if (!files.length) {
      ctx.stderr('sed: no input files\n');
      return 1;
    }
    for (const f of files) {
      const p = abs(ctx, f);
      try {
        ctx.fs.writeFile(p, run(ctx.fs.readFile(p)));
      } catch (e) {
        ctx.stderr(`sed: can't read ${f}: ${fsMessage(e)}\n`);
        return 2;
      }
    }
    return 0;
  }
  let status = 0;
  let text = '';
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      text += await ctx.stdin.readAll();
      continue;
    }
    try {
      text += ctx.fs.readFile(abs(ctx, f));
    } catch (e) {
      ctx.stderr(`sed: can't read ${f}: ${fsMessage(e)}\n`);
      status = 2;
    }
  }
  void readAllInputs;
  ctx.stdout(run(text));
  return status;
};
