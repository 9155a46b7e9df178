/**
 * Small system commands, loaded on first use: sleep, date, env, printenv, which, watch, xargs, timeout, hostname, whoami, id,
 * uname, basename, dirname, less/more, man. Time is virtual: `sleep 30` advances the simulated cluster by 30 s.
 */
import { Cancelled, type Program } from '../types';
import type { ShellContext } from '../interpreter';
import { Canceller } from '../io';
import { HOSTNAME } from '../vfs';
import { parseArgs, readInput, usage } from './util';

/** GNU sleep durations: `5`, `0.5`, `30s`, `2m`, `1h`, `1d`; several are added up. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult * 1000;
}

export const sleep: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (!args.length) return usage(ctx, 'sleep: missing operand', 'sleep');
  let total = 0;
  for (const a of args) {
    const ms = a === 'infinity' ? 1e15 : parseDuration(a);
    if (ms === undefined) return usage(ctx, `sleep: invalid time interval ‘${a}’`, 'sleep');
    total += ms;
  }
  try {
    await ctx.sleep(total);
    return 0;
  } catch (e) {
    if (e instanceof Cancelled) return 130;
    throw e;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime over UTC (the machine's timezone is UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return fmt.replace(/%([%a-zA-Z]|-[dmHMSIe]|:z)/g, (_, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'a':
        return DAYS[d.getUTCDay()];
      case 'A':
        return FULL_DAYS[d.getUTCDay()];
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()];
      case 'B':
        return FULL_MONTHS[d.getUTCMonth()];
      case 'd':
        return p2(d.getUTCDate());
      case '-d':
      case '-e':
        return String(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2);
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case '-m':
        return String(d.getUTCMonth() + 1);
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return p2(d.getUTCFullYear() % 100);
      case 'H':
        return p2(d.getUTCHours());
      case '-H':
        return String(d.getUTCHours());
      case 'I':
        return p2(d.getUTCHours() % 12 || 12);
      case 'M':
        return p2(d.getUTCMinutes());
      case '-M':
        return String(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case '-S':
        return String(d.getUTCSeconds());
      case 'p':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case ':z':
        return '+00:00';
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'R':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      case 'D':
        return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case 'j': {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        return String(Math.floor((ms - start) / 86400_000) + 1).padStart(3, '0');
      }
      case 'u':
        return String(d.getUTCDay() || 7);
      case 'w':
        return String(d.getUTCDay());
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return '%' + c;
    }
  });
}

export const date: Program = async (ctx) => {
  let ms = ctx.host.clock.now();
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc' || a === '-R') {
      if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z';
    } else if (a === '-I' || a.startsWith('--iso-8601')) fmt = a.includes('seconds') ? '%Y-%m-%dT%H:%M:%S%:z' : '%F';
    else if (a === '-d' || a.startsWith('--date=')) {
      const v = a === '-d' ? args[++i] : a.slice(7);
      const parsed = v === undefined ? NaN : v === 'now' ? ms : /^@\d+$/.test(v) ? Number(v.slice(1)) * 1000 : Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v) || !/\d:\d/.test(v) ? v : v + 'Z');
      if (Number.isNaN(parsed)) {
        ctx.stderr(`date: invalid date ‘${v ?? ''}’\n`);
        return 1;
      }
      ms = parsed;
    } else {
      ctx.stderr(`date: invalid date ‘${a}’\n`);
      return 1;
    }
  }
  ctx.stdout(strftime(fmt, ms) + '\n');
  return 0;
};

export const env: Program = async (ctx) => {
  const sctx = ctx as ShellContext;
  const args = ctx.argv.slice(1);
  const vars: Record<string, string> = { ...ctx.env };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-i' || a === '-' || a === '--ignore-environment') for (const k of Object.keys(vars)) delete vars[k];
    else if (a === '-u') delete vars[args[++i] ?? ''];
    else if (/^[^=]+=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    } else break;
  }
  if (i >= args.length) {
    ctx.stdout(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  return sctx.run(args.slice(i), undefined, { env: vars });
};

export const printenv: Program = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (!names.length) {
    ctx.stdout(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    if (Object.hasOwn(ctx.env, n)) ctx.stdout(ctx.env[n] + '\n');
    else status = 1;
  }
  return status;
};

/** `watch`: re-runs a command every N virtual seconds and redraws the screen, until Ctrl-C. */
export const watch: Program = async (ctx) => {
  const sctx = ctx as ShellContext;
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--interval') interval = Number(args[++i]);
    else if (a.startsWith('-n') && a.length > 2) interval = Number(a.slice(2));
    else if (a.startsWith('--interval=')) interval = Number(a.slice(11));
    else if (a === '-t' || a === '--no-title') title = false;
    else if (a === '-d' || a === '--differences' || a === '-c' || a === '--color' || a === '-x' || a === '--exec') continue;
    else break;
  }
  if (!Number.isFinite(interval)) {
    ctx.stderr(`watch: failed to parse argument: '${args[i - 1] ?? ''}'\n`);
    return 1;
  }
  interval = Math.max(0.1, interval);
  const cmd = args.slice(i);
  if (!cmd.length) {
    ctx.stderr('\nUsage:\n watch [options] command\n');
    return 1;
  }
  const cmdText = cmd.join(' ');
  const term = ctx.terminal;
  const cols = term?.columns ?? 80;
  let frame = '';
  const render = async () => {
    let out = '';
    await sctx.run(['bash', '-c', cmdText], { stdout: (t) => (out += t), stderr: (t) => (out += t), stdin: { isTTY: false, readAll: async () => '' } });
    let head = '';
    if (title) {
      const left = `Every ${interval.toFixed(1)}s: ${cmdText}`;
      const right = `${HOSTNAME}: ${strftime('%a %b %e %H:%M:%S %Y', ctx.host.clock.now())}`;
      const gap = cols - left.length - right.length;
      head = (gap >= 1 ? left + ' '.repeat(gap) + right : left.slice(0, Math.max(0, cols - right.length - 1)) + ' ' + right) + '\n\n';
    }
    frame = head + out;
    if (term) term.write('\x1b[H\x1b[2J' + frame.replace(/\n/g, '\r\n'));
  };
  try {
    if (term) term.write('\x1b[?1049h');
    for (;;) {
      await render();
      await ctx.sleep(interval * 1000);
    }
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
  } finally {
    if (term) term.write('\x1b[?1049l');
  }
  // the terminal is left showing the last screen, as after Ctrl-C in a real terminal
  ctx.stdout(frame);
  return 130;
};

