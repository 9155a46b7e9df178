/** Test harness: runs the kubectl Program against an in-memory filesystem and an optional API handler. */
import { VirtualClock } from '../../src/sim/clock';
import type { ApiHandler } from '../../src/sim/apiserver/types';
import { FsError, type CommandContext, type FileStat, type VirtualFS } from '../../src/shell/types';
import { kubectl } from '../../src/kubectl/index';

export class MemFS implements VirtualFS {
  files = new Map<string, string>();
  dirs = new Set<string>(['/']);
  readFile(p: string): string {
    const v = this.files.get(p);
    if (v === undefined) throw new FsError(this.dirs.has(p) ? 'EISDIR' : 'ENOENT', p);
    return v;
  }
  writeFile(p: string, data: string, opts?: { append?: boolean }): void {
    this.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', { recursive: true });
    this.files.set(p, opts?.append ? (this.files.get(p) ?? '') + data : data);
  }
  exists(p: string): boolean {
    return this.files.has(p) || this.dirs.has(p);
  }
  stat(p: string): FileStat | undefined {
    if (this.files.has(p)) return { type: 'file', size: this.files.get(p)!.length, mtimeMs: 0, mode: 0o644 };
    if (this.dirs.has(p)) return { type: 'dir', size: 0, mtimeMs: 0, mode: 0o755 };
    return undefined;
  }
  readdir(p: string): string[] {
    const prefix = p === '/' ? '/' : p + '/';
    const out = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) if (k.startsWith(prefix) && k !== p) out.add(k.slice(prefix.length).split('/')[0]);
    return [...out].sort();
  }
  mkdir(p: string, _o?: { recursive?: boolean }): void {
    const parts = p.split('/').filter(Boolean);
    let cur = '';
    for (const s of parts) {
      cur += '/' + s;
      this.dirs.add(cur);
    }
  }
  rm(p: string): void {
    this.files.delete(p);
    this.dirs.delete(p);
  }
  rename(a: string, b: string): void {
    const v = this.files.get(a);
    if (v !== undefined) {
      this.files.delete(a);
      this.files.set(b, v);
    }
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Env {
  fs: MemFS;
  clock: VirtualClock;
  servers: Map<string, ApiHandler>;
  env: Record<string, string>;
  stdin?: string;
}

export function makeEnv(): Env {
  return { fs: new MemFS(), clock: new VirtualClock(), servers: new Map(), env: { HOME: '/root', PATH: '/usr/bin' } };
}

/** Splits like a shell would for simple test command lines (single/double quotes, no expansion). */
export function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (const c of line) {
    if (q) {
      if (c === q) q = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      q = c;
      has = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}

export async function run(e: Env, args: string[] | string, opts: { signal?: { aborted: boolean; cbs: (() => void)[] } } = {}): Promise<RunResult> {
  const argv = typeof args === 'string' ? words(args) : args;
  let stdout = '';
  let stderr = '';
  const sig = opts.signal ?? { aborted: false, cbs: [] };
  const ctx: CommandContext = {
    argv: ['kubectl', ...argv],
    stdin: { readAll: async () => e.stdin ?? '', isTTY: false },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: e.env,
    cwd: '/root',
    fs: e.fs,
    host: { clock: e.clock, resolveServer: (url) => e.servers.get(url) },
    signal: { get aborted() { return sig.aborted; }, onAbort: (cb) => void sig.cbs.push(cb) },
    sleep: (ms) => new Promise((res) => e.clock.setTimeout(res, ms)),
  };
  const code = await kubectl(ctx);
  return { stdout, stderr, code };
}
