/**
 * A recursive-descent parser for the bash subset: quoting ('…', "…", $'…', backslash), expansions ($v, ${…},
 * $(…), `…`, $((…))), ; && || | |&, redirections, here-documents, if/for/while/until/case, { }, ( ), functions,
 * [[ ]] and (( )). Errors carry bash's own wording (bash 5.2, parse.y): `syntax error near unexpected token `X'`,
 * `syntax error: unexpected end of file`, `unexpected EOF while looking for matching `"'`.
 * `incomplete` marks input that a terminal would continue with a `> ` prompt.
 */
import type { AndOr, Assignment, Command, List, Pipeline, Redirect, RedirOp, SimpleCommand, Word, WordPart } from './ast';

export class ShellSyntaxError extends Error {
  constructor(message: string, readonly incomplete: boolean, readonly line: number) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', '!', 'function', '[[', ']]', 'select', 'time']);
const META = ' \t\n;&|<>()';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redir: Redirect;
  delim: string;
  strip: boolean;
}

/** Parses a whole input (one prompt line or a script) into a list. Throws ShellSyntaxError. */
export function parse(src: string): List {
  const p = new Parser(src, 0);
  const list = p.parseList(new Set());
  p.skipSeparatorsAtEnd();
  return list;
}

/** True when `src` would make an interactive bash print a continuation prompt. */
export function isIncomplete(src: string): boolean {
  try {
    const p = new Parser(src, 0);
    p.parseList(new Set());
    p.skipSeparatorsAtEnd();
    return p.openHeredoc;
  } catch (e) {
    return e instanceof ShellSyntaxError && e.incomplete;
  }
}

class Parser {
  private heredocs: PendingHeredoc[] = [];
  private depth = 0;
  /** A here-document or a trailing backslash ran into the end of the input (an interactive shell would keep reading). */
  openHeredoc = false;

  constructor(
    private readonly src: string,
    public pos: number,
    private readonly closer?: string,
  ) {}

  private get line(): number {
    let n = 1;
    for (let i = 0; i < this.pos && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private unexpected(tok: string): never {
    if (tok === '') throw new ShellSyntaxError('syntax error: unexpected end of file', true, this.line);
    throw new ShellSyntaxError(`syntax error near unexpected token \`${tok}'`, false, this.line);
  }

  /** Skips blanks, line continuations and comments (not newlines). */
  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof() && this.src[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  /** After a newline token: read the bodies of here-documents opened on that line. */
  private readHeredocs(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const h of pending) {
      const lines: string[] = [];
      let found = false;
      while (!this.eof()) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) {
          found = true;
          break;
        }
        lines.push(line);
      }
      // bash runs the command anyway and warns: "here-document at line N delimited by end-of-file (wanted `EOF')"
      h.redir.heredoc = { body: lines.length ? lines.join('\n') + '\n' : '', quoted: h.redir.heredoc?.quoted ?? false };
      if (!found) {
        (h.redir as Redirect & { unterminated?: string }).unterminated = h.delim;
        this.openHeredoc = true;
      }
    }
  }

