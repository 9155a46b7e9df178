/**
 * The parser of Go's text/template (text/template/parse/parse.go, Go 1.23): pipelines with declarations
 * (`$x :=`, `$x =`, `range $i, $e :=`), commands and operands, field chains, if/else if/with/else with/range/
 * break/continue, define/template/block. Errors carry the upstream wording and the line of the token being
 * read: `template: output:1: function "foo" not defined`.
 */
import { lex, isKeyword, type Token, type TokenType } from './lexer';
import type { ActionNode, BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from './nodes';
import { nodeText } from './nodes';
import { unquote, unquoteChar } from './strconv';

export class TemplateParseError extends Error {}

export interface Tree {
  name: string;
  root: ListNode;
}

/** All trees of one template text: the main one ("output" for kubectl) and every define/block. */
export type TreeSet = Map<string, Tree>;

function tokenText(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (isKeyword(t.type)) return `<${t.val}>`;
  const chars = [...t.val];
  if (chars.length > 10) return goQuoteBytes(chars.slice(0, 10).join('')) + '...';
  return goQuoteBytes(t.val);
}

/** %q of a token value (JSON escaping matches Go's for the printable ASCII that tokens hold). */
function goQuoteBytes(s: string): string {
  return '"' + s.replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}

function isEmptyTree(n: Node | null): boolean {
  if (!n) return true;
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.trim() === '';
  return false;
}

export function parseTemplate(name: string, text: string, funcs: Set<string>): TreeSet {
  const tokens = lex(text);
  const set: TreeSet = new Map();
  let i = 0;
  let furthest = 0;
  let vars: string[] = ['$'];
  let rangeDepth = 0;
  let actionLine = 0;

  const tok = (k: number) => tokens[Math.min(k, tokens.length - 1)];
  const next = (): Token => {
    const t = tok(i++);
    if (i - 1 > furthest) furthest = i - 1;
    return t;
  };
  const backup = (n = 1) => (i -= n);
  const peek = (): Token => {
    const t = tok(i);
    if (i > furthest) furthest = i;
    return t;
  };
  const nextNonSpace = (): Token => {
    let t = next();
    while (t.type === 'space') t = next();
    return t;
  };
  const peekNonSpace = (): Token => {
    const t = nextNonSpace();
    backup();
    return t;
  };
  const errorf = (msg: string): never => {
    throw new TemplateParseError(`template: ${name}:${tok(furthest).line}: ${msg}`);
  };
  const unexpected = (t: Token, context: string): never => {
    if (t.type === 'error') {
      let extra = '';
      if (actionLine !== 0 && actionLine !== t.line) {
        extra = ` in action started at ${name}:${actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      return errorf(`${t.val}${extra}`);
    }
    return errorf(`unexpected ${tokenText(t)} in ${context}`);
  };
  const expect = (type: TokenType, context: string): Token => {
    const t = nextNonSpace();
    if (t.type !== type) unexpected(t, context);
    return t;
  };

  const add = (treeName: string, root: ListNode) => {
    const existing = set.get(treeName);
    if (!existing || isEmptyTree(existing.root)) {
      set.set(treeName, { name: treeName, root });
      return;
    }
    if (!isEmptyTree(root)) errorf(`template: multiple definition of template ${JSON.stringify(treeName)}`);
  };

  const list = (pos: number): ListNode => ({ type: 'list', pos, nodes: [] });

  const itemList = (): [ListNode, Node] => {
    const l = list(peekNonSpace().pos);
    while (peekNonSpace().type !== 'eof') {
      const n = textOrAction();
      if (n.type === 'end' || n.type === 'else') return [l, n];
      l.nodes.push(n);
    }
    return errorf('unexpected EOF');
  };

  const textOrAction = (): Node => {
    const t = nextNonSpace();
    if (t.type === 'text') return { type: 'text', pos: t.pos, text: t.val };
    if (t.type === 'leftDelim') {
      const saved = actionLine;
      actionLine = t.line;
      try {
        return action();
      } finally {
        actionLine = saved;
      }
    }
    return unexpected(t, 'input');
  };

  const action = (): Node => {
    const t = nextNonSpace();
    switch (t.type) {
      case 'block':
        return blockControl();
      case 'break':
      case 'continue': {
        const n = nextNonSpace();
        if (n.type !== 'rightDelim') unexpected(n, `{{${t.type}}}`);
        if (rangeDepth === 0) errorf(`{{${t.type}}} outside {{range}}`);
        return { type: t.type, pos: t.pos, line: t.line };
      }
      case 'else':
        return elseControl();
      case 'end':
        return { type: 'end', pos: expect('rightDelim', 'end').pos };
      case 'if':
        return branch('if');
      case 'range':
        return branch('range');
      case 'template':
        return templateControl();
      case 'with':
        return branch('with');
    }
    backup();
    const p = peek();
    const a: ActionNode = { type: 'action', pos: p.pos, line: p.line, pipe: pipeline('command', 'rightDelim') };
    return a;
  };

  const elseControl = (): Node => {
    const p = peekNonSpace();
    if (p.type === 'if' || p.type === 'with') return { type: 'else', pos: p.pos, line: p.line };
    const t = expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  };

  const branch = (context: 'if' | 'range' | 'with'): BranchNode => {
    const mark = vars.length;
    try {
      const pipe = pipeline(context, 'rightDelim');
      if (context === 'range') rangeDepth++;
      let [body, nxt] = itemList();
      if (context === 'range') rangeDepth--;
      let elseList: ListNode | null = null;
      if (nxt.type === 'else') {
        // {{else if …}} / {{else with …}} nest a new branch that shares the outer {{end}}
        if ((context === 'if' && peek().type === 'if') || (context === 'with' && peek().type === 'with')) {
          next();
          elseList = list(nxt.pos);
          elseList.nodes.push(branch(context));
        } else {
          [elseList, nxt] = itemList();
          if (nxt.type !== 'end') errorf(`expected end; found ${nodeText(nxt)}`);
        }
      }
      void body;
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list: body, elseList };
    } finally {
      vars = vars.slice(0, mark);
    }
  };

  const parseTemplateName = (t: Token, context: string): string => {
    if (t.type === 'string' || t.type === 'rawString') {
      const s = unquote(t.val);
      if (s === undefined) errorf('invalid syntax');
      return s!;
    }
    return unexpected(t, context);
  };

  const templateControl = (): TemplateNode => {
    const context = 'template clause';
    const t = nextNonSpace();
    const tname = parseTemplateName(t, context);
    let pipe: PipeNode | null = null;
    if (nextNonSpace().type !== 'rightDelim') {
      backup();
      pipe = pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, line: t.line, name: tname, pipe };
  };

  const blockControl = (): TemplateNode => {
    const context = 'block clause';
    const t = nextNonSpace();
    const tname = parseTemplateName(t, context);
    const pipe = pipeline(context, 'rightDelim');
    const savedVars = vars;
    vars = ['$'];
    const [root, end] = itemList();
    vars = savedVars;
    if (end.type !== 'end') errorf(`unexpected ${nodeText(end)} in ${context}`);
    add(tname, root);
    return { type: 'template', pos: t.pos, line: t.line, name: tname, pipe };
  };

  const parseDefinition = () => {
    const context = 'define clause';
    const t = nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') unexpected(t, context);
    const tname = unquote(t.val);
    if (tname === undefined) errorf('invalid syntax');
    expect('rightDelim', context);
    const savedVars = vars;
    vars = ['$'];
    const [root, end] = itemList();
    vars = savedVars;
    if (end.type !== 'end') errorf(`unexpected ${nodeText(end)} in ${context}`);
    add(tname!, root);
  };

  const pipeline = (context: string, end: TokenType): PipeNode => {
    const first = peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = peekNonSpace();
      if (v.type !== 'variable') break;
      const at = i;
      nextNonSpace();
      const nxt = peekNonSpace();
      if (nxt.type === 'assign' || nxt.type === 'declare') {
        pipe.isAssign = nxt.type === 'assign';
        nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        break;
      }
      if (nxt.type === 'char' && nxt.val === ',') {
        nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue decls;
          errorf('range can only initialize variables');
        }
        errorf(`too many declarations in ${context}`);
      }
      // not a declaration: the variable is the pipeline's first operand
      i = at;
      break;
    }
    for (;;) {
      const t = nextNonSpace();
      if (t.type === end) {
        checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          backup();
          pipe.cmds.push(command());
          break;
        default:
          unexpected(t, context);
      }
    }
  };

  const checkPipeline = (pipe: PipeNode, context: string) => {
    if (!pipe.cmds.length) errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, k) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') errorf(`non executable command in pipeline stage ${k + 2}`);
    });
  };

  const command = (): CommandNode => {
    const cmd: CommandNode = { type: 'command', pos: peekNonSpace().pos, args: [] };
    for (;;) {
      peekNonSpace();
      const op = operand();
      if (op) cmd.args.push(op);
      const t = next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') backup();
      else if (t.type !== 'pipe') unexpected(t, 'operand');
      break;
    }
    if (!cmd.args.length) errorf('empty command');
    return cmd;
  };

  const operand = (): Node | null => {
    let node = term();
    if (!node) return null;
    if (peek().type === 'field') {
      const chainPos = peek().pos;
      const fields: string[] = [];
      while (peek().type === 'field') fields.push(next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
          break;
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          errorf(`unexpected . after term ${goQuoteBytes(nodeText(node))}`);
          break;
        default:
          node = { type: 'chain', pos: chainPos, node, field: fields };
      }
    }
    return node;
  };

  const term = (): Node | null => {
    const t = nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!funcs.has(t.val)) errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable': {
        const name = t.val.split('.')[0];
        if (!vars.includes(name)) errorf(`undefined variable ${JSON.stringify(name)}`);
        return { type: 'variable', pos: t.pos, ident: [t.val] } as VariableNode;
      }
      case 'field':
        return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return numberNode(t);
      case 'leftParen': {
        const pipe = pipeline('parenthesized pipeline', 'rightParen');
        return pipe;
      }
      case 'string':
      case 'rawString': {
        const s = unquote(t.val);
        if (s === undefined) errorf('invalid syntax');
        return { type: 'string', pos: t.pos, quoted: t.val, text: s! };
      }
      case 'error':
        return unexpected(t, 'operand');
    }
    backup();
    return null;
  };

  const numberNode = (t: Token): NumberNode => {
    const n: NumberNode = { type: 'number', pos: t.pos, text: t.val, isInt: false, isFloat: false, isComplex: false, int: 0, float: 0 };
    if (t.type === 'charConstant') {
      const r = unquoteChar(t.val.slice(1), "'");
      if (!r) errorf('invalid syntax');
      if (r!.tail !== "'") errorf(`malformed character constant: ${t.val}`);
      n.isInt = n.isFloat = true;
      n.int = n.float = r!.value;
      return n;
    }
    if (t.type === 'complex' || t.val.endsWith('i')) {
      n.isComplex = true;
      return n;
    }
    const int = parseGoInt(t.val);
    if (int !== undefined) {
      n.isInt = n.isFloat = true;
      n.int = n.float = int;
      return n;
    }
    const f = parseGoFloat(t.val);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(t.val)) errorf(`integer overflow: ${JSON.stringify(t.val)}`);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int = f;
      }
      return n;
    }
    return errorf(`illegal number syntax: ${JSON.stringify(t.val)}`);
  };

  // top level: like itemList, plus {{define}}
  const root = list(peek().pos);
  while (peek().type !== 'eof') {
    if (peek().type === 'leftDelim') {
      const delimAt = i;
      next();
      if (nextNonSpace().type === 'define') {
        parseDefinition();
        continue;
      }
      i = delimAt;
    }
    const n = textOrAction();
    if (n.type === 'end' || n.type === 'else') errorf(`unexpected ${nodeText(n)}`);
    root.nodes.push(n);
  }
  add(name, root);
  return set;
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x, 0o, 0b, leading-0 octal, underscores only with a base prefix. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  // base 0 allows underscores between digits (and after a base prefix)
  if (body.includes('_') && (/__|_$/.test(body) || (/^0[0-7_]/.test(body) && body[1] === '_' && false))) return undefined;
  body = body.replace(/_/g, '');
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body, 8);
  else v = parseInt(body, 10);
  if (!Number.isFinite(v) || v > 2 ** 63) return undefined;
  return m[1] === '-' ? -v : v;
}

function parseGoFloat(s: string): number | undefined {
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const v = Number(s.replace(/_/g, ''));
  return Number.isFinite(v) ? v : undefined;
}
