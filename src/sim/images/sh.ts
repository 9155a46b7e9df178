/**
 * A small POSIX-ish shell as busybox/alpine (and any image's `sh -c`) would run it inside a container.
 * It runs as a generator of actions (print, sleep, exit), so the kubelet can pace it on the virtual clock:
 * `while true; do date; sleep 5; done` prints a line every five virtual seconds.
 * Supported: ; && || | & (ignored), while/until/for/if/case-less compound commands, { }, ( ), assignments,
 * $VAR ${VAR} ${VAR:-x} $? $$ $# $@ $(…) `…` $((…)), quotes, redirects to files, >&2, 2>&1, /dev/null.
 */
import type { ProcessAction, ProcessContext } from './process';
import { formatDate } from './strftime';
import { tarProgram } from './tar';

type Redirect = { fd: number; op: '>' | '>>' | '<' | '>&'; target: string };
type Node =
  | { t: 'simple'; assigns: [string, string][]; words: string[]; redirs: Redirect[] }
  | { t: 'list'; items: { node: Node; op: ';' | '&&' | '||' }[] }
  | { t: 'pipe'; cmds: Node[] }
  | { t: 'while'; until: boolean; cond: Node; body: Node }
  | { t: 'for'; name: string; words: string[] | null; body: Node }
  | { t: 'if'; branches: { cond: Node; body: Node }[]; otherwise?: Node }
  | { t: 'group'; body: Node; sub: boolean };

export class ShellSyntaxError extends Error {}

// ---------- lexer ----------
type Tok = { k: 'word'; v: string } | { k: 'op'; v: string } | { k: 'nl' };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n') { out.push({ k: 'nl' }); i++; continue; }
    if (c === '#') { while (i < n && src[i] !== '\n') i++; continue; }
    const two = src.slice(i, i + 2);
    if (['&&', '||', ';;', '>>', '>&', '<&'].includes(two)) {
      out.push({ k: 'op', v: two }); i += 2; continue;
    }
    if (';|&()<>'.includes(c)) { out.push({ k: 'op', v: c }); i++; continue; }
    // a word, possibly with quotes and $( ) inside; an fd number glued to a redirect (2>) is its own op
    let w = '';
    while (i < n) {
      const d = src[i];
      if (d === ' ' || d === '\t' || d === '\n' || ';|&()<>'.includes(d)) {
        if ((d === '>' || d === '<') && /^\d$/.test(w)) { w = '\u0000' + w; }
        break;
      }
      if (d === '\\') { w += src.slice(i, i + 2); i += 2; continue; }
      if (d === "'") {
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShellSyntaxError("unterminated quoted string");
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (d === '"') {
        let j = i + 1;
        while (j < n && src[j] !== '"') { if (src[j] === '\\') j++; else if (src[j] === '$' && src[j + 1] === '(') j = skipParens(src, j + 1) - 1; j++; }
        if (j >= n) throw new ShellSyntaxError('unterminated quoted string');
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (d === '`') {
        const j = src.indexOf('`', i + 1);
        if (j < 0) throw new ShellSyntaxError('unterminated quoted string');
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (d === '$' && src[i + 1] === '(') { const j = skipParens(src, i + 1); w += src.slice(i, j); i = j; continue; }
      if (d === '$' && src[i + 1] === '{') { const j = src.indexOf('}', i); w += src.slice(i, j + 1); i = j + 1; continue; }
      w += d; i++;
    }
    if (w.startsWith('\u0000')) out.push({ k: 'op', v: 'fd' + w.slice(1) });
    else out.push({ k: 'word', v: w });
  }
  return out;
}

function skipParens(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '(') depth++;
    else if (src[j] === ')' && --depth === 0) return j + 1;
    else if (src[j] === "'") j = src.indexOf("'", j + 1);
  }
  throw new ShellSyntaxError('unterminated $(');
}

// ---------- parser ----------
const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}']);

class Parser {
  private p = 0;
  constructor(private toks: Tok[]) {}
  parseAll(): Node {
    const l = this.list([]);
    this.skipNl();
    if (this.p < this.toks.length) throw new ShellSyntaxError(`syntax error: unexpected "${this.show(this.toks[this.p])}"`);
    return l;
  }
  private show(t: Tok): string { return t.k === 'nl' ? 'newline' : t.v; }
  private peek(): Tok | undefined { return this.toks[this.p]; }
  private isWord(v: string): boolean { const t = this.peek(); return !!t && t.k === 'word' && t.v === v; }
  private isOp(v: string): boolean { const t = this.peek(); return !!t && t.k === 'op' && t.v === v; }
  private skipNl(): void { while (this.peek()?.k === 'nl') this.p++; }
  private expectWord(v: string): void {
    this.skipNl();
    if (!this.isWord(v)) {
      const t = this.peek();
      throw new ShellSyntaxError(`syntax error: unexpected ${t ? `"${this.show(t)}"` : 'end of file'} (expecting "${v}")`);
    }
    this.p++;
  }
  /** Parses until one of the terminator words (do, done, fi …) is at command position. */
  private list(terms: string[]): Node {
    const items: { node: Node; op: ';' | '&&' | '||' }[] = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (!t || (t.k === 'word' && terms.includes(t.v)) || (t.k === 'op' && t.v === ')')) break;
      items.push({ node: this.pipeline(), op });
      const nx = this.peek();
      if (nx?.k === 'op' && (nx.v === '&&' || nx.v === '||')) { op = nx.v as '&&' | '||'; this.p++; continue; }
      if (nx?.k === 'op' && (nx.v === ';' || nx.v === '&')) { this.p++; op = ';'; continue; }
      if (nx?.k === 'nl') { op = ';'; continue; }
      op = ';';
      if (!nx || (nx.k === 'word' && terms.includes(nx.v)) || (nx.k === 'op' && nx.v === ')')) break;
      throw new ShellSyntaxError(`syntax error: unexpected "${this.show(nx)}"`);
    }
    return { t: 'list', items };
  }
  private pipeline(): Node {
    const cmds = [this.command()];
    while (this.isOp('|')) { this.p++; this.skipNl(); cmds.push(this.command()); }
    return cmds.length === 1 ? cmds[0] : { t: 'pipe', cmds };
  }
  private command(): Node {
    const t = this.peek();
    if (t?.k === 'word') {
      if (t.v === 'while' || t.v === 'until') {
        this.p++;
        const cond = this.list(['do']);
        this.expectWord('do');
        const body = this.list(['done']);
        this.expectWord('done');
        return { t: 'while', until: t.v === 'until', cond, body };
      }
      if (t.v === 'for') {
        this.p++;
        const name = this.peek();
        if (name?.k !== 'word') throw new ShellSyntaxError('syntax error: bad for loop variable');
        this.p++;
        let words: string[] | null = null;
        if (this.isWord('in')) {
          this.p++;
          words = [];
          while (this.peek()?.k === 'word') words.push((this.toks[this.p++] as { v: string }).v);
        }
        if (this.isOp(';')) this.p++;
        this.expectWord('do');
        const body = this.list(['done']);
        this.expectWord('done');
        return { t: 'for', name: name.v, words, body };
      }
      if (t.v === 'if') {
        this.p++;
        const branches: { cond: Node; body: Node }[] = [];
        let otherwise: Node | undefined;
        for (;;) {
          const cond = this.list(['then']);
          this.expectWord('then');
          const body = this.list(['elif', 'else', 'fi']);
          branches.push({ cond, body });
          this.skipNl();
          if (this.isWord('elif')) { this.p++; continue; }
          if (this.isWord('else')) { this.p++; otherwise = this.list(['fi']); }
          this.expectWord('fi');
          break;
        }
        return { t: 'if', branches, otherwise };
      }
      if (t.v === '{') {
        this.p++;
        const body = this.list(['}']);
        this.expectWord('}');
        return { t: 'group', body, sub: false };
      }
      if (RESERVED.has(t.v)) throw new ShellSyntaxError(`syntax error: unexpected "${t.v}"`);
    }
    if (t?.k === 'op' && t.v === '(') {
      this.p++;
      const body = this.list([]);
      if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.p++;
      return { t: 'group', body, sub: true };
    }
    return this.simple();
  }
  private simple(): Node {
    const assigns: [string, string][] = [];
    const words: string[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.k === 'nl') break;
      if (t.k === 'op') {
        let fd = -1;
        let op = t.v;
        if (op.startsWith('fd')) { fd = Number(op.slice(2)); this.p++; op = (this.peek() as { v: string })?.v; }
        if (op === '>' || op === '>>' || op === '<' || op === '>&') {
          this.p++;
          const target = this.peek();
          if (target?.k !== 'word') throw new ShellSyntaxError('syntax error: unexpected newline');
          this.p++;
          redirs.push({ fd: fd >= 0 ? fd : op === '<' ? 0 : 1, op: op as Redirect['op'], target: target.v });
          continue;
        }
        break;
      }
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.v)) {
        const eq = t.v.indexOf('=');
        assigns.push([t.v.slice(0, eq), t.v.slice(eq + 1)]);
      } else {
        if (words.length === 0 && RESERVED.has(t.v)) break;
        words.push(t.v);
      }
      this.p++;
    }
    if (!words.length && !assigns.length && !redirs.length) {
      const t = this.peek();
      throw new ShellSyntaxError(`syntax error: unexpected ${t ? `"${this.show(t)}"` : 'end of file'}`);
    }
    return { t: 'simple', assigns, words, redirs };
  }
}

