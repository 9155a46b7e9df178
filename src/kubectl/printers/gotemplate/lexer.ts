/**
 * The lexer of Go's text/template (text/template/parse/lex.go, Go 1.23 as kubectl 1.31 is built with):
 * text and actions, trim markers `{{- ` / ` -}}`, comments, and the tokens inside an action. Errors are
 * the upstream texts ("unclosed action", "bad character U+007D '}'", "unterminated quoted string", …); a
 * lexing error ends the token stream, and the parser reports it with the line it was found on.
 */

export type TokenType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof' | 'field' | 'identifier'
  | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen' | 'space' | 'string'
  | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Token {
  type: TokenType;
  /** Offset in the input (UTF-16 units; converted to bytes for messages). */
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, TokenType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else', end: 'end',
  if: 'if', nil: 'nil', range: 'range', template: 'template', with: 'with',
};
export const isKeyword = (t: TokenType): boolean => Object.values(KEYWORDS).includes(t);

const LEFT = '{{';
const RIGHT = '}}';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

/** Go's %#U for a rune: U+007D '}'. */
export function runeName(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(c) ? `U+${hex} '${c}'` : `U+${hex}`;
}

/** Go's %q for the lexer's number error. */
function quote(s: string): string {
  return JSON.stringify(s);
}

