/**
 * Shell builtins: the commands that change the shell itself (cd, export, alias, set, source, exit, …) or that
 * bash runs in-process (echo, printf, test, read). Texts are bash 5.2's (builtins/*.def).
 */
import type { CancelSignal } from './types';
import type { Interpreter, IO } from './interpreter';
import { quoteForShell } from './interpreter';
import { evalTest, TestError } from './syntax/condition';
import { ArithError } from './syntax/arith';
import { resolvePath } from './path';
import { HOME } from './vfs';
import { formatPrintf, echoEscapes } from './commands/format';
import { readLine } from './io';
import { ALSO_FILES } from './commands/index';
import { trap } from './trap';
import { getopts } from './getopts';

export type Builtin = (sh: Interpreter, argv: string[], io: IO, signal: CancelSignal) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]']);

const err = (sh: Interpreter, io: IO, text: string) => io.stderr(`${sh.errPrefix()}${text}\n`);

const cd: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')));
  if (args.length > 1) {
    err(sh, io, 'cd: too many arguments');
    return 1;
  }
  const s = sh.state;
  let target: string | undefined = args[0];
  if (target === undefined || target === '') {
    target = s.vars.get('HOME');
    if (target === undefined) {
      err(sh, io, 'cd: HOME not set');
      return 1;
    }
  }
  let print = false;
  if (target === '-') {
    const old = s.vars.get('OLDPWD');
    if (old === undefined) {
      err(sh, io, 'cd: OLDPWD not set');
      return 1;
    }
    target = old;
    print = true;
  }
  const path = resolvePath(s.cwd, target, s.vars.get('HOME') ?? HOME);
  const st = sh.env.fs.stat(path);
  if (!st) {
    err(sh, io, `cd: ${target}: No such file or directory`);
    return 1;
  }
  if (st.type !== 'dir') {
    err(sh, io, `cd: ${target}: Not a directory`);
    return 1;
  }
  s.vars.set('OLDPWD', s.cwd);
  s.exported.add('OLDPWD');
  s.cwd = path;
  s.vars.set('PWD', path);
  if (print) io.stdout(path + '\n');
  return 0;
};

const echo: Builtin = async (_sh, argv, io) => {
  let i = 1;
  let newline = true;
  let escapes = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  io.stdout(text + (newline ? '\n' : ''));
  return 0;
};

const printf: Builtin = async (sh, argv, io) => {
  let args = argv.slice(1);
  let varName: string | undefined;
  if (args[0] === '-v') {
    varName = args[1];
    args = args.slice(2);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    io.stderr(`${sh.errPrefix()}printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const r = formatPrintf(args[0], args.slice(1));
  for (const e of r.errors) err(sh, io, `printf: ${e}`);
  if (varName) sh.state.vars.set(varName, r.text);
  else io.stdout(r.text);
  return r.errors.length ? 1 : 0;
};

const exportB: Builtin = async (sh, argv, io) => {
  const s = sh.state;
  let args = argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    if (args[0] === '--') {
      args = args.slice(1);
      break;
    }
    if (args[0].includes('n')) unexport = true;
    if (!/^-[nfp]+$/.test(args[0])) {
      err(sh, io, `export: ${args[0]}: invalid option`);
      io.stderr('export: usage: export [-fn] [name[=value] ...] or export -p\n');
      return 2;
    }
    args = args.slice(1);
  }
  if (!args.length) {
    for (const k of [...s.exported].sort()) {
      const v = s.vars.get(k);
      io.stdout(v === undefined ? `declare -x ${k}\n` : `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq).replace(/\+$/, '');
    if (!NAME_RE.test(name)) {
      err(sh, io, `export: \`${a}': not a valid identifier`);
      status = 1;
      continue;
    }
    if (eq >= 0) {
      const append = a[eq - 1] === '+';
      s.vars.set(name, (append ? (s.vars.get(name) ?? '') : '') + a.slice(eq + 1));
    }
    if (unexport) s.exported.delete(name);
    else s.exported.add(name);
  }
  return status;
};

