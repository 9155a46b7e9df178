/**
 * Reads back the YAML that toYaml wrote, without the YAML parser: block maps, block sequences in go-yaml's
 * layout, and scalars whose reading is beyond doubt (letter-led plain strings, quoted strings, null, true,
 * false, small integers, {} and []). Anything else answers undefined and the caller uses the real parser.
 *
 * Why it is safe: a result is accepted only when toYaml prints it back to exactly the text read, and every scalar
 * it accepts reads the same under the YAML 1.2 core schema the `yaml` package uses; so the object is the one
 * that parser would return. kubectl reads ~/.kube/config on every command, and that file is almost always the
 * printer's own output (k3d and `kubectl config` write it), also after a reload restored it.
 */
import { toYaml } from './yaml';

interface Line {
  indent: number;
  text: string;
}

class Unsure extends Error {}

export function readBackYaml(text: string): unknown {
  if (!text.endsWith('\n')) return undefined;
  const lines: Line[] = [];
  const kept: string[] = [];
  for (const raw of text.slice(0, -1).split('\n')) {
    const text = raw.trimStart();
    // Whole-line comments and blank lines (a learner's edit) mean nothing outside block scalars, which are never
    // accepted here; they are left out of the comparison with the printer's text too.
    if (!text || text.startsWith('#')) continue;
    // Tabs, trailing spaces and document markers are beyond the printer's output.
    if (raw.endsWith(' ') || text.startsWith('\t') || text.startsWith('---')) return undefined;
    lines.push({ indent: raw.length - text.length, text });
    kept.push(raw + '\n');
  }
  if (!lines.length) return undefined;
  try {
    const r = new Reader(lines);
    const v = r.root();
    if (r.i !== lines.length || toYaml(v) !== kept.join('')) return undefined;
    return v;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

const isItem = (t: string) => t === '-' || t.startsWith('- ');

class Reader {
  i = 0;
  constructor(private lines: Line[]) {}

  root(): unknown {
    const first = this.lines[0];
    if (!first || first.indent !== 0) throw new Unsure();
    if (this.lines.length === 1 && !entryOf(first.text)) {
      this.i = 1;
      return scalar(first.text);
    }
    return this.block(0);
  }

  /** A map or a sequence whose lines start at `indent`. */
  private block(indent: number): unknown {
    return isItem(this.lines[this.i].text) ? this.seq(indent) : this.map(indent);
  }

  private map(indent: number): Record<string, unknown> {
    const m: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || isItem(line.text)) break;
      const e = entryOf(line.text);
      if (!e || Object.prototype.hasOwnProperty.call(m, e.key)) throw new Unsure();
      this.i++;
      if (e.value !== undefined) {
        m[e.key] = scalar(e.value);
        continue;
      }
      const next = this.lines[this.i];
      // go-yaml puts a sequence under a key at the key's own column; a nested map is two deeper.
      if (next && next.indent === indent && isItem(next.text)) m[e.key] = this.seq(indent);
      else if (next && next.indent === indent + 2 && !isItem(next.text)) m[e.key] = this.map(indent + 2);
      else throw new Unsure();
    }
    return m;
  }

  private seq(indent: number): unknown[] {
    const s: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !isItem(line.text)) break;
      const rest = line.text.slice(2);
      if (!rest || isItem(rest)) throw new Unsure();
      if (entryOf(rest)) {
        // `- key: value` opens a map whose keys sit two columns in.
        this.lines[this.i] = { indent: indent + 2, text: rest };
        s.push(this.map(indent + 2));
      } else {
        this.i++;
        s.push(scalar(rest));
      }
    }
    return s;
  }
}

/** `key: value` or `key:`; keys the printer quotes are left to the parser. */
function entryOf(text: string): { key: string; value?: string } | undefined {
  if (/^["'{[]/.test(text)) return undefined;
  const at = text.indexOf(': ');
  if (at > 0) return { key: text.slice(0, at), value: text.slice(at + 2) };
  if (text.endsWith(':') && text.length > 1 && !text.slice(0, -1).includes(': ')) return { key: text.slice(0, -1) };
  return undefined;
}

function scalar(t: string): unknown {
  if (t === '{}') return {};
  if (t === '[]') return [];
  if (t === 'null') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?(0|[1-9][0-9]{0,14})$/.test(t)) return Number(t);
  if (t.startsWith('"')) {
    // JSON's escapes are a subset of YAML's double-quoted ones; anything else is left to the parser.
    if (t.length < 2 || !t.endsWith('"')) throw new Unsure();
    try {
      const s: unknown = JSON.parse(t);
      if (typeof s === 'string') return s;
    } catch {
      /* fall through */
    }
    throw new Unsure();
  }
  if (t.startsWith("'")) {
    if (t.length < 2 || !t.endsWith("'") || !/^(?:[^']|'')*$/.test(t.slice(1, -1))) throw new Unsure();
    return t.slice(1, -1).replace(/''/g, "'");
  }
  // A plain scalar led by a letter, '/' or '_' is a string under YAML 1.2 core unless it is a boolean or null.
  if (!/^[A-Za-z/_]/.test(t) || /^(true|True|TRUE|false|False|FALSE|null|Null|NULL)$/.test(t)) throw new Unsure();
  if (t.includes(': ') || t.includes(' #') || t.endsWith(':')) throw new Unsure();
  return t;
}
