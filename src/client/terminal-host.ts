/**
 * Glue for one terminal on the page, loaded lazily by <kl-terminal>: xterm (through the adapter), the pure line
 * editor, the shared ClusterSession, the HTML transcript (role="log"), raw mode for full-screen programs, and
 * persistence of history. Typing never waits for the worker: echo, cursor moves and history are local.
 */
import { XtermAdapter } from '../terminal/xterm-adapter';
import { LineEditor } from '../terminal/line-editor';
import { stripAnsi, textWidth } from '../terminal/width';
import type { TerminalTheme } from '../terminal/types';
import { ClusterSession, type ClusterOptions } from './cluster-session';
import type { ModeEvent, OutputChunk } from '../worker/protocol';

export interface TerminalConfig {
  terminalId: string;
  cluster: ClusterOptions;
  screen: HTMLElement;
  transcript: HTMLElement;
  label: string;
}

export interface TerminalController {
  /** Types a command visibly and resolves when it has run. */
  run(line: string): Promise<number>;
  focus(): void;
  /** Key data as if typed (the phone key row). */
  input(data: string): void;
  setScreenReader(on: boolean): void;
  readonly cluster: ClusterSession;
  /** Redraws after the cluster was replaced (reset, undo). */
  refresh(message?: string): Promise<void>;
}

const TRANSCRIPT_LIMIT = 300;

export function terminalTheme(): TerminalTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--kl-term-bg', '#0f1419'),
    foreground: v('--kl-term-fg', '#e6e1cf'),
    cursor: v('--kl-term-cursor', '#f29718'),
    selectionBackground: v('--kl-term-selection', '#33415e'),
  };
}

