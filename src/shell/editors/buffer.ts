/** The text buffer and screen helpers both terminal editors share: lines, cursor, scrolling, key decoding. */
import type { CommandContext, TerminalAccess } from '../types';
import { abs } from '../commands/util';
import { byteLength } from '../vfs';

export class TextBuffer {
  lines: string[];
  row = 0;
  col = 0;
  top = 0;
  modified = false;
  readonly existed: boolean;
  /** Whether the file ended with a newline (vim keeps that; an empty file has none). */
  private undo: { lines: string[]; row: number; col: number }[] = [];

  /**
   * `magicLine`: nano's model, where the text after the last newline is an editable (usually empty) line;
   * vi's model has no such line and writes a newline after the last one.
   */
  constructor(
    readonly ctx: CommandContext,
    readonly name: string,
    readonly magicLine = false,
  ) {
    const path = abs(ctx, name);
    let text = '';
    this.existed = ctx.fs.stat(path)?.type === 'file';
    if (this.existed) text = ctx.fs.readFile(path);
    if (magicLine) this.lines = text.split('\n');
    else this.lines = text === '' ? [''] : text.replace(/\n$/, '').split('\n');
  }

  /** Lines as the editor counts them in messages (nano leaves out its magic last line). */
  lineCount(): number {
    if (this.magicLine) return this.lines[this.lines.length - 1] === '' ? this.lines.length - 1 : this.lines.length;
    return this.lines.length === 1 && this.lines[0] === '' ? 0 : this.lines.length;
  }

  get path(): string {
    return abs(this.ctx, this.name);
  }

  text(): string {
    if (this.magicLine) {
      const t = this.lines.join('\n');
      return t === '' || t.endsWith('\n') ? t : t + '\n';
    }
    return this.lines.length === 1 && this.lines[0] === '' ? '' : this.lines.join('\n') + '\n';
  }

  save(): { ok: true; lines: number; bytes: number } | { ok: false; error: string } {
    try {
      const t = this.text();
      this.ctx.fs.writeFile(this.path, t);
      this.modified = false;
      return { ok: true, lines: this.lineCount(), bytes: byteLength(t) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  checkpoint(): void {
    this.undo.push({ lines: [...this.lines], row: this.row, col: this.col });
    if (this.undo.length > 200) this.undo.shift();
  }

  undoLast(): boolean {
    const s = this.undo.pop();
    if (!s) return false;
    this.lines = s.lines;
    this.row = s.row;
    this.col = s.col;
    this.modified = true;
    return true;
  }

  line(): string {
    return this.lines[this.row] ?? '';
  }

  clamp(insert: boolean): void {
    this.row = Math.max(0, Math.min(this.row, this.lines.length - 1));
    const max = insert ? this.line().length : Math.max(0, this.line().length - 1);
    this.col = Math.max(0, Math.min(this.col, max));
  }

  insert(text: string): void {
    for (const ch of text) {
      if (ch === '\r' || ch === '\n') {
        const l = this.line();
        this.lines.splice(this.row, 1, l.slice(0, this.col), l.slice(this.col));
        this.row++;
        this.col = 0;
      } else {
        const l = this.line();
        this.lines[this.row] = l.slice(0, this.col) + ch + l.slice(this.col);
        this.col++;
      }
    }
    this.modified = true;
  }

  backspace(): void {
    if (this.col > 0) {
      const l = this.line();
      this.lines[this.row] = l.slice(0, this.col - 1) + l.slice(this.col);
      this.col--;
    } else if (this.row > 0) {
      const prev = this.lines[this.row - 1];
      this.lines.splice(this.row - 1, 2, prev + this.line());
      this.row--;
      this.col = prev.length;
    } else return;
    this.modified = true;
  }

  deleteChar(): void {
    const l = this.line();
    if (this.col < l.length) this.lines[this.row] = l.slice(0, this.col) + l.slice(this.col + 1);
    else if (this.row < this.lines.length - 1) this.lines.splice(this.row, 2, l + this.lines[this.row + 1]);
    else return;
    this.modified = true;
  }

  /** Keeps the cursor row on screen. */
  scroll(height: number): void {
    if (this.row < this.top) this.top = this.row;
    if (this.row >= this.top + height) this.top = this.row - height + 1;
  }

  find(pattern: string, forward: boolean): boolean {
    const n = this.lines.length;
    for (let k = 1; k <= n; k++) {
      const r = (this.row + (forward ? k : -k) + n * 2) % n;
      const from = k === n ? (forward ? this.col + 1 : 0) : 0;
      const i = this.lines[r].indexOf(pattern, r === this.row && forward ? from : 0);
      if (i >= 0) {
        this.row = r;
        this.col = i;
        return true;
      }
    }
    const same = this.line().indexOf(pattern, this.col + 1);
    if (same >= 0) {
      this.col = same;
      return true;
    }
    return false;
  }
}

/** Splits raw key data into keys: escape sequences stay whole, other characters one by one. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length; ) {
    if (data[i] === '\x1b') {
      const m = /^\x1b(\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|.)?/s.exec(data.slice(i))!;
      keys.push(m[0]);
      i += m[0].length;
      continue;
    }
    const cp = data.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    keys.push(ch);
    i += ch.length;
  }
  return keys;
}

export const KEY = {
  up: ['\x1b[A', '\x1bOA'],
  down: ['\x1b[B', '\x1bOB'],
  right: ['\x1b[C', '\x1bOC'],
  left: ['\x1b[D', '\x1bOD'],
  home: ['\x1b[H', '\x1bOH', '\x1b[1~'],
  end: ['\x1b[F', '\x1bOF', '\x1b[4~'],
  del: ['\x1b[3~'],
  pgup: ['\x1b[5~'],
  pgdn: ['\x1b[6~'],
};

export function is(key: string, names: string[]): boolean {
  return names.includes(key);
}

/** Draws a whole screen: each row cut to the width, the cursor placed last. Lines are 1-based in escapes. */
export function paint(term: TerminalAccess, rows: string[], cursorRow: number, cursorCol: number): void {
  let out = '\x1b[?25l\x1b[H';
  rows.forEach((r, i) => {
    out += `\x1b[${i + 1};1H${r}\x1b[K`;
  });
  out += `\x1b[${cursorRow + 1};${cursorCol + 1}H\x1b[?25h`;
  term.write(out);
}

export function fit(text: string, width: number): string {
  return [...text].slice(0, width).join('');
}
