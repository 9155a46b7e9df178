/**
 * The programs installed on the learner's machine, and where `which` finds them. The large, rarely used ones
 * (sed, awk, jq) are separate chunks loaded the first time they run, so the browser's terminal starts lighter.
 */
import type { Program } from '../types';
import { onDemand } from '../../sim/lazy';
import { cat, chmod, cp, find, ls, mkdir, mv, rm, rmdir, touch } from './files';
import { base64, cut, grep, head, rev, seq, sort, tac, tail, tee, tr, uniq, wc } from './text';
import { basenameCmd, clear, date, dirnameCmd, env, hostname, id, man, nproc, pager, printenv, sleep, timeout, uname, watch, whoami, xargs } from './misc';

/** A program whose code loads on its first run; the load completes before the program reads or writes anything. */
export function onFirstRun(load: () => Promise<Program>): Program {
  const program = onDemand(load);
  return async (ctx) => (await program())(ctx);
}

const sed = onFirstRun(async () => (await import('./sed')).sed);
const awk = onFirstRun(async () => (await import('./awk')).awk);
const jq = onFirstRun(async () => (await import('./jq')).jq);
const diff = onFirstRun(async () => (await import('./diff')).diff);

export const COREUTILS: Record<string, Program> = {
  cat,
  ls,
  mkdir,
  rmdir,
  rm,
  cp,
  mv,
  touch,
  chmod,
  find,
  grep,
  egrep: (ctx) => grep({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] }),
  head,
  tail,
  wc,
  sort,
  uniq,
  cut,
  tr,
  tee,
  base64,
  seq,
  rev,
  tac,
  sed,
  awk,
  mawk: awk,
  jq,
  diff,
  sleep,
  date,
  clear,
  reset: clear,
  env,
  printenv,
  watch,
  xargs,
  timeout,
  hostname,
  whoami,
  id,
  uname,
  basename: basenameCmd,
  dirname: dirnameCmd,
  less: pager,
  more: pager,
  man,
  nproc,
};

/** Names that live in /usr/local/bin (installed for the course) rather than /usr/bin. */
const LOCAL_BIN = new Set(['kubectl', 'k3d', 'kubelab']);
/** Builtins that also exist as files, so `which echo` answers like on Ubuntu. */
export const ALSO_FILES = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'kill', 'bash', 'sh']);

export function programPath(name: string): string {
  if (name === 'bash' || name === 'sh') return `/usr/bin/${name}`;
  return LOCAL_BIN.has(name) ? `/usr/local/bin/${name}` : `/usr/bin/${name}`;
}
