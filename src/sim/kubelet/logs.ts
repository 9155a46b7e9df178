/**
 * Container logs as the CRI runtime keeps them: one file per container instance, each line stamped with the
 * time it was written. The kubelet keeps the current and the previous instance (`kubectl logs --previous`).
 */
import type { ApiStream } from '../apiserver/types';
import { rfc3339Nano } from './duration';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** containerLogMaxSize: the runtime rotates at 10 MiB and `kubectl logs` reads the current file only. */
export const LOG_MAX_BYTES = 10 * 1024 * 1024;

export class LogFile {
  lines: LogLine[] = [];
  private bytes = 0;
  private followers = new Set<(l: LogLine) => void>();
  private partial = { stdout: '', stderr: '' };

  write(at: number, stream: 'stdout' | 'stderr', text: string): void {
    const buf = this.partial[stream] + text;
    const parts = buf.split('\n');
    this.partial[stream] = parts.pop()!;
    for (const p of parts) {
      const l = { at, stream, text: p + '\n' };
      this.lines.push(l);
      this.bytes += l.text.length;
      for (const f of this.followers) f(l);
    }
    if (this.bytes > LOG_MAX_BYTES) this.rotate();
  }

  private rotate(): void {
    let drop = 0;
    while (this.bytes > LOG_MAX_BYTES / 2 && drop < this.lines.length) this.bytes -= this.lines[drop++].text.length;
    this.lines = this.lines.slice(drop);
  }

  /** The process ended: an unterminated last line is still logged (runtimes mark it partial; kubectl prints it as is). */
  close(at: number): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) {
        const l = { at, stream: s, text: this.partial[s] };
        this.partial[s] = '';
        this.lines.push(l);
        for (const f of this.followers) f(l);
      }
    }
    this.ended = true;
    for (const end of this.enders) end();
    this.enders.clear();
    this.followers.clear();
  }

  ended = false;
  private enders = new Set<() => void>();

  render(opts: { timestamps?: boolean; tailLines?: number; sinceMs?: number; limitBytes?: number }): string {
    let lines = this.lines;
    if (opts.sinceMs !== undefined) lines = lines.filter((l) => l.at >= opts.sinceMs!);
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
    let text = lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l.at, lineNanos(l))} ` : '') + l.text).join('');
    if (opts.limitBytes !== undefined && opts.limitBytes >= 0) text = text.slice(0, opts.limitBytes);
    return text;
  }

  follow(onLine: (text: string) => void, onEnd: () => void, timestamps: boolean): () => void {
    const f = (l: LogLine) => onLine((timestamps ? `${rfc3339Nano(l.at, lineNanos(l))} ` : '') + l.text);
    if (this.ended) {
      onEnd();
      return () => {};
    }
    this.followers.add(f);
    this.enders.add(onEnd);
    return () => {
      this.followers.delete(f);
      this.enders.delete(onEnd);
    };
  }
}

/** Sub-millisecond digits so lines written at one virtual instant keep a stable, plausible order. */
function lineNanos(l: LogLine): number {
  let h = 0;
  for (let i = 0; i < Math.min(l.text.length, 16); i++) h = (h * 31 + l.text.charCodeAt(i)) % 999_983;
  return h;
}

/** A follow stream over a log file, as pods/log?follow=true returns. */
export function followStream(initial: string, file: LogFile, timestamps: boolean): ApiStream<string> {
  let closed = false;
  let unsubscribe = () => {};
  return {
    subscribe(onItem, onEnd) {
      if (closed) return;
      if (initial) onItem(initial);
      unsubscribe = file.follow(
        (t) => !closed && onItem(t),
        () => {
          if (!closed) {
            closed = true;
            onEnd?.();
          }
        },
        timestamps,
      );
    },
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
