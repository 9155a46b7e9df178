/**
 * Runs parsed shell input. One Interpreter per shell process; subshells ( … ), $( … ) and pipeline stages get
 * a copy of the state. Control flow (exit, return, break, continue, set -e) travels as exceptions inside this
 * file and never escapes `run`. Every program is awaited, and loops yield to the virtual clock now and then,
 * so Ctrl-C (the CancelSignal) stops anything, `while true; do :; done` included.
 *
 * Error texts are bash 5.2's: `bash: foo: command not found` (127), `bash: x: No such file or directory`
 * for a redirect, `bash: ./x: Permission denied` (126), `bash: x: unbound variable`.
 */
import type { AndOr, Assignment, Command, List, Pipeline, Redirect, SimpleCommand, Word, WordPart } from './syntax/ast';
import { parse, parseHeredocBody, ShellSyntaxError, wordLiteral } from './syntax/parser';
import { evalArith, ArithError } from './syntax/arith';
import { evalCond, TestError, type CondWord } from './syntax/condition';
import { braceWord } from './syntax/brace';
import { globMatch, hasGlob, globToRegex, replacePattern, trimPattern } from './syntax/pattern';
import { Cancelled, FsError, type CancelSignal, type CommandContext, type HostServices, type InputStream, type Program, type TerminalAccess, type VirtualFS } from './types';
import { Canceller, Pipe, StringInput, virtualSleep } from './io';
import { ShellState } from './state';
import { resolvePath } from './path';
import { HOME } from './vfs';
import { BUILTINS, type Builtin } from './builtins';

export type Sink = (text: string) => void;

export interface IO {
  stdin: InputStream;
  stdout: Sink;
  stderr: Sink;
  /** stdout is the terminal itself (ls prints columns); false once redirected or piped. */
  tty?: boolean;
}

/** Everything outside the shell process itself: the machine and the programs installed on it. */
export interface ShellEnvironment {
  fs: VirtualFS & { chmod?(path: string, mode: number): void };
  host: HostServices;
  programs: Map<string, Program>;
  history: string[];
  terminal?: TerminalAccess;
  /** Opens $KUBE_EDITOR/$EDITOR (from `env`, the calling program's environment) on a file. */
  editFile?(path: string, env?: Record<string, string>): Promise<number>;
  /** Background jobs started with `&`. */
  jobs: Job[];
  /** Where each program lives, for `which`/`type`/`command -v`. */
  programPath(name: string): string;
}

export interface Job {
  id: number;
  pid: number;
  command: string;
  canceller: Canceller;
  done: boolean;
  status?: number;
  reported?: boolean;
  /** Ended by `kill` (SIGTERM): reported as Terminated, status 143. */
  killed?: boolean;
}

/** What our own programs (xargs, watch, env, timeout) get on top of the CommandContext: a way to run commands. */
export interface ShellContext extends CommandContext {
  /** Runs a command line's words as a child (functions, builtins, programs), optionally with another env/signal. */
  run(argv: string[], io?: Partial<IO>, opts?: { env?: Record<string, string>; signal?: CancelSignal }): Promise<number>;
  /** Whether stdout is the terminal (not a pipe or a file). */
  stdoutIsTTY: boolean;
}

export class ExitSignal {
  /** `lineOnly`: an expansion error in an interactive shell ends the line, not the shell. */
  constructor(
    readonly code: number,
    readonly lineOnly = false,
  ) {}
}
class ReturnSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
/** An expansion error (unbound variable, bad substitution, arithmetic): the command fails with status 1. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
  }
}

interface Field {
  text: string;
  mask: boolean[];
}

const MAX_FUNC_DEPTH = 1000;
const MAX_SUBST_DEPTH = 64;
/**
 * Loops yield to the clock every this many iterations so cancellation and the cluster keep running; each yield
 * costs LOOP_YIELD_MS of virtual time, a stand-in for the CPU time a busy loop burns (so a batch run's Ctrl-C
 * budget also ends `while true; do :; done`).
 */
const YIELD_EVERY = 32;
const LOOP_YIELD_MS = 10;

export class Interpreter {
  private iterations = 0;
  private substDepth = 0;
  private aliasDepth = 0;

  constructor(
    public state: ShellState,
    readonly env: ShellEnvironment,
  ) {}

  /** `bash: ` interactively, `script.sh: line 3: ` inside a script, as bash prefixes its own errors. */
  errPrefix(line?: number): string {
    return this.state.script ? `${this.state.script}: line ${line ?? 1}: ` : 'bash: ';
  }