  private newline(): void {
    this.pos++;
    if (this.heredocs.length) this.readHeredocs();
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') this.newline();
      else break;
    }
  }

  skipSeparatorsAtEnd(): void {
    this.skipNewlines();
    if (!this.eof()) this.unexpected(this.peekToken());
    if (this.heredocs.length) this.readHeredocs();
  }

  /** The operator or word at pos, as bash would name it in an error. */
  private peekToken(): string {
    const s = this.src.slice(this.pos);
    for (const op of [';;&', ';;', ';&', '&&', '||', '|&', '>>', '<<', '&>', '>&', '<&', ';', '&', '|', '(', ')', '<', '>', '\n']) {
      if (s.startsWith(op)) return op === '\n' ? 'newline' : op;
    }
    const m = /^[^\s;&|<>()]+/.exec(s);
    return m ? m[0] : '';
  }

  /** A bare (unquoted, expansion-free) word at pos, without consuming it. */
  private peekBareWord(): string | undefined {
    this.skipBlanks();
    const m = /^[^\s;&|<>()'"`$\\]+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    const after = this.src[this.pos + m[0].length];
    if (after !== undefined && !META.includes(after)) return undefined;
    return m[0];
  }

  private expectWord(w: string): void {
    this.skipNewlines();
    const got = this.peekBareWord();
    if (got !== w) this.unexpected(got ?? this.peekToken());
    this.pos += w.length;
  }

  parseList(stop: Set<string>): List {
    if (++this.depth > 200) throw new ShellSyntaxError('syntax error: nesting too deep', false, this.line);
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) break;
      const c = this.src[this.pos];
      if (c === ')' || this.src.startsWith(';;', this.pos) || this.src.startsWith(';&', this.pos)) break;
      const w = this.peekBareWord();
      if (w !== undefined && stop.has(w)) break;
      if (c === ';' || c === '&' || c === '|') this.unexpected(this.peekToken());
      const ao = this.parseAndOr();
      items.push(ao);
      this.skipBlanks();
      const d = this.src[this.pos];
      if (d === ';' && this.src[this.pos + 1] !== ';' && this.src[this.pos + 1] !== '&') this.pos++;
      else if (d === '&' && this.src[this.pos + 1] !== '&' && this.src[this.pos + 1] !== '>') {
        this.pos++;
        ao.background = true;
      } else if (d === '\n') this.newline();
      else break;
    }
    this.depth--;
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.src.slice(this.pos, this.pos + 2);
      if (op !== '&&' && op !== '||') break;
      this.pos += 2;
      this.skipNewlines();
      if (this.eof()) this.unexpected('');
      rest.push({ op, p: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let bang = false;
    while (this.peekBareWord() === '!') {
      this.pos++;
      bang = !bang;
      this.skipBlanks();
    }
    const cmds: Command[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] !== '|' || this.src[this.pos + 1] === '|') break;
      const both = this.src[this.pos + 1] === '&';
      this.pos += both ? 2 : 1;
      if (both) addRedirect(cmds[cmds.length - 1], { fd: 2, op: '>&', target: litWord('1') });
      this.skipNewlines();
      if (this.eof()) this.unexpected('');
      cmds.push(this.parseCommand());
    }
    return { bang, cmds };
  }

  private parseCommand(): Command {
    this.skipBlanks();
    if (this.eof()) this.unexpected('');
    const c = this.src[this.pos];
    if (c === '(') {
      if (this.src[this.pos + 1] === '(') {
        const expr = this.scanArith(this.pos + 2);
        return this.withRedirs({ t: 'arithcmd', expr, redirs: [] });
      }
      this.pos++;
      const body = this.parseList(new Set());
      this.skipNewlines();
      if (this.src[this.pos] !== ')') this.unexpected(this.peekToken());
      this.pos++;
      return this.withRedirs({ t: 'group', body, subshell: true, redirs: [] });
    }
    if (c === ')' || c === ';' || c === '|' || c === '&' && this.src[this.pos + 1] !== '>') this.unexpected(this.peekToken());
    const w = this.peekBareWord();
    switch (w) {
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until':
        return this.parseWhile(w === 'until');
      case 'case':
        return this.parseCase();
      case '{': {
        this.pos++;
        const body = this.parseList(new Set(['}']));
        this.expectWord('}');
        return this.withRedirs({ t: 'group', body, subshell: false, redirs: [] });
      }
      case '[[':
        return this.parseCond();
      case 'function': {
        const start = this.pos;
        this.pos += w.length;
        this.skipBlanks();
        const name = this.peekBareWord();
        if (!name) this.unexpected(this.peekToken());
        this.pos += name.length;
        this.skipBlanks();
        if (this.src.startsWith('()', this.pos)) this.pos += 2;
        this.skipNewlines();
        const body = this.parseCommand();
        return { t: 'func', name, body, src: this.src.slice(start, this.pos) };
      }
      case 'then':
      case 'elif':
      case 'else':
      case 'fi':
      case 'do':
      case 'done':
      case 'esac':
      case '}':
      case 'in':
      case ']]':
        this.unexpected(w);
    }
    return this.parseSimple();
  }

  private withRedirs<T extends Command & { redirs: Redirect[] }>(cmd: T): T {
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) break;
      cmd.redirs.push(r);
    }
    return cmd;
  }

  private parseIf(): Command {
    this.pos += 2;
    const branches: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseList(new Set(['then']));
      if (!cond.items.length) this.unexpected(this.peekBareWord() ?? this.peekToken());
      this.expectWord('then');
      const body = this.parseList(new Set(['elif', 'else', 'fi']));
      if (!body.items.length) this.unexpected(this.peekBareWord() ?? this.peekToken());
      branches.push({ cond, body });
      this.skipNewlines();
      const w = this.peekBareWord();
      if (w === 'elif') {
        this.pos += 4;
        continue;
      }
      if (w === 'else') {
        this.pos += 4;
        elseBody = this.parseList(new Set(['fi']));
        if (!elseBody.items.length) this.unexpected(this.peekBareWord() ?? this.peekToken());
      }
      this.expectWord('fi');
      break;
    }
    return this.withRedirs({ t: 'if', branches, elseBody, redirs: [] });
  }

  private parseFor(): Command {
    this.pos += 3;
    this.skipBlanks();
    if (this.src.startsWith('((', this.pos)) {
      const expr = this.scanArith(this.pos + 2);
      const [init = '', cond = '', step = ''] = expr.split(';');
      this.skipBlanks();
      if (this.src[this.pos] === ';') this.pos++;
      this.expectWord('do');
      const body = this.parseList(new Set(['done']));
      this.expectWord('done');
      return this.withRedirs({ t: 'arithfor', init, cond, step, body, redirs: [] });
    }
    const name = this.peekBareWord();
    if (!name || !NAME_RE.test(name)) {
      if (this.eof()) this.unexpected('');
      throw new ShellSyntaxError(`\`${name ?? this.peekToken()}': not a valid identifier`, false, this.line);
    }
    this.pos += name.length;
    this.skipBlanks();
    let items: Word[] | undefined;
    if (this.src[this.pos] === ';') this.pos++;
    this.skipNewlines();
    if (this.peekBareWord() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.src[this.pos];
        if (c === undefined) this.unexpected('');
        if (c === ';' || c === '\n') {
          if (c === ';') this.pos++;
          else this.newline();
          break;
        }
        if (META.includes(c)) this.unexpected(this.peekToken());
        items.push(this.readWord().word);
      }
    }
    this.expectWord('do');
    const body = this.parseList(new Set(['done']));
    this.expectWord('done');
    return this.withRedirs({ t: 'for', name, items, body, redirs: [] });
  }

  private parseWhile(until: boolean): Command {
    this.pos += until ? 5 : 5;
    const cond = this.parseList(new Set(['do']));
    if (!cond.items.length) this.unexpected(this.peekBareWord() ?? this.peekToken());
    this.expectWord('do');
    const body = this.parseList(new Set(['done']));
    if (!body.items.length) this.unexpected(this.peekBareWord() ?? this.peekToken());
    this.expectWord('done');
    return this.withRedirs({ t: 'while', until, cond, body, redirs: [] });
  }

  private parseCase(): Command {
    this.pos += 4;
    this.skipBlanks();
    if (this.eof()) this.unexpected('');
    const word = this.readWord().word;
    this.expectWord('in');
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) this.unexpected('');
      if (this.peekBareWord() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.src[this.pos] === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        if (this.eof()) this.unexpected('');
        const c = this.src[this.pos];
        if (c === ')' || c === '|' || c === '\n' || c === ';') this.unexpected(this.peekToken());
        patterns.push(this.readWord().word);
        this.skipBlanks();
        if (this.src[this.pos] === '|') {
          this.pos++;
          continue;
        }
        if (this.src[this.pos] === ')') {
          this.pos++;
          break;
        }
        this.unexpected(this.peekToken());
      }
      const body = this.parseList(new Set(['esac']));
      items.push({ patterns, body });
      this.skipNewlines();
      if (this.src.startsWith(';;', this.pos) || this.src.startsWith(';&', this.pos)) {
        this.pos += this.src.startsWith(';;&', this.pos) ? 3 : 2;
        continue;
      }
      if (this.peekBareWord() === 'esac') continue;
      this.unexpected(this.peekToken());
    }
    return this.withRedirs({ t: 'case', word, items, redirs: [] });
  }

  private parseCond(): Command {
    this.pos += 2;
    const words: { word: Word; raw: string }[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.eof()) this.unexpected('');
      if (this.src[this.pos] === '\n') {
        this.newline();
        continue;
      }
      if (this.peekBareWord() === ']]') {
        this.pos += 2;
        break;
      }
      const op = ['&&', '||', '(', ')', '<', '>', '!'].find((o) => this.src.startsWith(o, this.pos) && (o !== '!' || /[\s]/.test(this.src[this.pos + 1] ?? ' ')));
      if (op) {
        this.pos += op.length;
        words.push({ word: litWord(op), raw: op });
        continue;
      }
      const c = this.src[this.pos];
      if (c === ';' || c === '|' || c === '&') this.unexpected(this.peekToken());
      if (words.length && words[words.length - 1].raw === '=~') {
        // the right side of =~ is a regex: ( ) | are part of it, up to a blank outside parentheses
        let depth = 0;
        let i = this.pos;
        for (; i < this.src.length; i++) {
          const ch = this.src[i];
          if (ch === '\\') {
            i++;
            continue;
          }
          if (ch === '(') depth++;
          else if (ch === ')') depth--;
          else if ((ch === ' ' || ch === '\t' || ch === '\n') && depth <= 0) break;
        }
        const raw = this.src.slice(this.pos, i);
        const escaped = raw.replace(/\\.|[()|<>]/g, (m) => (m.length === 2 ? m : '\\' + m));
        const sub = new Parser(escaped, 0);
        const { word } = sub.readWord(true);
        this.pos = i;
        words.push({ word, raw });
        continue;
      }
      const start = this.pos;
      const { word } = this.readWord(true);
      words.push({ word, raw: this.src.slice(start, this.pos) });
    }
    return this.withRedirs({ t: 'cond', words, redirs: [] });
  }

  /** Scans `((…))` from just after the opening parens; returns the expression. */
  private scanArith(from: number): string {
    let depth = 0;
    let i = from;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') break;
        depth--;
      }
    }
    if (i >= this.src.length) {
      this.pos = this.src.length;
      throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true, this.line);
    }
    this.pos = i + 2;
    return this.src.slice(from, i);
  }

  private parseSimple(): SimpleCommand {
    const startPos = this.pos;
    const cmd: SimpleCommand = { t: 'simple', assigns: [], words: [], redirs: [], line: this.line };
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.src[this.pos];
      const r = this.tryRedirect();
      if (r) {
        cmd.redirs.push(r);
        continue;
      }
      if (c === '\n' || c === ';' || c === '|' || c === '&' || c === ')') break;
      if (c === '(') {
        // name() { … }: a function definition
        if (cmd.words.length === 1 && !cmd.assigns.length && this.src.slice(this.pos).match(/^\(\s*\)/)) {
          const name = wordLiteral(cmd.words[0]);
          if (name === undefined) this.unexpected('(');
          this.pos = this.src.indexOf(')', this.pos) + 1;
          this.skipNewlines();
          const body = this.parseCommand();
          return { t: 'func', name, body, src: this.src.slice(startPos, this.pos) } as unknown as SimpleCommand;
        }
        this.unexpected(this.src.startsWith('()', this.pos) ? '(' : this.peekToken());
      }
      const start = this.pos;
      const { word } = this.readWord();
      const raw = this.src.slice(start, this.pos);
      if (!cmd.words.length) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/.exec(raw);
        if (m && word.parts[0]?.t === 'lit' && word.parts[0].v.startsWith(m[0])) {
          const value: Word = { parts: [...word.parts] };
          const first = value.parts[0] as { t: 'lit'; v: string };
          const rest = first.v.slice(m[0].length);
          value.parts[0] = { t: 'lit', v: rest };
          if (!rest) value.parts.shift();
          const a: Assignment = { name: m[1], value, append: m[3] === '+', ...(m[2] !== undefined ? { index: m[2] } : {}) };
          if (!value.parts.length && this.src[this.pos] === '(') {
            this.pos++;
            a.array = [];
            for (;;) {
              this.skipNewlines();
              if (this.eof()) this.unexpected('');
              if (this.src[this.pos] === ')') {
                this.pos++;
                break;
              }
              a.array.push(this.readWord().word);
            }
          }
          cmd.assigns.push(a);
          continue;
        }
      }
      cmd.words.push(word);
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirs.length) this.unexpected(this.peekToken());
    return cmd;
  }

  private tryRedirect(): Redirect | undefined {
    const s = this.src.slice(this.pos, this.pos + 16);
    const m = /^(\d{1,2})?(&>>|&>|>>|>\||>&|<<<|<<-|<<|<&|>|<)/.exec(s);
    if (!m) return undefined;
    // a number glued to the operator is its fd; "2 >" is a word then a redirect
    const fd = m[1] !== undefined ? Number(m[1]) : m[2].startsWith('<') ? 0 : 1;
    const op = m[2] as RedirOp;
    this.pos += m[0].length;
    this.skipBlanks();
    const c = this.src[this.pos];
    if (c === undefined || c === '\n') this.unexpected(c === undefined ? 'newline' : 'newline');
    if (META.includes(c)) this.unexpected(this.peekToken());
    const start = this.pos;
    const { word } = this.readWord();
    const redir: Redirect = { fd, op, target: word };
    if (op === '<<' || op === '<<-') {
      const raw = this.src.slice(start, this.pos);
      const quoted = /['"\\]/.test(raw);
      const delim = raw.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
      redir.heredoc = { body: '', quoted };
      this.heredocs.push({ redir, delim, strip: op === '<<-' });
    }
    return redir;
  }

  /** Reads one word up to an unquoted metacharacter. `cond` lets `<`/`>` end it inside [[ ]]. */
  readWord(_cond = false): { word: Word } {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    const atStart = this.pos;
    while (!this.eof()) {
      const c = this.src[this.pos];
      if (META.includes(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) {
          // a backslash ending the input: an interactive shell waits for the continued line
          this.pos++;
          lit += '\\';
          this.openHeredoc = true;
          break;
        }
        this.pos += 2;
        if (n === '\n') continue;
        flush();
        parts.push({ t: 'sq', v: n });
        continue;
      }
      if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) {
          this.pos = this.src.length;
          throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true, this.line);
        }
        parts.push({ t: 'sq', v: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === "'") {
        flush();
        this.pos += 2;
        parts.push({ t: 'sq', v: this.readAnsiC() });
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDoubleQuoted() });
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
        lit += '$';
        this.pos++;
        continue;
      }
      if (c === '~' && this.pos === atStart) {
        const m = /^~([A-Za-z0-9_.-]*)/.exec(this.src.slice(this.pos))!;
        const after = this.src[this.pos + m[0].length];
        if (after === undefined || after === '/' || META.includes(after) || after === ':') {
          flush();
          parts.push({ t: 'tilde', user: m[1] });
          this.pos += m[0].length;
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { word: { parts } };
  }

  private readAnsiC(): string {
    let out = '';
    while (!this.eof()) {
      const c = this.src[this.pos++];
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const n = this.src[this.pos++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
      if (Object.hasOwn(simple, n)) out += simple[n];
      else if (n === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          this.pos += m[0].length;
        } else out += '\\x';
      } else if (n >= '0' && n <= '7') {
        const m = /^[0-7]{1,3}/.exec(this.src.slice(this.pos - 1))!;
        out += String.fromCharCode(parseInt(m[0], 8));
        this.pos += m[0].length - 1;
      } else if (n === 'u' || n === 'U') {
        const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(this.src.slice(this.pos));
        if (m) {
          out += String.fromCodePoint(parseInt(m[0], 16));
          this.pos += m[0].length;
        } else out += '\\' + n;
      } else if (n === undefined) break;
      else out += '\\' + n;
    }
    throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true, this.line);
  }

  readHeredocText(): WordPart[] {
    const src = this.src as string;
    (this as unknown as { src: string }).src = src + '"';
    return this.readDoubleQuoted();
  }

  private readDoubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', true, this.line);
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        flush();
        return parts;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
        } else if (n === '\n') this.pos += 2;
        else {
          lit += '\\';
          this.pos++;
        }
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
        lit += '$';
        this.pos++;
        continue;
      }
      lit += c;
      this.pos++;
    }
  }

  /** At `$` or a backquote: an expansion, or undefined when the `$` is literal. */
  private readDollar(): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') {
      let i = this.pos + 1;
      let body = '';
      for (; i < s.length && s[i] !== '`'; i++) {
        if (s[i] === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) {
          body += s[i + 1];
          i++;
        } else body += s[i];
      }
      if (i >= s.length) {
        this.pos = s.length;
        throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'', true, this.line);
      }
      this.pos = i + 1;
      return { t: 'cmd', src: body };
    }
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const expr = this.scanArith(this.pos + 3);
      return { t: 'arith', expr };
    }
    if (n === '(') {
      const sub = new Parser(s, this.pos + 2, ')');
      sub.depth = this.depth + 1;
      if (sub.depth > 50) throw new ShellSyntaxError('syntax error: nesting too deep', false, this.line);
      sub.parseList(new Set());
      sub.skipNewlines();
      if (sub.eof()) {
        this.pos = s.length;
        throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true, this.line);
      }
      if (s[sub.pos] !== ')') sub.unexpected(sub.peekToken());
      const body = s.slice(this.pos + 2, sub.pos);
      this.pos = sub.pos + 1;
      return { t: 'cmd', src: body };
    }
    if (n === '{') return this.readBraceParam();
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?#@*$!\-])/.exec(s.slice(this.pos + 1));
    if (!m) return undefined;
    this.pos += 1 + m[0].length;
    return { t: 'param', name: m[0] };
  }

  private readBraceParam(): WordPart {
    const s = this.src;
    this.pos += 2;
    let length = false;
    let indices = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}') {
      length = true;
      this.pos++;
    } else if (s[this.pos] === '!' && /^[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}/.test(s.slice(this.pos + 1))) {
      indices = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!\-])/.exec(s.slice(this.pos));
    if (!m) return this.badSubstitution();
    const name = m[0];
    this.pos += name.length;
    // ${name[subscript]}: an array element, or all of them with @ / *
    let index: string | undefined;
    if (s[this.pos] === '[') {
      const end = s.indexOf(']', this.pos);
      if (end < 0) return this.badSubstitution();
      index = s.slice(this.pos + 1, end);
      this.pos = end + 1;
    }
    if (s[this.pos] === '}') {
      this.pos++;
      return { t: 'param', name, length, ...(index !== undefined ? { index } : {}), ...(indices ? { indices } : {}) };
    }
    if (length) return this.badSubstitution();
    const om = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/.exec(s.slice(this.pos));
    if (!om) return this.badSubstitution();
    const op = om[0];
    this.pos += op.length;
    if (op.startsWith('/')) {
      const pat = this.readParamWord('/');
      let rep: Word = { parts: [] };
      if (s[this.pos] === '/') {
        this.pos++;
        rep = this.readParamWord('}');
      }
      if (s[this.pos] !== '}') return this.badSubstitution();
      this.pos++;
      return { t: 'param', name, op, arg: pat, arg2: rep, ...(index !== undefined ? { index } : {}) };
    }
    const arg = this.readParamWord('}');
    if (s[this.pos] !== '}') return this.badSubstitution();
    this.pos++;
    return { t: 'param', name, op, arg, ...(index !== undefined ? { index } : {}) };
  }

  private badSubstitution(): never {
    let end = this.src.indexOf('}', this.pos);
    if (end < 0) {
      this.pos = this.src.length;
      throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", true, this.line);
    }
    const start = this.src.lastIndexOf('${', this.pos);
    throw new ShellSyntaxError(`${this.src.slice(start, end + 1)}: bad substitution`, false, this.line);
  }

  /** The word inside ${name op word}, up to `stop` (`}` or `/`), with quotes and nested expansions. */
  private readParamWord(stop: string): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", true, this.line);
      const c = this.src[this.pos];
      if (c === '}' || c === stop) break;
      if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true, this.line);
        parts.push({ t: 'sq', v: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDoubleQuoted() });
      } else if (c === '\\' && this.pos + 1 < this.src.length) {
        flush();
        parts.push({ t: 'sq', v: this.src[this.pos + 1] });
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const part = this.readDollar();
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }
}

