/**
 * Tar archives as `kubectl cp` streams them through exec (`tar cf - PATH` out of a container, `tar xmf -` into
 * one), and the container's `tar` itself: GNU tar 1.34 in Debian-based images, the busybox applet elsewhere.
 *
 * Streams here are text. An archive is a real ustar byte stream read as UTF-8: headers and padding are ASCII and
 * every size and 512-byte boundary counts UTF-8 bytes, so the same text sent over `kubelab serve` is a valid tar
 * for the real kubectl (Go's archive/tar), and one coming from it decodes back to the same entries.
 *
 * Messages (GNU tar src/names.c, src/misc.c; busybox archival/tar.c):
 * - an absolute member: GNU `tar: Removing leading \`/' from member names`, busybox `tar: removing leading '/' from
 *   member names` (once, on stderr);
 * - a missing path: GNU `tar: P: Cannot stat: No such file or directory` then, at the end, `tar: Exiting with
 *   failure status due to previous errors` (status 2); busybox `tar: P: No such file or directory` (status 1);
 * - `-C DIR` missing: GNU `tar: DIR: Cannot open: No such file or directory` + `tar: Error is not recoverable:
 *   exiting now` (2); busybox `tar: can't change directory to 'DIR': No such file or directory` (1);
 * - no archive on stdin: GNU `tar: This does not look like a tar archive` (2), busybox `tar: short read` (1).
 */
import type { ProcessAction } from './process';

export interface TarEntry {
  name: string;
  type: 'file' | 'dir';
  content: string;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
}

const BLOCK = 512;
const encoder = new TextEncoder();

function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function field(s: string, width: number): string {
  return s.slice(0, width).padEnd(width, '\0');
}

function header(e: TarEntry): string {
  let name = e.name;
  let prefix = '';
  // ustar splits a long name at a slash: up to 155 bytes of prefix, 100 of name.
  if (utf8Length(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    if (cut > 0) {
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
  }
  const size = e.type === 'file' ? utf8Length(e.content) : 0;
  const fields = [
    field(name, 100),
    octal(e.mode & 0o7777, 8),
    octal(0, 8),
    octal(0, 8),
    octal(size, 12),
    octal(Math.max(0, Math.floor(e.mtime)), 12),
    '        ',
    e.type === 'dir' ? '5' : '0',
    field('', 100),
    'ustar\0',
    '00',
    field('root', 32),
    field('root', 32),
    octal(0, 8),
    octal(0, 8),
    field(prefix, 155),
  ];
  let h = fields.join('').padEnd(BLOCK, '\0');
  let sum = 0;
  for (const b of encoder.encode(h)) sum += b;
  h = h.slice(0, 148) + sum.toString(8).padStart(6, '0') + '\0 ' + h.slice(156);
  return h;
}

/** A whole archive: each header, the content padded to a block, then two zero blocks. */
export function writeTar(entries: TarEntry[]): string {
  let out = '';
  for (const e of entries) {
    out += header(e);
    if (e.type === 'file' && e.content) {
      out += e.content;
      const rem = utf8Length(e.content) % BLOCK;
      if (rem) out += '\0'.repeat(BLOCK - rem);
    }
  }
  return out + '\0'.repeat(2 * BLOCK);
}

/** The entries of an archive; undefined when the text does not start with a tar header. */
export function readTar(text: string): TarEntry[] | undefined {
  const out: TarEntry[] = [];
  let i = 0;
  let first = true;
  while (i + BLOCK <= text.length) {
    const h = text.slice(i, i + BLOCK);
    if (/^\0*$/.test(h)) break;
    if (h.slice(257, 262) !== 'ustar') return first ? undefined : out;
    first = false;
    const str = (from: number, len: number) => h.slice(from, from + len).replace(/\0[\s\S]*$/, '');
    const num = (from: number, len: number) => parseInt(str(from, len).trim() || '0', 8);
    const prefix = str(345, 155);
    const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const size = num(124, 12);
    const flag = h[156];
    i += BLOCK;
    // Take characters until `size` UTF-8 bytes are read, then skip the padding to the next block.
    let bytes = 0;
    const start = i;
    while (bytes < size && i < text.length) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i += 2;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        i++;
      }
    }
    const content = text.slice(start, i);
    const pad = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
    i += pad;
    const type = flag === '5' || name.endsWith('/') ? 'dir' : 'file';
    out.push({ name: type === 'dir' ? name.replace(/\/$/, '') : name, type, content: type === 'file' ? content : '', mode: num(100, 8), mtime: num(136, 12) });
  }
  return out;
}

/** What the container's tar needs from its shell. */
export interface TarHost {
  resolve(path: string): string;
  readFile(path: string): string | undefined;
  isDir(path: string): boolean;
  entries(dir: string): string[];
  writeFile(path: string, text: string): void;
  mkdirp(path: string): void;
  writable(path: string): boolean;
  stdin(): string | undefined;
  emit(text: string): Generator<ProcessAction, void, void>;
  emitErr(text: string): Generator<ProcessAction, void, void>;
  /** Seconds since the epoch, for the archive's mtimes. */
  nowSeconds(): number;
}

interface TarOptions {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  paths: string[];
}

