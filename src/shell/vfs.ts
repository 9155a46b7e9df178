/**
 * The learner's machine: an in-memory POSIX-like filesystem (the VirtualFS contract in ./types).
 *
 * The machine is a root shell on a small Linux box called `kubelab`, the way k3d tutorials are usually run:
 * home is /root, the prompt is `root@kubelab:~# `. Paths handed to the filesystem are absolute and already
 * normalised by the shell (see ./path). The whole tree snapshots to plain JSON.
 */
import { FsError, type FileStat, type VirtualFS } from './types';
import { normalize, dirname, basename } from './path';

import { HOME, HOSTNAME } from './prompt';

export { HOME, HOSTNAME };

interface FileNode {
  type: 'file';
  data: string;
  mode: number;
  mtimeMs: number;
}
interface DirNode {
  type: 'dir';
  children: Map<string, Node>;
  mode: number;
  mtimeMs: number;
}
type Node = FileNode | DirNode;

export interface FsSnapshotEntry {
  path: string;
  type: 'file' | 'dir';
  mode: number;
  mtimeMs: number;
  data?: string;
}
export interface FsSnapshot {
  version: 1;
  entries: FsSnapshotEntry[];
}

/** Size cap per file: a runaway `yes > f` style loop must not eat the tab's memory. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class MemoryFS implements VirtualFS {
  private root: DirNode;

  /** `now` supplies mtimes from the virtual clock; it is optional so tests can build a bare filesystem. */
  constructor(private readonly now: () => number = () => 0) {
    this.root = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() };
  }

  /** The directories and files a fresh machine shows. */
  static machine(now: () => number = () => 0): MemoryFS {
    const fs = new MemoryFS(now);
    for (const d of ['/root', '/tmp', '/etc', '/home', '/opt', '/usr/bin', '/usr/local/bin', '/var/log', '/dev']) fs.mkdir(d, { recursive: true });
    fs.writeFile('/etc/hostname', HOSTNAME + '\n');
    fs.writeFile('/etc/os-release', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nID=ubuntu\nID_LIKE=debian\n');
    fs.writeFile('/root/.bashrc', "# ~/.bashrc\nalias k=kubectl\n");
    return fs;
  }

  private lookup(path: string): Node | undefined {
    const p = normalize(path);
    if (p === '/') return this.root;
    let node: Node = this.root;
    for (const part of p.slice(1).split('/')) {
      if (node.type !== 'dir') return undefined;
      const next = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** The directory that holds `path`, with errno-accurate failures. */
  private parentDir(path: string): DirNode {
    const parent = dirname(normalize(path));
    const node = this.lookup(parent);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return node;
  }

  readFile(path: string): string {
    if (path === '/dev/null') return '';
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.data;
  }

  writeFile(path: string, data: string, opts?: { append?: boolean }): void {
    if (path === '/dev/null') return;
    const p = normalize(path);
    const dir = this.parentDir(p);
    const name = basename(p);
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    let text = opts?.append && existing ? existing.data + data : data;
    if (text.length > MAX_FILE_BYTES) text = text.slice(0, MAX_FILE_BYTES);
    if (existing) {
      existing.data = text;
      existing.mtimeMs = this.now();
    } else {
      dir.children.set(name, { type: 'file', data: text, mode: 0o644, mtimeMs: this.now() });
    }
  }

  exists(path: string): boolean {
    return path === '/dev/null' || this.lookup(path) !== undefined;
  }

  stat(path: string): FileStat | undefined {
    if (path === '/dev/null') return { type: 'file', size: 0, mtimeMs: 0, mode: 0o666 };
    const node = this.lookup(path);
    if (!node) return undefined;
    return { type: node.type, size: node.type === 'file' ? byteLength(node.data) : 4096, mtimeMs: node.mtimeMs, mode: node.mode };
  }

  readdir(path: string): string[] {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort();
  }

  mkdir(path: string, opts?: { recursive?: boolean }): void {
    const p = normalize(path);
    if (opts?.recursive) {
      let node: DirNode = this.root;
      for (const part of p.slice(1).split('/').filter(Boolean)) {
        const next = node.children.get(part);
        if (!next) {
          const d: DirNode = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() };
          node.children.set(part, d);
          node = d;
        } else if (next.type === 'file') {
          throw new FsError('ENOTDIR', path);
        } else node = next;
      }
      return;
    }
    const dir = this.parentDir(p);
    if (dir.children.has(basename(p)) || p === '/') throw new FsError('EEXIST', path);
    dir.children.set(basename(p), { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() });
  }

  rm(path: string, opts?: { recursive?: boolean; force?: boolean }): void {
    const p = normalize(path);
    const node = this.lookup(p);
    if (!node) {
      if (opts?.force) return;
      throw new FsError('ENOENT', path);
    }
    if (node.type === 'dir' && !opts?.recursive) throw new FsError(node.children.size ? 'ENOTEMPTY' : 'EISDIR', path);
    if (p === '/') throw new FsError('EACCES', path);
    this.parentDir(p).children.delete(basename(p));
  }

  rename(from: string, to: string): void {
    const f = normalize(from);
    const t = normalize(to);
    const node = this.lookup(f);
    if (!node) throw new FsError('ENOENT', from);
    if (t === f) return;
    if (node.type === 'dir' && (t + '/').startsWith(f + '/')) throw new FsError('EACCES', to);
    const target = this.parentDir(t);
    const existing = target.children.get(basename(t));
    if (existing?.type === 'dir' && node.type === 'file') throw new FsError('EISDIR', to);
    if (existing?.type === 'dir' && existing.children.size) throw new FsError('ENOTEMPTY', to);
    this.parentDir(f).children.delete(basename(f));
    target.children.set(basename(t), node);
  }

  /** chmod: only the permission bits matter here (`[ -x file ]`, `ls -l`). */
  chmod(path: string, mode: number): void {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    node.mode = mode & 0o7777;
  }

  touch(path: string): void {
    const node = this.lookup(path);
    if (node) node.mtimeMs = this.now();
    else this.writeFile(path, '');
  }

  snapshot(): FsSnapshot {
    const entries: FsSnapshotEntry[] = [];
    const walk = (dir: DirNode, prefix: string) => {
      for (const [name, node] of [...dir.children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const path = prefix + '/' + name;
        if (node.type === 'dir') {
          entries.push({ path, type: 'dir', mode: node.mode, mtimeMs: node.mtimeMs });
          walk(node, path);
        } else entries.push({ path, type: 'file', mode: node.mode, mtimeMs: node.mtimeMs, data: node.data });
      }
    };
    walk(this.root, '');
    return { version: 1, entries };
  }

  restore(s: FsSnapshot): void {
    this.root = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: 0 };
    for (const e of s.entries) {
      const dir = this.parentDir(e.path);
      const name = basename(e.path);
      dir.children.set(name, e.type === 'dir' ? { type: 'dir', children: new Map(), mode: e.mode, mtimeMs: e.mtimeMs } : { type: 'file', data: e.data ?? '', mode: e.mode, mtimeMs: e.mtimeMs });
    }
  }
}

/** UTF-8 length, which is what `ls -l` and `wc -c` report. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
