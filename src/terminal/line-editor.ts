/**
 * A pure line editor (readline-like) for the course terminal. It knows nothing about the DOM or xterm: it takes
 * key data exactly as xterm's onData delivers it and writes ANSI text through a callback, so Node tests can drive
 * it against @xterm/headless.
 *
 * Layout is computed in cells (wide characters take two, combining marks none, a wide character that does not fit
 * in the last column wraps early as terminals do), and every update is written as one batch: move to the prompt
 * start, clear to the end of the screen, rewrite prompt and line, move to the cursor. When the text ends exactly
 * on a column boundary the terminal is left in its pending-wrap state, so " \r" forces the wrap (what readline does)
 * and the cursor position stays known.
 *
 * Behaviour follows GNU readline's emacs keymap as bash uses it: Ctrl-A/E/B/F, Ctrl-U/K/W/Y, Ctrl-L, Ctrl-C (prints
 * ^C and a fresh prompt), Ctrl-D (delete, or end-of-file on an empty line), history on ↑/↓ and Ctrl-P/N, Ctrl-R
 * reverse incremental search, Tab completion (a common prefix on the first Tab, the candidate list in columns on
 * the second, as bash's show-all-if-ambiguous=off default does).
 */
import { charWidth, stripAnsi, textWidth } from './width';

export interface CompletionResult {
  /** String offsets in the line of the word being completed. */
  from: number;
  to: number;
  /** Full replacement words. */
  candidates: string[];
}

export interface LineEditorOptions {
  write(data: string): void;
  cols: number;
  onLine(line: string): void;
  /** Ctrl-C while a command runs (the host cancels it). */
  onInterrupt?(): void;
  /** Key data while raw mode is on (full-screen programs). */
  onRaw?(data: string): void;
  /** Ctrl-C at the prompt dropped the line (the host forgets continuation lines). */
  onCancelLine?(): void;
  /** Ctrl-D on an empty line. */
  onEof?(): void;
  complete?(line: string, cursor: number): Promise<CompletionResult | undefined>;
  historyLimit?: number;
}

type Mode = 'idle' | 'reading' | 'search';

const BELL = '\x07';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Splits text into cells-clusters: a base character with the zero-width marks that follow it. */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length && charWidth(ch.codePointAt(0)!) === 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

function clusterWidth(c: string): number {
  return charWidth(c.codePointAt(0)!);
}

export class LineEditor {
  private mode: Mode = 'idle';
  private raw = false;
  private buf: string[] = [];
  private pos = 0;
  private promptText = '';
  private primaryPrompt = '$ ';
  private startCol = 0;
  private cols: number;
  /** Where the terminal cursor is, relative to the row the prompt started on. */
  private curRow = 0;
  private history: string[] = [];
  private histIndex = 0;
  private histSaved = '';
  private killed = '';
  private pending = '';
  private inPaste = false;
  private pasteBuf = '';
  private lastWasTab = false;
  private version = 0;
  private completing: Promise<void> = Promise.resolve();
  private search = { query: '', index: -1, failed: false, saved: [] as string[], savedPos: 0 };

  constructor(private readonly opts: LineEditorOptions) {
    this.cols = Math.max(2, opts.cols);
  }

  get reading(): boolean {
    return this.mode !== 'idle';
  }

  get isRaw(): boolean {
    return this.raw;
  }

  get line(): string {
    return this.buf.join('');
  }

  /** Cursor as a string offset into `line`. */
  get cursor(): number {
    return this.buf.slice(0, this.pos).join('').length;
  }

  getHistory(): string[] {
    return [...this.history];
  }

  setHistory(list: string[]): void {
    this.history = list.slice(-(this.opts.historyLimit ?? 1000));
    this.histIndex = this.history.length;
  }

  /** Resolves when pending completion requests are done (tests and click-to-run wait on it). */
  settled(): Promise<void> {
    return this.completing;
  }