const unset: Builtin = async (sh, argv, io) => {
  let fn = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f') fn = true;
    else if (a === '-v') fn = false;
    else if (fn) sh.state.functions.delete(a);
    else if (/^[A-Za-z_][A-Za-z0-9_]*\[[^\]]+\]$/.test(a)) {
      // unset 'a[i]': one element (a[@] / a[*]: the whole array)
      const name = a.slice(0, a.indexOf('['));
      const sub = a.slice(a.indexOf('[') + 1, -1);
      if (sub === '@' || sub === '*') sh.state.unsetVar(name);
      else {
        try {
          const arr = sh.state.arrays.get(name);
          let i = sh.arith(sub);
          if (arr && i < 0) i = (arr.size ? Math.max(...arr.keys()) : -1) + 1 + i;
          if (arr) arr.delete(i);
          else if (i === 0) sh.state.unsetVar(name);
        } catch {
          err(sh, io, `unset: ${a}: bad array subscript`);
          status = 1;
        }
      }
    } else if (!NAME_RE.test(a)) {
      err(sh, io, `unset: \`${a}': not a valid identifier`);
      status = 1;
    } else if (sh.state.readonly.has(a)) {
      err(sh, io, `unset: ${a}: cannot unset: readonly variable`);
      status = 1;
    } else if (sh.state.vars.has(a) || sh.state.arrays.has(a)) sh.state.unsetVar(a);
    else sh.state.functions.delete(a);
  }
  return status;
};

const alias: Builtin = async (sh, argv, io) => {
  const a = sh.state.aliases;
  const args = argv.slice(1).filter((x) => x !== '-p');
  if (!args.length) {
    for (const k of [...a.keys()].sort()) io.stdout(`alias ${k}=${quoteAlias(a.get(k)!)}\n`);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) {
      if (a.has(arg)) io.stdout(`alias ${arg}=${quoteAlias(a.get(arg)!)}\n`);
      else {
        err(sh, io, `alias: ${arg}: not found`);
        status = 1;
      }
      continue;
    }
    const name = arg.slice(0, eq);
    if (!name || /[\s/$`='"\\]/.test(name)) {
      err(sh, io, `alias: \`${name}': invalid alias name`);
      status = 1;
      continue;
    }
    a.set(name, arg.slice(eq + 1));
  }
  return status;
};

function quoteAlias(v: string): string {
  return "'" + v.replace(/'/g, "'\\''") + "'";
}

const unalias: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (!args.length) {
    io.stderr('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  if (args[0] === '-a') {
    sh.state.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const n of args) {
    if (!sh.state.aliases.delete(n)) {
      err(sh, io, `unalias: ${n}: not found`);
      status = 1;
    }
  }
  return status;
};

const set: Builtin = async (sh, argv, io) => {
  const s = sh.state;
  const args = argv.slice(1);
  if (!args.length) {
    for (const k of [...s.vars.keys()].sort()) io.stdout(`${k}=${quoteForShell(s.vars.get(k)!)}\n`);
    return 0;
  }
  const optNames: Record<string, keyof typeof s.opts> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      s.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const name = args[++i];
      if (name === undefined) {
        for (const [k, v] of Object.entries(s.opts)) io.stdout(`${k.padEnd(15)}\t${v ? 'on' : 'off'}\n`);
        return 0;
      }
      if (!Object.hasOwn(s.opts, name)) {
        err(sh, io, `set: ${name}: invalid option name`);
        return 1;
      }
      s.opts[name as keyof typeof s.opts] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (Object.hasOwn(optNames, c)) s.opts[optNames[c]] = a[0] === '-';
        else if (!'hBHmbCPTvk'.includes(c)) {
          err(sh, io, `set: ${a[0]}${c}: invalid option`);
          io.stderr('set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
          return 2;
        }
      }
      continue;
    }
    s.positional = args.slice(i);
    return 0;
  }
  return 0;
};

