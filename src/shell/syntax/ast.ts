/** The shape of parsed shell input: bash's grammar, reduced to what tutorials and verify scripts use. */

export type WordPart =
  | { t: 'lit'; v: string } // unquoted text (subject to field splitting only if it came from an expansion: never)
  | { t: 'sq'; v: string } // '...' or $'...': literal, quoted
  | { t: 'dq'; parts: WordPart[] } // "...": expansions inside, no splitting
  /** `index`: the raw subscript of `${name[index]}` (`@`, `*` or an arithmetic expression); `indices`: `${!name[@]}`. */
  | { t: 'param'; name: string; op?: string; arg?: Word; arg2?: Word; length?: boolean; index?: string; indices?: boolean }
  | { t: 'cmd'; src: string } // $(...) or `...`
  | { t: 'arith'; expr: string }
  | { t: 'tilde'; user: string };

export interface Word {
  parts: WordPart[];
}

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<' | '>|';

export interface Redirect {
  fd: number;
  op: RedirOp;
  target: Word;
  /** Here-document body; `quoted` when the delimiter was quoted (no expansion inside). */
  heredoc?: { body: string; quoted: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
  append: boolean;
  /** `arr=(a b c)`: the element words. */
  array?: Word[];
  /** `arr[i]=v`: the raw subscript. */
  index?: string;
}

export interface SimpleCommand {
  t: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirs: Redirect[];
  line: number;
}

export interface IfClause {
  t: 'if';
  branches: { cond: List; body: List }[];
  elseBody?: List;
  redirs: Redirect[];
}
export interface ForClause {
  t: 'for';
  name: string;
  items?: Word[]; // undefined: "$@"
  body: List;
  redirs: Redirect[];
}
export interface ArithFor {
  t: 'arithfor';
  init: string;
  cond: string;
  step: string;
  body: List;
  redirs: Redirect[];
}
export interface WhileClause {
  t: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redirect[];
}
export interface CaseClause {
  t: 'case';
  word: Word;
  items: { patterns: Word[]; body: List }[];
  redirs: Redirect[];
}
export interface Group {
  t: 'group';
  body: List;
  subshell: boolean;
  redirs: Redirect[];
}
export interface FunctionDef {
  t: 'func';
  name: string;
  body: Command;
  /** The definition's source text, so a snapshot can keep functions as plain text. */
  src?: string;
}
/** `[[ ... ]]`: the words are kept raw and evaluated by the conditional evaluator. */
export interface CondCommand {
  t: 'cond';
  words: { word: Word; raw: string }[];
  redirs: Redirect[];
}
export interface ArithCommand {
  t: 'arithcmd';
  expr: string;
  redirs: Redirect[];
}

export type Command = SimpleCommand | IfClause | ForClause | ArithFor | WhileClause | CaseClause | Group | FunctionDef | CondCommand | ArithCommand;

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
  background: boolean;
}

export interface List {
  items: AndOr[];
}