/** Splits xargs input into arguments: blanks and newlines separate, quotes group. */
function xargsSplit(text: string): string[] | string {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return `xargs: unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
      cur += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

export const xargs: Program = async (ctx) => {
  const sctx = ctx as ShellContext;
  const a = parseArgs(ctx.argv.slice(1).slice(0, firstOperand(ctx.argv.slice(1), 'nIdLP')), { flags: 'r0t', valued: 'nIdLP', long: { 'no-run-if-empty': 'r', null: '0', 'max-args': 'n', replace: 'I', delimiter: 'd' } }, 'xargs');
  if (a.error) return usage(ctx, a.error, 'xargs');
  const cmd = ctx.argv.slice(1).slice(firstOperand(ctx.argv.slice(1), 'nIdLP'));
  const command = cmd.length ? cmd : ['echo'];
  const input = await ctx.stdin.readAll();
  let items: string[];
  if (a.flags.has('0')) items = input.split('\0').filter((x) => x !== '');
  else if (a.values.has('d')) items = input.split(a.values.get('d')!.replace('\\n', '\n')).filter((x) => x !== '');
  else if (a.values.has('I')) items = input.split('\n').filter((x) => x.trim() !== '');
  else {
    const r = xargsSplit(input);
    if (typeof r === 'string') {
      ctx.stderr(r + '\n');
      return 1;
    }
    items = r;
  }
  if (!items.length && (a.flags.has('r') || a.values.has('I'))) return 0;
  const repl = a.values.get('I');
  const n = repl !== undefined ? 1 : Number(a.values.get('n') ?? a.values.get('L') ?? Infinity);
  const batches: string[][] = [];
  if (!items.length) batches.push([]);
  for (let i = 0; i < items.length; i += n) batches.push(items.slice(i, i + n));
  let status = 0;
  for (const b of batches) {
    const argv = repl !== undefined ? command.map((w) => w.split(repl).join(b[0])) : [...command, ...b];
    if (a.flags.has('t')) ctx.stderr(argv.join(' ') + '\n');
    const code = await sctx.run(argv, { stdin: { isTTY: false, readAll: async () => '' } });
    if (code === 127) {
      ctx.stderr(`xargs: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    if (code !== 0) status = 123;
  }
  return status;
};