export function parseShell(src: string): Node {
  return new Parser(lex(src)).parseAll();
}

// ---------- interpreter ----------
class ExitSignal { constructor(readonly code: number) {} }

export interface ShellOptions {
  /** `$0` and the name used in error messages ("sh"). */
  argv0?: string;
  /** Programs present in the image; `*` means a busybox userland (every applet exists). */
  binaries: string[];
}

type Gen = Generator<ProcessAction, number, void>;

export class Shell {
  private vars: Record<string, string>;
  private status = 0;
  private capture: string[][] = [];
  private stdinStack: string[] = [];
  private errToOut = 0;

  constructor(private ctx: ProcessContext, private opts: ShellOptions) {
    this.vars = { ...ctx.env, HOSTNAME: ctx.hostname, HOME: ctx.env.HOME ?? '/root', PATH: ctx.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', PWD: '/' };
  }

  /** Runs a script; the generator's return value is the exit status. */
  *runScript(src: string): Gen {
    let tree: Node;
    try {
      tree = parseShell(src);
    } catch (e) {
      yield* this.err(`${this.opts.argv0 ?? 'sh'}: ${(e as Error).message}\n`);
      return 2;
    }
    try {
      return yield* this.exec(tree);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /** Runs one command given as argv (a container `command:` without a shell). */
  *runArgv(argv: string[], stdin?: string): Gen {
    // an exec with stdin (`kubectl cp` → `tar xmf -`) hands the command everything sent before stdin closed
    if (stdin !== undefined) this.stdinStack.push(stdin);
    try {
      return yield* this.invoke(argv);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /** Output written so far (counts writes): tells a busy loop that does nothing visible from one that prints. */
  private written = 0;

  private *out(text: string): Generator<ProcessAction, void, void> {
    this.written++;
    if (this.capture.length) this.capture[this.capture.length - 1].push(text);
    else if (text) yield { type: 'out', stream: 'stdout', text };
  }
  private *err(text: string): Generator<ProcessAction, void, void> {
    this.written++;
    if (this.errToOut) return yield* this.out(text);
    yield { type: 'out', stream: 'stderr', text };
  }

  private *exec(n: Node): Gen {
    switch (n.t) {
      case 'list': {
        let st = 0;
        for (const it of n.items) {
          if (it.op === '&&' && st !== 0) continue;
          if (it.op === '||' && st === 0) continue;
          st = yield* this.exec(it.node);
          this.status = st;
        }
        return st;
      }
      case 'pipe': {
        let input: string | undefined;
        let st = 0;
        for (let i = 0; i < n.cmds.length; i++) {
          const last = i === n.cmds.length - 1;
          if (input !== undefined) this.stdinStack.push(input);
          if (!last) this.capture.push([]);
          try {
            st = yield* this.exec(n.cmds[i]);
          } finally {
            if (input !== undefined) this.stdinStack.pop();
          }
          if (!last) input = this.capture.pop()!.join('');
        }
        return st;
      }
      case 'while': {
        let st = 0;
        let idle = 0;
        let written = this.written;
        for (let guard = 0; ; guard++) {
          const c = yield* this.exec(n.cond);
          if ((c === 0) === n.until) break;
          st = yield* this.exec(n.body);
          // A loop with no sleep in it would spin forever in zero virtual time: give it a tick. A loop that only
          // burns CPU (`while true; do :; done`) gets ever longer ticks (up to 1 s per 1,000 rounds), so a CPU
          // burner costs the simulation little; the metrics usage model accounts its core.
          if (guard % 1000 === 999) {
            idle = this.written === written ? Math.min(idle + 1, 10) : 0;
            written = this.written;
            yield { type: 'sleep', ms: 2 ** idle };
          }
        }
        return st;
      }
      case 'for': {
        const items = n.words === null ? (this.vars['@'] ?? '').split(' ').filter(Boolean) : yield* this.expandWords(n.words);
        let st = 0;
        for (const w of items) {
          this.vars[n.name] = w;
          st = yield* this.exec(n.body);
        }
        return st;
      }
      case 'if': {
        for (const b of n.branches) {
          if ((yield* this.exec(b.cond)) === 0) return yield* this.exec(b.body);
        }
        return n.otherwise ? yield* this.exec(n.otherwise) : 0;
      }
      case 'group': {
        if (!n.sub) return yield* this.exec(n.body);
        const saved = { ...this.vars };
        try {
          return yield* this.exec(n.body);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        } finally {
          this.vars = saved;
        }
      }
      case 'simple':
        return yield* this.simple(n);
    }
  }

  private *simple(n: Extract<Node, { t: 'simple' }>): Gen {
    const words = yield* this.expandWords(n.words);
    const assigned: [string, string][] = [];
    for (const [k, v] of n.assigns) assigned.push([k, (yield* this.expandWord(v, false)).join('')]);
    if (!words.length) {
      for (const [k, v] of assigned) this.vars[k] = v;
      return 0;
    }
    const savedVars = assigned.length ? { ...this.vars } : undefined;
    for (const [k, v] of assigned) this.vars[k] = v;
    // Redirects: capture stdout into a file, or merge stderr into stdout, or discard.
    let fileTarget: { path: string; append: boolean } | undefined;
    let discard = false;
    let toErr = false;
    let mergedErr = false;
    let stdin: string | undefined;
    for (const r of n.redirs) {
      const target = (yield* this.expandWord(r.target, false)).join('');
      if (r.op === '>&') {
        if (r.fd === 1 && target === '2') toErr = true;
        else if (r.fd === 2 && target === '1') mergedErr = true;
      } else if (r.op === '<') {
        const content = this.readFile(target);
        if (content === undefined) {
          yield* this.err(`${this.opts.argv0 ?? 'sh'}: can't open ${target}: no such file\n`);
          return 1;
        }
        stdin = content;
      } else if (r.fd === 1) {
        if (target === '/dev/null') discard = true;
        else if (target === '/dev/stderr') toErr = true;
        else fileTarget = { path: target, append: r.op === '>>' };
      } else if (r.fd === 2 && target === '/dev/null') {
        mergedErr = false;
        this.errToOut = 0;
      }
    }
    if (fileTarget && !this.writable(fileTarget.path)) {
      // ash opens the redirect target before running the command, so the command never runs.
      yield* this.err(`${this.opts.argv0 ?? 'sh'}: can't create ${fileTarget.path}: Read-only file system\n`);
      if (savedVars) this.vars = savedVars;
      this.status = 1;
      return 1;
    }
    const capturing = discard || !!fileTarget || toErr;
    if (capturing) this.capture.push([]);
    if (mergedErr) this.errToOut++;
    if (stdin !== undefined) this.stdinStack.push(stdin);
    let st: number;
    try {
      st = yield* this.invoke(words);
    } finally {
      if (stdin !== undefined) this.stdinStack.pop();
      if (mergedErr) this.errToOut--;
      if (savedVars) this.vars = savedVars;
    }
    if (capturing) {
      const text = this.capture.pop()!.join('');
      if (fileTarget) this.writeFile(fileTarget.path, (fileTarget.append ? this.readFile(fileTarget.path) ?? '' : '') + text);
      else if (toErr && text) yield { type: 'out', stream: 'stderr', text };
    }
    return st;
  }

  private has(bin: string): boolean {
    const b = this.opts.binaries;
    const base = bin.split('/').pop()!;
    return b.includes('*') || b.includes(base) || b.includes(bin);
  }

  private *invoke(argv: string[]): Gen {
    const [cmd, ...args] = argv;
    const name = cmd.split('/').pop()!;
    const builtin = BUILTINS[name];
    const shellBuiltins = new Set(['exit', 'true', 'false', ':', 'echo', 'printf', 'test', '[', 'export', 'trap', 'set', 'unset', 'cd', 'read', 'shift', 'wait', 'pwd']);
    if (builtin && (shellBuiltins.has(name) || this.has(cmd))) {
      const st = yield* builtin.call(this, args);
      this.status = st;
      return st;
    }
    if (name === 'sh' || name === 'bash' || name === 'ash') {
      if (this.has(cmd) && args[0] === '-c' && args[1] !== undefined) {
        const sub = new Shell(this.ctx, { ...this.opts, argv0: args[2] ?? name });
        sub.vars = { ...this.vars };
        // the child shell reads the same stdin (`kubectl exec -i pod -- sh -c 'cat > f'`)
        const input = this.stdin();
        if (input !== undefined) sub.stdinStack.push(input);
        return yield* sub.runScript(args[1]);
      }
      if (this.has(cmd)) return 0;
    }
    yield* this.err(`${this.opts.argv0 ?? 'sh'}: ${cmd}: not found\n`);
    this.status = 127;
    return 127;
  }

  // ----- expansion -----
  private *expandWords(words: string[]): Generator<ProcessAction, string[], void> {
    const out: string[] = [];
    for (const w of words) out.push(...(yield* this.expandWord(w, true)));
    return out;
  }

  /** Expands quotes, variables, command substitution and arithmetic; splits unquoted results on spaces. */
  private *expandWord(w: string, split: boolean): Generator<ProcessAction, string[], void> {
    const fields: string[] = [];
    let cur = '';
    let any = false;
    const pushUnquoted = (s: string) => {
      if (!split) { cur += s; return; }
      const parts = s.split(/[ \t\n]+/);
      parts.forEach((p, i) => {
        if (i > 0 && (cur || any)) { fields.push(cur); cur = ''; any = false; }
        cur += p;
      });
    };
    let i = 0;
    while (i < w.length) {
      const c = w[i];
      if (c === "'") {
        const j = w.indexOf("'", i + 1);
        cur += w.slice(i + 1, j); any = true; i = j + 1; continue;
      }
      if (c === '"') {
        let j = i + 1;
        let s = '';
        while (j < w.length && w[j] !== '"') {
          if (w[j] === '\\' && '"\\$`'.includes(w[j + 1])) { s += w[j + 1]; j += 2; continue; }
          if (w[j] === '$' || w[j] === '`') {
            const [val, end] = yield* this.dollar(w, j);
            s += val; j = end; continue;
          }
          s += w[j++];
        }
        cur += s; any = true; i = j + 1; continue;
      }
      if (c === '\\') { cur += w[i + 1] ?? ''; any = true; i += 2; continue; }
      if (c === '$' || c === '`') {
        const [val, end] = yield* this.dollar(w, i);
        pushUnquoted(val); i = end; continue;
      }
      cur += c; i++;
    }
    if (cur || any) fields.push(cur);
    return fields;
  }

  private *dollar(w: string, i: number): Generator<ProcessAction, [string, number], void> {
    if (w[i] === '`') {
      const j = w.indexOf('`', i + 1);
      return [yield* this.substitute(w.slice(i + 1, j)), j + 1];
    }
    if (w.startsWith('$((', i)) {
      const j = skipParens(w, i + 1);
      const expr = w.slice(i + 3, j - 2);
      return [String(this.arith(expr)), j];
    }
    if (w[i + 1] === '(') {
      const j = skipParens(w, i + 1);
      return [yield* this.substitute(w.slice(i + 2, j - 1)), j];
    }
    if (w[i + 1] === '{') {
      const j = w.indexOf('}', i);
      const body = w.slice(i + 2, j);
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$@0-9])(?:(:?[-=+])(.*))?$/.exec(body);
      if (!m) return ['', j + 1];
      const v = this.getVar(m[1]);
      if (m[2]) {
        const unsetOrEmpty = m[2].startsWith(':') ? !v : v === undefined;
        const alt = m[3] ?? '';
        if (m[2].endsWith('-')) return [unsetOrEmpty ? alt : v!, j + 1];
        if (m[2].endsWith('=')) { if (unsetOrEmpty) this.vars[m[1]] = alt; return [unsetOrEmpty ? alt : v!, j + 1]; }
        if (m[2].endsWith('+')) return [unsetOrEmpty ? '' : alt, j + 1];
      }
      return [v ?? '', j + 1];
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$@0-9])/.exec(w.slice(i + 1));
    if (!m) return ['$', i + 1];
    return [this.getVar(m[1]) ?? '', i + 1 + m[1].length];
  }

  private getVar(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return '0';
    if (name === '0') return this.opts.argv0 ?? 'sh';
    return this.vars[name];
  }

  private *substitute(src: string): Generator<ProcessAction, string, void> {
    this.capture.push([]);
    let text: string;
    try {
      const tree = parseShell(src);
      this.status = yield* this.exec(tree);
    } catch (e) {
      if (e instanceof ShellSyntaxError) yield* this.err(`sh: ${e.message}\n`);
      else if (!(e instanceof ExitSignal)) throw e;
    } finally {
      text = this.capture.pop()!.join('');
    }
    return text.replace(/\n+$/, '');
  }

  arith(expr: string): number {
    const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, v) => String(Number(this.vars[v] ?? 0) || 0));
    if (!/^[\d\s+\-*/%()<>=!&|]*$/.test(src)) return 0;
    return evalArith(src);
  }

