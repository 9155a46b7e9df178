/**
 * The learner's shell: one bash process on the machine `kubelab`, logged in as root in /root.
 *
 *   const shell = new Shell({ world });                      // world: clock + resolveServer (+ k3d, network)
 *   const code = await shell.exec('kubectl get pods | grep web', { stdout, stderr, terminal }, signal);
 *   shell.prompt();                                          // 'root@kubelab:~# '
 *   shell.complete('kubectl get po', 14);                    // { from, to, candidates }
 *   const snap = shell.snapshot(); shell.restore(snap);      // fs, env, aliases, functions, history, cwd (JSON)
 *   await shell.runScript('export A=1\nkubectl apply -f x.yaml', io);  // lines run in this shell, not echoed
 *   shell.isComplete('cat <<EOF')                            // false: show a `> ` continuation prompt
 *
 * `exec` never throws and resolves with the exit status; Ctrl-C is the signal (status 130). Everything waits
 * on the world's virtual clock, so somebody must drive it (RealTimeDriver in the browser, the batch driver in
 * `kubelab run`). `exited` turns true after the `exit` builtin.
 */
import type { VirtualClock } from '../sim/clock';
import type { ApiHandler } from '../sim/apiserver/types';
import type { CancelSignal, HostServices, Program, TerminalAccess } from './types';
import { MemoryFS, HOME, type FsSnapshot } from './vfs';
import { ShellState } from './state';
import { ExitSignal, Interpreter, type Job, type ShellEnvironment } from './interpreter';
import { NEVER_ABORTED, StringInput } from './io';
import { COREUTILS, programPath } from './commands/index';
import { isIncomplete, parse } from './syntax/parser';
import { bashPrompt } from './prompt';
import { complete, type Completion } from './completion';
import { kubectl } from '../kubectl/index';
import { createNetPrograms, type HostNetwork } from './net/index';
import { createK3d, mergeKubeconfig, type K3dWorld } from './k3d/index';
import { openEditor, EDITORS } from './editors/index';

/** What the shell needs from the simulated world. Everything beyond clock and resolveServer is optional. */
export interface ShellWorld extends Partial<K3dWorld>, Partial<HostNetwork> {
  clock: VirtualClock;
  resolveServer(url: string): ApiHandler | undefined;
}

export interface ShellOptions {
  world: ShellWorld;
  fs?: MemoryFS;
  /** Extra exported variables (KUBECONFIG, EDITOR, …). */
  env?: Record<string, string>;
  /** Extra or replacement programs by name. */
  programs?: Record<string, Program>;
}

export interface ShellIO {
  stdout(text: string): void;
  stderr(text: string): void;
  terminal?: TerminalAccess;
}

export interface ShellSnapshot {
  version: 1;
  fs: FsSnapshot;
  cwd: string;
  vars: [string, string][];
  exported: string[];
  aliases: [string, string][];
  functions: [string, string][];
  history: string[];
  lastStatus: number;
}

const MAX_HISTORY = 1000;

export class Shell {
  readonly fs: MemoryFS;
  readonly history: string[] = [];
  exited = false;
  private state: ShellState;
  private readonly env: ShellEnvironment;
  private readonly host: HostServices;

