/**
 * Parse-tree nodes of Go's text/template (text/template/parse/node.go). `text()` renders a node the way
 * its String method does, because execution errors quote it: `executing "output" at <.metadata.name.foo>`.
 */

interface Base {
  pos: number;
}
export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; line: number; pipe: PipeNode }
export interface PipeNode extends Base { type: 'pipe'; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode extends Base { type: 'command'; args: Node[] }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: Node; field: string[] }
export interface IdentifierNode extends Base { type: 'identifier'; ident: string }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base {
  type: 'number';
  text: string;
  isInt: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: number;
  float: number;
}
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export interface BranchNode extends Base { type: 'if' | 'range' | 'with'; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
export interface TemplateNode extends Base { type: 'template'; line: number; name: string; pipe: PipeNode | null }
export interface BreakNode extends Base { type: 'break'; line: number }
export interface ContinueNode extends Base { type: 'continue'; line: number }
/** Returned by the parser for `{{end}}` and `{{else}}`; never in a finished tree. */
export interface EndNode extends Base { type: 'end' }
export interface ElseNode extends Base { type: 'else'; line: number }

export type Node =
  | ListNode | TextNode | ActionNode | PipeNode | CommandNode | FieldNode | VariableNode | ChainNode | IdentifierNode
  | DotNode | NilNode | BoolNode | NumberNode | StringNode | BranchNode | TemplateNode | BreakNode | ContinueNode
  | EndNode | ElseNode;

/** Go's %q of a string (strconv.Quote). */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp === 0xfffd && c !== '\ufffd') out += '\\ufffd';
    else if (cp > 0x7e && (asciiOnly || !/^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(c))) {
      out += cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    } else out += c;
  }
  return out + '"';
}

export function nodeText(n: Node): string {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeText).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeText(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length) s = n.decl.map(nodeText).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeText).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeText(a)})` : nodeText(a))).join(' ');
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return (n.node.type === 'pipe' ? `(${nodeText(n.node)})` : nodeText(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.type} ${nodeText(n.pipe)}}}${nodeText(n.list)}${n.elseList ? `{{else}}${nodeText(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return n.pipe ? `{{template ${goQuote(n.name)} ${nodeText(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}