  // used by builtins
  stdin(): string | undefined { return this.stdinStack.length ? this.stdinStack[this.stdinStack.length - 1] : undefined; }
  setVar(k: string, v: string): void { this.vars[k] = v; }
  unsetVar(k: string): void { delete this.vars[k]; }
  allVars(): Record<string, string> { return this.vars; }
  context(): ProcessContext { return this.ctx; }

  /** Whether a path can be written: everything, unless the root filesystem is read-only and it is not under a writable mount. */
  writable(path: string): boolean {
    const abs = this.resolve(path);
    if (this.ctx.readOnlyAt?.(abs)) return false;
    const ro = this.ctx.readOnlyRoot;
    if (!ro) return true;
    if (abs.startsWith('/dev/') || abs.startsWith('/proc/')) return true;
    return ro.writable.some((m) => abs === m || abs.startsWith(m.replace(/\/$/, '') + '/'));
  }
  emit(text: string) { return this.out(text); }
  emitErr(text: string) { return this.err(text); }

  /** An absolute, normalised path from the shell's working directory (a trailing `/` is kept). */
  resolve(path: string): string {
    return resolvePath(path, this.vars.PWD ?? '/');
  }

  /**
   * Whether a directory exists: the root, the usual top-level folders of a Linux image, a mount point or a folder
   * above one, an explicit directory (mkdir), or a folder some file lives in.
   */
  isDir(path: string): boolean {
    const p = this.resolve(path).replace(/\/$/, '') || '/';
    if (p === '/' || BASE_DIRS.has(p)) return true;
    const fs = this.ctx.fs as Map<string, string> & { mountPaths?: () => string[] };
    if (fs.mountPaths?.().some((m) => m === p || m.startsWith(p + '/'))) return true;
    if (fs.has(p + '/')) return true;
    for (const k of fs.keys()) if (k.startsWith(p + '/')) return true;
    return false;
  }