  /**
   * Shows the prompt and starts reading a line. `startCol` is the column the terminal cursor is on (non-zero when the
   * last output did not end in a newline: bash then prints its prompt right there).
   */
  prompt(text: string, startCol = 0): void {
    const nl = text.lastIndexOf('\n');
    if (nl >= 0) {
      this.opts.write(text.slice(0, nl + 1).replace(/\r?\n/g, '\r\n'));
      text = text.slice(nl + 1);
      startCol = 0;
    }
    this.promptText = text;
    if (text !== '> ') this.primaryPrompt = text;
    this.startCol = startCol % this.cols;
    this.buf = [];
    this.pos = 0;
    this.curRow = 0;
    this.histIndex = this.history.length;
    this.histSaved = '';
    this.lastWasTab = false;
    this.mode = 'reading';
    this.version++;
    this.render();
    this.drainPending();
  }

  /** Raw mode: every key goes to onRaw (vi, nano, watch, exec -it). */
  setRaw(on: boolean): void {
    this.raw = on;
  }

  resize(cols: number): void {
    cols = Math.max(2, cols);
    if (cols === this.cols) return;
    this.cols = cols;
    if (this.mode !== 'idle') {
      // xterm does not reflow the cursor's line by default (reflowCursorLine: false), so the rows we drew stay
      // where they were; redraw them with the new width from the prompt's first row.
      this.startCol = Math.min(this.startCol, cols - 1);
      this.render();
    }
  }

  /** Types a whole line visibly and runs it (click-to-run, Solve). Queued if a command is running. */
  typeLine(text: string): void {
    const line = text.replace(/\r?\n$/, '');
    if (this.mode === 'idle') {
      this.pending += line + '\r';
      return;
    }
    if (this.mode === 'search') this.endSearch(true);
    this.buf = clusters(line);
    this.pos = this.buf.length;
    this.render();
    this.submit();
  }

  feed(data: string): void {
    if (this.raw) {
      this.opts.onRaw?.(data);
      return;
    }
    if (this.mode === 'idle') {
      // Ctrl-C interrupts the running command and drops typeahead, as a tty's SIGINT does.
      const i = data.indexOf('\x03');
      if (i >= 0 && !this.inPaste) {
        this.pending = '';
        this.opts.onInterrupt?.();
        return;
      }
      this.pending += data;
      return;
    }
    this.process(data);
  }

  // ---- input decoding ----

  private drainPending(): void {
    if (!this.pending) return;
    const data = this.pending;
    this.pending = '';
    this.process(data);
  }

