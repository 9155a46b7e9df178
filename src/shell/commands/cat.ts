/**
 * cat (GNU coreutils 9.4 as on Ubuntu 24.04). A basic of the prompt: kept in the terminal's first load, while the
 * other file commands (./files) load on first use.
 */
import type { Program } from '../types';
import { parseArgs, readInput, usage } from './util';
import { readLines } from '../io';

export const cat: Program = async (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), { flags: 'nAEsbTvu', long: { number: 'n', 'show-all': 'A' } }, 'cat');
  if (a.error) return usage(ctx, a.error, 'cat');
  const files = a.operands.length ? a.operands : ['-'];
  let status = 0;
  let lineNo = 0;
  const show = a.flags.has('A') || a.flags.has('v') || a.flags.has('E') || a.flags.has('T');
  const visible = (text: string) => {
    if (!show) return text;
    let t = text;
    if (a.flags.has('A') || a.flags.has('T')) t = t.replace(/\t/g, '^I');
    if (a.flags.has('A') || a.flags.has('v')) t = t.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\x7f' ? '^?' : '^' + String.fromCharCode(c.charCodeAt(0) + 64)));
    if (a.flags.has('A') || a.flags.has('E')) t = t.replace(/\n/g, '$\n');
    return t;
  };
  const emit = (raw: string) => {
    const text = visible(raw);
    if (!a.flags.has('n')) return ctx.stdout(text);
    const lines = text.split('\n');
    const last = lines.pop();
    let out = lines.map((l) => `${String(++lineNo).padStart(6)}\t${l}\n`).join('');
    if (last) out += `${String(++lineNo).padStart(6)}\t${last}`;
    ctx.stdout(out);
  };
  for (const f of files) {
    if (f === '-' && !a.flags.has('n') && !show) {
      // stream stdin so `kubectl get pods -w | cat` shows lines as they come
      for await (const line of readLines(ctx.stdin)) ctx.stdout(line + '\n');
      continue;
    }
    const text = await readInput(ctx, 'cat', f);
    if (text === undefined) status = 1;
    else emit(text);
  }
  return status;
};