  /** A regular file's content, or undefined (missing, or a directory). */
  readFile(path: string): string | undefined {
    const p = this.resolve(path);
    if (p.endsWith('/')) return undefined;
    return this.ctx.fs.get(p);
  }

  writeFile(path: string, text: string): void {
    this.ctx.fs.set(this.resolve(path).replace(/\/$/, ''), text);
  }

  /** The names directly inside a directory (files and folders), sorted as busybox ls sorts them (C locale). */
  entries(dir: string): string[] {
    const p = this.resolve(dir).replace(/\/$/, '');
    const prefix = p === '' ? '/' : p + '/';
    const fs = this.ctx.fs as Map<string, string> & { mountPaths?: () => string[] };
    const names = new Set<string>();
    const add = (k: string) => {
      if (!k.startsWith(prefix)) return;
      const n = k.slice(prefix.length).split('/')[0];
      if (n) names.add(n);
    };
    for (const k of fs.keys()) add(k);
    for (const m of fs.mountPaths?.() ?? []) add(m);
    return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every file below a directory, as paths relative to it. */
  filesBelow(dir: string): string[] {
    const p = this.resolve(dir).replace(/\/$/, '');
    const out: string[] = [];
    for (const k of this.ctx.fs.keys()) if (k.startsWith(p + '/')) out.push(k.slice(p.length + 1));
    return out;
  }

  /** The working directory (`cd` changes it; prompts show it). */
  cwd(): string {
    return this.vars.PWD ?? '/';
  }

  /** A busybox userland (every applet), as opposed to a Debian-like image's GNU tools. */
  busybox(): boolean {
    return this.opts.binaries.includes('*');
  }

  mkdirp(path: string): void {
    const p = this.resolve(path).replace(/\/$/, '');
    if (p && !this.isDir(p)) this.ctx.fs.set(p + '/', '');
  }

  nowSeconds(): number {
    return Math.floor(this.ctx.now() / 1000);
  }

  setCwd(path: string): void {
    this.vars.PWD = this.resolve(path).replace(/\/$/, '') || '/';
  }
}

/** Folders every image has, whether or not a file in them is known here. */
const BASE_DIRS = new Set(['/bin', '/dev', '/etc', '/home', '/lib', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/log', '/var/run', '/var/tmp', '/var/lib', '/var/cache']);

function resolvePath(path: string, cwd: string): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  const out = '/' + parts.join('/');
  return (abs.endsWith('/') || abs.endsWith('/.')) && out !== '/' ? out + '/' : out;
}

/** Integer arithmetic with C precedence for + - * / % comparisons && || and parentheses. */
function evalArith(src: string): number {
  const toks = src.match(/\d+|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]/g) ?? [];
  let p = 0;
  const prec: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
  const unary = (): number => {
    const t = toks[p++];
    if (t === '(') { const v = bin(0); p++; return v; }
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return unary() ? 0 : 1;
    return Number(t ?? 0);
  };
  const bin = (min: number): number => {
    let l = unary();
    for (;;) {
      const op = toks[p];
      const pr = prec[op];
      if (pr === undefined || pr <= min - 1 || pr < min) break;
      p++;
      const r = bin(pr + 1);
      switch (op) {
        case '+': l = l + r; break;
        case '-': l = l - r; break;
        case '*': l = l * r; break;
        case '/': l = r === 0 ? 0 : Math.trunc(l / r); break;
        case '%': l = r === 0 ? 0 : l % r; break;
        case '<': l = +(l < r); break;
        case '>': l = +(l > r); break;
        case '<=': l = +(l <= r); break;
        case '>=': l = +(l >= r); break;
        case '==': l = +(l === r); break;
        case '!=': l = +(l !== r); break;
        case '&&': l = +(!!l && !!r); break;
        case '||': l = +(!!l || !!r); break;
      }
    }
    return l;
  };
  return bin(0);
}

// ---------- builtins and applets ----------
type Builtin = (this: Shell, args: string[]) => Gen;

function parseDuration(s: string): number | undefined {
  if (s === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * mult * 1000;
}

function echoEscapes(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(c|n|t|\\|0[0-7]{0,3}|e)/g, (_, e: string) => {
    if (e === 'c') { stop = true; return ''; }
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === '\\') return '\\';
    if (e === 'e') return '\x1b';
    return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
  });
  return { text, stop };
}

