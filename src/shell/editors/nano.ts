/**
 * GNU nano 7.2 (Ubuntu 24.04): title bar, text, status line and the two-line shortcut bar.
 * ^O write out (asks `File Name to Write: `), ^X exit (asks `Save modified buffer? ` Y/N/^C), ^K cut line,
 * ^U paste, ^W where is, ^C cursor position, arrows, Home/End, Backspace/Delete, Enter.
 * Status texts: `[ Wrote 12 lines ]`, `[ New File ]`, `[ Read 12 lines ]`, `[ "foo" not found ]`.
 */
import { Cancelled, type CommandContext } from '../types';
import { TextBuffer, splitKeys, KEY, is, paint, fit } from './buffer';
import { abs } from '../commands/util';

const SHORTCUTS: [string, string][][] = [
  [
    ['^G', 'Help'],
    ['^O', 'Write Out'],
    ['^W', 'Where Is'],
    ['^K', 'Cut'],
    ['^T', 'Execute'],
    ['^C', 'Location'],
  ],
  [
    ['^X', 'Exit'],
    ['^R', 'Read File'],
    ['^\\', 'Replace'],
    ['^U', 'Paste'],
    ['^J', 'Justify'],
    ['^/', 'Go To Line'],
  ],
];

const INV = (s: string) => `\x1b[7m${s}\x1b[27m`;

function helpRow(items: [string, string][], cols: number): string {
  const w = Math.max(8, Math.floor(cols / items.length));
  return items.map(([k, label]) => INV(k) + ' ' + label.padEnd(w - k.length - 1).slice(0, w - k.length - 1)).join('');
}