export function lex(input: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let width = 0;
  let done = false;

  const next = (): string => {
    if (pos >= input.length) {
      width = 0;
      return '';
    }
    const cp = input.codePointAt(pos)!;
    const c = String.fromCodePoint(cp);
    width = c.length;
    pos += width;
    if (c === '\n') line++;
    return c;
  };
  const backup = () => {
    pos -= width;
    if (width === 1 && input[pos] === '\n') line--;
  };
  const peek = () => {
    const c = next();
    backup();
    return c;
  };
  const emit = (type: TokenType) => {
    const val = input.slice(start, pos);
    out.push({ type, pos: start, val, line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    start = pos;
    startLine = line;
  };
  // moving the position counts the newlines passed (Go's lexer does, except inside comments: see lexComment)
  const setPos = (p: number) => {
    for (let i = pos; i < p; i++) if (input[i] === '\n') line++;
    for (let i = p; i < pos; i++) if (input[i] === '\n') line--;
    pos = p;
  };
  const error = (msg: string) => {
    out.push({ type: 'error', pos: start, val: msg, line: startLine });
    done = true;
  };
  const accept = (valid: string) => {
    const c = next();
    if (c && valid.includes(c)) return true;
    backup();
    return false;
  };
  const acceptRun = (valid: string) => {
    for (;;) {
      const c = next();
      if (!c || !valid.includes(c)) break;
    }
    backup();
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    // " -}}" : the trim marker is a space then '-'
    if (isSpace(input[pos] ?? '') && input[pos + 1] === '-' && input.startsWith(RIGHT, pos + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  const atTerminator = () => {
    const c = peek();
    if (c === '' || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const leftTrimLength = (s: string) => s.length - s.replace(/^[ \t\r\n]+/, '').length;
  const rightTrimLength = (s: string) => s.length - s.replace(/[ \t\r\n]+$/, '').length;

  type State = (() => State | null) | null;

  const lexText = (): State => {
    width = 0;
    const x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      setPos(x);
      let trim = 0;
      if (input[x + LEFT.length] === '-' && isSpace(input[x + LEFT.length + 1] ?? '')) trim = rightTrimLength(input.slice(start, pos));
      setPos(pos - trim);
      if (pos > start) emit('text');
      setPos(pos + trim);
      ignore();
      return lexLeftDelim;
    }
    setPos(input.length);
    if (pos > start) emit('text');
    emit('eof');
    return null;
  };

  const lexLeftDelim = (): State => {
    setPos(pos + LEFT.length);
    const trim = input[pos] === '-' && isSpace(input[pos + 1] ?? '');
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      setPos(pos + after);
      ignore();
      return lexComment;
    }
    emit('leftDelim');
    setPos(pos + after);
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };

  const lexComment = (): State => {
    setPos(pos + 2);
    const i = input.indexOf('*/', pos);
    if (i < 0) {
      error('unclosed comment');
      return null;
    }
    // Go's lexer jumps over a comment's text without counting its newlines: later lines report one less
    pos = i + 2;
    const { delim, trim } = atRightDelim();
    if (!delim) {
      error('comment ends before closing delimiter');
      return null;
    }
    if (trim) setPos(pos + 2);
    setPos(pos + RIGHT.length);
    if (trim) setPos(pos + leftTrimLength(input.slice(pos)));
    ignore();
    return lexText;
  };

  const lexRightDelim = (): State => {
    const { trim } = atRightDelim();
    if (trim) {
      setPos(pos + 2);
      ignore();
    }
    setPos(pos + RIGHT.length);
    emit('rightDelim');
    if (trim) {
      setPos(pos + leftTrimLength(input.slice(pos)));
      ignore();
    }
    return lexText;
  };

  const lexInsideAction = (): State => {
    const { delim } = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim;
      error('unclosed left paren');
      return null;
    }
    const r = next();
    if (r === '') {
      error('unclosed action');
      return null;
    }
    if (isSpace(r)) {
      backup();
      return lexSpace;
    }
    if (r === '=') {
      emit('assign');
      return lexInsideAction;
    }
    if (r === ':') {
      if (next() !== '=') {
        error('expected :=');
        return null;
      }
      emit('declare');
      return lexInsideAction;
    }
    if (r === '|') {
      emit('pipe');
      return lexInsideAction;
    }
    if (r === '"') return lexQuote;
    if (r === '`') return lexRawQuote;
    if (r === '$') return lexVariable;
    if (r === "'") return lexChar;
    if (r === '.') {
      const c = input[pos];
      if (pos < input.length && (c < '0' || c > '9')) return () => lexFieldOrVariable('field');
      backup();
      return lexNumber;
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup();
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup();
      return lexIdentifier;
    }
    if (r === '(') {
      emit('leftParen');
      parenDepth++;
      return lexInsideAction;
    }
    if (r === ')') {
      parenDepth--;
      if (parenDepth < 0) {
        error('unexpected right paren');
        return null;
      }
      emit('rightParen');
      return lexInsideAction;
    }
    if (r.codePointAt(0)! <= 0x7e && r.codePointAt(0)! >= 0x20) {
      emit('char');
      return lexInsideAction;
    }
    error(`unrecognized character in action: ${runeName(r)}`);
    return null;
  };

  const lexSpace = (): State => {
    let n = 0;
    while (isSpace(peek())) {
      next();
      n++;
    }
    // a trim-marked closing delimiter: the space belongs to " -}}"
    if (input[pos - 1] !== undefined && isSpace(input[pos - 1]) && input[pos] === '-' && input.startsWith(RIGHT, pos + 1)) {
      setPos(pos - 1);
      if (n === 1) return lexRightDelim;
    }
    emit('space');
    return lexInsideAction;
  };

  const lexIdentifier = (): State => {
    for (;;) {
      const r = next();
      if (r && isAlphaNumeric(r)) continue;
      backup();
      const word = input.slice(start, pos);
      if (!atTerminator()) {
        error(`bad character ${runeName(peek())}`);
        return null;
      }
      const kw = KEYWORDS[word];
      if (kw && kw !== 'dot') emit(kw);
      else if (word[0] === '.') emit('field');
      else if (word === 'true' || word === 'false') emit('bool');
      else emit('identifier');
      return lexInsideAction;
    }
  };

  const lexVariable = (): State => {
    if (atTerminator()) {
      emit('variable');
      return lexInsideAction;
    }
    return lexFieldOrVariable('variable');
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): State => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return lexInsideAction;
    }
    for (;;) {
      const r = next();
      if (!r || !isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) {
      error(`bad character ${runeName(peek())}`);
      return null;
    }
    emit(type);
    return lexInsideAction;
  };

  const lexChar = (): State => {
    for (;;) {
      const c = next();
      if (c === '\\') {
        const r = next();
        if (r !== '' && r !== '\n') continue;
        error('unterminated character constant');
        return null;
      }
      if (c === '' || c === '\n') {
        error('unterminated character constant');
        return null;
      }
      if (c === "'") break;
    }
    emit('charConstant');
    return lexInsideAction;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    let decimal = true;
    if (accept('0')) {
      if (accept('xX')) {
        digits = '0123456789abcdefABCDEF_';
        decimal = false;
      } else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (decimal && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (!decimal && digits.length > 11 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    const p = peek();
    if (p && isAlphaNumeric(p)) {
      next();
      return false;
    }
    return true;
  };

  const lexNumber = (): State => {
    if (!scanNumber()) {
      error(`bad number syntax: ${quote(input.slice(start, pos))}`);
      return null;
    }
    const sign = peek();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') {
        error(`bad number syntax: ${quote(input.slice(start, pos))}`);
        return null;
      }
      emit('complex');
    } else emit('number');
    return lexInsideAction;
  };

  const lexQuote = (): State => {
    for (;;) {
      const c = next();
      if (c === '\\') {
        const r = next();
        if (r !== '' && r !== '\n') continue;
        error('unterminated quoted string');
        return null;
      }
      if (c === '' || c === '\n') {
        error('unterminated quoted string');
        return null;
      }
      if (c === '"') break;
    }
    emit('string');
    return lexInsideAction;
  };

  const lexRawQuote = (): State => {
    for (;;) {
      const c = next();
      if (c === '') {
        error('unterminated raw quoted string');
        return null;
      }
      if (c === '`') break;
    }
    emit('rawString');
    return lexInsideAction;
  };

  let state: State = lexText;
  while (state && !done) state = state();
  if (!done && out[out.length - 1]?.type !== 'eof') out.push({ type: 'eof', pos: input.length, val: '', line });
  return out;
}