function parseArgs(args: string[]): TarOptions | string {
  const o: TarOptions = { verbose: false, paths: [] };
  const rest = [...args];
  // The first word may carry the letters without a dash (`tar cf - x`), as traditional tar reads it.
  if (rest.length && !rest[0].startsWith('-')) rest[0] = '-' + rest[0];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      if (a === '--no-same-permissions' || a === '--no-same-owner' || a === '--same-owner' || a === '--preserve-permissions') continue;
      if (a.startsWith('--directory=')) {
        o.dir = a.slice(12);
        continue;
      }
      if (a.startsWith('--file=')) {
        o.file = a.slice(7);
        continue;
      }
      return a;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'c' || c === 'x' || c === 't') o.mode = c;
        else if (c === 'f' || c === 'C') {
          const v = j + 1 < a.length ? a.slice(j + 1) : rest[++i];
          if (c === 'f') o.file = v;
          else o.dir = v;
          break;
        } else if (c === 'v') o.verbose = true;
        else if (c === 'm' || c === 'o' || c === 'p') continue;
        else return `-${c}`;
      }
      continue;
    }
    o.paths.push(a);
  }
  return o;
}

/** The `tar` program of a container; `gnu` picks GNU tar's messages and statuses over busybox's. */
export function* tarProgram(sh: TarHost, args: string[], gnu: boolean): Generator<ProcessAction, number, void> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    yield* sh.emitErr(gnu ? `tar: unrecognized option '${o}'\nTry 'tar --help' or 'tar --usage' for more information.\n` : `tar: unrecognized option '${o}'\n`);
    return gnu ? 64 : 1;
  }
  if (!o.mode) {
    yield* sh.emitErr(gnu ? "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: need one of -c, -x or -t\n');
    return gnu ? 2 : 1;
  }
  if (o.dir !== undefined && !sh.isDir(o.dir)) {
    yield* sh.emitErr(gnu ? `tar: ${o.dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n` : `tar: can't change directory to '${o.dir}': No such file or directory\n`);
    return gnu ? 2 : 1;
  }
  const base = o.dir ?? '.';
  const at = (p: string) => (p.startsWith('/') ? p : `${base.replace(/\/$/, '')}/${p}`);
  if (o.mode === 'c') return yield* create(sh, o, gnu, at);
  const text = o.file === undefined || o.file === '-' ? sh.stdin() ?? '' : sh.readFile(at(o.file));
  const entries = text === undefined ? undefined : readTar(text);
  if (!entries) {
    yield* sh.emitErr(gnu ? 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n' : 'tar: short read\n');
    return gnu ? 2 : 1;
  }
  if (o.mode === 't') {
    for (const e of entries) yield* sh.emit(`${e.name}${e.type === 'dir' ? '/' : ''}\n`);
    return 0;
  }
  let failed = false;
  for (const e of entries) {
    const name = e.name.replace(/^\/+/, '');
    const path = at(name);
    if (!sh.writable(path)) {
      yield* sh.emitErr(gnu ? `tar: ${name}: Cannot open: Read-only file system\n` : `tar: can't create '${name}': Read-only file system\n`);
      failed = true;
      continue;
    }
    if (o.verbose) yield* sh.emit(`${name}${e.type === 'dir' ? '/' : ''}\n`);
    const abs = sh.resolve(path);
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
    sh.mkdirp(parent);
    if (e.type === 'dir') sh.mkdirp(abs);
    else sh.writeFile(abs, e.content);
  }
  if (failed && gnu) yield* sh.emitErr('tar: Exiting with failure status due to previous errors\n');
  return failed ? (gnu ? 2 : 1) : 0;
}

function* create(sh: TarHost, o: TarOptions, gnu: boolean, at: (p: string) => string): Generator<ProcessAction, number, void> {
  if (!o.paths.length) {
    yield* sh.emitErr(gnu ? "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: empty archive\n');
    return gnu ? 2 : 1;
  }
  const entries: TarEntry[] = [];
  let warned = false;
  let failed = false;
  const now = sh.nowSeconds();
  const walk = (path: string, name: string) => {
    if (sh.isDir(path)) {
      entries.push({ name: `${name}/`, type: 'dir', content: '', mode: 0o755, mtime: now });
      for (const child of sh.entries(path)) walk(`${path.replace(/\/$/, '')}/${child}`, `${name}/${child}`);
      return;
    }
    entries.push({ name, type: 'file', content: sh.readFile(path) ?? '', mode: 0o644, mtime: now });
  };
  for (const p of o.paths) {
    const member = p.replace(/^\/+/, '');
    if (member !== p && !warned && (gnu || sh.isDir(at(p)) || sh.readFile(at(p)) !== undefined)) {
      yield* sh.emitErr(gnu ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
      warned = true;
    }
    const path = at(p);
    if (!sh.isDir(path) && sh.readFile(path) === undefined) {
      yield* sh.emitErr(gnu ? `tar: ${p}: Cannot stat: No such file or directory\n` : `tar: ${p}: No such file or directory\n`);
      failed = true;
      continue;
    }
    walk(path, member.replace(/\/+$/, '') || '.');
  }
  const archive = writeTar(entries.map((e) => ({ ...e, name: e.type === 'dir' ? e.name.replace(/\/$/, '') + '/' : e.name })));
  if (o.file === undefined || o.file === '-') yield* sh.emit(archive);
  else sh.writeFile(sh.resolve(at(o.file)), archive);
  if (failed) {
    if (gnu) yield* sh.emitErr('tar: Exiting with failure status due to previous errors\n');
    return gnu ? 2 : 1;
  }
  return 0;
}