const shift: Builtin = async (sh, argv, io) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    err(sh, io, `shift: ${argv[1]}: numeric argument required`);
    return 1;
  }
  if (n > sh.state.positional.length) return 1;
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};

const local: Builtin = async (sh, argv, io) => {
  const frame = sh.state.locals[sh.state.locals.length - 1];
  if (!frame || !sh.state.funcDepth) {
    err(sh, io, 'local: can only be used in a function');
    return 1;
  }
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      err(sh, io, `local: \`${a}': not a valid identifier`);
      return 1;
    }
    if (!frame.has(name)) frame.set(name, sh.state.vars.get(name));
    sh.state.vars.set(name, eq < 0 ? (sh.state.vars.get(name) ?? '') : a.slice(eq + 1));
  }
  return 0;
};

const declare: Builtin = async (sh, argv, io) => {
  const s = sh.state;
  const flags = argv.slice(1).filter((a) => /^[-+][a-zA-Z]+$/.test(a)).join('');
  const names = argv.slice(1).filter((a) => !/^[-+][a-zA-Z]+$/.test(a));
  if (!names.length) {
    if (flags.includes('f')) return 0;
    for (const k of [...s.vars.keys()].sort()) {
      if (flags.includes('x') && !s.exported.has(k)) continue;
      io.stdout(`declare ${s.exported.has(k) ? '-x' : '--'} ${k}="${s.vars.get(k)}"\n`);
    }
    return 0;
  }
  const inFunc = s.funcDepth > 0 && !flags.includes('g');
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      err(sh, io, `${argv[0]}: \`${a}': not a valid identifier`);
      return 1;
    }
    if (inFunc) {
      const frame = s.locals[s.locals.length - 1];
      if (frame && !frame.has(name)) frame.set(name, s.vars.get(name));
    }
    if (eq >= 0) {
      let v = a.slice(eq + 1);
      if (flags.includes('i')) {
        try {
          v = String(sh.arith(v));
        } catch {
          v = '0';
        }
      }
      s.vars.set(name, v);
    } else if (flags.includes('a') && !s.arrays.has(name)) s.setArray(name, s.vars.has(name) ? [s.vars.get(name)!] : []);
    else if (!s.vars.has(name) && !s.arrays.has(name)) s.vars.set(name, '');
    if (flags.includes('x')) s.exported.add(name);
    if (flags.includes('r')) s.readonly.add(name);
  }
  return 0;
};

const readonlyB: Builtin = async (sh, argv, io) => declare(sh, ['declare', '-r', ...argv.slice(1)], io, { aborted: false, onAbort() {} });

const exit: Builtin = async (sh, argv, io) => {
  if (!sh.state.script && !sh.state.funcDepth) io.stderr('exit\n');
  const a = argv[1];
  if (a === undefined) return sh.exit(sh.state.lastStatus);
  if (!/^[-+]?\d+$/.test(a)) {
    err(sh, io, `exit: ${a}: numeric argument required`);
    sh.exit(2);
  }
  if (argv.length > 2) {
    err(sh, io, 'exit: too many arguments');
    return 1;
  }
  return sh.exit(((Number(a) % 256) + 256) % 256);
};

const ret: Builtin = async (sh, argv, io) => {
  if (!sh.state.funcDepth && !sh.state.script) {
    err(sh, io, "return: can only `return' from a function or sourced script");
    return 2;
  }
  const a = argv[1];
  if (a !== undefined && !/^[-+]?\d+$/.test(a)) {
    err(sh, io, `return: ${a}: numeric argument required`);
    sh.doReturn(2);
  }
  return sh.doReturn(a === undefined ? sh.state.lastStatus : ((Number(a) % 256) + 256) % 256);
};