function printfFormat(fmt: string, args: string[]): string {
  let out = '';
  let ai = 0;
  do {
    out += fmt.replace(/%([-0 ]?\d*)([sdcf%])|\\n|\\t|\\\\/g, (m, flags: string, conv: string) => {
      if (m === '\\n') return '\n';
      if (m === '\\t') return '\t';
      if (m === '\\\\') return '\\';
      if (conv === '%') return '%';
      const a = args[ai++] ?? '';
      let v = conv === 'd' ? String(Math.trunc(Number(a) || 0)) : conv === 'f' ? (Number(a) || 0).toFixed(6) : conv === 'c' ? a.slice(0, 1) : a;
      const width = Number(flags?.replace(/[-0 ]/, '') || 0);
      if (v.length < width) v = flags?.startsWith('-') ? v.padEnd(width) : v.padStart(width, flags?.startsWith('0') ? '0' : ' ');
      return v;
    });
  } while (ai > 0 && ai < args.length);
  return out;
}

function testExpr(a: string[], sh?: Shell): boolean {
  if (a.length === 0) return false;
  if (a[0] === '!') return !testExpr(a.slice(1), sh);
  const ai = a.indexOf('-a');
  if (ai > 0) return testExpr(a.slice(0, ai), sh) && testExpr(a.slice(ai + 1), sh);
  const oi = a.indexOf('-o');
  if (oi > 0) return testExpr(a.slice(0, oi), sh) || testExpr(a.slice(oi + 1), sh);
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    if (a[0] === '-z') return a[1] === '';
    if (a[0] === '-n') return a[1] !== '';
    if (sh && ['-f', '-e', '-d', '-s', '-r', '-w'].includes(a[0])) {
      const file = sh.readFile(a[1]);
      const dir = sh.isDir(a[1]);
      if (a[0] === '-f') return file !== undefined;
      if (a[0] === '-d') return dir;
      if (a[0] === '-s') return !!file;
      if (a[0] === '-w') return (file !== undefined || dir) && sh.writable(a[1]);
      return file !== undefined || dir;
    }
    return false;
  }
  const [l, op, r] = a;
  const ln = Number(l), rn = Number(r);
  switch (op) {
    case '=': case '==': return l === r;
    case '!=': return l !== r;
    case '-eq': return ln === rn;
    case '-ne': return ln !== rn;
    case '-lt': return ln < rn;
    case '-le': return ln <= rn;
    case '-gt': return ln > rn;
    case '-ge': return ln >= rn;
  }
  return false;
}