/** A here-document body as expansions see it: like "…" but a double quote is an ordinary character. */
export function parseHeredocBody(body: string): WordPart[] {
  const p = new Parser(body.replace(/"/g, '\u0000'), 0);
  try {
    return restoreQuotes(p.readHeredocText());
  } catch {
    return [{ t: 'lit', v: body }];
  }
}

function restoreQuotes(parts: WordPart[]): WordPart[] {
  return parts.map((q) => (q.t === 'lit' || q.t === 'sq' ? { ...q, v: q.v.replace(/\u0000/g, '"') } : q.t === 'cmd' ? { ...q, src: q.src.replace(/\u0000/g, '"') } : q.t === 'arith' ? { ...q, expr: q.expr.replace(/\u0000/g, '"') } : q));
}

export function litWord(v: string): Word {
  return { parts: [{ t: 'lit', v }] };
}

/** The text of a word made only of literal/quoted parts, or undefined if it has expansions. */
export function wordLiteral(w: Word): string | undefined {
  let out = '';
  for (const p of w.parts) {
    if (p.t === 'lit' || p.t === 'sq') out += p.v;
    else if (p.t === 'dq' && p.parts.every((q) => q.t === 'lit')) out += p.parts.map((q) => (q as { v: string }).v).join('');
    else return undefined;
  }
  return out;
}

function addRedirect(cmd: Command, r: Redirect): void {
  if ('redirs' in cmd) cmd.redirs.push(r);
}