const loopControl =
  (kind: 'break' | 'continue'): Builtin =>
  async (sh, argv, io) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      err(sh, io, `${kind}: ${argv[1]}: loop count out of range`);
      return 1;
    }
    if (!sh.state.loopDepth) {
      err(sh, io, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`);
      return 0;
    }
    return sh.loop(kind, n);
  };

const test: Builtin = async (sh, argv, io) => {
  try {
    return evalTest(argv.slice(1), { stat: (p) => sh.env.fs.stat(resolvePath(sh.state.cwd, p)) }, argv[0]);
  } catch (e) {
    if (e instanceof TestError) {
      err(sh, io, e.message);
      return 2;
    }
    throw e;
  }
};

const source: Builtin = async (sh, argv, io, signal) => {
  const file = argv[1];
  if (file === undefined) {
    err(sh, io, `${argv[0]}: filename argument required`);
    io.stderr(`${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  const path = resolvePath(sh.state.cwd, file, sh.state.vars.get('HOME') ?? HOME);
  const st = sh.env.fs.stat(path);
  if (!st || st.type === 'dir') {
    err(sh, io, `${file}: ${st ? 'is a directory' : 'No such file or directory'}`);
    return 1;
  }
  return sh.source(sh.env.fs.readFile(path), argv.slice(2), io, signal);
};

const evalB: Builtin = async (sh, argv, io, signal) => sh.evalText(argv.slice(1).join(' '), io, signal);

const letB: Builtin = async (sh, argv, io) => {
  if (argv.length < 2) {
    err(sh, io, 'let: expression expected');
    return 1;
  }
  let v = 0;
  try {
    for (const a of argv.slice(1)) v = sh.arith(a);
  } catch (e) {
    if (e instanceof ArithError) {
      err(sh, io, `let: ${e.message}`);
      return 1;
    }
    throw e;
  }
  return v !== 0 ? 0 : 1;
};

/** How `type` describes a name, or undefined when nothing answers to it. */
export function describeName(sh: Interpreter, name: string): { kind: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'; text: string } | undefined {
  if (sh.state.aliases.has(name)) return { kind: 'alias', text: `${name} is aliased to \`${sh.state.aliases.get(name)}'` };
  if (KEYWORDS.has(name)) return { kind: 'keyword', text: `${name} is a shell keyword` };
  if (sh.state.functions.has(name)) return { kind: 'function', text: `${name} is a function` };
  if (Object.hasOwn(BUILTINS, name)) return { kind: 'builtin', text: `${name} is a shell builtin` };
  if (sh.env.programs.has(name)) return { kind: 'file', text: `${name} is ${sh.env.programPath(name)}` };
  return undefined;
}

const type: Builtin = async (sh, argv, io) => {
  let status = 0;
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  const onlyType = argv.includes('-t');
  const onlyPath = argv.includes('-p') || argv.includes('-P');
  for (const n of names) {
    const d = describeName(sh, n);
    if (!d) {
      if (!onlyType && !onlyPath) err(sh, io, `type: ${n}: not found`);
      status = 1;
      continue;
    }
    if (onlyType) io.stdout(d.kind + '\n');
    else if (onlyPath) {
      if (d.kind === 'file') io.stdout(sh.env.programPath(n) + '\n');
    } else io.stdout(d.text + '\n');
  }
  return status;
};

const command: Builtin = async (sh, argv, io, signal) => {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0;
    for (const n of args.slice(1)) {
      const d = describeName(sh, n);
      if (!d) {
        if (args[0] === '-V') err(sh, io, `command: ${n}: not found`);
        status = 1;
      } else if (args[0] === '-V') io.stdout(d.text + '\n');
      else if (d.kind === 'file') io.stdout(sh.env.programPath(n) + '\n');
      else if (d.kind === 'alias') io.stdout(`alias ${n}=${quoteAlias(sh.state.aliases.get(n)!)}\n`);
      else io.stdout(n + '\n');
    }
    return status;
  }
  if (!args.length) return 0;
  // `command foo` skips functions and aliases
  const fn = sh.state.functions.get(args[0]);
  if (fn) sh.state.functions.delete(args[0]);
  try {
    return await sh.dispatch(args, io, signal);
  } finally {
    if (fn) sh.state.functions.set(args[0], fn);
  }
};

const history: Builtin = async (sh, argv, io) => {
  const h = sh.env.history;
  if (argv[1] === '-c') {
    h.length = 0;
    return 0;
  }
  let start = 0;
  if (argv[1] !== undefined) {
    const n = Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) {
      err(sh, io, `history: ${argv[1]}: numeric argument required`);
      return 1;
    }
    start = Math.max(0, h.length - n);
  }
  let out = '';
  for (let i = start; i < h.length; i++) out += `${String(i + 1).padStart(5)}  ${h[i]}\n`;
  io.stdout(out);
  return 0;
};

