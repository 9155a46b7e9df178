/**
 * Go's text/tabwriter (cell-based column blocks), with the RememberWidths option of kubectl's fork
 * (cli-runtime pkg/printers/tabwriter.go) so `get -w` rows keep the widths of earlier rows.
 * Cells are tab-terminated; the last cell of a line is not part of any column.
 */
export interface TabWriterOptions {
  minwidth: number;
  padding: number;
  rememberWidths?: boolean;
}

export class TabWriter {
  private buf = '';
  private maxwidths: number[] = [];
  constructor(private readonly o: TabWriterOptions) {}

  write(text: string): void {
    this.buf += text;
  }

  /** Formats everything written so far and returns it. */
  flush(): string {
    const text = this.buf;
    this.buf = '';
    if (!text) return '';
    const endsNl = text.endsWith('\n');
    const rawLines = (endsNl ? text.slice(0, -1) : text).split('\n');
    const lines = rawLines.map((l) => l.split('\t'));
    const widths: number[] = [];
    const outLines: string[] = new Array(lines.length).fill('');
    const width = (s: string) => [...s].length;

    const writeLines = (line0: number, line1: number) => {
      for (let i = line0; i < line1; i++) {
        const cells = lines[i];
        let s = '';
        for (let j = 0; j < cells.length; j++) {
          s += cells[j];
          if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - width(cells[j])));
        }
        outLines[i] = s;
      }
    };
    const format = (line0: number, line1: number) => {
      const column = widths.length;
      for (let t = line0; t < line1; t++) {
        if (column >= lines[t].length - 1) continue;
        writeLines(line0, t);
        line0 = t;
        let w = this.o.minwidth;
        for (; t < line1; t++) {
          if (column >= lines[t].length - 1) break;
          const cw = width(lines[t][column]) + this.o.padding;
          if (cw > w) w = cw;
        }
        if (this.o.rememberWidths) {
          if (column < this.maxwidths.length && this.maxwidths[column] > w) w = this.maxwidths[column];
          this.maxwidths[column] = w;
        }
        widths.push(w);
        format(line0, t);
        widths.pop();
        line0 = t;
        t--;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
    return outLines.join('\n') + (endsNl ? '\n' : '');
  }
}

/** One-shot helper: format text with tabs. */
export function tabify(text: string, o: TabWriterOptions): string {
  const w = new TabWriter(o);
  w.write(text);
  return w.flush();
}

/** `get` tables: minwidth 6, padding 3 (cli-runtime printers/tabwriter.go GetNewTabWriter). */
export const TABLE_TABS: TabWriterOptions = { minwidth: 6, padding: 3 };
/** describe: minwidth 0, padding 2 (kubectl pkg/describe describe.go tabbedString). */
export const DESCRIBE_TABS: TabWriterOptions = { minwidth: 0, padding: 2 };
