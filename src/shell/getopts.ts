/**
 * `getopts optstring name [arg …]` as bash 5.2 runs it (builtins/getopts.def, lib/sh/getopt.c): OPTIND names the
 * next argument, grouped options (`-ab`) are walked one letter per call, an option followed by `:` in optstring
 * takes the rest of its word or the next argument as OPTARG. A leading `:` in optstring is the silent mode:
 * no messages, `?` with OPTARG set to the bad letter, or `:` for a missing argument. Otherwise bash prints
 * "$0: illegal option -- x" / "$0: option requires an argument -- x" and sets name to `?`.
 */
import type { Builtin } from './builtins';

export const getopts: Builtin = async (sh, argv, io) => {
  const [, optstring, name, ...rest] = argv;
  if (optstring === undefined || name === undefined) {
    io.stderr(`${sh.errPrefix()}getopts: usage: getopts optstring name [arg ...]\n`);
    return 2;
  }
  const s = sh.state;
  const args = rest.length ? rest : s.positional;
  const silent = optstring.startsWith(':');
  const spec = silent ? optstring.slice(1) : optstring;
  let optind = Number(sh.lookup('OPTIND') ?? '1') || 1;
  // A script that resets OPTIND (OPTIND=1, local OPTIND) starts over at the beginning of a word.
  if (optind !== s.getopts.index) s.getopts = { index: optind, char: 0 };
  const setIndex = (n: number) => {
    optind = n;
    s.getopts = { index: n, char: 0 };
    sh.assign('OPTIND', String(n));
  };
  const done = () => {
    sh.assign(name, '?');
    s.vars.delete('OPTARG');
    sh.assign('OPTIND', String(optind));
    return 1;
  };
  const word = args[optind - 1];
  if (s.getopts.char === 0) {
    if (word === undefined || word === '-' || !word.startsWith('-')) return done();
    if (word === '--') {
      setIndex(optind + 1);
      return done();
    }
    s.getopts.char = 1;
  }
  const c = word[s.getopts.char];
  const at = spec.indexOf(c);
  const next = () => {
    s.getopts.char++;
    if (s.getopts.char >= word.length) setIndex(optind + 1);
    else sh.assign('OPTIND', String(optind));
  };
  if (c === ':' || at < 0) {
    next();
    if (silent) {
      sh.assign('OPTARG', c);
    } else {
      io.stderr(`${s.argv0}: illegal option -- ${c}\n`);
      s.vars.delete('OPTARG');
    }
    sh.assign(name, '?');
    return 0;
  }
  if (spec[at + 1] === ':') {
    const inWord = word.slice(s.getopts.char + 1);
    if (inWord) {
      sh.assign('OPTARG', inWord);
      setIndex(optind + 1);
    } else if (args[optind] !== undefined) {
      sh.assign('OPTARG', args[optind]);
      setIndex(optind + 2);
    } else {
      setIndex(optind + 1);
      if (silent) {
        sh.assign(name, ':');
        sh.assign('OPTARG', c);
      } else {
        io.stderr(`${s.argv0}: option requires an argument -- ${c}\n`);
        sh.assign(name, '?');
        s.vars.delete('OPTARG');
      }
      return 0;
    }
    sh.assign(name, c);
    return 0;
  }
  next();
  s.vars.delete('OPTARG');
  sh.assign(name, c);
  return 0;
};