const read: Builtin = async (sh, argv, io) => {
  const names: string[] = [];
  let raw = false;
  let arrayName: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (/^-[rsea]+$/.test(a) && a !== '-a') {
      if (a.includes('r')) raw = true;
      if (a.endsWith('a')) arrayName = argv[++i];
    } else if (a === '-a') arrayName = argv[++i];
    else if (a === '-p' || a === '-t' || a === '-n' || a === '-d' || a === '-u') {
      if (a === '-p') io.stderr(argv[i + 1] ?? '');
      i++;
    } else names.push(a);
  }
  // one line from stdin; the rest stays unread for the next reader, as with a real pipe
  const got = await readLine(io.stdin);
  let line = got?.line;
  if (line === undefined) {
    if (arrayName) sh.state.setArray(arrayName, []);
    else for (const n of names.length ? names : ['REPLY']) sh.state.vars.set(n, '');
    return 1;
  }
  // bash's read fails at end of input even when it got a last line without a newline
  const status = got!.newline ? 0 : 1;
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  if (!names.length && !arrayName) {
    sh.state.vars.set('REPLY', line);
    return status;
  }
  // Word splitting on IFS: whitespace IFS characters trim and collapse; other characters delimit one field each.
  const ifs = sh.lookup('IFS') ?? ' \t\n';
  const white = [...ifs].filter((c) => ' \t\n'.includes(c));
  const other = [...ifs].filter((c) => !' \t\n'.includes(c));
  const isWhite = (c: string) => white.includes(c);
  const fields: string[] = [];
  const rests: string[] = [];
  let i = 0;
  while (i < line.length && isWhite(line[i])) i++;
  while (i < line.length) {
    rests.push(line.slice(i));
    let f = '';
    while (i < line.length && !isWhite(line[i]) && !other.includes(line[i])) f += line[i++];
    fields.push(f);
    while (i < line.length && isWhite(line[i])) i++;
    if (i < line.length && other.includes(line[i])) {
      i++;
      while (i < line.length && isWhite(line[i])) i++;
      if (i >= line.length) break;
    }
  }
  if (arrayName) {
    sh.state.setArray(arrayName, fields);
    return status;
  }
  names.forEach((n, k) => {
    let v = k === names.length - 1 ? (rests[k] ?? '') : (fields[k] ?? '');
    if (k === names.length - 1) {
      // the last name takes the rest of the line, trailing IFS whitespace removed
      let end = v.length;
      while (end > 0 && isWhite(v[end - 1])) end--;
      v = v.slice(0, end);
    }
    sh.state.vars.set(n, v);
  });
  return status;
};

const jobs: Builtin = async (sh, _argv, io) => {
  for (const j of sh.env.jobs) {
    if (j.reported) continue;
    io.stdout(`[${j.id}]+  ${j.done ? 'Done' : 'Running'}                 ${j.command}${j.done ? '' : ' &'}\n`);
  }
  return 0;
};