export async function mountTerminal(cfg: TerminalConfig): Promise<TerminalController> {
  const view = new XtermAdapter(cfg.screen, { theme: terminalTheme(), ariaLabel: cfg.label });
  const cluster = ClusterSession.get(cfg.cluster);
  const id = cfg.terminalId;
  let runId = 0;
  let currentRun = 0;
  let raw = false;
  let prompt = '$ ';
  let outputLog: HTMLElement | undefined;
  let pendingResolvers: Array<(code: number) => void> = [];
  /** Column where the last output left the cursor (bash prints its prompt right there). */
  let outputCol = 0;

  const appendTranscript = (cls: string, text: string) => {
    const t = stripAnsi(text).replace(/\r/g, '');
    if (!t) return;
    if (cls === 'out' && outputLog) {
      outputLog.textContent += t;
      return;
    }
    const pre = document.createElement('pre');
    pre.className = `kl-tx-${cls}`;
    pre.textContent = t;
    cfg.transcript.append(pre);
    if (cls === 'cmd') {
      outputLog = document.createElement('pre');
      outputLog.className = 'kl-tx-out';
      cfg.transcript.append(outputLog);
    }
    while (cfg.transcript.childElementCount > TRANSCRIPT_LIMIT) cfg.transcript.firstElementChild?.remove();
  };

  const writeOutput = (text: string) => {
    const data = raw ? text : text.replace(/\r?\n/g, '\r\n');
    view.write(data);
    if (!raw) {
      appendTranscript('out', text);
      const nl = text.lastIndexOf('\n');
      const tail = stripAnsi(nl >= 0 ? text.slice(nl + 1) : text).replace(/.*\r/, '');
      outputCol = (nl >= 0 ? 0 : outputCol) + textWidth(tail);
    }
  };

  const showPrompt = () => {
    // Drawn in the same write batch as the output before it (one frame, not two); the position comes from what
    // was written, not from asking xterm after a parse.
    editor.prompt(prompt, outputCol % Math.max(1, view.cols));
    outputCol = 0;
    view.write('', () => {
      cfg.screen.dispatchEvent(new CustomEvent('kl-prompt', { bubbles: true }));
      performance.mark('kl-prompt-ready');
    });
  };

  const onMessage = (m: OutputChunk | ModeEvent) => {
    if (m.kind === 'mode') {
      raw = m.raw;
      editor.setRaw(m.raw);
      return;
    }
    if (m.runId !== currentRun && m.runId !== 0) return;
    writeOutput(m.text);
  };

  // A message from the page or the worker (restore, crash): printed on its own lines; a learner at the prompt gets
  // a fresh prompt below it.
  let started = false;
  const notice = (text: string) => {
    view.write(`\r\n\x1b[33m${text}\x1b[0m\r\n`);
    appendTranscript('note', text);
    outputCol = 0;
    if (started && !currentRun) showPrompt();
  };

  /** Lines typed so far of a command that is not complete yet (here-document, open quote). */
  let continued: string[] = [];
  /** A typed line waiting to hear whether it is a whole command. */
  let checking: { interrupted: boolean } | undefined;

  const execLine = async (typed: string) => {
    appendTranscript('cmd', (continued.length ? '> ' : prompt) + typed);
    if (!typed.trim() && !continued.length) {
      finish(0);
      return;
    }
    const text = [...continued, typed].join('\n');
    let whole = true;
    // Asking the shell waits for the cluster the first time (it loads when the learner reaches for the terminal):
    // Ctrl-C meanwhile drops the line, as bash's SIGINT would.
    const check = { interrupted: false };
    checking = check;
    try {
      whole = await cluster.isComplete(id, text);
    } catch {
      whole = true;
    }
    checking = undefined;
    if (check.interrupted) return;
    if (!whole) {
      continued.push(typed);
      editor.prompt('> ', 0);
      return;
    }
    continued = [];
    const line = text;
    const myRun = ++runId;
    currentRun = myRun;
    performance.mark('kl-cmd-submit');
    let code = 1;
    try {
      const r = await cluster.exec(id, myRun, line, editor.getHistory());
      code = r.exitCode;
      prompt = r.prompt;
    } catch {
      code = 1;
    }
    if (raw) {
      raw = false;
      editor.setRaw(false);
    }
    currentRun = 0;
    performance.mark('kl-cmd-done');
    finish(code);
  };

  const finish = (code: number) => {
    const resolvers = pendingResolvers;
    pendingResolvers = [];
    showPrompt();
    for (const r of resolvers) r(code);
  };

  const editor = new LineEditor({
    cols: view.cols,
    write: (d) => view.write(d),
    onLine: (line) => void execLine(line),
    onCancelLine: () => {
      continued = [];
    },
    onInterrupt: () => {
      if (checking) {
        checking.interrupted = true;
        checking = undefined;
        view.write('^C\r\n');
        appendTranscript('out', '^C\n');
        outputCol = 0;
        continued = [];
        finish(130);
        return;
      }
      // The tty echoes ^C at once; bash adds the newline when the job dies of SIGINT.
      if (currentRun) {
        view.write('^C\r\n');
        appendTranscript('out', '^C\n');
        outputCol = 0;
        cluster.cancel(id, currentRun);
      }
    },
    onRaw: (data) => cluster.key(id, data),
    onEof: () => view.write('\x07'),
    complete: async (line, cursor) => {
      try {
        return await cluster.complete(id, line, cursor);
      } catch {
        return undefined;
      }
    },
  });

  view.onData((d) => editor.feed(d));
  view.onResize((cols, rows) => {
    editor.resize(cols);
    cluster.resize(id, cols, rows);
  });
  document.addEventListener('kl-theme', () => view.setTheme(terminalTheme()));

  const attached = await cluster.attach(id, view.cols, view.rows, onMessage, notice, () => {
    // The worker died mid-command: stop waiting for it.
    if (currentRun) {
      currentRun = 0;
      finish(1);
    }
  });
  prompt = attached.prompt;
  editor.setHistory(attached.history);
  if (attached.init.message) notice(attached.init.message);
  started = true;
  showPrompt();

  return {
    cluster,
    focus: () => view.focus(),
    input: (data: string) => editor.feed(data),
    setScreenReader: (on: boolean) => view.setScreenReader(on),
    run(line: string) {
      return new Promise<number>((resolve) => {
        pendingResolvers.push(resolve);
        editor.typeLine(line);
      });
    },
    async refresh(message?: string) {
      prompt = await cluster.reopen(id, view.cols, view.rows);
      if (message) notice(message);
      else if (!currentRun) {
        // Redraw a fresh prompt on its own line.
        view.write('\r\n');
        outputCol = 0;
        showPrompt();
      }
    },
  };
}
