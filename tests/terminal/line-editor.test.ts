import { describe, expect, test } from 'vitest';
import { makeHarness } from './harness';
import { textWidth } from '../../src/terminal/width';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';

describe('printing and cursor moves', () => {
  test('typed text appears after the prompt and the cursor follows it', async () => {
    const h = makeHarness();
    await h.type('kubectl get pods');
    expect(h.screen()).toEqual(['$ kubectl get pods']);
    expect(h.cursor()).toEqual([0, 18]);
  });

  test('insert in the middle, Home/End, Ctrl-A/E, Ctrl-B/F', async () => {
    const h = makeHarness();
    await h.type('kubectl pods');
    await h.type(LEFT.repeat(4) + 'get ');
    expect(h.screen()).toEqual(['$ kubectl get pods']);
    expect(h.cursor()).toEqual([0, 14]);
    await h.type(HOME);
    expect(h.cursor()).toEqual([0, 2]);
    await h.type(END);
    expect(h.cursor()).toEqual([0, 18]);
    await h.type('\x01');
    expect(h.cursor()).toEqual([0, 2]);
    await h.type('\x06\x06');
    expect(h.cursor()).toEqual([0, 4]);
    await h.type('\x05\x02');
    expect(h.cursor()).toEqual([0, 17]);
    expect(h.editor.line).toBe('kubectl get pods');
  });

  test('backspace and delete edit at the cursor', async () => {
    const h = makeHarness();
    await h.type('kubectx');
    await h.type('\x7fl');
    expect(h.editor.line).toBe('kubectl');
    await h.type(HOME + '\x1b[3~');
    expect(h.screen()).toEqual(['$ ubectl']);
    await h.type('\x04'); // Ctrl-D deletes under the cursor on a non-empty line
    expect(h.editor.line).toBe('bectl');
  });

  test('kill and yank: Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y', async () => {
    const h = makeHarness();
    await h.type('kubectl get pods -A');
    await h.type('\x17');
    expect(h.editor.line).toBe('kubectl get pods ');
    await h.type('\x19');
    expect(h.editor.line).toBe('kubectl get pods -A');
    await h.type(LEFT.repeat(8) + '\x0b');
    expect(h.editor.line).toBe('kubectl get');
    await h.type('\x15');
    expect(h.editor.line).toBe('');
    expect(h.screen()).toEqual(['$']);
  });

  test('Ctrl-L clears the screen and keeps the line', async () => {
    const h = makeHarness({ run: (l) => `out ${l}` });
    await h.type('one\r');
    await h.type('two');
    await h.type('\x0c');
    expect(h.screen()).toEqual(['$ two']);
    expect(h.editor.line).toBe('two');
  });

  test('Ctrl-C at the prompt prints ^C and a fresh prompt on the next line', async () => {
    const h = makeHarness();
    await h.type('kubectl get po');
    await h.type('\x03');
    expect(h.screen()).toEqual(['$ kubectl get po^C', '$']);
    expect(h.editor.line).toBe('');
    expect(h.lines).toEqual([]);
  });

  test('Ctrl-D on an empty line reports end of input', async () => {
    let eof = 0;
    const h = makeHarness();
    (h.editor as unknown as { opts: { onEof: () => void } }).opts.onEof = () => eof++;
    await h.type('\x04');
    expect(eof).toBe(1);
  });
});

describe('running lines', () => {
  test('Enter submits, the output prints, and the prompt comes back', async () => {
    const h = makeHarness({ run: (l) => `you said ${l}\n` });
    await h.type('hello\r');
    expect(h.lines).toEqual(['hello']);
    expect(h.screen()).toEqual(['$ hello', 'you said hello', '$']);
  });

  test('typeahead while a command runs is kept and used at the next prompt', async () => {
    const h = makeHarness();
    h.editor.feed('first\r');
    // The prompt is not back yet (it returns on a microtask): these keys are typeahead.
    h.editor.feed('second\r');
    await h.flush();
    expect(h.lines).toEqual(['first', 'second']);
  });

  test('Ctrl-C while a command runs interrupts it and drops typeahead', async () => {
    let interrupted = 0;
    const h = makeHarness();
    (h.editor as unknown as { opts: { onInterrupt: () => void; onLine: (l: string) => void } }).opts.onInterrupt = () => interrupted++;
    (h.editor as unknown as { opts: { onLine: (l: string) => void } }).opts.onLine = (l) => h.lines.push(l); // never prompts again
    await h.type('kubectl get pods -w\r');
    h.editor.feed('abc');
    h.editor.feed('\x03');
    expect(interrupted).toBe(1);
    h.editor.prompt('$ ');
    await h.flush();
    expect(h.editor.line).toBe('');
  });

  test('a bracketed paste of several lines runs each line in order', async () => {
    const h = makeHarness({ run: (l) => `ran ${l}\n` });
    await h.type('\x1b[200~kubectl get nodes\rkubectl get pods\rkubectl get svc\r\x1b[201~');
    expect(h.lines).toEqual(['kubectl get nodes', 'kubectl get pods', 'kubectl get svc']);
    expect(h.screen()).toEqual([
      '$ kubectl get nodes',
      'ran kubectl get nodes',
      '$ kubectl get pods',
      'ran kubectl get pods',
      '$ kubectl get svc',
      'ran kubectl get svc',
      '$',
    ]);
  });

  test('a pasted last line without a newline stays in the editor, unsent', async () => {
    const h = makeHarness();
    await h.type('\x1b[200~echo a\necho b\x1b[201~');
    expect(h.lines).toEqual(['echo a']);
    expect(h.editor.line).toBe('echo b');
  });

  test('a paste split across two data events still arrives whole', async () => {
    const h = makeHarness();
    await h.type('\x1b[200~kubectl ge');
    await h.type('t pods\x1b[201~');
    expect(h.editor.line).toBe('kubectl get pods');
  });

  test('typeLine runs a command visibly (click-to-run)', async () => {
    const h = makeHarness({ run: () => 'ok\n' });
    h.editor.typeLine('kubectl get nodes');
    await h.flush();
    expect(h.screen()).toEqual(['$ kubectl get nodes', 'ok', '$']);
  });
});

