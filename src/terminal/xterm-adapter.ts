/**
 * The thin xterm.js 6 adapter: the only module that imports @xterm/*. It creates the terminal with the fit and
 * web-links addons, refits on container resize, turns bracketed paste on so multi-line pastes arrive as one
 * block, and gives Escape-then-Tab back to the browser so keyboard users can leave the terminal (WCAG 2.1.2).
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalTheme, TerminalView } from './types';

export interface XtermOptions {
  theme: TerminalTheme;
  fontSize?: number;
  ariaLabel?: string;
}

export class XtermAdapter implements TerminalView {
  private term: Terminal;
  private fitAddon = new FitAddon();
  private observer?: ResizeObserver;
  private escapePressed = false;

  constructor(private container: HTMLElement, opts: XtermOptions) {
    this.term = new Terminal({
      theme: opts.theme,
      fontSize: opts.fontSize ?? 14,
      fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      cursorBlink: true,
      scrollback: 5000,
      convertEol: false,
      allowProposedApi: false,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener')));
    this.term.open(container);
    const textarea = this.term.textarea;
    if (textarea && opts.ariaLabel) textarea.setAttribute('aria-label', opts.ariaLabel);
    // Escape, then Tab: let the browser move focus out instead of completing.
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      if (e.key === 'Escape') {
        this.escapePressed = true;
        return true;
      }
      if (e.key === 'Tab' && this.escapePressed) {
        this.escapePressed = false;
        return false;
      }
      this.escapePressed = false;
      return true;
    });
    this.fit();
    // Bracketed paste: xterm wraps pastes in ESC[200~ … ESC[201~ once the application asks for it.
    this.term.write('\x1b[?2004h');
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(container);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  cursorX(): number {
    return this.term.buffer.active.cursorX;
  }

  write(data: string, done?: () => void): void {
    this.term.write(data, done);
  }

  onData(cb: (data: string) => void): void {
    this.term.onData(cb);
  }

  onResize(cb: (cols: number, rows: number) => void): void {
    this.term.onResize(({ cols, rows }) => cb(cols, rows));
  }

  focus(): void {
    this.term.focus();
  }

  setTheme(theme: TerminalTheme): void {
    this.term.options.theme = theme;
  }

  setScreenReader(on: boolean): void {
    this.term.options.screenReaderMode = on;
  }

  fit(): void {
    try {
      if (this.container.clientWidth > 0) this.fitAddon.fit();
    } catch {
      // Not laid out yet.
    }
  }

  dispose(): void {
    this.observer?.disconnect();
    this.term.dispose();
  }
}
