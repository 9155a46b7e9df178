/**
 * kubectl cp (kubectl pkg/cmd/cp/cp.go and filespec.go, v1.31): a file spec is `[[namespace/]pod:]path`; exactly one
 * side is a pod. Everything goes through the exec API, as the real one does:
 * - into a pod: `test -d DEST` (output dropped; success means DEST is a folder and the file keeps its name in it),
 *   then `tar -xmf - -C <dir of DEST>` (`--no-same-permissions --no-same-owner` first with --no-preserve) fed with
 *   an archive made locally; tar's output and errors are kubectl's;
 * - out of a pod: `tar cf - SRC`, whose stderr is written to kubectl's *stdout* (cp.go gives the exec
 *   `ErrOut: o.Out`), so GNU tar's "Removing leading `/' from member names" shows there; the members are unpacked
 *   under the local destination after stripping the source's own path.
 * A remote tar that fails while copying into the pod ends kubectl with `command terminated with exit code N` and
 * status N (checkErr's ExitError case prints it without `error: `); out of a pod its status is lost (see below).
 */
import type { ExecSession, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { ExitCode, KubectlError, RawError } from '../cli/errors';
import { StatusError } from '../client/rest';
import { readTar, writeTar, type TarEntry } from '../../sim/images/tar';
import { pickContainer } from './podutil';

interface FileSpec {
  pod: string;
  namespace: string;
  file: string;
}

const FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

/** newLocalPath/newRemotePath: one trailing slash goes (but `/` stays). */
function stripTrailingSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new KubectlError(FORMAT);
  if (i < 0) return { pod: '', namespace: '', file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = stripTrailingSlash(arg.slice(i + 1)).replace(/\\/g, '/');
  if (pieces.length === 1) return { pod: pieces[0], namespace: '', file };
  if (pieces.length === 2) return { pod: pieces[1], namespace: pieces[0], file };
  throw new KubectlError(FORMAT);
}

export async function runCp(k: Kctx): Promise<number> {
  if (k.args.length !== 2) throw new KubectlError('source and destination are required');
  const src = extractFileSpec(k.args[0]);
  const dest = extractFileSpec(k.args[1]);
  if (src.pod && dest.pod) throw new KubectlError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new KubectlError('filepath can not be empty');
  if (src.pod) return copyFromPod(k, src, dest);
  if (dest.pod) return copyToPod(k, src, dest);
  throw new KubectlError('one of src or dest must be a remote file specification');
}

// ---- paths, as Go's path (remote) and path/filepath (local) treat them

function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s || (rooted ? '/' : '.');
}

function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(i < 0 ? '.' : p.slice(0, i + 1));
}

function base(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (!t) return p ? '/' : '.';
  return t.slice(t.lastIndexOf('/') + 1);
}

function join(a: string, b: string): string {
  return clean(b ? `${a}/${b}` : a);
}

/** stripPathShortcuts: leading `../` go, `.`/`..` become empty, then one leading slash. */
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../')) s = s.slice(3);
  if (s === '.' || s === '..') s = '';
  return s.startsWith('/') ? s.slice(1) : s;
}

// ---- exec

interface ExecResult {
  code: number;
  stdout: string;
}

/**
 * One exec in the pod (ExecOptions.Run): GET the pod, refuse a finished one, pick the container (the
 * "Defaulted container" notice goes to this exec's error stream), then stream.
 */
async function execIn(k: Kctx, spec: FileSpec, command: string[], o: { stdin?: string; stderr: (s: string) => void; stdout?: (s: string) => void }): Promise<ExecResult> {
  const ns = spec.namespace || k.namespace;
  const pod = k.rest().call<KubeObject>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(spec.pod)}` });
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const notices: string[] = [];
  const container = pickContainer({ err: (s: string) => notices.push(s) } as unknown as Kctx, pod, k.f.str('container'));
  for (const n of notices) o.stderr(n);
  const request = () =>
    k.rest().request({
      method: 'POST',
      path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(spec.pod)}/exec`,
      query: { command: JSON.stringify(command), container, stdin: o.stdin !== undefined ? 'true' : undefined, stdout: 'true', stderr: 'true' },
    });
  let res = request();
  // 1.31 tries WebSocket first and falls back to SPDY after any refused upgrade (remotecommand.NewFallbackExecutor
  // with httpstream.IsUpgradeFailure): the server sees the exec twice and the second answer is the one reported.
  if (res.status >= 400) res = request();
  // The refusal reads as the server's Status (`Error from server (InternalError): Internal error occurred: … exec:
  // "tar": executable file not found in $PATH: unknown` in an image without tar).
  if (res.status >= 400) throw new StatusError(res.body as never, res.status, 'POST', '');
  if (!res.exec) throw new KubectlError('unable to upgrade connection: exec is not supported by this server');
  const session: ExecSession = res.exec;
  let stdout = '';
  const code = await new Promise<number>((resolve) => {
    let done = false;
    const finish = (c: number) => {
      if (done) return;
      done = true;
      resolve(c);
    };
    session.onOutput((stream, data) => {
      if (stream === 'stderr') o.stderr(data);
      else if (o.stdout) o.stdout(data);
      else stdout += data;
    });
    session.onExit(finish);
    k.ctx.signal.onAbort(() => {
      session.close();
      finish(130);
    });
    if (o.stdin !== undefined) {
      if (o.stdin) session.write(o.stdin);
      session.closeStdin();
    }
  });
  return { code, stdout };
}

