/**
 * The programs installed on the learner's machine, and where `which` finds them. Only what the prompt's basics
 * need (cat, ls, clear) is in the terminal's first load; every other program's module loads the first time one of
 * its programs runs (the text tools, the file commands, the small system commands, sed, awk, jq). The names are all
 * here, so `which`, `type` and completion know every program without loading it.
 */
import type { Program } from '../types';
import { onDemand } from '../../sim/lazy';
import { cat } from './cat';
import { ls } from './ls';
import { clear } from './clear';

/**
 * A program whose code loads on its first run; the load completes before the program reads or writes anything, and
 * Ctrl-C during it stops the program there (SIGINT: status 130, nothing done).
 */
export function onFirstRun(load: () => Promise<Program>): Program {
  const program = onDemand(load);
  return async (ctx) => {
    const run = await program();
    return ctx.signal.aborted ? 130 : run(ctx);
  };
}

/** The programs of one module loaded on demand: each one loads the module (once) when it first runs. */
function fromModule<M>(load: () => Promise<M>): (pick: (m: M) => Program) => Program {
  const mod = onDemand(load);
  return (pick) => async (ctx) => {
    const m = await mod();
    return ctx.signal.aborted ? 130 : pick(m)(ctx);
  };
}

const text = fromModule(() => import('./text'));
const files = fromModule(() => import('./files'));
const misc = fromModule(() => import('./misc'));

const grep = text((m) => m.grep);
const awk = onFirstRun(async () => (await import('./awk')).awk);
const sed = onFirstRun(async () => (await import('./sed')).sed);
const jq = onFirstRun(async () => (await import('./jq')).jq);
const diff = onFirstRun(async () => (await import('./diff')).diff);
const pager = misc((m) => m.pager);

export const COREUTILS: Record<string, Program> = {
  cat,
  ls,
  mkdir: files((m) => m.mkdir),
  rmdir: files((m) => m.rmdir),
  rm: files((m) => m.rm),
  cp: files((m) => m.cp),
  mv: files((m) => m.mv),
  touch: files((m) => m.touch),
  chmod: files((m) => m.chmod),
  find: files((m) => m.find),
  grep,
  egrep: (ctx) => grep({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] }),
  head: text((m) => m.head),
  tail: text((m) => m.tail),
  wc: text((m) => m.wc),
  sort: text((m) => m.sort),
  uniq: text((m) => m.uniq),
  cut: text((m) => m.cut),
  tr: text((m) => m.tr),
  tee: text((m) => m.tee),
  base64: text((m) => m.base64),
  seq: text((m) => m.seq),
  rev: text((m) => m.rev),
  tac: text((m) => m.tac),
  sed,
  awk,
  mawk: awk,
  jq,
  diff,
  sleep: misc((m) => m.sleep),
  date: misc((m) => m.date),
  clear,
  reset: clear,
  env: misc((m) => m.env),
  printenv: misc((m) => m.printenv),
  watch: misc((m) => m.watch),
  xargs: misc((m) => m.xargs),
  timeout: misc((m) => m.timeout),
  hostname: misc((m) => m.hostname),
  whoami: misc((m) => m.whoami),
  id: misc((m) => m.id),
  uname: misc((m) => m.uname),
  basename: misc((m) => m.basenameCmd),
  dirname: misc((m) => m.dirnameCmd),
  less: pager,
  more: pager,
  man: misc((m) => m.man),
  nproc: misc((m) => m.nproc),
};

/** Names that live in /usr/local/bin (installed for the course) rather than /usr/bin. */
const LOCAL_BIN = new Set(['kubectl', 'k3d', 'kubelab']);
/** Builtins that also exist as files, so `which echo` answers like on Ubuntu. */
export const ALSO_FILES = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'kill', 'bash', 'sh']);

export function programPath(name: string): string {
  if (name === 'bash' || name === 'sh') return `/usr/bin/${name}`;
  return LOCAL_BIN.has(name) ? `/usr/local/bin/${name}` : `/usr/bin/${name}`;
}
