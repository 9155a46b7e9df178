/** Streams and cancellation between the shell and its programs: pipes, string input, Ctrl-C. */
import { Cancelled, type CancelSignal, type ChunkedInput, type InputStream } from './types';
import type { VirtualClock } from '../sim/clock';

/** A cancellation source. Children abort with their parent (a pipeline stage with its prompt line). */
export class Canceller implements CancelSignal {
  aborted = false;
  private cbs: (() => void)[] = [];

  constructor(parent?: CancelSignal) {
    parent?.onAbort(() => this.abort());
  }

  onAbort(cb: () => void): void {
    if (this.aborted) cb();
    else this.cbs.push(cb);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const cbs = this.cbs;
    this.cbs = [];
    for (const cb of cbs) {
      try {
        cb();
      } catch {
        /* a listener's failure must not stop the others */
      }
    }
  }
}

export const NEVER_ABORTED: CancelSignal = { aborted: false, onAbort: () => {} };

/** Input that is already complete: a file redirect, a here-document, a here-string. */
export class StringInput implements ChunkedInput {
  private done = false;
  private pending: string[] = [];
  constructor(private readonly text: string, readonly isTTY = false) {}
  async readAll(): Promise<string> {
    const back = this.pending.join('');
    this.pending = [];
    if (this.done) return back;
    this.done = true;
    return back + this.text;
  }
  async read(): Promise<string | null> {
    if (this.pending.length) return this.pending.shift()!;
    if (this.done) return null;
    this.done = true;
    return this.text === '' ? null : this.text;
  }
  unread(text: string): void {
    if (text) this.pending.unshift(text);
  }
}

/** An anonymous pipe between two stages of a pipeline. Writing after the reader left is dropped. */
export class Pipe implements ChunkedInput {
  readonly isTTY = false;
  private chunks: string[] = [];
  private closed = false;
  private waiters: (() => void)[] = [];
  readerGone = false;
  onReaderGone?: () => void;

  write(text: string): void {
    if (this.closed || this.readerGone || text === '') return;
    this.chunks.push(text);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The reading stage finished: the writer gets SIGPIPE the way bash's would. */
  leave(): void {
    this.readerGone = true;
    this.chunks = [];
    this.onReaderGone?.();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  unread(text: string): void {
    if (text && !this.readerGone) this.chunks.unshift(text);
  }

  async read(): Promise<string | null> {
    while (!this.chunks.length && !this.closed) await new Promise<void>((r) => this.waiters.push(r));
    if (this.chunks.length) {
      const out = this.chunks.join('');
      this.chunks = [];
      return out;
    }
    return null;
  }

  async readAll(): Promise<string> {
    let out = '';
    for (;;) {
      const c = await this.read();
      if (c === null) return out;
      out += c;
    }
  }
}

/**
 * One line (without its newline) for the shell's `read`, leaving the rest unread for the next reader, as bash
 * reads a pipe byte by byte; undefined at end of input. A last line without a newline is still returned.
 */
export async function readLine(input: InputStream): Promise<{ line: string; newline: boolean } | undefined> {
  const chunked = (input as Partial<ChunkedInput>).read ? (input as ChunkedInput) : undefined;
  if (!chunked?.unread) {
    const first = await readLines(input).next();
    return first.done ? undefined : { line: first.value, newline: true };
  }
  let buf = '';
  for (;;) {
    const c = await chunked.read();
    if (c === null) return buf === '' ? undefined : { line: buf, newline: false };
    buf += c;
    const i = buf.indexOf('\n');
    if (i >= 0) {
      chunked.unread(buf.slice(i + 1));
      return { line: buf.slice(0, i), newline: true };
    }
  }
}

/** Reads stdin line by line whether it streams (a pipe) or not. */
export async function* readLines(input: InputStream): AsyncGenerator<string> {
  const chunked = (input as Partial<ChunkedInput>).read ? (input as ChunkedInput) : undefined;
  if (!chunked) {
    const all = await input.readAll();
    const lines = all.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    yield* lines;
    return;
  }
  let buf = '';
  for (;;) {
    const c = await chunked.read();
    if (c === null) break;
    buf += c;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      yield buf.slice(0, i);
      buf = buf.slice(i + 1);
    }
  }
  if (buf !== '') yield buf;
}

/** Sleeps in virtual time; rejects with Cancelled when the signal aborts first. */
export function virtualSleep(clock: VirtualClock, ms: number, signal: CancelSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new Cancelled());
    let settled = false;
    const id = clock.setTimeout(() => {
      settled = true;
      resolve();
    }, ms);
    signal.onAbort(() => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(id);
      reject(new Cancelled());
    });
  });
}