  constructor(private readonly opts: ShellOptions) {
    const world = opts.world;
    this.fs = opts.fs ?? MemoryFS.machine(() => world.clock.now());
    this.state = ShellState.initial();
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      this.state.vars.set(k, v);
      this.state.exported.add(k);
    }
    const listeners = new Map<number, import('./types').HostHttpHandler>();
    this.host = {
      clock: world.clock,
      resolveServer: (url) => world.resolveServer(url),
      listen: (port, handler) => {
        if (listeners.has(port)) return { error: `bind: address already in use` };
        listeners.set(port, handler);
        return { close: () => void (listeners.get(port) === handler && listeners.delete(port)) };
      },
      localRequest: (port, req) => listeners.get(port)?.(req),
    };
    const programs = new Map<string, Program>(Object.entries(COREUTILS));
    programs.set('kubectl', kubectl);
    for (const [name, p] of Object.entries(createNetPrograms(world))) programs.set(name, p);
    programs.set('k3d', createK3d(world));
    for (const name of EDITORS) programs.set(name, (ctx) => openEditor(name, ctx));
    for (const [name, p] of Object.entries(opts.programs ?? {})) programs.set(name, p);
    // A world that starts with clusters (mini-cluster) is a machine where `k3d cluster create` already ran:
    // its kubeconfig entries are in ~/.kube/config and the first cluster is the current context.
    const rt = world.k3d;
    if (rt && !opts.fs && !this.fs.exists(`${HOME}/.kube/config`)) {
      const clusters = rt.listClusters();
      for (const c of [...clusters].reverse()) mergeKubeconfig({ fs: this.fs, env: this.state.environment(), cwd: HOME }, rt, c.name, true);
    }
    const jobs: Job[] = [];
    this.env = {
      fs: this.fs,
      host: this.host,
      programs,
      history: this.history,
      jobs,
      programPath,
      editFile: undefined,
    };
  }

  /** `root@kubelab:~# `, bash's default PS1 for root on Ubuntu (\u@\h:\w\$). */
  prompt(): string {
    return bashPrompt(this.state.cwd, this.state.vars.get('HOME') ?? HOME);
  }

  get cwd(): string {
    return this.state.cwd;
  }

  get lastStatus(): number {
    return this.state.lastStatus;
  }

  /** Whether `text` is a whole command (false: an open quote, here-document, `if` without `fi`, trailing `|`). */
  isComplete(text: string): boolean {
    return !isIncomplete(text);
  }

  /** Runs one prompt line (possibly several commands, possibly several lines). Never throws. */
  async exec(line: string, io: ShellIO, signal: CancelSignal = NEVER_ABORTED): Promise<number> {
    const trimmed = line.replace(/\n+$/, '');
    if (trimmed.trim() && !trimmed.startsWith(' ')) {
      if (this.history[this.history.length - 1] !== trimmed) this.history.push(trimmed);
      if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
    }
    return this.runText(trimmed, io, signal, true);
  }

  /** Runs a script's text in this shell (its exports, cd and aliases persist), without touching history. */
  async runScript(text: string, io: ShellIO, signal: CancelSignal = NEVER_ABORTED): Promise<number> {
    return this.runText(text, io, signal, false);
  }

  private async runText(text: string, io: ShellIO, signal: CancelSignal, interactive: boolean): Promise<number> {
    if (this.exited) return this.state.lastStatus;
    this.env.terminal = io.terminal;
    this.env.editFile = (path, env) => this.editFile(path, io, signal, env);
    const interp = new Interpreter(this.state, this.env);
    const sio = {
      stdin: new StringInput('', !!io.terminal),
      stdout: (t: string) => io.stdout(t),
      stderr: (t: string) => io.stderr(t),
      tty: interactive,
    };
    let code: number;
    try {
      code = await interp.run(text, sio, signal);
    } catch (e) {
      if (e instanceof ExitSignal) {
        code = e.code;
        if (interactive && !e.lineOnly) this.exited = true;
      } else {
        io.stderr(`bash: ${String((e as Error)?.message ?? e)}\n`);
        code = 1;
      }
    }
    this.state.lastStatus = code;
    this.reportJobs(io);
    return code;
  }

  /** bash prints finished background jobs before the next prompt. */
  private reportJobs(io: ShellIO): void {
    for (const j of this.env.jobs) {
      if (!j.done || j.reported) continue;
      j.reported = true;
      const state = j.status === 0 ? 'Done' : j.status === 143 ? 'Terminated' : `Exit ${j.status}`;
      io.stderr(`[${j.id}]+  ${state.padEnd(24)}${j.command}\n`);
    }
    const live = this.env.jobs.filter((j) => !j.reported);
    this.env.jobs.length = 0;
    this.env.jobs.push(...live);
  }

  private async editFile(path: string, io: ShellIO, signal: CancelSignal, env?: Record<string, string>): Promise<number> {
    const pick = (k: string) => env?.[k] ?? this.state.vars.get(k);
    const editor = (pick('KUBE_EDITOR') || pick('EDITOR') || 'vi').split(/\s+/)[0];
    const interp = new Interpreter(this.state.clone(), this.env);
    const sio = { stdin: new StringInput('', !!io.terminal), stdout: io.stdout, stderr: io.stderr };
    try {
      return await interp.dispatch([editor, path], sio, signal);
    } catch (e) {
      return e instanceof ExitSignal ? e.code : 1;
    }
  }

  complete(line: string, cursor: number = line.length): Completion {
    return complete(line, cursor, {
      fs: this.fs,
      cwd: this.state.cwd,
      env: this.state.environment(),
      host: this.host,
      commands: [...new Set([...this.env.programs.keys(), ...this.state.aliases.keys(), ...this.state.functions.keys(), ...BUILTIN_NAMES])].sort(),
      world: this.opts.world,
    });
  }

  snapshot(): ShellSnapshot {
    return {
      version: 1,
      fs: this.fs.snapshot(),
      cwd: this.state.cwd,
      vars: [...this.state.vars.entries()],
      exported: [...this.state.exported],
      aliases: [...this.state.aliases.entries()],
      functions: [...this.state.functions.keys()].map((k) => [k, this.state.functionSources.get(k) ?? '']),
      history: [...this.history],
      lastStatus: this.state.lastStatus,
    };
  }

  restore(s: ShellSnapshot): void {
    this.fs.restore(s.fs);
    const st = ShellState.initial();
    st.vars = new Map(s.vars);
    st.exported = new Set(s.exported);
    st.aliases = new Map(s.aliases);
    st.cwd = s.cwd;
    st.lastStatus = s.lastStatus;
    this.state = st;
    // functions come back by running their definitions again
    for (const [, src] of s.functions ?? []) {
      try {
        const list = parse(src);
        for (const item of list.items) {
          const c = item.first.cmds[0];
          if (c?.t === 'func') {
            st.functions.set(c.name, c.body);
            st.functionSources.set(c.name, src);
          }
        }
      } catch {
        /* a definition that no longer parses is dropped */
      }
    }
    this.history.length = 0;
    this.history.push(...s.history);
    this.exited = false;
  }
}

import { BUILTINS } from './builtins';
const BUILTIN_NAMES = Object.keys(BUILTINS);
