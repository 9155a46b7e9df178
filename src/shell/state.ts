/** What a bash process remembers between commands: variables, exports, functions, aliases, cwd, options. */
import type { Command } from './syntax/ast';
import { HOME, HOSTNAME } from './vfs';

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  pipefail: boolean;
  xtrace: boolean;
  noglob: boolean;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class ShellState {
  vars = new Map<string, string>();
  /** Indexed arrays (sparse: index → value); a name is either here or in `vars`. */
  arrays = new Map<string, Map<number, string>>();
  /** `trap 'cmd' EXIT …`: signal name → command text. Subshells start without the parent's traps. */
  traps = new Map<string, string>();
  /** getopts' position inside a group of short options (`-abc`), and the OPTIND it belongs to. */
  getopts = { index: 1, char: 0 };
  exported = new Set<string>();
  readonly = new Set<string>();
  functions = new Map<string, Command>();
  /** Source text of each function definition (snapshots keep functions as text). */
  functionSources = new Map<string, string>();
  aliases = new Map<string, string>();
  cwd = HOME;
  positional: string[] = [];
  argv0 = 'bash';
  opts: ShellOptions = { errexit: false, nounset: false, pipefail: false, xtrace: false, noglob: false };
  lastStatus = 0;
  /** Saved values for `local`, one frame per function call. */
  locals: Map<string, string | undefined>[] = [];
  /** Set while running a script file: error messages then read `name: line N: …`. */
  script?: string;
  funcDepth = 0;
  loopDepth = 0;
  lastBgPid = 0;

  static initial(): ShellState {
    const s = new ShellState();
    const env: Record<string, string> = {
      HOME,
      HOSTNAME,
      LANG: 'C.UTF-8',
      LOGNAME: 'root',
      PATH: DEFAULT_PATH,
      PWD: HOME,
      SHELL: '/bin/bash',
      SHLVL: '1',
      TERM: 'xterm-256color',
      USER: 'root',
    };
    for (const [k, v] of Object.entries(env)) {
      s.vars.set(k, v);
      s.exported.add(k);
    }
    s.vars.set('IFS', ' \t\n');
    s.vars.set('PS1', '\\u@\\h:\\w\\$ ');
    s.vars.set('BASH_VERSION', '5.2.21(1)-release');
    s.aliases.set('k', 'kubectl');
    return s;
  }

  /** A subshell's copy: changes inside ( … ), $( … ) and pipeline stages never reach the parent. */
  clone(): ShellState {
    const s = new ShellState();
    s.vars = new Map(this.vars);
    s.arrays = new Map([...this.arrays].map(([k, v]) => [k, new Map(v)]));
    s.getopts = { ...this.getopts };
    s.exported = new Set(this.exported);
    s.readonly = new Set(this.readonly);
    s.functions = new Map(this.functions);
    s.functionSources = new Map(this.functionSources);
    s.aliases = new Map(this.aliases);
    s.cwd = this.cwd;
    s.positional = [...this.positional];
    s.argv0 = this.argv0;
    s.opts = { ...this.opts };
    s.lastStatus = this.lastStatus;
    s.locals = this.locals.map((m) => new Map(m));
    s.script = this.script;
    s.funcDepth = this.funcDepth;
    s.loopDepth = this.loopDepth;
    s.lastBgPid = this.lastBgPid;
    return s;
  }

  /** The environment handed to programs: exported variables only. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of [...this.exported].sort()) {
      const v = this.vars.get(k);
      if (v !== undefined) env[k] = v;
    }
    return env;
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.arrays.delete(name);
    this.exported.delete(name);
  }

  /** An array's values in index order. */
  arrayValues(name: string): string[] {
    const a = this.arrays.get(name);
    if (!a) return [];
    return [...a.keys()].sort((x, y) => x - y).map((k) => a.get(k)!);
  }

  setArray(name: string, values: string[]): void {
    this.vars.delete(name);
    this.arrays.set(name, new Map(values.map((v, i) => [i, v])));
  }
}