const BUILTINS: Record<string, Builtin> = {
  *exit(args) {
    throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : Number(this.allVars()['?'] ?? 0));
  },
  *true() { return 0; },
  *false() { return 1; },
  *':'() { return 0; },
  *trap() { return 0; },
  *set() { return 0; },
  *cd(args) {
    const dir = args[0] ?? this.allVars().HOME ?? '/';
    // ash: "sh: cd: can't cd to DIR: No such file or directory", status 2.
    if (!this.isDir(dir)) { yield* this.emitErr(`sh: cd: can't cd to ${dir}: No such file or directory\n`); return 2; }
    this.setCwd(dir);
    return 0;
  },
  *wait() { return 0; },
  *shift() { return 0; },
  *read(args) {
    const input = this.stdin();
    if (input === undefined || input === '') return 1;
    const line = input.split('\n')[0];
    if (args[0]) this.setVar(args[args.length - 1], line);
    return 0;
  },
  *export(args) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) this.setVar(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  *unset(args) { for (const a of args) this.unsetVar(a); return 0; },
  *echo(args) {
    let newline = true;
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      if (args[0].includes('e')) escapes = true;
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    yield* this.emit(text + (newline ? '\n' : ''));
    return 0;
  },
  *printf(args) {
    if (!args.length) { yield* this.emitErr('printf: usage: printf FORMAT [ARGUMENT...]\n'); return 1; }
    yield* this.emit(printfFormat(args[0], args.slice(1)));
    return 0;
  },
  *test(args) { return testExpr(args, this) ? 0 : 1; },
  *'['(args) {
    if (args[args.length - 1] !== ']') { yield* this.emitErr('sh: missing ]\n'); return 2; }
    return testExpr(args.slice(0, -1), this) ? 0 : 1;
  },
  *sleep(args) {
    if (!args.length) { yield* this.emitErr('sleep: missing operand\n'); return 1; }
    let total = 0;
    for (const a of args) {
      const ms = parseDuration(a);
      if (ms === undefined) { yield* this.emitErr(`sleep: invalid number '${a}'\n`); return 1; }
      total += ms;
    }
    yield { type: 'sleep', ms: total };
    return 0;
  },
  *env() {
    const v = this.allVars();
    yield* this.emit(Object.keys(v).filter((k) => /^[A-Za-z_]/.test(k) && k !== 'PWD').map((k) => `${k}=${v[k]}\n`).join(''));
    return 0;
  },
  *printenv(args) {
    const v = this.allVars();
    if (!args.length) {
      yield* this.emit(Object.keys(v).filter((k) => /^[A-Za-z_]/.test(k) && k !== 'PWD').map((k) => `${k}=${v[k]}\n`).join(''));
      return 0;
    }
    let st = 0;
    for (const a of args) {
      if (v[a] === undefined) st = 1;
      else yield* this.emit(v[a] + '\n');
    }
    return st;
  },
  *touch(args) {
    let st = 0;
    for (const a of args) {
      if (a.startsWith('-')) continue;
      // busybox touch reports the failing open(2) as "touch: FILE: strerror".
      if (!this.writable(a)) { yield* this.emitErr(`touch: ${a}: Read-only file system\n`); st = 1; continue; }
      if (this.readFile(a) === undefined && !this.isDir(a)) this.writeFile(a, '');
    }
    return st;
  },
  *id(args) {
    // busybox id: numeric ids (no /etc/passwd entry for non-root users); root is named from the image's passwd/group.
    const who = this.context().identity ?? { uid: 0, gid: 0, groups: [0, 10] };
    const name = (n: number, kind: 'u' | 'g') => (n === 0 ? `${n}(root)` : kind === 'g' && n === 10 ? '10(wheel)' : String(n));
    if (args.includes('-u')) { yield* this.emit(`${who.uid}\n`); return 0; }
    if (args.includes('-g')) { yield* this.emit(`${who.gid}\n`); return 0; }
    if (args.includes('-G')) { yield* this.emit(who.groups.join(' ') + '\n'); return 0; }
    yield* this.emit(`uid=${name(who.uid, 'u')} gid=${name(who.gid, 'g')} groups=${who.groups.map((g) => name(g, 'g')).join(',')}\n`);
    return 0;
  },
  *rm(args) {
    const fs = this.context().fs;
    const force = args.some((a) => /^-\w*f/.test(a));
    const recursive = args.some((a) => /^-\w*[rR]/.test(a));
    let st = 0;
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      if (!this.writable(a)) { yield* this.emitErr(`rm: can't remove '${a}': Read-only file system\n`); st = 1; continue; }
      if (this.isDir(a) && this.readFile(a) === undefined) {
        if (!recursive) { yield* this.emitErr(`rm: '${a}' is a directory\n`); st = 1; continue; }
        const base = this.resolve(a).replace(/\/$/, '');
        for (const rel of this.filesBelow(a)) fs.delete(`${base}/${rel}`);
        fs.delete(base + '/');
        continue;
      }
      if (!fs.delete(this.resolve(a)) && !force) { yield* this.emitErr(`rm: can't remove '${a}': No such file or directory\n`); st = 1; }
    }
    return st;
  },
  *mkdir(args) {
    // busybox mkdir: "mkdir: can't create directory 'X': File exists" / "No such file or directory" without -p.
    const parents = args.some((a) => /^-\w*p/.test(a));
    let st = 0;
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      const p = this.resolve(a).replace(/\/$/, '');
      if (this.isDir(p) || this.readFile(p) !== undefined) {
        if (!parents) { yield* this.emitErr(`mkdir: can't create directory '${a}': File exists\n`); st = 1; }
        continue;
      }
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      if (!parents && !this.isDir(parent)) { yield* this.emitErr(`mkdir: can't create directory '${a}': No such file or directory\n`); st = 1; continue; }
      if (!this.writable(p)) { yield* this.emitErr(`mkdir: can't create directory '${a}': Read-only file system\n`); st = 1; continue; }
      this.context().fs.set(p + '/', '');
    }
    return st;
  },
  *cp(args) {
    // busybox cp: -r/-R/-a copy folders; `SRC/.` copies a folder's contents; a destination folder takes the source's name.
    const recursive = args.some((a) => /^-\w*[rRa]/.test(a));
    const paths = args.filter((a) => !a.startsWith('-') || a === '-');
    if (paths.length < 2) { yield* this.emitErr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n'); return 1; }
    const dest = paths.pop()!;
    const destIsDir = this.isDir(dest);
    if (paths.length > 1 && !destIsDir) { yield* this.emitErr(`cp: '${dest}' is not a directory\n`); return 1; }
    let st = 0;
    for (const src of paths) {
      const content = this.readFile(src);
      const srcBase = this.resolve(src).replace(/\/$/, '');
      const name = srcBase.split('/').pop() ?? '';
      if (content !== undefined) {
        const target = destIsDir ? `${this.resolve(dest).replace(/\/$/, '')}/${name}` : dest;
        if (!this.writable(target)) { yield* this.emitErr(`cp: can't create '${target}': Read-only file system\n`); st = 1; continue; }
        this.writeFile(target, content);
        continue;
      }
      if (!this.isDir(src)) { yield* this.emitErr(`cp: can't stat '${src}': No such file or directory\n`); st = 1; continue; }
      if (!recursive) { yield* this.emitErr(`cp: omitting directory '${src}'\n`); st = 1; continue; }
      const contentsOnly = /\/\.\/?$/.test(src);
      const targetDir = destIsDir && !contentsOnly ? `${this.resolve(dest).replace(/\/$/, '')}/${name}` : this.resolve(dest).replace(/\/$/, '');
      if (!this.writable(targetDir)) { yield* this.emitErr(`cp: can't create directory '${targetDir}': Read-only file system\n`); st = 1; continue; }
      this.context().fs.set(targetDir + '/', '');
      for (const rel of this.filesBelow(srcBase)) {
        // Skip the atomic writer's hidden ..data links of configMap volumes: cp -r copies what ls shows.
        const v = this.readFile(`${srcBase}/${rel}`);
        if (v !== undefined) this.writeFile(`${targetDir}/${rel}`, v);
        else if (rel.endsWith('/')) this.context().fs.set(`${targetDir}/${rel}`, '');
      }
    }
    return st;
  },
  *mv(args) {
    const paths = args.filter((a) => !a.startsWith('-'));
    if (paths.length < 2) { yield* this.emitErr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: mv [-fin] SOURCE DEST\nor: mv [-fin] SOURCE... DIRECTORY\n'); return 1; }
    const dest = paths.pop()!;
    let st = 0;
    for (const src of paths) {
      const content = this.readFile(src);
      if (content === undefined) { yield* this.emitErr(`mv: can't rename '${src}': No such file or directory\n`); st = 1; continue; }
      const target = this.isDir(dest) ? `${this.resolve(dest).replace(/\/$/, '')}/${this.resolve(src).split('/').pop()}` : dest;
      if (!this.writable(target) || !this.writable(src)) { yield* this.emitErr(`mv: can't rename '${src}': Read-only file system\n`); st = 1; continue; }
      this.writeFile(target, content);
      this.context().fs.delete(this.resolve(src));
    }
    return st;
  },
  *tail(args) {
    // busybox tail: -n N (or -N, +N from line N), -c N, -f follows by descriptor, -F also retries a missing or
    // replaced file; follow mode polls once a second (tail.c sleep_period). Missing file: "can't open 'F': No such
    // file or directory", exit 1 unless following with retry.
    let lines = 10;
    let fromStart = false;
    let follow = false;
    let retry = false;
    let bytesFrom = 0;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-n' || a === '-c') { const v = args[++i] ?? ''; fromStart = v.startsWith('+'); lines = Number(v.replace(/^[+-]/, '')) || 0; continue; }
      if (/^-n[+-]?\d+$/.test(a)) { fromStart = a[2] === '+'; lines = Number(a.slice(2).replace(/^[+-]/, '')); continue; }
      // -c+N: bytes from the Nth on (`tar cf - x | tail -c+1`, kubectl cp --retries)
      if (/^-c\+\d+$/.test(a)) { bytesFrom = Math.max(1, Number(a.slice(3))); continue; }
      if (/^[-+]\d+$/.test(a)) { fromStart = a[0] === '+'; lines = Number(a.slice(1)); continue; }
      if (a === '--follow=name' || a === '--retry') { follow = true; retry = true; continue; }
      if (/^-[fFqsv]+$/.test(a)) { if (a.includes('f')) follow = true; if (a.includes('F')) { follow = true; retry = true; } continue; }
      files.push(a);
    }
    const pick = (text: string) => {
      const parts = text.split('\n');
      const trailing = parts[parts.length - 1] === '' ? parts.pop() : undefined;
      const kept = fromStart ? parts.slice(Math.max(0, lines - 1)) : lines === 0 ? [] : parts.slice(-lines);
      return kept.length ? kept.join('\n') + (trailing !== undefined ? '\n' : '') : '';
    };
    if (!files.length && bytesFrom) { yield* this.emit((this.stdin() ?? '').slice(bytesFrom - 1)); return 0; }
    if (!files.length) { yield* this.emit(pick(this.stdin() ?? '')); return 0; }
    let st = 0;
    const seen = new Map<string, number>();
    for (const f of files) {
      const text = this.readFile(f);
      if (text === undefined) { yield* this.emitErr(`tail: can't open '${f}': No such file or directory\n`); st = 1; continue; }
      if (files.length > 1) yield* this.emit(`${seen.size ? '\n' : ''}==> ${f} <==\n`);
      yield* this.emit(pick(text));
      seen.set(f, text.length);
    }
    if (!follow || (!seen.size && !retry)) return st;
    for (;;) {
      yield { type: 'sleep', ms: 1000 };
      for (const f of files) {
        const text = this.readFile(f);
        if (text === undefined) { if (retry) seen.delete(f); continue; }
        const at = seen.get(f);
        if (at === undefined) {
          if (!retry) continue;
          // -F: a file that (re)appears is read from its start.
          yield* this.emit(text);
        } else if (text.length > at) yield* this.emit(text.slice(at));
        else if (text.length < at) yield* this.emit(text); // truncated: start over
        seen.set(f, text.length);
      }
    }
  },
  *tar(args) { return yield* tarProgram(this, args, !this.busybox()); },
  *hostname() { yield* this.emit(this.context().hostname + '\n'); return 0; },
  *date(args) {
    const ctx = this.context();
    const fmt = args.find((a) => a.startsWith('+'));
    yield* this.emit(formatDate(ctx.now(), fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S UTC %Y') + '\n');
    return 0;
  },
  *cat(args) {
    const ctx = this.context();
    if (!args.length || (args.length === 1 && args[0] === '-')) { yield* this.emit(this.stdin() ?? ''); return 0; }
    let st = 0;
    void ctx;
    for (const f of args) {
      const c = f === '-' ? this.stdin() ?? '' : this.readFile(f);
      if (c === undefined && this.isDir(f)) { yield* this.emitErr('cat: read error: Is a directory\n'); st = 1; }
      else if (c === undefined) { yield* this.emitErr(`cat: can't open '${f}': No such file or directory\n`); st = 1; }
      else yield* this.emit(c);
    }
    return st;
  },
  *ls(args) {
    // busybox ls without a terminal: one name per line; dotfiles (the atomic writer's ..data) only with -a.
    const all = args.some((a) => /^-\w*a/.test(a));
    const targets = args.filter((a) => !a.startsWith('-'));
    if (!targets.length) targets.push('.');
    let st = 0;
    let out = '';
    const dirs: string[] = [];
    for (const t of targets) {
      if (this.readFile(t) !== undefined) out += t + '\n';
      else if (this.isDir(t)) dirs.push(t);
      else { yield* this.emitErr(`ls: ${t}: No such file or directory\n`); st = 1; }
    }
    for (const d of dirs) {
      const names = this.entries(d).filter((n) => all || !n.startsWith('.'));
      if (targets.length > 1) out += `${out ? '\n' : ''}${d}:\n`;
      out += (all ? ['.', '..', ...names] : names).map((n) => n + '\n').join('');
    }
    yield* this.emit(out);
    return st;
  },
  *seq(args) {
    const nums = args.map(Number);
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
    let s = '';
    for (let i = first; step > 0 ? i <= last : i >= last; i += step) s += i + '\n';
    yield* this.emit(s);
    return 0;
  },
  *wc(args) {
    const files = args.filter((a) => !a.startsWith('-'));
    if (args.includes('-l') && files.length) {
      // `wc -l FILE…`: one count per file with its name, then a total when there are several
      let total = 0;
      let st = 0;
      for (const f of files) {
        const text = this.readFile(f);
        if (text === undefined) { yield* this.emitErr(`wc: ${f}: No such file or directory\n`); st = 1; continue; }
        const n = (text.match(/\n/g) ?? []).length;
        total += n;
        yield* this.emit(`${n} ${f}\n`);
      }
      if (files.length > 1) yield* this.emit(`${total} total\n`);
      return st;
    }
    const input = this.stdin() ?? '';
    const lines = (input.match(/\n/g) ?? []).length;
    if (args.includes('-l')) yield* this.emit(lines + '\n');
    else yield* this.emit(`${lines} ${input.split(/\s+/).filter(Boolean).length} ${input.length}\n`);
    return 0;
  },
  *head(args) {
    let n = 10;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-n') n = Number(args[++i]) || 0;
      else if (/^-n?\d+$/.test(args[i])) n = Number(args[i].replace(/^-n?/, ''));
      else files.push(args[i]);
    }
    const first = (text: string) => {
      const lines = text.split('\n');
      const kept = lines.slice(0, n);
      return kept.join('\n') + (lines.length > n ? '\n' : '');
    };
    if (!files.length) { yield* this.emit(first(this.stdin() ?? '')); return 0; }
    let st = 0;
    for (const f of files) {
      const text = this.readFile(f);
      if (text === undefined) { yield* this.emitErr(`head: can't open '${f}': No such file or directory\n`); st = 1; continue; }
      if (files.length > 1) yield* this.emit(`==> ${f} <==\n`);
      yield* this.emit(first(text));
    }
    return st;
  },
  *pwd() { yield* this.emit(this.cwd() + '\n'); return 0; },
  *grep(args) {
    // busybox grep: combined short flags (-qx, -iE), files or stdin, basic regexps unless -E/-F (POSIX BRE: + ? | ( ) { } are literal).
    const flags = new Set<string>();
    const rest: string[] = [];
    let explicit: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-e') { explicit = args[++i]; continue; }
      if (/^-[a-zA-Z]+$/.test(a)) { for (const f of a.slice(1)) flags.add(f); continue; }
      rest.push(a);
    }
    const pat = explicit ?? rest.shift();
    if (pat === undefined) { yield* this.emitErr('Usage: grep [-HhnlLoqvsriwFE] PATTERN [FILE]...\n'); return 2; }
    let source = flags.has('F') ? pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pat : pat.replace(/\\([+?|(){}])|([+?|(){}])/g, (_m, esc: string, lit: string) => (esc ? esc : '\\' + lit));
    if (flags.has('w')) source = `\\b(?:${source})\\b`;
    if (flags.has('x')) source = `^(?:${source})$`;
    let re: RegExp;
    try { re = new RegExp(source, flags.has('i') ? 'i' : ''); } catch { yield* this.emitErr(`grep: bad regex '${pat}'\n`); return 2; }
    const toLines = (t: string) => t.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
    const inputs: { name: string; text: string }[] = [];
    let st = 1;
    let missing = false;
    if (!rest.length) inputs.push({ name: '(standard input)', text: this.stdin() ?? '' });
    for (const f of rest) {
      const text = this.readFile(f);
      if (text === undefined) { if (!flags.has('s')) yield* this.emitErr(`grep: ${f}: No such file or directory\n`); missing = true; continue; }
      inputs.push({ name: f, text });
    }
    const invert = flags.has('v');
    for (const input of inputs) {
      const hits = toLines(input.text).filter((l) => re.test(l) !== invert);
      if (hits.length) st = 0;
      if (flags.has('q')) { if (st === 0) return 0; continue; }
      const prefix = rest.length > 1 ? `${input.name}:` : '';
      if (flags.has('c')) yield* this.emit(`${prefix}${hits.length}\n`);
      else if (flags.has('l')) { if (hits.length) yield* this.emit(input.name + '\n'); }
      else yield* this.emit(hits.map((l) => prefix + l + '\n').join(''));
    }
    return missing && st !== 0 ? 2 : st;
  },
  *wget(args) {
    const url = args.find((a) => /^https?:\/\/|^[\w.-]+(:\d+)?(\/|$)/.test(a) && !a.startsWith('-'));
    const ctx = this.context();
    if (!url) { yield* this.emitErr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n'); return 1; }
    const quiet = args.includes('-q') || args.some((a) => /^-q/.test(a));
    const oi = args.findIndex((a) => a === '-O' || a.startsWith('-qO') || a === '-qO-');
    const toStdout = args.includes('-O-') || args.includes('-qO-') || (oi >= 0 && args[oi + 1] === '-');
    const timeoutArg = args.find((a) => a.startsWith('--timeout=') || a.startsWith('-T'));
    const r = ctx.http ? ctx.http(url.startsWith('http') ? url : `http://${url}`) : { error: `wget: bad address '${url.replace(/^https?:\/\//, '').split(/[/:]/)[0]}'` };
    if ('error' in r) {
      if (r.waitMs) yield { type: 'sleep', ms: Math.min(r.waitMs, timeoutArg ? Number(timeoutArg.replace(/\D/g, '')) * 1000 || r.waitMs : r.waitMs) };
      yield* this.emitErr(r.error + '\n');
      return 1;
    }
    if (!quiet) yield* this.emitErr(`Connecting to ${url.replace(/^https?:\/\//, '').split('/')[0]} (${r.address})\n`);
    if (r.status >= 400) { yield* this.emitErr(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`); return 1; }
    if (toStdout) yield* this.emit(r.body);
    else this.writeFile('index.html', r.body);
    if (!quiet && !toStdout) yield* this.emitErr(`saving to 'index.html'\nindex.html           100% |********************************|   ${r.body.length}  0:00:00 ETA\n'index.html' saved\n`);
    else if (!quiet) yield* this.emitErr(`writing to stdout\n-                    100% |********************************|   ${r.body.length}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  },
  *curl(args) {
    // curl's own wording (lib/url.c, lib/connect.c; exit codes from include/curl/curl.h: 6 resolve, 7 connect, 22 -f).
    // The progress meter curl writes to stderr without -s depends on timing and is left out.
    const ctx = this.context();
    const url = args.find((a, i) => !a.startsWith('-') && !['-o', '--output', '-H', '--header', '-X', '--request', '-d', '--data', '-m', '--max-time', '--connect-timeout', '-w', '--write-out'].includes(args[i - 1]));
    if (!url) { yield* this.emitErr("curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
    const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) || a === '--silent');
    const showErr = args.some((a) => /^-[a-zA-Z]*S/.test(a) || a === '--show-error');
    const fail = args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === '--fail');
    const oi = args.findIndex((a) => a === '-o' || a === '--output');
    const full = /^https?:\/\//.test(url) ? url : `http://${url}`;
    const hostPort = full.replace(/^https?:\/\//, '').split('/')[0];
    const host = hostPort.split(':')[0];
    const port = hostPort.includes(':') ? hostPort.split(':')[1] : full.startsWith('https') ? '443' : '80';
    const r = ctx.http ? ctx.http(full) : { error: 'bad address' };
    const say = (t: string) => (silent && !showErr ? [] : [t]);
    if ('error' in r) {
      if (r.waitMs) yield { type: 'sleep', ms: r.waitMs };
      if (/bad address/.test(r.error)) { for (const t of say(`curl: (6) Could not resolve host: ${host}\n`)) yield* this.emitErr(t); return 6; }
      for (const t of say(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`)) yield* this.emitErr(t);
      return 7;
    }
    if (fail && r.status >= 400) { for (const t of say(`curl: (22) The requested URL returned error: ${r.status}\n`)) yield* this.emitErr(t); return 22; }
    if (oi >= 0 && args[oi + 1] && args[oi + 1] !== '-') {
      if (!this.writable(args[oi + 1])) { for (const t of say(`curl: (23) Failure writing output to destination\n`)) yield* this.emitErr(t); return 23; }
      this.writeFile(args[oi + 1], r.body);
    } else yield* this.emit(r.body);
    return 0;
  },
  *nslookup(args) {
    const ctx = this.context();
    const name = args.find((a) => !a.startsWith('-'));
    if (!name) { yield* this.emitErr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n'); return 1; }
    const r = ctx.dns ? ctx.dns(name) : { server: '10.43.0.10', answers: [] };
    let text = `Server:\t\t${r.server}\nAddress:\t${r.server}:53\n\n`;
    if (!r.answers.length) {
      text += `** server can't find ${name}: NXDOMAIN\n\n`;
      yield* this.emit(text);
      return 1;
    }
    for (const a of r.answers) text += `Name:\t${a.name}\nAddress: ${a.address}\n`;
    yield* this.emit(text + '\n');
    return 0;
  },
};