describe('history', () => {
  test('up and down walk the history and come back to the edited line', async () => {
    const h = makeHarness();
    await h.type('one\r');
    await h.type('two\r');
    await h.type('thr');
    await h.type(UP);
    expect(h.editor.line).toBe('two');
    await h.type(UP);
    expect(h.editor.line).toBe('one');
    await h.type(DOWN + DOWN);
    expect(h.editor.line).toBe('thr');
    expect(h.screen().at(-1)).toBe('$ thr');
  });

  test('consecutive duplicates and lines starting with a space are not recorded', async () => {
    const h = makeHarness();
    await h.type('a\r');
    await h.type('a\r');
    await h.type(' secret\r');
    expect(h.editor.getHistory()).toEqual(['a']);
  });

  test('Ctrl-R searches backwards; Ctrl-R again finds older; Enter runs the match', async () => {
    const h = makeHarness({ cols: 80 });
    for (const l of ['kubectl get pods', 'kubectl get nodes', 'ls', 'kubectl get pods -w']) await h.type(l + '\r');
    await h.type('\x12get');
    expect(h.screen().at(-1)).toBe("(reverse-i-search)`get': kubectl get pods -w");
    await h.type('\x12');
    expect(h.screen().at(-1)).toBe("(reverse-i-search)`get': kubectl get nodes");
    await h.type('\r');
    expect(h.lines.at(-1)).toBe('kubectl get nodes');
  });

  test('Ctrl-R with no match says failed; Ctrl-G restores the line', async () => {
    const h = makeHarness();
    await h.type('ls\r');
    await h.type('abc\x12zzz');
    expect(h.screen().at(-1)).toBe("(failed reverse-i-search)`zzz': abc");
    await h.type('\x07');
    expect(h.screen().at(-1)).toBe('$ abc');
  });

  test('an arrow key ends the search and keeps the match for editing', async () => {
    const h = makeHarness();
    await h.type('kubectl get pods\r');
    await h.type('\x12pods' + RIGHT);
    expect(h.screen().at(-1)).toBe('$ kubectl get pods');
    expect(h.editor.line).toBe('kubectl get pods');
  });
});

describe('completion', () => {
  const words = ['deployments', 'deployments.apps', 'daemonsets', 'pods', 'poddisruptionbudgets'];
  const complete = async (line: string, cursor: number) => {
    const from = line.lastIndexOf(' ', cursor - 1) + 1;
    const word = line.slice(from, cursor);
    return { from, to: cursor, candidates: words.filter((w) => w.startsWith(word)) };
  };

  test('a unique match completes the word and adds a space', async () => {
    const h = makeHarness({ complete, cols: 60 });
    await h.type('kubectl get da\t');
    expect(h.editor.line).toBe('kubectl get daemonsets ');
  });

  test('several matches complete their common prefix first', async () => {
    const h = makeHarness({ complete, cols: 60 });
    await h.type('kubectl get dep\t');
    expect(h.editor.line).toBe('kubectl get deployments');
  });

  test('a second Tab lists the candidates below, then redraws the prompt and line', async () => {
    const h = makeHarness({ complete, cols: 60 });
    await h.type('kubectl get po\t');
    expect(h.editor.line).toBe('kubectl get pod');
    await h.type('\t');
    const s = h.screen();
    expect(s[0]).toBe('$ kubectl get pod');
    expect(s[1]).toMatch(/^poddisruptionbudgets\s+pods$/);
    expect(s[2]).toBe('$ kubectl get pod');
    expect(h.cursor()).toEqual([2, 17]);
  });

  test('no candidate rings the bell and changes nothing', async () => {
    const bells: string[] = [];
    const h = makeHarness({ complete, cols: 60 });
    const orig = (h.editor as unknown as { opts: { write: (d: string) => void } }).opts.write;
    (h.editor as unknown as { opts: { write: (d: string) => void } }).opts.write = (d) => {
      if (d.includes('\x07')) bells.push(d);
      orig(d);
    };
    await h.type('kubectl get zz\t');
    expect(h.editor.line).toBe('kubectl get zz');
    expect(bells.length).toBe(1);
  });

  test('a reply for a line that changed meanwhile is dropped', async () => {
    let release!: () => void;
    const slow = (line: string, cursor: number) =>
      new Promise<{ from: number; to: number; candidates: string[] }>((r) => {
        release = () => r({ from: 12, to: cursor, candidates: ['deployments'] });
      });
    const h = makeHarness({ complete: slow, cols: 60 });
    await h.type('kubectl get dep');
    h.editor.feed('\t');
    await new Promise((r) => setTimeout(r, 0)); // the request is out
    h.editor.feed('x');
    release();
    await h.flush();
    expect(h.editor.line).toBe('kubectl get depx');
  });
});

