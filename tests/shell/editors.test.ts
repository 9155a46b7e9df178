/**
 * vi and nano driven through a scripted terminal, rendered by @xterm/headless so the screen is checked as a
 * learner would see it; files are checked on the virtual filesystem afterwards.
 */
import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import type { TerminalAccess } from '../../src/shell/types';
import { TestShell } from './harness';
import { Canceller } from '../../src/shell/io';
import { drive } from '../../src/cli/driver';

const { Terminal } = xtermHeadless as unknown as { Terminal: new (o: { cols: number; rows: number; allowProposedApi: boolean }) => { write(d: string, cb?: () => void): void; buffer: { active: { getLine(i: number): { translateToString(trim: boolean): string } | undefined } } } };

/** A terminal whose keys come from a script: readKey waits until a key is pushed. */
function scripted(keys: string[], cols = 80, rows = 24) {
  const xterm = new Terminal({ cols, rows, allowProposedApi: true });
  const written: string[] = [];
  const queue = [...keys];
  const waiters: ((k: string) => void)[] = [];
  const term: TerminalAccess = {
    columns: cols,
    rows,
    readKey: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve))),
    write: (d) => {
      written.push(d);
      xterm.write(d);
    },
    onResize: () => {},
  };
  const push = (k: string) => {
    const w = waiters.shift();
    if (w) w(k);
    else queue.push(k);
  };
  const screen = async () => {
    await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((r) => xterm.write('', r));
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(xterm.buffer.active.getLine(i)?.translateToString(true) ?? '');
    return lines;
  };
  return { term, written, screen, push };
}

function runWith(t: TestShell, line: string, term: TerminalAccess): Promise<number> {
  return t.shell.exec(line, { stdout: () => {}, stderr: () => {}, terminal: term }, new Canceller());
}

describe('vi', () => {
  it('inserts text, writes and quits with :wq', async () => {
    const t = new TestShell();
    const s = scripted(['i', 'apiVersion: v1', '\r', 'kind: Pod', '\x1b', ':wq', '\r']);
    expect(await runWith(t, 'vi pod.yaml', s.term)).toBe(0);
    expect(t.shell.fs.readFile('/root/pod.yaml')).toBe('apiVersion: v1\nkind: Pod\n');
    expect(s.written.join('')).toContain('\x1b[?1049h');
    expect(s.written.join('')).toContain('-- INSERT --');
  });

  it('shows the file, refuses :q with changes (E37), edits with dd/p/x/u and leaves with :q!', async () => {
    const t = new TestShell();
    t.shell.fs.writeFile('/root/f.txt', 'one\ntwo\nthree\n');
    const s = scripted([]);
    const p = runWith(t, 'vi f.txt', s.term);
    expect((await s.screen())[23]).toContain('"f.txt" 3L, 14B');
    s.push('dd');
    s.push(':q\r');
    const screen = await s.screen();
    expect(screen[0]).toBe('two');
    expect(screen[23]).toContain('E37: No write since last change (add ! to override)');
    expect(screen[2]).toBe('~');
    s.push(':q!\r');
    expect(await p).toBe(0);
    expect(t.shell.fs.readFile('/root/f.txt')).toBe('one\ntwo\nthree\n');
  });

  it('yank/put, search and ZZ', async () => {
    const t = new TestShell();
    t.shell.fs.writeFile('/root/g.txt', 'alpha\nbeta\ngamma\n');
    const s = scripted(['yy', 'G', 'p', '/bet', '\r', 'x', 'ZZ']);
    expect(await runWith(t, 'vim g.txt', s.term)).toBe(0);
    expect(t.shell.fs.readFile('/root/g.txt')).toBe('alpha\neta\ngamma\nalpha\n');
  });

  it('prints vim\'s warnings without a terminal', async () => {
    const t = new TestShell();
    const r = await t.run('vi x.txt');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Vim: Warning: Output is not to a terminal');
  });
});

describe('nano', () => {
  it('types, writes out with ^O and exits with ^X', async () => {
    const t = new TestShell();
    const s = scripted(['hello nano', '\r', 'line2', '\x0f', '\r', '\x18']);
    expect(await runWith(t, 'nano notes.txt', s.term)).toBe(0);
    expect(t.shell.fs.readFile('/root/notes.txt')).toBe('hello nano\nline2\n');
  });

  it('shows the title and shortcut bar, cuts and pastes lines, asks before leaving a modified buffer', async () => {
    const t = new TestShell();
    t.shell.fs.writeFile('/root/a.txt', 'first\nsecond\n');
    const s = scripted([]);
    const p = runWith(t, 'nano a.txt', s.term);
    const first = await s.screen();
    expect(first[0]).toContain('GNU nano 7.2');
    expect(first[0]).toContain('a.txt');
    expect(first[21]).toContain('[ Read 2 lines ]');
    expect(first[22]).toContain('^G Help');
    expect(first[23]).toContain('^X Exit');
    for (const k of ['\x0b', '\x1b[B', '\x15', '\x18']) s.push(k);
    expect((await s.screen())[21]).toContain('Save modified buffer?');
    s.push('y');
    expect((await s.screen())[21]).toContain('File Name to Write: a.txt');
    s.push('\r');
    expect(await p).toBe(0);
    expect(t.shell.fs.readFile('/root/a.txt')).toBe('second\nfirst\n');
  });
});