export async function nano(ctx: CommandContext, file: string | undefined): Promise<number> {
  const term = ctx.terminal;
  if (!term) {
    ctx.stderr('Too many errors from stdin\n');
    return 1;
  }
  let name = file ?? '';
  const buf = new TextBuffer(ctx, name, true);
  let status = file ? (buf.existed ? `[ Read ${buf.lineCount()} line${buf.lineCount() === 1 ? '' : 's'} ]` : '[ New File ]') : '';
  let prompt: { label: string; value: string; kind: 'write' | 'search' | 'save?' } | undefined;
  let cutBuffer: string[] = [];
  let lastCut = false;
  let lastSearch = '';
  const textRows = () => Math.max(1, term.rows - 4);

  const render = () => {
    buf.scroll(textRows());
    const cols = term.columns;
    const title = `  GNU nano 7.2`;
    const mid = name || 'New Buffer';
    const right = buf.modified ? 'Modified  ' : '';
    const pad = Math.max(1, Math.floor((cols - mid.length) / 2) - title.length);
    const bar = (title + ' '.repeat(pad) + mid).padEnd(cols - right.length) + right;
    const rows = [INV(fit(bar, cols))];
    for (let i = 0; i < textRows(); i++) {
      const r = buf.top + i;
      rows.push(r < buf.lines.length ? fit(buf.lines[r], cols) : '');
    }
    if (prompt) rows.push(INV(fit((prompt.label + prompt.value).padEnd(cols), cols)));
    else rows.push(status ? ' '.repeat(Math.max(0, Math.floor((cols - status.length) / 2))) + INV(status) : '');
    if (prompt?.kind === 'save?') {
      rows.push(INV(' Y') + ' Yes', INV(' N') + ' No           ' + INV('^C') + ' Cancel');
    } else rows.push(helpRow(SHORTCUTS[0], cols), helpRow(SHORTCUTS[1], cols));
    const cursorRow = prompt ? textRows() + 1 : buf.row - buf.top + 1;
    const cursorCol = prompt ? prompt.label.length + prompt.value.length : Math.min(buf.col, cols - 1);
    paint(term, rows, cursorRow, cursorCol);
  };

  const write = (target: string): boolean => {
    if (!target) {
      status = '[ Cancelled ]';
      return false;
    }
    name = target;
    try {
      const text = buf.text();
      ctx.fs.writeFile(abs(ctx, target), text);
      buf.modified = false;
      if (buf.lines[buf.lines.length - 1] !== '') buf.lines.push('');
      const n = buf.lineCount();
      status = `[ Wrote ${n} line${n === 1 ? '' : 's'} ]`;
      return true;
    } catch (e) {
      status = `[ Error writing ${target}: ${(e as Error).message} ]`;
      return false;
    }
  };

  term.write('\x1b[?1049h\x1b[H\x1b[2J');
  const aborted = new Promise<never>((_, reject) => ctx.signal.onAbort(() => reject(new Cancelled())));
  aborted.catch(() => undefined);
  try {
    render();
    for (;;) {
      if (ctx.signal.aborted) throw new Cancelled();
      const data = await Promise.race([term.readKey(), aborted]);
      for (const k of splitKeys(data)) {
        if (prompt) {
          if (prompt.kind === 'save?') {
            if (k === 'y' || k === 'Y') {
              prompt = { label: 'File Name to Write: ', value: name, kind: 'write' };
              (prompt as { exitAfter?: boolean }).exitAfter = true;
            } else if (k === 'n' || k === 'N') return 0;
            else if (k === '\x03') {
              prompt = undefined;
              status = '[ Cancelled ]';
            }
            continue;
          }
          if (k === '\x03') {
            prompt = undefined;
            status = '[ Cancelled ]';
          } else if (k === '\r' || k === '\n') {
            const p = prompt;
            prompt = undefined;
            if (p.kind === 'write') {
              if (write(p.value) && (p as { exitAfter?: boolean }).exitAfter) return 0;
            } else {
              lastSearch = p.value || lastSearch;
              status = lastSearch && !buf.find(lastSearch, true) ? `[ "${lastSearch}" not found ]` : '';
            }
          } else if (k === '\x7f' || k === '\b') prompt.value = prompt.value.slice(0, -1);
          else if (!k.startsWith('\x1b') && k >= ' ') prompt.value += k;
          continue;
        }
        const cutting = k === '\x0b';
        status = '';
        if (k === '\x18') {
          if (!buf.modified) return 0;
          prompt = { label: 'Save modified buffer? ', value: '', kind: 'save?' };
        } else if (k === '\x0f') prompt = { label: 'File Name to Write: ', value: name, kind: 'write' };
        else if (k === '\x17') prompt = { label: lastSearch ? `Search [${lastSearch}]: ` : 'Search: ', value: '', kind: 'search' };
        else if (k === '\x0b') {
          buf.checkpoint();
          if (!lastCut) cutBuffer = [];
          cutBuffer.push(buf.line());
          buf.lines.splice(buf.row, 1);
          if (!buf.lines.length || buf.lines[buf.lines.length - 1] !== '') buf.lines.push('');
          buf.col = 0;
          buf.modified = true;
        } else if (k === '\x15') {
          if (cutBuffer.length) {
            buf.checkpoint();
            buf.lines.splice(buf.row, 0, ...cutBuffer);
            buf.row += cutBuffer.length;
            buf.col = 0;
            buf.modified = true;
          }
        } else if (k === '\x03') {
          const total = buf.text().length;
          const before = buf.lines.slice(0, buf.row).reduce((s, l) => s + l.length + 1, 0) + buf.col;
          const pct = (a: number, b: number) => Math.round((a / Math.max(1, b)) * 100);
          status = `[ line ${buf.row + 1}/${buf.lines.length} (${pct(buf.row + 1, buf.lines.length)}%), col ${buf.col + 1}/${buf.line().length + 1} (${pct(buf.col + 1, buf.line().length + 1)}%), char ${before}/${total} (${pct(before, total)}%) ]`;
        } else if (is(k, KEY.up)) buf.row--;
        else if (is(k, KEY.down)) buf.row++;
        else if (is(k, KEY.left)) buf.col--;
        else if (is(k, KEY.right)) buf.col++;
        else if (is(k, KEY.home) || k === '\x01') buf.col = 0;
        else if (is(k, KEY.end) || k === '\x05') buf.col = buf.line().length;
        else if (is(k, KEY.pgdn) || k === '\x16') buf.row += textRows();
        else if (is(k, KEY.pgup) || k === '\x19') buf.row -= textRows();
        else if (k === '\x7f' || k === '\b') buf.backspace();
        else if (is(k, KEY.del) || k === '\x04') buf.deleteChar();
        else if (k === '\r' || k === '\n') buf.insert('\n');
        else if (k === '\t' || (!k.startsWith('\x1b') && k >= ' ')) buf.insert(k);
        lastCut = cutting;
        buf.clamp(true);
      }
      render();
    }
  } catch (e) {
    if (e instanceof Cancelled) return 130;
    throw e;
  } finally {
    term.write('\x1b[2J\x1b[?1049l');
  }
}