describe('wide characters and wrapping', () => {
  test('CJK and emoji take two cells; the cursor lands after them', async () => {
    const h = makeHarness({ cols: 40 });
    await h.type('echo 日本語 🚀');
    expect(h.screen()).toEqual(['$ echo 日本語 🚀']);
    expect(textWidth('日本語 🚀')).toBe(9);
    expect(h.cursor()).toEqual([0, 2 + 5 + 9]);
    await h.type(LEFT.repeat(2));
    expect(h.cursor()).toEqual([0, 2 + 5 + 6]);
    await h.type('\x7f');
    expect(h.editor.line).toBe('echo 日本 🚀');
    expect(h.cursor()).toEqual([0, 2 + 5 + 4]);
  });

  test('text ending exactly on the last column wraps the cursor to the next row', async () => {
    const h = makeHarness({ cols: 10 });
    await h.type('abcdefgh'); // 2 + 8 = 10 cells: a full row
    expect(h.cursor()).toEqual([1, 0]);
    await h.type('i');
    expect(h.screen()).toEqual(['$ abcdefgh', 'i']);
    expect(h.cursor()).toEqual([1, 1]);
    await h.type(HOME);
    expect(h.cursor()).toEqual([0, 2]);
    await h.type('\x0b');
    expect(h.screen()).toEqual(['$']);
  });

  test('a wide character that does not fit in the last column moves to the next row', async () => {
    const h = makeHarness({ cols: 10 });
    await h.type('abcdefg日'); // the 日 would start at column 9 of 10
    expect(h.screen()).toEqual(['$ abcdefg', '日']);
    expect(h.cursor()).toEqual([1, 2]);
    await h.type(LEFT);
    expect(h.cursor()).toEqual([1, 0]);
  });

  test('editing in the middle of a wrapped line redraws every row', async () => {
    const h = makeHarness({ cols: 10 });
    await h.type('0123456789abcdef');
    await h.type(HOME + 'X');
    expect(h.screen()).toEqual(['$ X0123456', '789abcdef']);
    expect(h.cursor()).toEqual([0, 3]);
  });

  test('resize narrower and wider redraws the line without leftovers', async () => {
    const h = makeHarness({ cols: 20 });
    await h.type('kubectl get deployments');
    await h.resize(12);
    expect(h.screen().join('')).toBe('$ kubectl get deployments');
    expect(h.screen()[0]).toBe('$ kubectl ge');
    await h.type('X');
    expect(h.editor.line).toBe('kubectl get deploymentsX');
    await h.resize(40);
    expect(h.screen()).toEqual(['$ kubectl get deploymentsX']);
    expect(h.cursor()).toEqual([0, 26]);
  });

  test('a prompt that starts after unterminated output is measured from its column', async () => {
    const h = makeHarness({ cols: 20 });
    await h.flush();
    h.term.write('\rno newline');
    await h.flush();
    h.editor.prompt('$ ', 10);
    await h.type('abc');
    expect(h.screen()).toEqual(['no newline$ abc']);
    expect(h.cursor()).toEqual([0, 15]);
  });
});

describe('raw mode', () => {
  test('keys go straight to the program while raw mode is on', async () => {
    const got: string[] = [];
    const h = makeHarness();
    (h.editor as unknown as { opts: { onRaw: (d: string) => void } }).opts.onRaw = (d) => got.push(d);
    h.editor.setRaw(true);
    await h.type(':wq\r');
    await h.type('\x1b[A');
    expect(got).toEqual([':wq\r', '\x1b[A']);
    expect(h.editor.line).toBe('');
    h.editor.setRaw(false);
    await h.type('ls');
    expect(h.editor.line).toBe('ls');
  });
});
