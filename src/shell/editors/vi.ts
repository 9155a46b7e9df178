/**
 * vi (as Ubuntu's vim.tiny/vim behaves for the common keys): normal, insert and command-line modes.
 * Normal: h j k l and arrows, 0 ^ $ w b, gg G, x, dd, yy, p P, o O, i a I A, r, D, u, J, /pattern n N, ZZ ZQ,
 * counts (3dd, 5j). Command line: :w :q :wq :x :q! :w! :wq! :N, :set nu (ignored). Messages are vim's:
 * `"f.yaml" 12L, 345B`, `"f.yaml" [New]`, `E37: No write since last change (add ! to override)`,
 * `E492: Not an editor command: foo`, `E486: Pattern not found: foo`.
 */
import { Cancelled, type CommandContext } from '../types';
import { TextBuffer, splitKeys, KEY, is, paint, fit } from './buffer';

type Mode = 'normal' | 'insert' | 'command' | 'search';

export async function vi(ctx: CommandContext, file: string | undefined): Promise<number> {
  const term = ctx.terminal;
  if (!term) {
    ctx.stderr('Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n');
    ctx.stderr('Vim: Error reading input, exiting...\nVim: Finished.\n');
    return 1;
  }
  const buf = new TextBuffer(ctx, file ?? '');
  let mode = 'normal' as Mode;
  let cmdline = '';
  let message = file ? (buf.existed ? `"${file}" ${buf.lines.length}L, ${buf.text().length}B` : `"${file}" [New]`) : '';
  let register: { text: string[]; linewise: boolean } | undefined;
  let pending = '';
  let lastSearch = '';
  let insertCheckpointed = false;
  const height = () => Math.max(1, term.rows - 1);

  const render = () => {
    buf.scroll(height());
    const rows: string[] = [];
    for (let i = 0; i < height(); i++) {
      const r = buf.top + i;
      rows.push(r < buf.lines.length ? fit(buf.lines[r], term.columns) : '~');
    }
    let status = message;
    if (mode === 'insert') status = '-- INSERT --';
    if (mode === 'command') status = ':' + cmdline;
    if (mode === 'search') status = '/' + cmdline;
    const pos = `${buf.row + 1},${buf.line().length ? buf.col + 1 : '0-1'}`;
    const right = pos.padEnd(14) + (buf.top === 0 && buf.lines.length <= height() ? 'All' : buf.top === 0 ? 'Top' : buf.top + height() >= buf.lines.length ? 'Bot' : `${Math.floor((buf.top / Math.max(1, buf.lines.length - height())) * 100)}%`);
    const bottom = mode === 'command' || mode === 'search' ? status : fit(status, Math.max(0, term.columns - 19)).padEnd(Math.max(0, term.columns - 18)) + right;
    rows.push(fit(bottom, term.columns));
    const cursorRow = mode === 'command' || mode === 'search' ? height() : buf.row - buf.top;
    const cursorCol = mode === 'command' || mode === 'search' ? cmdline.length + 1 : Math.min(buf.col, term.columns - 1);
    paint(term, rows, cursorRow, cursorCol);
  };

  const execCommand = (c: string): 'quit' | undefined => {
    const cmd = c.trim();
    if (cmd === '') return undefined;
    if (/^\d+$/.test(cmd)) {
      buf.row = Math.min(buf.lines.length, Math.max(1, Number(cmd))) - 1;
      buf.col = 0;
      return undefined;
    }
    const m = /^(w|write|q|quit|wq|x|xit|exit|wq!|x!|q!|quit!|w!|qa|qa!|wqa|set)(?:\s+(.*))?$/.exec(cmd);
    if (!m) {
      message = `E492: Not an editor command: ${cmd}`;
      return undefined;
    }
    const name = m[1];
    const arg = m[2];
    if (name === 'set') return undefined;
    const write = (): boolean => {
      if (!file && !arg) {
        message = 'E32: No file name';
        return false;
      }
      const r = buf.save();
      if (!r.ok) {
        message = `"${file}" E212: Can't open file for writing`;
        return false;
      }
      message = `"${file}" ${buf.existed ? '' : '[New] '}${r.lines}L, ${r.bytes}B written`;
      return true;
    };
    if (name.startsWith('w') && name !== 'wqa') {
      if (!write()) return undefined;
      if (name.startsWith('wq')) return 'quit';
      return undefined;
    }
    if (name === 'x' || name === 'xit' || name === 'exit' || name === 'x!' || name === 'wqa') {
      if (buf.modified && !write()) return undefined;
      return 'quit';
    }
    if (name.endsWith('!')) return 'quit';
    if (buf.modified) {
      message = 'E37: No write since last change (add ! to override)';
      return undefined;
    }
    return 'quit';
  };

  const wordForward = () => {
    const l = buf.line();
    let i = buf.col;
    const isW = (ch: string) => /\w/.test(ch);
    if (i < l.length) {
      const start = isW(l[i]);
      while (i < l.length && isW(l[i]) === start && l[i] !== ' ') i++;
    }
    while (i < l.length && l[i] === ' ') i++;
    if (i >= l.length && buf.row < buf.lines.length - 1) {
      buf.row++;
      buf.col = buf.line().search(/\S|$/);
    } else buf.col = Math.min(i, Math.max(0, l.length - 1));
  };

  const normalKey = (k: string): 'quit' | undefined => {
    const seq = pending + k;
    const cm = /^(\d*)(.*)$/s.exec(seq)!;
    const count = cm[1] && cm[1] !== '0' ? Number(cm[1]) : 1;
    const op = cm[1] === '0' && cm[2] === '' ? '0' : cm[2];
    if (/^[1-9]\d*$/.test(seq)) {
      pending = seq;
      return undefined;
    }
    pending = '';
    if (op === 'd' || op === 'y' || op === 'g' || op === 'Z' || op === 'r') {
      pending = seq;
      return undefined;
    }
    message = '';
    switch (true) {
      case op === 'h' || is(op, KEY.left) || op === '\x7f':
        buf.col -= count;
        break;
      case op === 'l' || is(op, KEY.right) || op === ' ':
        buf.col += count;
        break;
      case op === 'j' || is(op, KEY.down) || op === '\r':
        buf.row += count;
        if (op === '\r') buf.col = buf.line().search(/\S|$/);
        break;
      case op === 'k' || is(op, KEY.up):
        buf.row -= count;
        break;
      case op === '0' || is(op, KEY.home):
        buf.col = 0;
        break;
      case op === '^':
        buf.col = buf.line().search(/\S|$/);
        break;
      case op === '$' || is(op, KEY.end):
        buf.col = buf.line().length;
        break;
      case op === 'w':
        for (let i = 0; i < count; i++) wordForward();
        return undefined;
      case op === 'b': {
        const l = buf.line();
        let i = Math.max(0, buf.col - 1);
        while (i > 0 && l[i] === ' ') i--;
        while (i > 0 && /\w/.test(l[i - 1])) i--;
        buf.col = i;
        break;
      }
      case op === 'gg':
        buf.row = cm[1] ? count - 1 : 0;
        break;
      case op === 'G':
        buf.row = cm[1] ? count - 1 : buf.lines.length - 1;
        break;
      case op === '\x06' || is(op, KEY.pgdn):
        buf.row += height();
        break;
      case op === '\x02' || is(op, KEY.pgup):
        buf.row -= height();
        break;
      case op === 'x' || is(op, KEY.del): {
        if (!buf.line().length) break;
        buf.checkpoint();
        const l = buf.line();
        register = { text: [l.slice(buf.col, buf.col + count)], linewise: false };
        buf.lines[buf.row] = l.slice(0, buf.col) + l.slice(buf.col + count);
        buf.modified = true;
        break;
      }
      case op === 'dd' || op === 'yy': {
        const taken = buf.lines.slice(buf.row, buf.row + count);
        register = { text: taken, linewise: true };
        if (op === 'dd') {
          buf.checkpoint();
          buf.lines.splice(buf.row, count);
          if (!buf.lines.length) buf.lines = [''];
          buf.modified = true;
          if (count >= 3) message = `${count} fewer lines`;
        } else if (count >= 3) message = `${count} lines yanked`;
        break;
      }
      case op === 'dw' || op === 'd$' || op === 'D': {
        buf.checkpoint();
        const l = buf.line();
        const end = op === 'dw' ? (l.slice(buf.col).search(/(?<=\w)\W|(?<=\W)\w/) + buf.col) : l.length;
        const cut = end > buf.col ? end : l.length;
        register = { text: [l.slice(buf.col, cut)], linewise: false };
        buf.lines[buf.row] = l.slice(0, buf.col) + l.slice(cut);
        buf.modified = true;
        break;
      }
      case op === 'p' || op === 'P': {
        if (!register) break;
        buf.checkpoint();
        if (register.linewise) {
          const at = op === 'p' ? buf.row + 1 : buf.row;
          buf.lines.splice(at, 0, ...register.text);
          buf.row = at;
          buf.col = 0;
        } else {
          const l = buf.line();
          const at = op === 'p' && l.length ? buf.col + 1 : buf.col;
          buf.lines[buf.row] = l.slice(0, at) + register.text[0] + l.slice(at);
          buf.col = at + register.text[0].length - 1;
        }
        buf.modified = true;
        break;
      }
      case op.length === 2 && op[0] === 'r': {
        if (!buf.line().length) break;
        buf.checkpoint();
        const l = buf.line();
        buf.lines[buf.row] = l.slice(0, buf.col) + op[1] + l.slice(buf.col + 1);
        buf.modified = true;
        break;
      }
      case op === 'J': {
        if (buf.row >= buf.lines.length - 1) break;
        buf.checkpoint();
        const next = buf.lines[buf.row + 1].replace(/^\s+/, '');
        buf.col = buf.line().length;
        buf.lines.splice(buf.row, 2, buf.line() + (next ? ' ' + next : ''));
        buf.modified = true;
        break;
      }
      case op === 'u':
        if (!buf.undoLast()) message = 'Already at oldest change';
        break;
      case op === 'i' || op === 'a' || op === 'I' || op === 'A' || op === 'o' || op === 'O': {
        buf.checkpoint();
        insertCheckpointed = true;
        if (op === 'a' && buf.line().length) buf.col++;
        if (op === 'I') buf.col = buf.line().search(/\S|$/);
        if (op === 'A') buf.col = buf.line().length;
        if (op === 'o' || op === 'O') {
          const indent = /^\s*/.exec(buf.line())![0];
          buf.lines.splice(op === 'o' ? buf.row + 1 : buf.row, 0, indent);
          if (op === 'o') buf.row++;
          buf.col = indent.length;
          buf.modified = true;
        }
        mode = 'insert';
        return undefined;
      }
      case op === ':':
        mode = 'command';
        cmdline = '';
        return undefined;
      case op === '/':
        mode = 'search';
        cmdline = '';
        return undefined;
      case op === 'n' || op === 'N':
        if (lastSearch && !buf.find(lastSearch, op === 'n')) message = `E486: Pattern not found: ${lastSearch}`;
        return undefined;
      case op === 'ZZ':
        return execCommand('x');
      case op === 'ZQ':
        return 'quit';
      case op === '\x03':
        message = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim';
        break;
      case op === '\x1b':
        break;
    }
    buf.clamp(false);
    return undefined;
  };

  const insertKey = (k: string) => {
    if (k === '\x1b' || k === '\x03') {
      mode = 'normal';
      buf.col = Math.max(0, buf.col - 1);
      buf.clamp(false);
      insertCheckpointed = false;
      return;
    }
    if (!insertCheckpointed) {
      buf.checkpoint();
      insertCheckpointed = true;
    }
    if (k === '\x7f' || k === '\b') buf.backspace();
    else if (is(k, KEY.del)) buf.deleteChar();
    else if (is(k, KEY.left)) buf.col--;
    else if (is(k, KEY.right)) buf.col++;
    else if (is(k, KEY.up)) buf.row--;
    else if (is(k, KEY.down)) buf.row++;
    else if (is(k, KEY.home)) buf.col = 0;
    else if (is(k, KEY.end)) buf.col = buf.line().length;
    else if (k === '\r' || k === '\n') buf.insert('\n');
    else if (k === '\t' || (k.length >= 1 && k >= ' ' && !k.startsWith('\x1b'))) buf.insert(k);
    buf.clamp(true);
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
        if (mode === 'insert') insertKey(k);
        else if (mode === 'command' || mode === 'search') {
          if (k === '\x1b' || k === '\x03') {
            mode = 'normal';
            message = '';
          } else if (k === '\r' || k === '\n') {
            const was = mode;
            mode = 'normal';
            if (was === 'search') {
              lastSearch = cmdline || lastSearch;
              message = '/' + cmdline;
              if (lastSearch && !buf.find(lastSearch, true)) message = `E486: Pattern not found: ${lastSearch}`;
            } else if (execCommand(cmdline) === 'quit') return 0;
          } else if (k === '\x7f' || k === '\b') {
            if (!cmdline) mode = 'normal';
            cmdline = cmdline.slice(0, -1);
          } else if (!k.startsWith('\x1b') && k >= ' ') cmdline += k;
        } else if (normalKey(k) === 'quit') return 0;
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