const kill: Builtin = async (sh, argv, io) => {
  let status = 0;
  const targets = argv.slice(1).filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a));
  if (!targets.length) {
    io.stderr('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  for (const t of targets) {
    const job = t.startsWith('%') ? sh.env.jobs.find((j) => String(j.id) === t.slice(1) && !j.done) : sh.env.jobs.find((j) => String(j.pid) === t && !j.done);
    if (!job) {
      err(sh, io, t.startsWith('%') ? `kill: ${t}: no such job` : /^\d+$/.test(t) ? `kill: (${t}) - No such process` : `kill: ${t}: arguments must be process or job IDs`);
      status = 1;
      continue;
    }
    job.killed = true;
    job.canceller.abort();
  }
  return status;
};

const wait: Builtin = async () => 0;
const trueB: Builtin = async () => 0;
const falseB: Builtin = async () => 1;

const pwd: Builtin = async (sh, _argv, io) => {
  io.stdout(sh.state.cwd + '\n');
  return 0;
};

const bashB: Builtin = async (sh, argv, io, signal) => {
  const args = argv.slice(1);
  let i = 0;
  while (args[i]?.startsWith('-') && args[i] !== '-c' && args[i] !== '-') i++;
  if (args[i] === '-c') {
    const text = args[i + 1];
    if (text === undefined) {
      io.stderr(`${argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    return sh.runChild(text, args[i + 2] ?? argv[0], args.slice(i + 3), io, signal);
  }
  const file = args[i];
  if (file === undefined || file === '-') return sh.runChild(await io.stdin.readAll(), argv[0], [], io, signal);
  return sh.runScriptFile(file, args.slice(i), io, signal, true);
};

const hash: Builtin = async () => 0;
const umask: Builtin = async (_sh, argv, io) => {
  if (argv.length < 2) io.stdout('0022\n');
  return 0;
};

const timeB: Builtin = async (sh, argv, io, signal) => {
  const clock = sh.env.host.clock;
  const start = clock.now();
  const code = argv.length > 1 ? await sh.dispatch(argv.slice(1), io, signal) : 0;
  const s = ((clock.now() - start) / 1000).toFixed(3);
  io.stderr(`\nreal\t0m${s}s\nuser\t0m0.000s\nsys\t0m0.000s\n`);
  return code;
};

export const BUILTINS: Record<string, Builtin> = {
  cd,
  echo,
  printf,
  export: exportB,
  unset,
  alias,
  unalias,
  set,
  shift,
  local,
  declare,
  typeset: declare,
  readonly: readonlyB,
  exit,
  logout: exit,
  return: ret,
  break: loopControl('break'),
  continue: loopControl('continue'),
  test,
  '[': test,
  source,
  '.': source,
  eval: evalB,
  let: letB,
  type,
  command,
  history,
  read,
  jobs,
  kill,
  wait,
  true: trueB,
  false: falseB,
  ':': trueB,
  pwd,
  bash: bashB,
  sh: bashB,
  hash,
  umask,
  time: timeB,
  trap,
  getopts,
};

const which: Builtin = async (sh, argv, io) => {
  const all = argv.includes('-a');
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  let status = names.length ? 0 : 1;
  for (const n of names) {
    if (n.includes('/')) {
      const st = sh.env.fs.stat(resolvePath(sh.state.cwd, n));
      if (st && st.type === 'file' && st.mode & 0o111) io.stdout(n + '\n');
      else status = 1;
      continue;
    }
    if (sh.env.programs.has(n) || ALSO_FILES.has(n)) {
      io.stdout(sh.env.programPath(n) + '\n');
      if (all && sh.env.programPath(n).startsWith('/usr/bin/')) io.stdout('/bin/' + n + '\n');
    } else status = 1;
  }
  return status;
};
BUILTINS.which = which;
