/**
 * Execution of a parsed template (text/template/exec.go, Go 1.23): walks the tree writing text and
 * printed values, evaluates pipelines, field chains on maps, variables, function calls with Go's
 * argument rules, if/with/range (maps in sorted key order)/break/continue/template.
 *
 * Go keeps the static type of every value; two cases show in messages and are tracked here: a value read
 * out of a map or slice is an `interface {}` ("can't evaluate field x in type interface {}", "nil pointer
 * evaluating interface {}.x") until a pipeline ends, which unwraps it (a nil inside becomes `<no value>`).
 */
import { FUNCS, FuncError, type ParamType } from './funcs';
import { sprint } from './fmt';
import type { BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from './nodes';
import { nodeText } from './nodes';
import type { TreeSet } from './parser';
import { GoNum, isMap, sortedKeys, truth, typeName } from './values';

export class TemplateExecError extends Error {}

const MISSING = Symbol('missing');
type Final = unknown | typeof MISSING;

/** A value with whether its static type is interface{} (read out of a map or slice). */
interface Dot {
  v: unknown;
  wrapped: boolean;
}

interface Var extends Dot {
  name: string;
}

class BreakSignal {}
class ContinueSignal {}

const MAX_DEPTH = 100000;

export interface ExecOptions {
  /** missingkey=error (kubectl --allow-missing-template-keys=false) instead of the default. */
  missingKeyError: boolean;
  /** The name the top-level tree was parsed under (kubectl: "output"). */
  parseName: string;
}

export function executeTemplate(set: TreeSet, name: string, text: string, data: unknown, opts: ExecOptions): { out: string; error?: string } {
  const st = new State(set, name, text, opts);
  st.vars.push({ name: '$', v: data, wrapped: false });
  try {
    const tree = set.get(name);
    if (!tree) st.errorf(`${JSON.stringify(name)} is an incomplete or empty template`);
    st.walk({ v: data, wrapped: false }, tree!.root);
    return { out: st.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { out: st.out, error: e.message };
    if (e instanceof RangeError) return { out: st.out, error: st.message(`exceeded maximum template depth (${MAX_DEPTH})`) };
    throw e;
  }
}

class State {
  out = '';
  vars: Var[];
  node: Node | null = null;
  depth = 0;

  constructor(
    readonly set: TreeSet,
    public tmplName: string,
    readonly text: string,
    readonly opts: ExecOptions,
  ) {
    this.vars = [];
  }

  at(n: Node): void {
    this.node = n;
  }

  /** `template: output:1:11: executing "output" at <.metadata.name.foo>: <msg>` (ErrorContext: 0-based byte column). */
  message(msg: string): string {
    if (!this.node) return `template: ${this.tmplName}: ${msg}`;
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = new TextEncoder().encode(nl < 0 ? before : before.slice(nl + 1)).length;
    const context = nodeText(this.node);
    return `template: ${this.opts.parseName}:${line}:${col}: executing ${JSON.stringify(this.tmplName)} at <${context}>: ${msg}`;
  }

  errorf(msg: string): never {
    throw new TemplateExecError(this.message(msg));
  }

  varValue(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    return this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, d: Dot): void {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i].name === name) {
        this.vars[i] = { name, ...d };
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Dot, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (!node.pipe.decl.length) this.printValue(node, v);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeText(node)}`);
    }
  }

  walkIfOrWith(dot: Dot, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const v = this.evalPipeline(dot, node.pipe);
      if (truth(v)) this.walk(node.type === 'with' ? { v, wrapped: false } : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  walkRange(dot: Dot, r: BranchNode): void {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: Dot, elem: Dot) => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1] = { name: this.vars[this.vars.length - 1].name, ...elem };
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.vars[this.vars.length - 2] = { name: this.vars[this.vars.length - 2].name, ...index };
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      try {
        if (Array.isArray(val)) {
          if (val.length) {
            val.forEach((e, i) => one({ v: new GoNum('int', i), wrapped: false }, { v: e, wrapped: true }));
            return;
          }
        } else if (isMap(val)) {
          const keys = sortedKeys(val);
          if (keys.length) {
            for (const k of keys) one({ v: k, wrapped: false }, { v: val[k], wrapped: true });
            return;
          }
        } else if (val !== undefined && val !== null) {
          this.errorf(`range can't iterate over ${sprint([val])}`);
        }
      } catch (e) {
        if (e instanceof BreakSignal) return;
        throw e;
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  walkTemplate(dot: Dot, t: TemplateNode): void {
    this.at(t);
    const tree = this.set.get(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const v = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', v, wrapped: false }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk({ v, wrapped: false }, tree!.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  /** The pipeline's value; a nil interface unwraps to the invalid value. Declared variables are pushed. */
  evalPipeline(dot: Dot, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], { v: value, wrapped: false });
      else this.vars.push({ name: d.ident[0], v: value, wrapped: false });
    }
    return value;
  }

  notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeText(args[0])}`);
  }

  evalCommand(dot: Dot, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot.v;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${JSON.stringify(nodeText(first))}`);
  }

  idealConstant(n: NumberNode): unknown {
    this.at(n);
    if (n.isComplex) return this.errorf(`complex constants are not supported: ${n.text}`);
    const hex = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hex && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoNum('float64', n.float);
    if (n.isInt) return new GoNum('int', n.int);
    return this.errorf(`${n.text} overflows int`);
  }

  evalFieldNode(dot: Dot, field: FieldNode, args: Node[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: Dot, chain: ChainNode, args: Node[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeText(chain)}`);
    const v = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, { v, wrapped: chain.node.type === 'identifier' }, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Dot, variable: VariableNode, args: Node[], final: Final): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value.v;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  evalFieldChain(dot: Dot, receiver: Dot, node: Node, ident: string[], args: Node[], final: Final): unknown {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = { v: this.evalField(ident[i], [], MISSING, r), wrapped: true };
    return this.evalField(ident[ident.length - 1], args, final, r);
  }

  evalField(name: string, args: Node[], final: Final, receiver: Dot): unknown {
    const v = receiver.v;
    if (v === undefined) {
      if (this.opts.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    const typ = receiver.wrapped ? 'interface {}' : typeName(v);
    if (v === null) return this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isMap(v)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const result = Object.prototype.hasOwnProperty.call(v, name) ? v[name] : undefined;
      if (result === undefined && this.opts.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return result;
    }
    return this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  evalFunction(dot: Dot, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): unknown {
    this.at(node);
    const name = node.ident;
    const fn = FUNCS[name];
    if (!fn) return this.errorf(`${JSON.stringify(name)} is not a defined function`);
    const rest = args ? args.slice(1) : [];
    let numIn = rest.length;
    if (final !== MISSING) numIn++;
    const numFixed = fn.variadic ? fn.params.length - 1 : rest.length;
    if (fn.variadic) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${rest.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);

    if (name === 'and' || name === 'or') {
      let v: unknown;
      for (const a of rest) {
        v = this.evalArg(dot, 'value', a);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const typeAt = (i: number): ParamType => (fn.variadic && i >= fn.params.length - 1 ? fn.params[fn.params.length - 1] : fn.params[i]);
    const argv: unknown[] = rest.map((a, i) => this.evalArg(dot, typeAt(i), a));
    if (final !== MISSING) argv.push(this.validateType(final, typeAt(argv.length)));
    if (name === 'call') argv.unshift(rest.length ? nodeText(rest[0]) : '');
    try {
      return fn.call(argv);
    } catch (e) {
      if (e instanceof FuncError) {
        this.at(cmd);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  /** Go's validateType for the three parameter kinds the functions use (nil type: as is). */
  validateType(v: unknown, typ: ParamType | null): unknown {
    if (typ === null || typ === 'value') return v;
    if (typ === 'any') return v === undefined ? null : v;
    if (v === undefined) return this.errorf('invalid value; expected string');
    if (typeof v === 'string') return v;
    return this.errorf(`wrong type for value; expected string; got ${v === null ? 'interface {}' : typeName(v)}`);
  }

  evalArg(dot: Dot, typ: ParamType | null, n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot.v, typ);
      case 'nil':
        if (typ === 'string') return this.errorf('cannot assign nil to string');
        return typ === 'any' ? null : undefined;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    if (typ === 'string') {
      if (n.type === 'string') return n.text;
      return this.errorf(`expected string; found ${nodeText(n)}`);
    }
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    return this.errorf(`can't handle assignment of ${nodeText(n)} to empty interface argument`);
  }

  printValue(n: Node, v: unknown): void {
    this.at(n);
    this.out += v === undefined ? '<no value>' : sprint([v]);
  }
}

export type { ListNode };
