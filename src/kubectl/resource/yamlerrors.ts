/**
 * kubectl reads manifests with apimachinery's YAMLOrJSONDecoder: a stream starting with `{` is JSON (encoding/json
 * errors), anything else is split into documents on `---` lines (YAMLReader; the separator line is dropped, so
 * line numbers count from the document's first line) and each document goes through go-yaml v2 (sigs.k8s.io/yaml).
 * Our parser is a different one, so its errors are translated here into go-yaml's texts for the frequent mistakes.
 *
 * go-yaml v2 (yaml.go `handleErr`, decode.go `parser.fail`) prints `yaml: line N: <problem>`, where N is the
 * problem mark's 0-based line for parser errors (so one less than the line of the offending token) and the 1-based
 * line for scanner errors. The stream-end token always sits on a line of its own. Checked against kubectl 1.31
 * (`kubectl apply -f bad.yaml --dry-run=client` fails while parsing, before any request).
 */
import type { YAMLError } from 'yaml';

interface Mapped {
  problem: string;
  line?: number;
}

/** Line count the way go-yaml's stream end sees it: a last line without newline still counts. */
function streamEndLine(text: string): number {
  const n = text.split('\n').length - 1;
  return text.endsWith('\n') || text === '' ? n : n + 1;
}

function prevContentLine(lines: string[], line: number): string {
  for (let i = line - 2; i >= 0; i--) if (lines[i].trim() && !lines[i].trim().startsWith('#')) return lines[i];
  return '';
}

function mapOne(errs: YAMLError[], text: string): Mapped {
  const e = errs[0];
  const at = e.linePos?.[0]?.line ?? 1;
  const msg = e.message;
  const lines = text.split('\n');
  const atEnd = e.pos[0] >= text.trimEnd().length;
  // Unclosed flow collections: go-yaml fails at the next token, or at the stream end.
  if (/Flow sequence.*end with a \]|Flow sequence must end with a \]/.test(msg))
    return { problem: "did not find expected ',' or ']'", line: atEnd ? streamEndLine(text) : at - 1 };
  if (/Flow map.*end with a \}|Flow map must end with a \}/.test(msg))
    return { problem: "did not find expected ',' or '}'", line: atEnd ? streamEndLine(text) : at - 1 };
  if (/^Missing closing ["']quote/.test(msg)) return { problem: 'found unexpected end of stream', line: at };
  if (e.code === 'TAB_AS_INDENT') {
    // A tab where a new token starts (after `key:` or at the top) cannot start one; a tab continuing a plain
    // scalar's lines breaks its indentation (scannerc.go yaml_parser_scan_plain_scalar).
    const prev = prevContentLine(lines, at).trimEnd();
    const continuesScalar = prev !== '' && !prev.endsWith(':') && !/^\s*-$/.test(prev);
    return { problem: continuesScalar ? 'found a tab character that violates indentation' : 'found character that cannot start any token', line: at };
  }
  if (e.code === 'BAD_SCALAR_START') return { problem: 'found character that cannot start any token', line: at };
  if (e.code === 'BAD_DQ_ESCAPE') return { problem: 'found unknown escape character', line: at };
  if (e.code === 'BAD_ALIAS' && /Anchor cannot be an empty/.test(msg)) return { problem: 'did not find expected alphabetic or numeric character', line: at };
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings/.test(msg)) {
    // `key: a: b` or a more indented `key:` under a scalar: go-yaml's scanner meets the second `:` (on the line
    // where our parser's multi-line implicit key ends, when there is one).
    const multi = errs.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY' && x.pos[0] === e.pos[0]);
    return { problem: 'mapping values are not allowed in this context', line: multi?.linePos?.[1]?.line ?? at };
  }
  if (e.code === 'MULTILINE_IMPLICIT_KEY') return { problem: "could not find expected ':'", line: e.linePos?.[1]?.line ?? at };
  if (e.code === 'UNEXPECTED_TOKEN' && /flow-(map|seq)-end/.test(msg)) return { problem: 'did not find expected node content', line: at - 1 };
  if (e.code === 'BAD_INDENT' || e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MISSING_CHAR' || e.code === 'UNEXPECTED_TOKEN')
    return { problem: 'did not find expected key', line: at - 1 };
  return { problem: msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: at };
}

/** `yaml: line N: <problem>` for a document that failed to parse (`text` is that document alone). */
export function goYamlError(errs: YAMLError[], text: string): string {
  const m = mapOne(errs, text);
  return m.line && m.line > 0 ? `yaml: line ${m.line}: ${m.problem}` : `yaml: ${m.problem}`;
}

/** `yaml: unknown anchor 'x' referenced` when an alias names no anchor (go-yaml decode.go). */
export function goYamlAliasError(message: string): string | undefined {
  const m = /Unresolved alias.*?: (\S+)/.exec(message) ?? /alias.*?\*?(\w[\w-]*)\s*$/.exec(message);
  return m ? `yaml: unknown anchor '${m[1]}' referenced` : undefined;
}

/**
 * encoding/json's error for a JSON manifest, from V8's JSON.parse message: `unexpected EOF` when the text ends
 * early, else `json: offset N: invalid character …` (apimachinery yaml.JSONSyntaxError; Go's offset counts the
 * bytes read, one past the bad character).
 */
export function goJsonError(message: string, text: string): string {
  const pos = /at position (\d+)/.exec(message);
  const p = pos ? Number(pos[1]) : -1;
  if (/Unexpected end of JSON input|Unterminated string/.test(message) || p >= text.trimEnd().length) return 'unexpected EOF';
  const tok = /Unexpected token '(.)'/.exec(message);
  const ch = p >= 0 ? text[p] : tok?.[1] ?? '';
  const shown = ch === "'" ? "'\\''" : `'${ch}'`;
  const offset = p >= 0 ? p + 1 : tok ? text.indexOf(tok[1]) + 1 : 0;
  let what = 'looking for beginning of value';
  if (/Expected double-quoted property name/.test(message)) what = 'looking for beginning of object key string';
  else if (/Expected ',' or '\}' after property value/.test(message)) what = 'after object key:value pair';
  else if (/Expected ':' after property name/.test(message)) what = 'after object key';
  else if (/Expected ',' or '\]' after array element/.test(message)) what = 'after array element';
  return `json: offset ${offset}: invalid character ${shown} ${what}`;
}
