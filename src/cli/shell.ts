/**
 * `kubelab shell [--seed N] [--empty]`: the simulated machine in this terminal. The terminal is put in raw mode
 * and the course's own line editor (src/terminal) handles keys; virtual time follows real time through a
 * RealTimeDriver; Ctrl-C cancels the running command; Ctrl-D on an empty line (or `exit`) leaves.
 */
import { RealTimeDriver } from '../sim/clock';
import { Shell } from '../shell/session';
import { Canceller } from '../shell/io';
import type { TerminalAccess } from '../shell/types';
import { LineEditor } from '../terminal/line-editor';
import { loadWorld } from './world';

export async function shellCommand(argv: string[]): Promise<number> {
  let seed = 1;
  let empty = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--seed') seed = Number(inline ?? argv[++i]);
    else if (flag === '--empty') empty = true;
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write('Usage: kubelab shell [--seed N] [--empty]\n\nOpens the simulated machine (bash, kubectl, k3d) in this terminal.\n');
      return 0;
    } else {
      process.stderr.write(`kubelab shell: unknown flag ${argv[i]}\n`);
      return 2;
    }
  }
  if (!Number.isInteger(seed) || seed < 0) {
    process.stderr.write('kubelab shell: --seed needs a whole number\n');
    return 2;
  }
  const out = process.stdout;
  const stdin = process.stdin;
  const world = await loadWorld(seed, empty, (t) => process.stderr.write(t));
  const driver = new RealTimeDriver(world.clock, { now: () => Date.now(), setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) });
  driver.start();

  const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
  // Keys typed while a full-screen program (vi, nano, watch) reads the terminal.
  const keyQueue: string[] = [];
  const keyWaiters: ((k: string) => void)[] = [];
  const resizeCbs: ((c: number, r: number) => void)[] = [];
  const terminal: TerminalAccess = {
    get columns() {
      return out.columns ?? 80;
    },
    get rows() {
      return out.rows ?? 24;
    },
    readKey: () => {
      // a program that reads keys gets them raw (Ctrl-C included) until it ends
      editor.setRaw(true);
      return new Promise((resolve) => (keyQueue.length ? resolve(keyQueue.shift()!) : keyWaiters.push(resolve)));
    },
    write: (data) => void out.write(data),
    onResize: (cb) => void resizeCbs.push(cb),
  };
  out.on('resize', () => {
    editor.resize(out.columns ?? 80);
    for (const cb of resizeCbs) cb(out.columns ?? 80, out.rows ?? 24);
  });

  const shell = new Shell({ world });
  let running: Canceller | undefined;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((r) => (resolveDone = r));
  let pending = '';

  const editor: LineEditor = new LineEditor({
    write: (d) => void out.write(d),
    cols: out.columns ?? 80,
    onLine: (line) => void runLine(line),
    onInterrupt: () => {
      pending = '';
      running?.abort();
    },
    onRaw: (data) => {
      const w = keyWaiters.shift();
      if (w) w(data);
      else if (data.includes('\x03') && running) running.abort();
      else keyQueue.push(data);
    },
    onEof: () => {
      out.write('exit\r\n');
      resolveDone(shell.lastStatus);
    },
    complete: async (line, cursor) => shell.complete(line, cursor),
  });

  async function runLine(line: string): Promise<void> {
    const text = pending ? pending + '\n' + line : line;
    if (!shell.isComplete(text)) {
      pending = text;
      editor.prompt('> ');
      return;
    }
    pending = '';
    running = new Canceller();
    await shell.exec(text, { stdout: (t) => out.write(crlf(t)), stderr: (t) => out.write(crlf(t)), terminal }, running);
    editor.setRaw(false);
    running = undefined;
    keyQueue.length = 0;
    if (shell.exited) return resolveDone(shell.lastStatus);
    editor.setHistory(shell.history);
    editor.prompt(shell.prompt());
  }

  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.on('data', (d: string) => editor.feed(d));
  stdin.resume();
  editor.prompt(shell.prompt());
  const code = await done;
  driver.stop();
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  return code;
}