function terminated(k: Kctx, code: number): never {
  // Ctrl-C ends kubectl itself, silently
  if (k.ctx.signal.aborted) throw new ExitCode(130);
  throw new RawError(`command terminated with exit code ${code}\n`, code);
}

// ---- into a pod

async function copyToPod(k: Kctx, src: FileSpec, dest: FileSpec): Promise<number> {
  const fs = k.ctx.fs;
  if (!fs.stat(k.abs(src.file))) throw new KubectlError(`${src.file} doesn't exist in local filesystem`);
  let destFile = dest.file;
  try {
    const probe = await execIn(k, dest, ['test', '-d', destFile], { stderr: () => undefined });
    if (probe.code === 0) destFile = stripTrailingSlash(join(destFile, base(src.file)));
  } catch {
    // the probe's own failure only means "not a folder"; the copy itself reports what is wrong
  }
  const archive = makeTar(k, clean(src.file), clean(destFile));
  const command = k.f.bool('no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const destDir = dir(destFile);
  if (destDir) command.push('-C', destDir);
  const r = await execIn(k, dest, command, { stdin: archive, stdout: (s) => k.out(s), stderr: (s) => k.err(s) });
  if (r.code !== 0) terminated(k, r.code);
  return 0;
}

/** makeTar/recursiveTar: files under the destination's base name; a folder gets an entry only when empty. */
function makeTar(k: Kctx, src: string, dest: string): string {
  const fs = k.ctx.fs;
  const entries: TarEntry[] = [];
  const walk = (local: string, name: string) => {
    const st = fs.stat(k.abs(local));
    if (!st) return;
    const mtime = Math.floor(st.mtimeMs / 1000);
    if (st.type === 'dir') {
      const children = fs.readdir(k.abs(local));
      if (!children.length) entries.push({ name, type: 'dir', content: '', mode: st.mode || 0o755, mtime });
      for (const c of children) walk(`${local.replace(/\/$/, '')}/${c}`, `${name}/${c}`);
      return;
    }
    entries.push({ name, type: 'file', content: fs.readFile(k.abs(local)), mode: st.mode || 0o644, mtime });
  };
  walk(src, base(dest));
  return writeTar(entries);
}

// ---- out of a pod

async function copyFromPod(k: Kctx, src: FileSpec, dest: FileSpec): Promise<number> {
  // --retries makes the command resumable from a byte offset; the first try starts at byte 1
  const retries = Number(k.f.str('retries')) || 0;
  const command = retries !== 0 ? ['sh', '-c', `tar cf - ${src.file} | tail -c+1`] : ['tar', 'cf', '-', src.file];
  const { stdout } = await execIn(k, src, command, { stderr: (s) => k.out(s) });
  const prefix = stripPathShortcuts(clean(src.file.replace(/^[/\\]+/, '')));
  const entries = readTar(stdout) ?? [];
  untarAll(k, prefix, dest.file, entries);
  // The remote tar's status is reported from a goroutine the command does not wait for: a missing source prints
  // tar's errors and still exits 0 (kubernetes/kubectl#980, still so in 1.31 and against `kubelab serve`).
  return 0;
}

function untarAll(k: Kctx, prefix: string, dest: string, entries: TarEntry[]): void {
  const fs = k.ctx.fs;
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.name}/` : e.name;
    if (!name.startsWith(prefix)) throw new KubectlError('tar contents corrupted');
    const target = join(dest, name.slice(prefix.length));
    const rel = relative(clean(dest), target);
    if (rel !== '.' && rel !== stripPathShortcuts(rel)) {
      k.err(`warning: file "${target}" is outside target destination, skipping\n`);
      continue;
    }
    const abs = k.abs(target);
    fs.mkdir(k.abs(dir(target)), { recursive: true });
    if (e.type === 'dir') {
      fs.mkdir(abs, { recursive: true });
      continue;
    }
    if (fs.stat(abs)?.type === 'dir') throw new KubectlError(`open ${target}: is a directory`);
    fs.writeFile(abs, e.content);
  }
}

/** filepath.Rel for two cleaned paths of the same kind. */
function relative(from: string, to: string): string {
  if (from === to) return '.';
  const a = from === '.' ? [] : from.split('/');
  const b = to === '.' ? [] : to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}