function firstOperand(args: string[], valued: string): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return i + 1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.length === 2 && valued.includes(a[1])) i++;
  }
  return args.length;
}

export const timeout: Program = async (ctx) => {
  const sctx = ctx as ShellContext;
  const args = ctx.argv.slice(1).filter((x, i, all) => !(x.startsWith('-') && i < all.findIndex((y) => !y.startsWith('-'))));
  const [dur, ...cmd] = args;
  const ms = dur === undefined ? undefined : parseDuration(dur);
  if (ms === undefined) return usage(ctx, dur === undefined ? 'timeout: missing operand' : `timeout: invalid time interval ‘${dur}’`, 'timeout', 125);
  if (!cmd.length) return usage(ctx, `timeout: missing operand after ‘${dur}’`, 'timeout', 125);
  const child = new Canceller(ctx.signal);
  let timedOut = false;
  const id = ctx.host.clock.setTimeout(() => {
    timedOut = true;
    child.abort();
  }, ms);
  try {
    const code = await sctx.run(cmd, undefined, { signal: child });
    return timedOut ? 124 : code;
  } catch (e) {
    if (e instanceof Cancelled && timedOut) return 124;
    throw e;
  } finally {
    ctx.host.clock.clearTimeout(id);
  }
};

export const hostname: Program = async (ctx) => {
  ctx.stdout((ctx.argv.includes('-I') || ctx.argv.includes('-i') ? '10.0.2.15' : HOSTNAME) + '\n');
  return 0;
};

export const whoami: Program = async (ctx) => {
  ctx.stdout('root\n');
  return 0;
};

export const id: Program = async (ctx) => {
  ctx.stdout('uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
};

export const uname: Program = async (ctx) => {
  const f = ctx.argv.slice(1).join('');
  const parts = { s: 'Linux', n: HOSTNAME, r: '6.8.0-48-generic', v: '#48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024', m: 'x86_64', o: 'GNU/Linux' };
  if (f.includes('a')) ctx.stdout(`${parts.s} ${parts.n} ${parts.r} ${parts.v} ${parts.m} ${parts.m} ${parts.m} ${parts.o}\n`);
  else {
    const keys = [...'snrvmo'].filter((k) => f.includes(k));
    ctx.stdout((keys.length ? keys : ['s']).map((k) => parts[k as keyof typeof parts]).join(' ') + '\n');
  }
  return 0;
};

export const basenameCmd: Program = async (ctx) => {
  const [p, suffix] = ctx.argv.slice(1);
  if (p === undefined) return usage(ctx, 'basename: missing operand', 'basename');
  let b = p.replace(/\/+$/, '');
  b = b.slice(b.lastIndexOf('/') + 1) || (p.startsWith('/') ? '/' : '');
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  ctx.stdout(b + '\n');
  return 0;
};

export const dirnameCmd: Program = async (ctx) => {
  const p = ctx.argv[1];
  if (p === undefined) return usage(ctx, 'dirname: missing operand', 'dirname');
  const t = p.replace(/\/+$/, '');
  const i = t.lastIndexOf('/');
  ctx.stdout((i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i).replace(/\/+$/, '') || '/') + '\n');
  return 0;
};

/** less/more: no pager in a transcript; the text is shown as cat would. */
export const pager: Program = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!files.length) {
    ctx.stdout(await ctx.stdin.readAll());
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const t = await readInput(ctx, ctx.argv[0], f);
    if (t === undefined) status = 1;
    else ctx.stdout(t);
  }
  return status;
};

export const man: Program = async (ctx) => {
  const page = ctx.argv[1];
  if (!page) {
    ctx.stderr('What manual page do you want?\nFor example, try \'man man\'.\n');
    return 1;
  }
  ctx.stderr(`No manual entry for ${page}\n`);
  return 16;
};

export const nproc: Program = async (ctx) => {
  ctx.stdout('4\n');
  return 0;
};
