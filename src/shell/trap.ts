/**
 * `trap`: the EXIT trap runs when the shell that set it ends (interpreter.ts runExitTrap); signal traps are kept
 * and listed but no signal reaches the simulated shell except through Ctrl-C, which cancels the command.
 * Texts from bash 5.2 builtins/trap.def: `trap -- 'cmd' EXIT` listings, "invalid signal specification".
 */
import type { Builtin } from './builtins';

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

/** EXIT, DEBUG, ERR, RETURN as they are; signals by name (with or without SIG) or number, as SIGNAME. */
function canonical(spec: string): string | undefined {
  const up = spec.toUpperCase();
  if (up === '0' || up === 'EXIT') return 'EXIT';
  if (['DEBUG', 'ERR', 'RETURN'].includes(up)) return up;
  if (/^\d+$/.test(up)) return SIGNALS[Number(up) - 1] ? `SIG${SIGNALS[Number(up) - 1]}` : undefined;
  const bare = up.replace(/^SIG/, '');
  return SIGNALS.includes(bare) ? `SIG${bare}` : undefined;
}

function quote(s: string): string {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

export const trap: Builtin = async (sh, argv, io) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const traps = sh.state.traps;
  if (!args.length || args[0] === '-p') {
    const only = args.slice(1).map(canonical);
    for (const [sig, cmd] of traps) if (!only.length || only.includes(sig)) io.stdout(`trap -- ${quote(cmd)} ${sig}\n`);
    return 0;
  }
  if (args[0] === '-l') {
    io.stdout(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join('\t') + '\n');
    return 0;
  }
  // `trap SIG` alone (a signal spec first) resets it, as `trap - SIG` does.
  let action: string | undefined = args[0];
  let specs = args.slice(1);
  if (args.length === 1 || (canonical(args[0]) && /^\d+$/.test(args[0]))) {
    action = '-';
    specs = args;
  }
  let status = 0;
  for (const spec of specs) {
    const sig = canonical(spec);
    if (!sig) {
      io.stderr(`${sh.errPrefix()}trap: ${spec}: invalid signal specification\n`);
      status = 1;
      continue;
    }
    if (action === '-') traps.delete(sig);
    else traps.set(sig, action);
  }
  return status;
};
