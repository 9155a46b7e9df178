/**
 * The terminal as the rest of the page sees it. Only xterm-adapter.ts implements it with @xterm/*; everything else
 * (the host glue, tests) programs against this interface, as TutorialKit's runtime does with its ITerminal.
 */
export interface TerminalTheme {
  background: string;
  foreground: string;
  cursor: string;
  selectionBackground: string;
}

export interface TerminalView {
  readonly cols: number;
  readonly rows: number;
  /** Column of the cursor (where a prompt printed now would start). */
  cursorX(): number;
  write(data: string, done?: () => void): void;
  onData(cb: (data: string) => void): void;
  onResize(cb: (cols: number, rows: number) => void): void;
  focus(): void;
  setTheme(theme: TerminalTheme): void;
  setScreenReader(on: boolean): void;
  /** Bracketed paste on/off (the line editor splits pasted lines itself). */
  fit(): void;
  dispose(): void;
}