  /** Parses and runs source text; never throws. */
  async run(src: string, io: IO, signal: CancelSignal): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr(`${this.state.script ? `${this.state.script}: line ${e.line}: ` : 'bash: '}${e.message}\n`);
        this.state.lastStatus = 2;
        return 2;
      }
      io.stderr(`bash: ${String((e as Error)?.message ?? e)}\n`);
      return 2;
    }
    return this.runList(list, io, signal);
  }

  /** Runs a parsed list at top level, turning control-flow signals into a status. */
  async runList(list: List, io: IO, signal: CancelSignal): Promise<number> {
    try {
      const status = await this.execList(list, io, signal, false);
      this.state.lastStatus = status;
      return status;
    } catch (e) {
      return this.settle(e, io);
    }
  }

  private settle(e: unknown, io: IO): number {
    if (e instanceof ExitSignal) {
      this.state.lastStatus = e.code;
      throw e;
    }
    if (e instanceof ReturnSignal) return (this.state.lastStatus = e.code);
    if (e instanceof LoopSignal) return this.state.lastStatus;
    if (e instanceof Cancelled) return (this.state.lastStatus = 130);
    io.stderr(`bash: ${String((e as Error)?.message ?? e)}\n`);
    return (this.state.lastStatus = 1);
  }

  async execList(list: List, io: IO, signal: CancelSignal, cond: boolean): Promise<number> {
    let status = 0;
    for (const item of list.items) {
      if (signal.aborted) throw new Cancelled();
      if (item.background) {
        this.startJob(item, io, signal);
        status = 0;
        continue;
      }
      status = await this.execAndOr(item, io, signal, cond);
    }
    return status;
  }

  private startJob(item: AndOr, io: IO, signal: CancelSignal): void {
    const jobs = this.env.jobs;
    const id = (jobs.filter((j) => !j.done).reduce((m, j) => Math.max(m, j.id), 0) || 0) + 1;
    const pid = 1000 + jobs.length * 7 + id * 13;
    const canceller = new Canceller(signal);
    const job: Job = { id, pid, command: describeAndOr(item), canceller, done: false };
    jobs.push(job);
    this.state.lastBgPid = pid;
    io.stderr(`[${id}] ${pid}\n`);
    const sub = new Interpreter(this.state.clone(), this.env);
    const fg = { ...item, background: false };
    // Detached: a background job's own Ctrl-C is `kill %N`; the prompt's signal stops it too.
    void (async () => {
      try {
        job.status = await sub.execAndOr(fg, io, canceller, false);
      } catch (e) {
        job.status = e instanceof ExitSignal ? e.code : e instanceof Cancelled ? 143 : 1;
      }
      if (job.killed) job.status = 143;
      job.done = true;
    })();
  }

  async execAndOr(ao: AndOr, io: IO, signal: CancelSignal, cond: boolean): Promise<number> {
    let status = await this.execPipeline(ao.first, io, signal, cond || ao.rest.length > 0);
    for (let i = 0; i < ao.rest.length; i++) {
      const { op, p } = ao.rest[i];
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
        status = await this.execPipeline(p, io, signal, cond || i < ao.rest.length - 1);
      }
    }
    return status;
  }

  async execPipeline(p: Pipeline, io: IO, signal: CancelSignal, cond: boolean): Promise<number> {
    let status: number;
    if (p.cmds.length === 1) {
      status = await this.execCommand(p.cmds[0], io, signal, cond || p.bang);
    } else {
      const n = p.cmds.length;
      const pipes = Array.from({ length: n - 1 }, () => new Pipe());
      const statuses: number[] = new Array(n).fill(0);
      const stages = p.cmds.map(async (cmd, i) => {
        const stageSignal = new Canceller(signal);
        if (i < n - 1) pipes[i].onReaderGone = () => stageSignal.abort();
        const sub = new Interpreter(this.state.clone(), this.env);
        sub.substDepth = this.substDepth;
        const stageIO: IO = {
          stdin: i === 0 ? io.stdin : pipes[i - 1],
          stdout: i === n - 1 ? io.stdout : (t) => pipes[i].write(t),
          stderr: io.stderr,
          tty: i === n - 1 && io.tty,
        };
        try {
          statuses[i] = await sub.execCommand(cmd, stageIO, stageSignal, cond || p.bang);
        } catch (e) {
          if (e instanceof ExitSignal) statuses[i] = e.code;
          else if (e instanceof Cancelled) statuses[i] = stageSignal.aborted && !signal.aborted ? 141 : 130;
          else if (e instanceof ReturnSignal) statuses[i] = e.code;
          else if (e instanceof LoopSignal) statuses[i] = 0;
          else {
            io.stderr(`bash: ${String((e as Error)?.message ?? e)}\n`);
            statuses[i] = 1;
          }
        } finally {
          if (i < n - 1) pipes[i].close();
          if (i > 0) pipes[i - 1].leave();
        }
      });
      await Promise.all(stages);
      if (signal.aborted) throw new Cancelled();
      status = statuses[n - 1];
      if (this.state.opts.pipefail) {
        for (let i = n - 1; i >= 0; i--)
          if (statuses[i] !== 0) {
            status = statuses[i];
            break;
          }
      }
      this.state.vars.set('PIPESTATUS', statuses.join(' '));
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.state.lastStatus = status;
    if (!cond && status !== 0 && this.state.opts.errexit) throw new ExitSignal(status);
    return status;
  }

  private async tick(signal: CancelSignal): Promise<void> {
    if (signal.aborted) throw new Cancelled();
    if (++this.iterations % YIELD_EVERY === 0) await virtualSleep(this.env.host.clock, LOOP_YIELD_MS, signal);
  }

  async execCommand(cmd: Command, io: IO, signal: CancelSignal, cond: boolean): Promise<number> {
    if (signal.aborted) throw new Cancelled();
    if (cmd.t === 'simple') return this.execSimple(cmd, io, signal, cond);
    if (cmd.t === 'func') {
      this.state.functions.set(cmd.name, cmd.body);
      if (cmd.src) this.state.functionSources.set(cmd.name, cmd.src);
      return 0;
    }
    const rio = await this.applyRedirs(cmd.redirs, io);
    if (typeof rio === 'number') return rio;
    switch (cmd.t) {
      case 'if': {
        for (const b of cmd.branches) {
          if ((await this.execList(b.cond, rio, signal, true)) === 0) return this.execList(b.body, rio, signal, cond);
        }
        return cmd.elseBody ? this.execList(cmd.elseBody, rio, signal, cond) : 0;
      }
      case 'for': {
        const items = cmd.items ? await this.expandWords(cmd.items, rio, signal) : [...this.state.positional];
        let status = 0;
        this.state.loopDepth++;
        try {
          for (const it of items) {
            await this.tick(signal);
            this.assign(cmd.name, it);
            try {
              status = await this.execList(cmd.body, rio, signal, cond);
            } catch (e) {
              if (!(e instanceof LoopSignal)) throw e;
              if (e.levels > 1) {
                e.levels--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
          }
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'arithfor': {
        let status = 0;
        this.state.loopDepth++;
        try {
          this.arith(cmd.init);
          while (cmd.cond.trim() === '' || this.arith(cmd.cond) !== 0) {
            await this.tick(signal);
            try {
              status = await this.execList(cmd.body, rio, signal, cond);
            } catch (e) {
              if (!(e instanceof LoopSignal)) throw e;
              if (e.levels > 1) {
                e.levels--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
            this.arith(cmd.step);
          }
        } catch (e) {
          if (e instanceof ArithError) {
            rio.stderr(`${this.errPrefix()}${e.message}\n`);
            return 1;
          }
          throw e;
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        this.state.loopDepth++;
        try {
          for (;;) {
            await this.tick(signal);
            const c = await this.execList(cmd.cond, rio, signal, true);
            if ((c === 0) === cmd.until) break;
            try {
              status = await this.execList(cmd.body, rio, signal, cond);
            } catch (e) {
              if (!(e instanceof LoopSignal)) throw e;
              if (e.levels > 1) {
                e.levels--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
          }
        } finally {
          this.state.loopDepth--;
        }
        return status;
      }
      case 'case': {
        const value = await this.expandString(cmd.word, rio, signal);
        for (const item of cmd.items) {
          for (const pat of item.patterns) {
            const f = await this.expandPattern(pat, rio, signal);
            if (globMatch(f.text, value, f.mask)) return this.execList(item.body, rio, signal, cond);
          }
        }
        return 0;
      }
      case 'group': {
        if (!cmd.subshell) return this.execList(cmd.body, rio, signal, cond);
        const sub = new Interpreter(this.state.clone(), this.env);
        sub.substDepth = this.substDepth;
        let status: number;
        try {
          status = await sub.execList(cmd.body, rio, signal, cond);
        } catch (e) {
          if (e instanceof ExitSignal) status = e.code;
          else throw e;
        }
        return sub.runExitTrap(rio, signal, status);
      }
      case 'cond': {
        const words: CondWord[] = [];
        try {
          for (const w of cmd.words) {
            const lit = w.word.parts.length === 1 && w.word.parts[0].t === 'lit' ? w.word.parts[0].v : undefined;
            if (lit !== undefined && ['&&', '||', '(', ')', '!', '<', '>'].includes(lit) && w.raw === lit) words.push({ text: lit, op: lit, quoted: false });
            else {
              const f = await this.expandPattern(w.word, rio, signal);
              words.push({ text: f.text, quoted: f.mask.length > 0 && f.mask.every(Boolean) });
            }
          }
          return evalCond(words, this.env.fs, (m) => this.state.setArray('BASH_REMATCH', [...m].map((g) => g ?? '')));
        } catch (e) {
          if (e instanceof TestError) {
            if (e.message) rio.stderr(`${this.errPrefix()}${e.message}\n`);
            return 2;
          }
          if (e instanceof ExpansionError) {
            rio.stderr(`${this.errPrefix()}${e.message}\n`);
            return 1;
          }
          throw e;
        }
      }
      case 'arithcmd': {
        try {
          const text = await this.expandArithText(cmd.expr, rio, signal);
          return this.arith(text) !== 0 ? 0 : 1;
        } catch (e) {
          if (e instanceof ArithError || e instanceof ExpansionError) {
            rio.stderr(`${this.errPrefix()}${e.message}\n`);
            return 1;
          }
          throw e;
        }
      }
    }
  }

  arith(expr: string): number {
    return evalArith(expr, {
      get: (n) => this.lookup(n),
      set: (n, v) => this.assign(n, v),
    });
  }

  assign(name: string, value: string): void {
    if (this.state.readonly.has(name)) throw new ExpansionError(`${name}: readonly variable`);
    // Assigning to an array's name sets its element 0, as bash does.
    const arr = this.state.arrays.get(name);
    if (arr) arr.set(0, value);
    else this.state.vars.set(name, value);
  }

  lookup(name: string): string | undefined {
    return this.state.vars.get(name) ?? this.state.arrays.get(name)?.get(0);
  }

  /** `name=v`, `name+=v`, `name=(a b)`, `name+=(c)`, `name[i]=v`: bash's assignment forms. */
  private async assignFrom(a: Assignment, io: IO, signal: CancelSignal): Promise<void> {
    const s = this.state;
    if (!a.array && a.index === undefined) return this.assign(a.name, await this.assignmentValue(a, io, signal));
    if (s.readonly.has(a.name)) throw new ExpansionError(`${a.name}: readonly variable`);
    const current = (): Map<number, string> => {
      const existing = s.arrays.get(a.name);
      if (existing) return existing;
      const scalar = s.vars.get(a.name);
      return new Map(scalar !== undefined ? [[0, scalar]] : []);
    };
    if (a.array) {
      const values = await this.expandWords(a.array, io, signal);
      if (!a.append) return s.setArray(a.name, values);
      const arr = current();
      let next = arr.size ? Math.max(...arr.keys()) + 1 : 0;
      for (const v of values) arr.set(next++, v);
      s.vars.delete(a.name);
      s.arrays.set(a.name, arr);
      return;
    }
    const arr = current();
    let idx = await this.subscript(a.index!, io, signal);
    if (idx < 0) {
      const max = arr.size ? Math.max(...arr.keys()) : -1;
      if (max + 1 + idx < 0) throw new ExpansionError(`${a.name}[${a.index}]: bad array subscript`);
      idx = max + 1 + idx;
    }
    const v = await this.expandString(a.value, io, signal, true);
    arr.set(idx, a.append ? (arr.get(idx) ?? '') + v : v);
    s.vars.delete(a.name);
    s.arrays.set(a.name, arr);
  }

  /** An indexed array's subscript: arithmetic, after $-expansion. */
  private async subscript(raw: string, io: IO, signal: CancelSignal): Promise<number> {
    try {
      return this.arith(await this.expandArithText(raw, io, signal));
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(e.message);
      throw e;
    }
  }

  private async execSimple(cmd: SimpleCommand, io: IO, signal: CancelSignal, cond: boolean): Promise<number> {
    let words = cmd.words;
    // Alias expansion on the first word (bash expands aliases when the line is read; same effect here).
    const first = words[0] && wordLiteral(words[0]);
    if (first !== undefined && words[0].parts.every((p) => p.t === 'lit') && this.state.aliases.has(first) && this.aliasDepth < 16) {
      const value = this.state.aliases.get(first)!;
      try {
        const list = parse(value);
        const only = list.items.length === 1 && list.items[0].rest.length === 0 && list.items[0].first.cmds.length === 1 ? list.items[0].first.cmds[0] : undefined;
        if (only?.t === 'simple' && !only.assigns.length) {
          words = [...only.words, ...words.slice(1)];
          cmd = { ...cmd, words, redirs: [...only.redirs, ...cmd.redirs] };
          // an alias of an alias (k → kubectl where kubectl is aliased) expands once more
          if (only.words[0] && wordLiteral(only.words[0]) !== first) {
            this.aliasDepth++;
            try {
              return await this.execSimple(cmd, io, signal, cond);
            } finally {
              this.aliasDepth--;
            }
          }
        } else {
          // a compound alias (alias ll='ls -l | less'): run its text with the rest of the words appended
          const rest = await this.expandWords(words.slice(1), io, signal);
          return this.execList(parse(value + ' ' + rest.map(quoteForShell).join(' ')), io, signal, cond);
        }
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
      }
    }

    let argv: string[];
    this.lastSubstStatus = undefined;
    try {
      argv = await this.expandWords(words, io, signal);
    } catch (e) {
      if (e instanceof ExpansionError || e instanceof ArithError) {
        // bash abandons the rest of the line (an interactive shell) or the script (a non-interactive one)
        io.stderr(`${this.errPrefix(cmd.line)}${e.message}\n`);
        throw new ExitSignal(1, !this.state.script);
      }
      throw e;
    }

    if (!argv.length) {
      try {
        for (const a of cmd.assigns) await this.assignFrom(a, io, signal);
      } catch (e) {
        if (e instanceof ExpansionError || e instanceof ArithError) {
          io.stderr(`${this.errPrefix(cmd.line)}${e.message}\n`);
          return 1;
        }
        throw e;
      }
      const rio = await this.applyRedirs(cmd.redirs, io);
      if (typeof rio === 'number') return rio;
      return this.lastSubstStatus ?? 0;
    }

    const prefix: Record<string, string> = {};
    try {
      for (const a of cmd.assigns) prefix[a.name] = await this.assignmentValue(a, io, signal);
    } catch (e) {
      if (e instanceof ExpansionError || e instanceof ArithError) {
        io.stderr(`${this.errPrefix(cmd.line)}${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const rio = await this.applyRedirs(cmd.redirs, io);
    if (typeof rio === 'number') return rio;
    return this.dispatch(argv, rio, signal, prefix, cmd.line);
  }

  private lastSubstStatus: number | undefined;

  private async assignmentValue(a: { value: Word; append: boolean; name: string; array?: Word[] }, io: IO, signal: CancelSignal): Promise<string> {
    let v = a.array ? (await this.expandWords(a.array, io, signal)).join(' ') : await this.expandString(a.value, io, signal, true);
    if (a.append) v = (this.lookup(a.name) ?? '') + v;
    return v;
  }

  /** Runs one command by name: function, builtin, a script path, an installed program, or 127. */
  async dispatch(argv: string[], io: IO, signal: CancelSignal, prefix: Record<string, string> = {}, line?: number): Promise<number> {
    const name = argv[0];
    const fn = this.state.functions.get(name);
    if (fn) return this.callFunction(name, fn, argv.slice(1), io, signal);
    const builtin: Builtin | undefined = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (builtin) {
      const saved: [string, string | undefined][] = Object.entries(prefix).map(([k]) => [k, this.state.vars.get(k)]);
      for (const [k, v] of Object.entries(prefix)) this.state.vars.set(k, v);
      try {
        return await builtin(this, argv, io, signal);
      } finally {
        for (const [k, v] of saved) if (v === undefined) this.state.vars.delete(k);
        else this.state.vars.set(k, v);
      }
    }
    if (name.includes('/')) return this.runScriptFile(name, argv, io, signal);
    const program = this.env.programs.get(name);
    if (!program) {
      io.stderr(`${this.errPrefix(line)}${name}: command not found\n`);
      return 127;
    }
    const ctx = this.context(argv, io, signal, prefix);
    try {
      const code = await program(ctx);
      return typeof code === 'number' && Number.isFinite(code) ? code : 0;
    } catch (e) {
      if (e instanceof Cancelled || signal.aborted) throw new Cancelled();
      // A program must not throw; if one does, report it the way a crashed process would look.
      io.stderr(`${name}: ${String((e as Error)?.message ?? e)}\n`);
      return 1;
    }
  }

  context(argv: string[], io: IO, signal: CancelSignal, prefix: Record<string, string> = {}): ShellContext {
    const env = { ...this.state.environment(), ...prefix };
    const ctx: ShellContext = {
      argv,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      cwd: this.state.cwd,
      fs: this.env.fs,
      host: this.env.host,
      signal,
      terminal: this.env.terminal,
      sleep: (ms) => virtualSleep(this.env.host.clock, ms, signal),
      editFile: this.env.editFile ? (path) => this.env.editFile!(path, env) : undefined,
      stdoutIsTTY: io.tty === true,
      run: (args, over, opts) => {
        const childState = this.state.clone();
        if (opts?.env) {
          for (const k of childState.exported) childState.vars.delete(k);
          childState.exported = new Set(Object.keys(opts.env));
          for (const [k, v] of Object.entries(opts.env)) childState.vars.set(k, v);
        }
        const sub = new Interpreter(childState, this.env);
        const childIO: IO = { ...io, ...over };
        if (over?.stdout) childIO.tty = false;
        return sub.dispatch(args, childIO, opts?.signal ?? signal).catch((e) => {
          if (e instanceof ExitSignal) return e.code;
          if (e instanceof Cancelled) throw e;
          return 1;
        });
      },
    };
    return ctx;
  }

  private async callFunction(name: string, body: Command, args: string[], io: IO, signal: CancelSignal): Promise<number> {
    if (this.state.funcDepth >= MAX_FUNC_DEPTH) {
      io.stderr(`${this.errPrefix()}${name}: maximum function nesting level exceeded (${MAX_FUNC_DEPTH})\n`);
      throw new ExitSignal(1);
    }
    const saved = this.state.positional;
    this.state.positional = args;
    this.state.funcDepth++;
    this.state.locals.push(new Map());
    try {
      return await this.execCommand(body, io, signal, false);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      const frame = this.state.locals.pop()!;
      for (const [k, v] of frame) if (v === undefined) this.state.vars.delete(k);
      else this.state.vars.set(k, v);
      this.state.funcDepth--;
      this.state.positional = saved;
    }
  }

  /** `./script.sh`, `bash script.sh`: a child bash running the file. */
  async runScriptFile(path: string, argv: string[], io: IO, signal: CancelSignal, viaBash = false): Promise<number> {
    const abs = resolvePath(this.state.cwd, path, this.lookup('HOME') ?? HOME);
    const st = this.env.fs.stat(abs);
    const label = viaBash ? `bash: ${path}` : `${this.errPrefix()}${path}`;
    if (!st) {
      io.stderr(`${label}: No such file or directory\n`);
      return 127;
    }
    if (st.type === 'dir') {
      io.stderr(`${label}: Is a directory\n`);
      return 126;
    }
    if (!viaBash && (st.mode & 0o111) === 0) {
      io.stderr(`${label}: Permission denied\n`);
      return 126;
    }
    const text = this.env.fs.readFile(abs);
    return this.runChild(text, path, argv.slice(1), io, signal);
  }

  /** A child bash: fresh copy of exported state, its own $0 and positional parameters. */
  async runChild(text: string, name: string, args: string[], io: IO, signal: CancelSignal): Promise<number> {
    const child = this.state.clone();
    child.functions = new Map();
    child.aliases = new Map();
    for (const k of [...child.vars.keys()]) if (!child.exported.has(k) && k !== 'IFS') child.vars.delete(k);
    child.opts = { errexit: false, nounset: false, pipefail: false, xtrace: false, noglob: false };
    child.positional = args;
    child.argv0 = name;
    child.script = name;
    child.locals = [];
    child.funcDepth = 0;
    child.loopDepth = 0;
    const sub = new Interpreter(child, this.env);
    sub.substDepth = this.substDepth + 1;
    if (sub.substDepth > MAX_SUBST_DEPTH) {
      io.stderr(`${this.errPrefix()}${name}: too many nested scripts\n`);
      return 1;
    }
    let status: number;
    try {
      status = await sub.run(text, io, signal);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.code;
      else if (e instanceof Cancelled) throw e;
      else status = 1;
    }
    return sub.runExitTrap(io, signal, status);
  }

  /**
   * The EXIT trap, run once when this shell ends (a script, `bash -c`, a subshell): the shell's status stays
   * what it was unless the trap itself calls exit.
   */
  async runExitTrap(io: IO, signal: CancelSignal, status: number): Promise<number> {
    const cmd = this.state.traps.get('EXIT');
    if (cmd === undefined) return status;
    this.state.traps.delete('EXIT');
    this.state.lastStatus = status;
    try {
      await this.execList(parse(cmd), io, signal, false);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof Cancelled) throw e;
    }
    return status;
  }

  /** `source file` / `. file`: same process, same state. */
  async source(text: string, args: string[], io: IO, signal: CancelSignal): Promise<number> {
    const saved = this.state.positional;
    if (args.length) this.state.positional = args;
    try {
      const list = parse(text);
      return await this.execList(list, io, signal, false);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr(`${this.errPrefix()}${e.message}\n`);
        return 2;
      }
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      if (args.length) this.state.positional = saved;
    }
  }

  /** `eval`: parse the text and run it here. */
  async evalText(text: string, io: IO, signal: CancelSignal): Promise<number> {
    try {
      return await this.execList(parse(text), io, signal, false);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr(`${this.errPrefix()}eval: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }

  // ---- control flow used by builtins ----
  exit(code: number): never {
    throw new ExitSignal(code);
  }
  doReturn(code: number): never {
    throw new ReturnSignal(code);
  }
  loop(kind: 'break' | 'continue', levels: number): never {
    throw new LoopSignal(kind, Math.min(levels, this.state.loopDepth));
  }

  // ---- redirections ----
  private async applyRedirs(redirs: Redirect[], io: IO): Promise<IO | number> {
    if (!redirs.length) return io;
    const fds: Record<number, Sink | undefined> = { 1: io.stdout, 2: io.stderr };
    let stdin = io.stdin;
    const home = this.lookup('HOME') ?? HOME;
    for (const r of redirs) {
      let target: string;
      if (r.heredoc) {
        const body = r.heredoc.quoted ? r.heredoc.body : await this.expandHeredoc(r.heredoc.body, io);
        if ((r as Redirect & { unterminated?: string }).unterminated)
          io.stderr(`${this.errPrefix()}warning: here-document at line 1 delimited by end-of-file (wanted \`${(r as Redirect & { unterminated?: string }).unterminated}')\n`);
        if (r.fd === 0) stdin = new StringInput(body);
        continue;
      }
      try {
        target = await this.expandString(r.target, io, new Canceller());
      } catch (e) {
        if (e instanceof ExpansionError) {
          io.stderr(`${this.errPrefix()}${e.message}\n`);
          return 1;
        }
        throw e;
      }
      if (r.op === '<<<') {
        stdin = new StringInput(target + '\n');
        continue;
      }
      if ((r.op === '>&' || r.op === '<&') && /^\d+$/.test(target)) {
        const src = Number(target);
        if (r.op === '<&') continue;
        if (!(src in fds)) {
          io.stderr(`${this.errPrefix()}${target}: Bad file descriptor\n`);
          return 1;
        }
        fds[r.fd] = fds[src];
        continue;
      }
      if ((r.op === '>&' || r.op === '<&') && target === '-') {
        fds[r.fd] = () => {};
        continue;
      }
      const path = resolvePath(this.state.cwd, target, home);
      if (r.op === '<') {
        if (target === '/dev/stdin') continue;
        try {
          stdin = new StringInput(this.env.fs.readFile(path));
        } catch (e) {
          io.stderr(`${this.errPrefix()}${target}: ${e instanceof FsError ? e.message : 'No such file or directory'}\n`);
          return 1;
        }
        continue;
      }
      const sink = this.fileSink(target, path, r.op === '>>' || r.op === '&>>', io);
      if (typeof sink === 'number') return sink;
      if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === 1)) {
        fds[1] = sink;
        fds[2] = sink;
      } else fds[r.fd] = sink;
    }
    return { stdin, stdout: fds[1] ?? (() => {}), stderr: fds[2] ?? (() => {}), tty: io.tty && fds[1] === io.stdout };
  }

  private fileSink(target: string, path: string, append: boolean, io: IO): Sink | number {
    if (target === '/dev/null' || path === '/dev/null') return () => {};
    if (path === '/dev/stdout') return io.stdout;
    if (path === '/dev/stderr') return io.stderr;
    if (target === '') {
      io.stderr(`${this.errPrefix()}: No such file or directory\n`);
      return 1;
    }
    const fs = this.env.fs;
    try {
      const st = fs.stat(path);
      if (st?.type === 'dir') {
        io.stderr(`${this.errPrefix()}${target}: Is a directory\n`);
        return 1;
      }
      if (!append || !st) fs.writeFile(path, '');
    } catch (e) {
      io.stderr(`${this.errPrefix()}${target}: ${e instanceof FsError ? e.message : 'No such file or directory'}\n`);
      return 1;
    }
    return (text: string) => {
      try {
        fs.writeFile(path, text, { append: true });
      } catch {
        /* the file vanished mid-write (rm in a pipeline); bash would keep writing to the unlinked inode */
      }
    };
  }

  // ---- expansion ----
  private async expandHeredoc(body: string, io: IO): Promise<string> {
    const parts = parseHeredocBody(body);
    try {
      return await this.expandString({ parts: [{ t: 'dq', parts }] }, io, new Canceller());
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.stderr(`${this.errPrefix()}${e.message}\n`);
        return '';
      }
      throw e;
    }
  }

  /** Expands words into argv: parameters, command substitution, arithmetic, field splitting, globs. */
  async expandWords(words: Word[], io: IO, signal: CancelSignal): Promise<string[]> {
    const out: string[] = [];
    for (const w of words.flatMap(braceWord)) {
      const fields = await this.expandFields(w, io, signal);
      for (const f of fields) {
        if (!this.state.opts.noglob && hasGlob(f.text, f.mask)) {
          const matches = this.glob(f);
          if (matches.length) {
            out.push(...matches);
            continue;
          }
        }
        out.push(f.text);
      }
    }
    return out;
  }

  /** One string, no splitting or globbing (assignments, redirect targets, case subjects, here-documents). */
  async expandString(w: Word, io: IO, signal: CancelSignal, _assignment = false): Promise<string> {
    const f = await this.expandPattern(w, io, signal);
    return f.text;
  }

  /** One string plus which characters were quoted (for patterns in case and [[ ]]). */
  async expandPattern(w: Word, io: IO, signal: CancelSignal): Promise<Field> {
    const out: Field = { text: '', mask: [] };
    const add = (s: string, quoted: boolean) => {
      out.text += s;
      for (let i = 0; i < s.length; i++) out.mask.push(quoted);
    };
    const walk = async (parts: WordPart[], quoted: boolean) => {
      for (const p of parts) {
        if (p.t === 'lit') add(p.v, quoted);
        else if (p.t === 'sq') add(p.v, true);
        else if (p.t === 'dq') await walk(p.parts, true);
        else if (p.t === 'tilde') add(this.tilde(p.user), true);
        else add(await this.expandPart(p, io, signal, quoted).then((v) => (Array.isArray(v) ? v.join(' ') : v)), quoted);
      }
    };
    await walk(w.parts, false);
    return out;
  }

  private tilde(user: string): string {
    if (user === '') return this.lookup('HOME') ?? HOME;
    if (user === 'root') return '/root';
    if (user === '+') return this.state.cwd;
    return '~' + user;
  }

  private async expandFields(w: Word, io: IO, signal: CancelSignal): Promise<Field[]> {
    const fields: Field[] = [];
    let cur: Field | undefined;
    const ifs = this.lookup('IFS') ?? ' \t\n';
    const start = () => (cur ??= { text: '', mask: [] });
    const add = (s: string, quoted: boolean) => {
      const f = start();
      f.text += s;
      for (let i = 0; i < s.length; i++) f.mask.push(quoted);
    };
    const finish = () => {
      if (cur) fields.push(cur);
      cur = undefined;
    };
    const addSplit = (s: string) => {
      if (s === '') return;
      if (ifs === '') return add(s, false);
      const ws = [...ifs].filter((c) => ' \t\n'.includes(c)).map(escapeClass).join('');
      const other = [...ifs].filter((c) => !' \t\n'.includes(c)).map(escapeClass).join('');
      const delim = new RegExp(other ? (ws ? `[${ws}]*[${other}][${ws}]*|[${ws}]+` : `[${other}]`) : `[${ws}]+`);
      s.split(delim).forEach((piece, k) => {
        if (k > 0) finish();
        if (piece !== '') add(piece, false);
      });
    };
    for (const p of w.parts) {
      if (p.t === 'lit') add(p.v, false);
      else if (p.t === 'sq') add(p.v, true);
      else if (p.t === 'tilde') add(this.tilde(p.user), true);
      else if (p.t === 'dq') {
        start();
        for (const q of p.parts) {
          if (q.t === 'lit' || q.t === 'sq') add(q.v, true);
          else if (q.t === 'param' && q.name === '@' && !q.op && !q.length) {
            const ps = this.state.positional;
            if (!ps.length) continue;
            ps.forEach((v, i) => {
              if (i > 0) finish();
              add(v, true);
            });
          } else {
            const v = await this.expandPart(q, io, signal, true);
            if (Array.isArray(v) && q.t === 'param' && q.index === '@') {
              // "${a[@]}": one field per element, like "$@"; none at all for an empty array alone in its word
              if (!v.length && p.parts.length === 1 && w.parts.length === 1 && cur && cur.text === '') {
                cur = undefined;
                continue;
              }
              v.forEach((x, i) => {
                if (i > 0) finish();
                add(x, true);
              });
            } else add(Array.isArray(v) ? v.join(' ') : v, true);
          }
        }
        // "$@" with no parameters and nothing else in the word yields no field at all
        if (p.parts.length === 1 && p.parts[0].t === 'param' && p.parts[0].name === '@' && !this.state.positional.length && cur && cur.text === '' && w.parts.length === 1) cur = undefined;
      } else {
        const v = await this.expandPart(p, io, signal, false);
        if (Array.isArray(v)) {
          v.forEach((x, i) => {
            if (i > 0) finish();
            addSplit(x);
          });
        } else addSplit(v);
      }
    }
    finish();
    return fields;
  }

  /** Pathname expansion against the virtual filesystem; hidden files need an explicit dot. */
  private glob(f: Field): string[] {
    const text = f.text;
    const abs = text.startsWith('/');
    const segs = text.split('/');
    const masks: boolean[][] = [];
    let pos = 0;
    for (const s of segs) {
      masks.push(f.mask.slice(pos, pos + s.length));
      pos += s.length + 1;
    }
    let paths: string[] = [abs ? '' : '.'];
    for (let i = abs ? 1 : 0; i < segs.length; i++) {
      const seg = segs[i];
      const next: string[] = [];
      const last = i === segs.length - 1;
      for (const base of paths) {
        if (seg === '') {
          next.push(base + '/');
          continue;
        }
        if (!hasGlob(seg, masks[i])) {
          const p = base === '.' && !abs ? seg : base + '/' + seg;
          if (this.env.fs.exists(resolvePath(this.state.cwd, p))) next.push(p);
          continue;
        }
        let entries: string[];
        try {
          const dir = resolvePath(this.state.cwd, base === '' ? '/' : base);
          entries = this.env.fs.readdir(dir);
        } catch {
          continue;
        }
        let re: RegExp;
        try {
          re = new RegExp('^' + globToRegex(seg, masks[i]) + '$', 's');
        } catch {
          continue;
        }
        for (const e of entries) {
          if (e.startsWith('.') && !seg.startsWith('.')) continue;
          if (!re.test(e)) continue;
          const p = base === '.' && !abs ? e : base + '/' + e;
          if (!last && this.env.fs.stat(resolvePath(this.state.cwd, p))?.type !== 'dir') continue;
          next.push(p);
        }
      }
      paths = next;
      if (!paths.length) return [];
    }
    return paths.sort();
  }

  /** Expands $( … ) and $(( … )) inside an arithmetic expression's text before evaluating it. */
  private async expandArithText(expr: string, io: IO, signal: CancelSignal): Promise<string> {
    if (!/[$`]/.test(expr)) return expr;
    const parts = parseHeredocBody(expr);
    return this.expandString({ parts: [{ t: 'dq', parts }] }, io, signal);
  }

  private async expandPart(p: WordPart, io: IO, signal: CancelSignal, quoted: boolean): Promise<string | string[]> {
    switch (p.t) {
      case 'cmd':
        return this.commandSubstitution(p.src, io, signal);
      case 'arith': {
        const text = await this.expandArithText(p.expr, io, signal);
        try {
          return String(this.arith(text));
        } catch (e) {
          if (e instanceof ArithError) throw new ExpansionError(e.message);
          throw e;
        }
      }
      case 'param':
        return this.expandParam(p, io, signal, quoted);
      default:
        return '';
    }
  }

  private paramValue(name: string): string | undefined {
    const s = this.state;
    switch (name) {
      case '?':
        return String(s.lastStatus);
      case '#':
        return String(s.positional.length);
      case '$':
        return '1';
      case '!':
        return s.lastBgPid ? String(s.lastBgPid) : undefined;
      case '0':
        return s.argv0;
      case '-':
        return 'hB' + (s.opts.errexit ? 'e' : '') + (s.opts.nounset ? 'u' : '') + (s.opts.xtrace ? 'x' : '');
      case '@':
      case '*':
        return s.positional.join(name === '*' ? (this.lookup('IFS') ?? ' ')[0] ?? '' : ' ');
    }
    if (/^\d+$/.test(name)) return s.positional[Number(name) - 1];
    if (name === 'RANDOM') return '4';
    if (name === 'SECONDS') return '0';
    if (name === 'PWD') return s.cwd;
    return s.vars.get(name) ?? s.arrays.get(name)?.get(0);
  }

  /** `${a[@]}`, `${a[i]}`, `${#a[@]}`, `${!a[@]}` and operators applied to each element. */
  private async expandArrayParam(p: Extract<WordPart, { t: 'param' }>, io: IO, signal: CancelSignal, quoted: boolean): Promise<string | string[]> {
    const s = this.state;
    const arr = s.arrays.get(p.name);
    const scalar = s.vars.get(p.name);
    const all = p.index === '@' || p.index === '*';
    const sep = (this.lookup('IFS') ?? ' ')[0] ?? '';
    if (all) {
      const keys = arr ? [...arr.keys()].sort((a, b) => a - b) : scalar !== undefined ? [0] : [];
      if (p.indices) return p.index === '*' && quoted ? keys.join(sep) : keys.map(String);
      let values = arr ? keys.map((k) => arr.get(k)!) : scalar !== undefined ? [scalar] : [];
      if (p.length) return String(values.length);
      if (p.op === ':') {
        const [offText, lenText] = splitOnce(await (p.arg ? this.expandString(p.arg, io, signal) : ''), ':');
        try {
          let off = this.arith(offText);
          if (off < 0) off = Math.max(0, values.length + off);
          values = lenText === undefined ? values.slice(off) : values.slice(off, off + this.arith(lenText));
        } catch (e) {
          if (e instanceof ArithError) throw new ExpansionError(e.message);
          throw e;
        }
      } else if (p.op) {
        const mapped: string[] = [];
        for (const v of values) mapped.push(String(await this.paramOp(p, v, io, signal)));
        values = mapped;
      }
      return p.index === '*' && quoted ? values.join(sep) : values;
    }
    let idx = await this.subscript(p.index!, io, signal);
    let value: string | undefined;
    if (arr) {
      if (idx < 0) idx = (arr.size ? Math.max(...arr.keys()) : -1) + 1 + idx;
      value = arr.get(idx);
    } else value = idx === 0 || idx === -1 ? scalar : undefined;
    if (p.length) return String([...(value ?? '')].length);
    if (!p.op) {
      if (value === undefined && s.opts.nounset) throw new ExpansionError(`${p.name}[${p.index}]: unbound variable`);
      return value ?? '';
    }
    return this.paramOp(p, value, io, signal);
  }

  private async expandParam(p: Extract<WordPart, { t: 'param' }>, io: IO, signal: CancelSignal, quoted: boolean): Promise<string | string[]> {
    if (p.index !== undefined && /^[A-Za-z_]/.test(p.name)) return this.expandArrayParam(p, io, signal, quoted);
    const { name, op } = p;
    const value = this.paramValue(name);
    if (p.length) {
      if (value === undefined && this.state.opts.nounset && !['@', '*'].includes(name)) throw new ExpansionError(`${name}: unbound variable`);
      return String(name === '@' || name === '*' ? this.state.positional.length : [...(value ?? '')].length);
    }
    if (!op) {
      if (value === undefined && this.state.opts.nounset && name !== '@' && name !== '*') throw new ExpansionError(`${name}: unbound variable`, !!this.state.script);
      if ((name === '@' || name === '*') && !quoted) return [...this.state.positional];
      return value ?? '';
    }
    return this.paramOp(p, value, io, signal);
  }

  /** The `${name<op>word}` operators on one value. */
  private async paramOp(p: Extract<WordPart, { t: 'param' }>, value: string | undefined, io: IO, signal: CancelSignal): Promise<string> {
    const { name } = p;
    const op = p.op!;
    const argText = async (w?: Word) => (w ? this.expandString(w, io, signal) : '');
    const unsetOrNull = value === undefined || value === '';
    switch (op) {
      case ':-':
        return unsetOrNull ? argText(p.arg) : value!;
      case '-':
        return value === undefined ? argText(p.arg) : value;
      case ':=':
      case '=':
        if (op === ':=' ? unsetOrNull : value === undefined) {
          const v = await argText(p.arg);
          this.assign(name, v);
          return v;
        }
        return value!;
      case ':+':
        return unsetOrNull ? '' : argText(p.arg);
      case '+':
        return value === undefined ? '' : argText(p.arg);
      case ':?':
      case '?':
        if (op === ':?' ? unsetOrNull : value === undefined) {
          const msg = await argText(p.arg);
          throw new ExpansionError(`${name}: ${msg || (op === ':?' ? 'parameter null or not set' : 'parameter not set')}`, true);
        }
        return value!;
    }
    if (value === undefined && this.state.opts.nounset) throw new ExpansionError(`${name}: unbound variable`);
    const v = value ?? '';
    if (op === '#' || op === '##' || op === '%' || op === '%%') return trimPattern(v, await argText(p.arg), op);
    if (op.startsWith('/')) return replacePattern(v, await argText(p.arg), await argText(p.arg2), op);
    if (op === '^^') return v.toUpperCase();
    if (op === ',,') return v.toLowerCase();
    if (op === '^') return v.slice(0, 1).toUpperCase() + v.slice(1);
    if (op === ',') return v.slice(0, 1).toLowerCase() + v.slice(1);
    if (op === ':') {
      const spec = await argText(p.arg);
      const [offText, lenText] = splitOnce(spec, ':');
      try {
        let off = this.arith(offText);
        if (off < 0) off = Math.max(0, v.length + off);
        if (lenText === undefined) return v.slice(off);
        let len = this.arith(lenText);
        if (len < 0) return v.slice(off, Math.max(off, v.length + len));
        return v.slice(off, off + len);
      } catch (e) {
        if (e instanceof ArithError) throw new ExpansionError(e.message);
        throw e;
      }
    }
    return v;
  }

  /** $( … ): a subshell whose stdout becomes text, trailing newlines removed. */
  async commandSubstitution(src: string, io: IO, signal: CancelSignal): Promise<string> {
    if (this.substDepth >= MAX_SUBST_DEPTH) throw new ExpansionError('command substitution: maximum nesting level exceeded');
    const sub = new Interpreter(this.state.clone(), this.env);
    sub.substDepth = this.substDepth + 1;
    let out = '';
    let status: number;
    try {
      status = await sub.run(src, { stdin: io.stdin, stdout: (t) => (out += t), stderr: io.stderr }, signal);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.code;
      else if (e instanceof Cancelled) throw e;
      else status = 1;
    }
    status = await sub.runExitTrap({ stdin: io.stdin, stdout: (t) => (out += t), stderr: io.stderr }, signal, status);
    this.state.lastStatus = status;
    this.lastSubstStatus = status;
    return out.replace(/\n+$/, '');
  }
}

function escapeClass(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&').replace('\t', '\\t').replace('\n', '\\n');
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Quotes a word so that re-parsing yields it unchanged (alias arguments, `set` output). */
export function quoteForShell(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

function describeAndOr(ao: AndOr): string {
  const describeWord = (w: Word) => wordLiteral(w) ?? '…';
  const describeCmd = (c: Command) => (c.t === 'simple' ? c.words.map(describeWord).join(' ') : c.t);
  const describePipe = (p: Pipeline) => p.cmds.map(describeCmd).join(' | ');
  return [describePipe(ao.first), ...ao.rest.map((r) => `${r.op} ${describePipe(r.p)}`)].join(' ');
}