  private process(data: string): void {
    let i = 0;
    while (i < data.length) {
      if (this.mode === 'idle') {
        this.pending += data.slice(i);
        return;
      }
      if (this.inPaste) {
        const end = data.indexOf(PASTE_END, i);
        if (end < 0) {
          this.pasteBuf += data.slice(i);
          return;
        }
        this.pasteBuf += data.slice(i, end);
        i = end + PASTE_END.length;
        this.inPaste = false;
        const text = this.pasteBuf;
        this.pasteBuf = '';
        this.paste(text, data.slice(i));
        return;
      }
      if (data.startsWith(PASTE_START, i)) {
        this.inPaste = true;
        i += PASTE_START.length;
        continue;
      }
      const ch = data[i];
      if (ch === '\x1b') {
        const seq = readEscape(data, i);
        i += seq.length;
        this.key(seq);
        continue;
      }
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code === 0x7f) {
        i++;
        this.key(ch);
        continue;
      }
      // A run of printable characters is inserted in one render.
      let j = i;
      while (j < data.length) {
        const c = data.charCodeAt(j);
        if (c < 0x20 || c === 0x7f || c === 0x1b) break;
        j++;
      }
      const text = data.slice(i, j);
      if (this.mode === 'search') for (const ch of text) this.searchKey(ch);
      else this.insertText(text);
      i = j;
    }
  }

  /** A bracketed paste: lines after the first run in order, each after the previous command finishes. */
  private paste(text: string, rest: string): void {
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.length === 1) {
      this.insertText(lines[0]);
      if (rest) this.process(rest);
      return;
    }
    const first = lines.shift()!;
    this.pending = lines.map((l, k) => (k < lines.length - 1 ? l + '\r' : l)).join('') + rest + this.pending;
    this.insertText(first);
    this.submit();
  }

  private key(k: string): void {
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    if (this.mode === 'search') {
      this.searchKey(k);
      return;
    }
    switch (k) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        return this.backspace();
      case '\t':
        this.lastWasTab = true;
        return this.tab(wasTab);
      case '\x01': // Ctrl-A
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x1b[7~':
        return this.moveTo(0);
      case '\x05': // Ctrl-E
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x1b[8~':
        return this.moveTo(this.buf.length);
      case '\x02':
      case '\x1b[D':
      case '\x1bOD':
        return this.moveTo(this.pos - 1);
      case '\x06':
      case '\x1b[C':
      case '\x1bOC':
        return this.moveTo(this.pos + 1);
      case '\x1bb':
      case '\x1b[1;5D':
      case '\x1b[1;3D':
        return this.moveTo(this.wordStart(this.pos));
      case '\x1bf':
      case '\x1b[1;5C':
      case '\x1b[1;3C':
        return this.moveTo(this.wordEnd(this.pos));
      case '\x1b[3~':
        return this.deleteForward();
      case '\x04': // Ctrl-D
        if (this.buf.length === 0) {
          this.opts.onEof?.();
          return;
        }
        return this.deleteForward();
      case '\x15': // Ctrl-U: kill to the start
        return this.kill(0, this.pos);
      case '\x0b': // Ctrl-K: kill to the end
        return this.kill(this.pos, this.buf.length);
      case '\x17': // Ctrl-W: kill the whitespace-delimited word before the cursor
        return this.kill(this.wordStartWs(this.pos), this.pos);
      case '\x1bd':
        return this.kill(this.pos, this.wordEnd(this.pos));
      case '\x19': // Ctrl-Y
        return this.insertText(this.killed);
      case '\x0c': // Ctrl-L
        return this.clearScreen();
      case '\x03': // Ctrl-C
        return this.interruptLine();
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        return this.historyMove(-1);
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        return this.historyMove(1);
      case '\x12': // Ctrl-R
        return this.startSearch();
      default:
        return; // unbound keys are ignored
    }
  }

  // ---- editing ----

  private insertText(text: string): void {
    if (!text) return;
    const add = clusters(text.replace(/[\x00-\x1f\x7f]/g, ''));
    this.buf.splice(this.pos, 0, ...add);
    this.pos += add.length;
    this.edited();
  }

  private backspace(): void {
    if (this.pos === 0) return;
    this.buf.splice(this.pos - 1, 1);
    this.pos--;
    this.edited();
  }

  private deleteForward(): void {
    if (this.pos >= this.buf.length) return;
    this.buf.splice(this.pos, 1);
    this.edited();
  }

  private kill(from: number, to: number): void {
    if (to <= from) return;
    this.killed = this.buf.slice(from, to).join('');
    this.buf.splice(from, to - from);
    this.pos = from;
    this.edited();
  }

  private moveTo(p: number): void {
    const np = Math.max(0, Math.min(this.buf.length, p));
    if (np === this.pos) return;
    this.pos = np;
    this.render();
  }

  private edited(): void {
    this.version++;
    this.render();
  }

  private isWordChar(c: string | undefined): boolean {
    return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  }

  private wordStart(p: number): number {
    while (p > 0 && !this.isWordChar(this.buf[p - 1])) p--;
    while (p > 0 && this.isWordChar(this.buf[p - 1])) p--;
    return p;
  }

  private wordEnd(p: number): number {
    const n = this.buf.length;
    while (p < n && !this.isWordChar(this.buf[p])) p++;
    while (p < n && this.isWordChar(this.buf[p])) p++;
    return p;
  }

  private wordStartWs(p: number): number {
    while (p > 0 && this.buf[p - 1] === ' ') p--;
    while (p > 0 && this.buf[p - 1] !== ' ') p--;
    return p;
  }

  private submit(): void {
    const line = this.line;
    this.moveTo(this.buf.length);
    this.opts.write('\r\n');
    this.mode = 'idle';
    this.curRow = 0;
    this.version++;
    if (line.trim() && !line.startsWith(' ') && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      const limit = this.opts.historyLimit ?? 1000;
      if (this.history.length > limit) this.history.splice(0, this.history.length - limit);
    }
    this.histIndex = this.history.length;
    this.opts.onLine(line);
  }

  private interruptLine(): void {
    this.moveTo(this.buf.length);
    this.opts.write('^C\r\n');
    this.pending = '';
    this.opts.onCancelLine?.();
    // After ^C in a continuation (`> `), bash goes back to the primary prompt.
    const p = this.primaryPrompt;
    this.mode = 'idle';
    this.prompt(p, 0);
  }

  private clearScreen(): void {
    this.opts.write('\x1b[H\x1b[2J');
    this.curRow = 0;
    this.startCol = 0;
    this.render(true);
  }

  private historyMove(dir: number): void {
    const next = this.histIndex + dir;
    if (next < 0 || next > this.history.length) {
      this.opts.write(BELL);
      return;
    }
    if (this.histIndex === this.history.length) this.histSaved = this.line;
    this.histIndex = next;
    const text = next === this.history.length ? this.histSaved : this.history[next];
    this.buf = clusters(text);
    this.pos = this.buf.length;
    this.edited();
  }

  // ---- completion ----

  private tab(second: boolean): void {
    const complete = this.opts.complete;
    if (!complete) return;
    const line = this.line;
    const cursor = this.cursor;
    const version = this.version;
    this.completing = this.completing.then(async () => {
      let res: CompletionResult | undefined;
      try {
        res = await complete(line, cursor);
      } catch {
        res = undefined;
      }
      // A reply for a line that has since changed is stale.
      if (this.version !== version || this.mode !== 'reading') return;
      this.applyCompletion(line, res, second);
    });
  }

  private applyCompletion(line: string, res: CompletionResult | undefined, second: boolean): void {
    if (!res || res.candidates.length === 0) {
      this.opts.write(BELL);
      return;
    }
    const word = line.slice(res.from, res.to);
    const cands = [...new Set(res.candidates)];
    if (cands.length === 1) {
      const c = cands[0];
      const suffix = /[/=]$/.test(c) ? '' : ' ';
      const after = line.slice(res.to);
      const addSpace = suffix && !after.startsWith(' ');
      this.replaceRange(res.from, res.to, c + (addSpace ? suffix : ''), after.startsWith(' ') ? 1 : 0);
      return;
    }
    const prefix = commonPrefix(cands);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      // Still ambiguous: bash inserts the common prefix and rings; the next Tab lists the candidates.
      this.replaceRange(res.from, res.to, prefix, 0);
      this.opts.write(BELL);
      this.lastWasTab = true;
      return;
    }
    if (!second) {
      this.opts.write(BELL);
      this.lastWasTab = true;
      return;
    }
    this.showCandidates(cands);
    this.lastWasTab = true;
  }

  /** Replaces line[from, to) and puts the cursor after the replacement (plus `skip` characters). */
  private replaceRange(from: number, to: number, text: string, skip: number): void {
    const line = this.line;
    const next = line.slice(0, from) + text + line.slice(to);
    const cursorStr = from + text.length + skip;
    this.buf = clusters(next);
    this.pos = clusters(next.slice(0, cursorStr)).length;
    this.version++;
    this.render();
    // Keep the same version for a second Tab only when nothing changed.
  }

  /** Lists candidates below the line in columns, sorted down then across (bash's layout), then redraws. */
  private showCandidates(cands: string[]): void {
    const sorted = [...cands].sort();
    const width = Math.max(...sorted.map(textWidth)) + 2;
    const perRow = Math.max(1, Math.floor(this.cols / width));
    const rows = Math.ceil(sorted.length / perRow);
    let out = '';
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < perRow; c++) {
        const item = sorted[c * rows + r];
        if (item === undefined) continue;
        const last = (c + 1) * rows + r >= sorted.length;
        line += last ? item : item + ' '.repeat(width - textWidth(item));
      }
      out += line.replace(/\s+$/, '') + '\r\n';
    }
    this.moveTo(this.buf.length);
    this.opts.write('\r\n' + out);
    this.curRow = 0;
    this.startCol = 0;
    this.render(true);
  }

  // ---- reverse-i-search ----

  private startSearch(): void {
    this.search = { query: '', index: this.history.length, failed: false, saved: [...this.buf], savedPos: this.pos };
    this.mode = 'search';
    this.render();
  }

  private findFrom(start: number, query: string): number {
    for (let i = Math.min(start, this.history.length - 1); i >= 0; i--) {
      if (this.history[i].includes(query)) return i;
    }
    return -1;
  }

  private searchKey(k: string): void {
    const s = this.search;
    const isPrintable = k.length >= 1 && !k.startsWith('\x1b') && k.charCodeAt(0) >= 0x20 && k !== '\x7f';
    if (isPrintable) {
      s.query += k;
      this.searchUpdate(s.index);
      return;
    }
    switch (k) {
      case '\x12': {
        if (!s.query) return;
        this.searchUpdate(s.index - 1);
        return;
      }
      case '\x7f':
      case '\b':
        s.query = s.query.slice(0, -1);
        this.searchUpdate(this.history.length - 1);
        return;
      case '\x07': // Ctrl-G aborts and restores the line
        this.buf = s.saved;
        this.pos = s.savedPos;
        this.mode = 'reading';
        this.render();
        return;
      case '\x03':
        this.mode = 'reading';
        this.interruptLine();
        return;
      case '\r':
      case '\n':
        this.endSearch(false);
        this.submit();
        return;
      case '\x1b':
        this.endSearch(false);
        return;
      default:
        this.endSearch(false);
        this.key(k);
    }
  }

  private searchUpdate(from: number): void {
    const s = this.search;
    const found = s.query ? this.findFrom(from, s.query) : -1;
    if (found >= 0) {
      s.index = found;
      s.failed = false;
      const text = this.history[found];
      this.buf = clusters(text);
      this.pos = clusters(text.slice(0, text.lastIndexOf(s.query))).length;
    } else if (s.query) {
      s.failed = true;
      this.opts.write(BELL);
    }
    this.render();
  }

  private endSearch(restore: boolean): void {
    if (restore) {
      this.buf = this.search.saved;
      this.pos = this.search.savedPos;
    }
    this.mode = 'reading';
    this.histIndex = this.history.length;
    this.version++;
    this.render();
  }

  // ---- rendering ----

  private displayPrompt(): string {
    if (this.mode === 'search') {
      const s = this.search;
      return `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
    }
    return this.promptText;
  }

  /** Row/column of every cluster boundary (index 0..n), relative to the prompt's first row. */
  private layout(promptWidth: number): Array<[number, number]> {
    const cols = this.cols;
    let p = this.startCol + promptWidth;
    let row = Math.floor(p / cols);
    let col = p % cols;
    const at: Array<[number, number]> = [];
    for (const c of this.buf) {
      const w = clusterWidth(c);
      if (w === 2 && col === cols - 1) {
        row++;
        col = 0;
      }
      at.push([row, col]);
      col += w;
      if (col >= cols) {
        row++;
        col -= cols;
      }
    }
    at.push([row, col]);
    return at;
  }

  private render(fromTop = false): void {
    if (this.mode === 'idle') return;
    const prompt = this.displayPrompt();
    const pw = textWidth(stripAnsi(prompt));
    const at = this.layout(pw);
    let out = '';
    // Back to the prompt's first row and column.
    if (!fromTop && this.curRow > 0) out += `\x1b[${this.curRow}A`;
    out += '\r';
    if (this.startCol > 0) out += `\x1b[${this.startCol}C`;
    out += '\x1b[J' + prompt + this.buf.join('');
    const [endRow, endCol] = at[at.length - 1];
    if (endCol === 0 && this.startCol + pw + this.buf.length > 0) out += ' \r';
    const [row, col] = at[this.pos];
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    out += '\r';
    if (col > 0) out += `\x1b[${col}C`;
    this.curRow = row;
    this.opts.write(out);
  }
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) {
    while (!w.startsWith(p)) p = p.slice(0, -1);
  }
  return p;
}

/** Length of the escape sequence starting at data[i] (CSI, SS3, or Alt+key). */
function readEscape(data: string, i: number): string {
  const next = data[i + 1];
  if (next === undefined) return '\x1b';
  if (next === '[') {
    let j = i + 2;
    while (j < data.length && /[0-?]/.test(data[j])) j++;
    while (j < data.length && /[ -/]/.test(data[j])) j++;
    return data.slice(i, Math.min(j + 1, data.length));
  }
  if (next === 'O') return data.slice(i, i + 3);
  return data.slice(i, i + 2);
}
