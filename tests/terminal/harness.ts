// Drives the pure line editor against a real terminal emulator (@xterm/headless) so assertions are on the screen
// a learner would see, not on the escape codes.
import headless from '@xterm/headless';
import { LineEditor, type CompletionResult } from '../../src/terminal/line-editor';

const { Terminal } = headless as unknown as typeof import('@xterm/headless');

export interface Harness {
  term: InstanceType<typeof Terminal>;
  editor: LineEditor;
  lines: string[];
  /** Feeds key data and waits until the terminal has parsed everything written. */
  type(data: string): Promise<void>;
  flush(): Promise<void>;
  screen(): string[];
  cursor(): [number, number];
  resize(cols: number, rows?: number): Promise<void>;
}

export function makeHarness(opts: {
  cols?: number;
  rows?: number;
  prompt?: string;
  complete?: (line: string, cursor: number) => Promise<CompletionResult | undefined>;
  /** What the "shell" prints for a line; the prompt comes back after it. */
  run?: (line: string) => string;
} = {}): Harness {
  const cols = opts.cols ?? 40;
  const term = new Terminal({ cols, rows: opts.rows ?? 12, allowProposedApi: true });
  const lines: string[] = [];
  const prompt = opts.prompt ?? '$ ';
  let writes: Promise<void> = Promise.resolve();
  const write = (d: string) => {
    writes = writes.then(() => new Promise<void>((r) => term.write(d, r)));
  };
  const editor: LineEditor = new LineEditor({
    cols,
    write,
    complete: opts.complete,
    onLine(line) {
      lines.push(line);
      const out = opts.run ? opts.run(line) : '';
      if (out) write(out.replace(/\n/g, '\r\n'));
      // The prompt comes back asynchronously, like a worker reply.
      queueMicrotask(() => editor.prompt(prompt));
    },
  });
  editor.prompt(prompt);
  const flush = async () => {
    for (let i = 0; i < 5; i++) {
      await editor.settled();
      await new Promise((r) => setTimeout(r, 0));
      await writes;
    }
  };
  return {
    term,
    editor,
    lines,
    async type(data) {
      editor.feed(data);
      await flush();
    },
    flush,
    screen() {
      const b = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < b.length; i++) out.push(b.getLine(i)!.translateToString(true).replace(/\s+$/, ''));
      while (out.length && out[out.length - 1] === '') out.pop();
      return out;
    },
    cursor() {
      const b = term.buffer.active;
      return [b.cursorY + b.baseY, b.cursorX];
    },
    async resize(c, r) {
      term.resize(c, r ?? term.rows);
      editor.resize(c);
      await flush();
    },
  };
}
