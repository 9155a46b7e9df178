/**
 * `kubelab run [--seed N] [--empty] [--budget DURATION] FILE|-`: runs a script line by line in virtual time and
 * prints what a terminal would show: `$ <line>` (continuation lines with `> `), then the command's output.
 * Each command takes one virtual second; `sleep` advances the clock; a command still running after the budget
 * (default 5m of virtual time: `kubectl get pods -w`) gets Ctrl-C, shown as `^C`. Same seed, same bytes.
 * The exit status is the last command's, as `bash FILE` would return.
 */
import { readFileSync } from 'node:fs';
import { Shell } from '../shell/session';
import { Canceller } from '../shell/io';
import { isIncomplete } from '../shell/syntax/parser';
import { parseDuration } from '../shell/commands/misc';
import { drive, settle } from './driver';
import { loadWorld } from './world';
import type { VirtualClock } from '../sim/clock';

export interface RunOptions {
  seed: number;
  empty: boolean;
  budgetMs: number;
}

/** Splits a script into prompt entries: a line, plus the lines an open quote/heredoc/`if` pulls in. */
export function splitEntries(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let cur: string[] = [];
  for (const line of lines) {
    cur.push(line);
    const joined = cur.join('\n');
    if (isIncomplete(joined)) continue;
    out.push(joined);
    cur = [];
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}

/** Virtual time a new cluster gets before the first command, so its system pods are up as after `k3d cluster create`. */
const SETTLE_MS = 60_000;

export async function runTranscript(script: string, opts: RunOptions, write: (text: string) => void): Promise<number> {
  const world = await loadWorld(opts.seed, opts.empty, write);
  if (!opts.empty && !world.k3d) await settle(world.clock, SETTLE_MS);
  const shell = new Shell({ world });
  return runEntries(shell, world.clock, script, opts.budgetMs, write);
}

/** Runs each prompt entry of `script` in `shell`, writing the transcript; returns the last status. */
export async function runEntries(shell: Shell, clock: VirtualClock, script: string, budgetMs: number, write: (text: string) => void): Promise<number> {
  let code = 0;
  for (const entry of splitEntries(script)) {
    if (shell.exited) break;
    if (entry.trim() === '') {
      write('$ \n');
      continue;
    }
    write(entry.split('\n').map((l, i) => (i === 0 ? '$ ' : '> ') + l).join('\n') + '\n');
    const signal = new Canceller();
    const out = (t: string) => {
      if (t) write(t);
    };
    code = await drive(clock, shell.exec(entry, { stdout: out, stderr: out }, signal), {
      budgetMs,
      interrupt: () => {
        // the terminal echoes ^C where the cursor is, then the shell's next line starts
        write('^C\n');
        signal.abort();
      },
    });
    await settle(clock, 1000);
  }
  return code;
}

export async function runCommand(argv: string[], io: { stdout: (t: string) => void; stderr: (t: string) => void; stdin: () => Promise<string> }): Promise<number> {
  const opts: RunOptions = { seed: 1, empty: false, budgetMs: 300_000 };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.split(/=(.*)/s);
    if (flag === '--seed') {
      const v = inline ?? argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) {
        io.stderr(`kubelab run: --seed needs a whole number, got ${JSON.stringify(v ?? '')}\n`);
        return 2;
      }
      opts.seed = Number(v);
    } else if (flag === '--empty') opts.empty = true;
    else if (flag === '--budget') {
      const v = inline ?? argv[++i];
      const ms = v === undefined ? undefined : parseDuration(v);
      if (ms === undefined) {
        io.stderr(`kubelab run: --budget needs a duration like 90s or 5m, got ${JSON.stringify(v ?? '')}\n`);
        return 2;
      }
      opts.budgetMs = ms;
    } else if (a === '-h' || a === '--help') {
      io.stdout(RUN_HELP);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`kubelab run: unknown flag ${a}\n${RUN_HELP}`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      io.stderr(`kubelab run: one script at a time (got ${file} and ${a})\n`);
      return 2;
    }
  }
  if (file === undefined) {
    io.stderr(RUN_HELP);
    return 2;
  }
  let text: string;
  try {
    text = file === '-' ? await io.stdin() : readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr(`kubelab run: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
    return 1;
  }
  return runTranscript(text, opts, io.stdout);
}

export const RUN_HELP = `Usage: kubelab run [--seed N] [--empty] [--budget DURATION] FILE|-

Runs a shell script on the simulated machine in virtual time and prints the transcript.

Options:
  --seed N            seed of the simulated world (default 1); the same seed prints the same bytes
  --empty             start without a cluster (create one with k3d cluster create)
  --budget DURATION   virtual time after which a still-running command gets Ctrl-C (default 5m)
`;
