/**
 * Checks the course content as a whole before the site is built, so a broken chapter or lab stops the build
 * (astro.config.mjs runs it) instead of failing in the learner's browser:
 * - every lab.yaml passes parseLab, and its id matches its folder;
 * - `<Lab id>`, `<Terminal lab>` and a chapter's frontmatter `labs:` name labs that exist;
 * - a lab's `chapter:` names a chapter that exists;
 * - a fenced block's info string is not a misspelling of the run marker (```sh run, terminal=<id>).
 * Each problem names its file and, where it can be found, the line and column.
 *
 * `checkCourse` is pure (texts in, problems out); `readCourse` reads the folders the site's collections read;
 * `courseCheck` is the Astro integration: `astro build` stops with every problem listed, `astro dev` prints them
 * as warnings at start and again after each change under content/ or labs/.
 *
 * KUBELAB_COURSE_DIR points both the check and src/content.config.ts at another folder holding content/ and labs/
 * (tests build a scratch course with it); KUBELAB_FIXTURES=1 adds the e2e fixtures, as the collections do.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node as YamlNode } from 'yaml';
import { parseLab } from './schema';
import { editDistance, suggest } from './suggest';
import { labFolders, shownPath, siblingReader } from './folders';

export interface CourseChapter {
  /** The collection id: the path under content/ without extension (a folder's index.mdx → the folder). */
  id: string;
  /** Shown to the author, e.g. content/pods.mdx. */
  file: string;
  text: string;
}

export interface CourseLab {
  /** The collection id: the folder name. */
  id: string;
  /** Shown to the author, e.g. labs/first-pod/lab.yaml. */
  file: string;
  text: string;
  /** Reads a file next to lab.yaml (`source:` fields). */
  readSibling?: (relPath: string) => string | undefined;
}

export interface CourseProblem {
  file: string;
  line?: number;
  col?: number;
  message: string;
}

/** `file:line:col: message`, the form editors and terminals turn into links. */
export function formatProblem(p: CourseProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return `${where}: ${p.message}`;
}

export function checkCourse(chapters: CourseChapter[], labs: CourseLab[]): CourseProblem[] {
  const problems: CourseProblem[] = [];
  const labIds = labs.map((l) => l.id);
  const chapterIds = chapters.map((c) => c.id);
  const missingLab = (id: string) => `there is no lab "${id}" in labs/${suggest(id, labIds)}`;

  for (const lab of labs) {
    const r = parseLab(lab.text, { readSibling: lab.readSibling });
    if (!r.ok) {
      for (const e of locateLabErrors(lab.text, r.errors)) problems.push({ file: lab.file, ...e });
      continue;
    }
    const doc = yamlDoc(lab.text);
    if (r.lab.id !== lab.id) problems.push({ file: lab.file, ...doc.at(['id']), message: `id "${r.lab.id}" must match its folder name "${lab.id}"` });
    if (!chapterIds.includes(r.lab.chapter)) {
      problems.push({ file: lab.file, ...doc.at(['chapter']), message: `chapter "${r.lab.chapter}" is not a chapter in content/${suggest(r.lab.chapter, chapterIds)}` });
    }
  }

  for (const ch of chapters) {
    const { front, frontLine, body, bodyOffset } = splitFrontmatter(ch.text);
    if (front !== undefined) {
      const doc = yamlDoc(front);
      const shift = (loc: Loc): Loc => (loc.line ? { line: loc.line + frontLine - 1, col: loc.col } : { line: frontLine, col: 1 });
      if (doc.errors.length) {
        problems.push({ file: ch.file, ...shift(doc.errors[0]), message: `the frontmatter is not valid YAML: ${doc.errors[0].message}` });
      } else {
        const labsNode = doc.node(['labs']);
        if (isSeq(labsNode)) {
          labsNode.items.forEach((item, i) => {
            const id = isScalar(item) ? String(item.value) : undefined;
            if (id !== undefined && !labIds.includes(id)) problems.push({ file: ch.file, ...shift(doc.at(['labs', i])), message: `labs: ${missingLab(id)}` });
          });
        }
      }
    }
    const prose = maskCode(body);
    for (const tag of jsxTags(prose)) {
      const loc = position(ch.text, bodyOffset + tag.offset);
      if (tag.name === 'Lab') {
        if (tag.attrs.id === undefined) problems.push({ file: ch.file, ...loc, message: '<Lab /> needs an id: <Lab id="lab-id" />' });
        else if (tag.attrs.id !== null && !labIds.includes(tag.attrs.id)) problems.push({ file: ch.file, ...loc, message: `<Lab id="${tag.attrs.id}" />: ${missingLab(tag.attrs.id)}` });
      } else if (tag.attrs.lab && !labIds.includes(tag.attrs.lab)) {
        problems.push({ file: ch.file, ...loc, message: `<Terminal lab="${tag.attrs.lab}" />: ${missingLab(tag.attrs.lab)}` });
      }
    }
    for (const f of fences(body)) {
      const message = fenceProblem(f.info);
      if (message) problems.push({ file: ch.file, ...position(ch.text, bodyOffset + f.offset), message });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Lab errors → lines

interface Loc {
  line?: number;
  col?: number;
}

/**
 * Puts a line and column on each parseLab error: its leading path (`tasks[0].checks[1]: …`) is looked up in the
 * YAML document; an `unknown field "x"` points at the key x; a YAML syntax error keeps the library's position and
 * shows the lines it quotes under the message.
 */
export function locateLabErrors(text: string, errors: string[]): Array<Loc & { message: string }> {
  const doc = yamlDoc(text);
  return errors.map((message) => {
    // A syntax error: the yaml library's own position, and the lines it quotes with a caret under the spot.
    if (/^not valid YAML\b/.test(message) && doc.errors.length) {
      const e = doc.errors[0];
      const lines = e.snippet.split('\n').filter((l) => l.trim());
      const snippet = lines.length ? '\n' + lines.map((l) => `    ${l}`).join('\n') : '';
      return { line: e.line, col: e.col, message: `not valid YAML: ${e.message}${snippet}` };
    }
    if (doc.errors.length) return { message };
    const m = /^([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*): /.exec(message);
    const path = m ? splitPath(m[1]) : [];
    const field = /unknown field "([^"]+)"/.exec(message)?.[1];
    return { ...doc.at(path, field), message };
  });
}

function splitPath(p: string): Array<string | number> {
  return [...p.matchAll(/([A-Za-z_]\w*)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

interface YamlDoc {
  /** Syntax errors: the message without its position, the position, and the quoted lines with the caret. */
  errors: Array<{ message: string; line: number; col: number; snippet: string }>;
  node(path: Array<string | number>): YamlNode | null | undefined;
  /** The deepest node on the path that exists (its value, or its key when the value is empty); `key` picks a key. */
  at(path: Array<string | number>, key?: string): Loc;
}

function yamlDoc(text: string): YamlDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const pos = (offset: number | undefined): Loc => {
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const walk = (path: Array<string | number>) => {
    let node: unknown = doc.contents;
    let last: { offset?: number } = { offset: (doc.contents as YamlNode | null)?.range?.[0] };
    for (const seg of path) {
      if (isMap(node) && typeof seg === 'string') {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        const keyStart = (pair.key as YamlNode).range?.[0];
        node = pair.value;
        const v = pair.value as YamlNode | null;
        last = { offset: v && !(isScalar(v) && v.value === null) ? v.range?.[0] : keyStart };
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        last = { offset: (node as YamlNode | null)?.range?.[0] ?? last.offset };
      } else break;
    }
    return { node, last };
  };
  return {
    errors: doc.errors.map((e) => {
      const [first, ...rest] = e.message.split('\n');
      return {
        message: first.replace(/ at line \d+, column \d+:$/, ''),
        line: e.linePos?.[0].line ?? 1,
        col: e.linePos?.[0].col ?? 1,
        snippet: rest.join('\n').replace(/^\n+/, '').trimEnd(),
      };
    }),
    node: (path) => {
      const w = walk(path);
      return w.node as YamlNode | null | undefined;
    },
    at: (path, key) => {
      const { node, last } = walk(path);
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (pair) return pos((pair.key as YamlNode).range?.[0]);
      }
      return pos(last.offset);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Chapters

function splitFrontmatter(text: string): { front?: string; frontLine: number; body: string; bodyOffset: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) return { frontLine: 1, body: text, bodyOffset: 0 };
  return { front: m[1], frontLine: 2, body: text.slice(m[0].length), bodyOffset: m[0].length };
}

function position(text: string, offset: number): Loc {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

interface Fence {
  offset: number;
  info: string;
}

/**
 * Walks a Markdown text's lines, telling for each whether it belongs to a fenced code block (its opening and
 * closing lines included), and handing over each block's opening offset and info string.
 */
function scanFences(text: string, onLine: (line: string, inFence: boolean) => void, onOpen: (f: Fence) => void = () => {}): void {
  let open: { char: string; len: number } | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = /^(\s*(?:>\s*)*)(`{3,}|~{3,})(.*)$/.exec(line.replace(/\r$/, ''));
    if (open) {
      if (m && m[2][0] === open.char && m[2].length >= open.len && !m[3].trim()) open = undefined;
      onLine(line, true);
    } else if (m && !(m[2][0] === '`' && m[3].includes('`'))) {
      open = { char: m[2][0], len: m[2].length };
      onOpen({ offset: offset + m[1].length, info: m[3].trim() });
      onLine(line, true);
    } else onLine(line, false);
    offset += line.length + 1;
  }
}

/** The fenced code blocks of a Markdown text: where each opens and its info string. */
function fences(text: string): Fence[] {
  const out: Fence[] = [];
  scanFences(text, () => {}, (f) => out.push(f));
  return out;
}

/** The text with fenced blocks and inline code blanked out (offsets kept): what MDX reads as markup. */
function maskCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const out: string[] = [];
  scanFences(text, (line, inFence) => out.push(inFence ? blank(line) : line));
  return out.join('\n').replace(/(`+)[^`]*?\1/g, blank);
}

interface Tag {
  name: 'Lab' | 'Terminal';
  offset: number;
  /** A string attribute's value; null when it is an expression this check cannot read. */
  attrs: Record<string, string | null>;
}

function jsxTags(text: string): Tag[] {
  const out: Tag[] = [];
  for (const m of text.matchAll(/<(Lab|Terminal)\b((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g)) {
    const attrs: Record<string, string | null> = {};
    for (const a of m[2].matchAll(/([A-Za-z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\}))?/g)) {
      const expr = a[4]?.trim();
      const literal = expr !== undefined ? /^(["'`])([^"'`]*)\1$/.exec(expr)?.[2] : undefined;
      attrs[a[1]] = a[2] ?? a[3] ?? (expr !== undefined ? literal ?? null : '');
    }
    out.push({ name: m[1] as Tag['name'], offset: m.index!, attrs });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Run markers

const SHELLS = /^(sh|bash|zsh|shell|console)[-_.,:;+]?([a-z]+)$/i;

/**
 * The site makes a block runnable when a word after the language is exactly `run` (any language: ```bash run
 * works too), and binds it to a terminal with `terminal=<id>` (letters, digits, '_' and '-'). Only near misses
 * of those two forms are refused.
 */
export function fenceProblem(info: string): string | undefined {
  if (!info) return undefined;
  const [lang, ...meta] = info.split(/\s+/);
  const fused = SHELLS.exec(lang);
  if (lang.toLowerCase() === 'run' || (fused && runTypo(fused[2], true))) {
    const shell = fused?.[1] ?? 'sh';
    return `\`\`\`${info}: the language and the run marker need a space between them; write \`\`\`${shell} run${meta.length ? ' ' + meta.join(' ') : ''}`;
  }
  for (const w of meta) {
    if (w === 'run') continue;
    const kv = /^([A-Za-z_-]+)=(.*)$/.exec(w);
    if (kv && kv[1] === 'terminal') {
      if (!/^[\w-]+$/.test(kv[2])) return `\`\`\`${info}: terminal=${kv[2]} must be a terminal id without quotes or spaces, as in terminal=left`;
      continue;
    }
    if (kv && kv[1].toLowerCase() !== 'terminal' && editDistance(kv[1].toLowerCase(), 'terminal') <= 2) {
      return `\`\`\`${info}: "${kv[1]}=" looks like a misspelling of "terminal="; write terminal=${kv[2]}`;
    }
    if (runTypo(w, false)) {
      const fixed = [lang, ...meta.map((x) => (x === w ? 'run' : x))].join(' ');
      return `\`\`\`${info}: "${w}" looks like a misspelling of the run marker "run", so the block would get no Run button; write \`\`\`${fixed}`;
    }
  }
  return undefined;
}

/** `rn`, `runn`, `urn`, `Run`, `--run`, `run,`: one edit from `run`, or `run` in another case or punctuation. */
function runTypo(word: string, allowExact: boolean): boolean {
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (letters === 'run') return allowExact || word !== 'run';
  return letters.length >= 2 && /^[ru]/.test(letters) && editDistance(letters, 'run') === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the folders

export interface CourseDirs {
  /** Chapters: every .md/.mdx under it whose name does not start with '_' (the chapters collection's pattern). */
  content: string;
  /** Labs: <id>/lab.yaml under it. */
  labs: string;
}

/** Reads chapters and labs from disk; file names are shown relative to `cwd`. */
export function readCourse(dirs: CourseDirs[], cwd: string): { chapters: CourseChapter[]; labs: CourseLab[] } {
  const chapters: CourseChapter[] = [];
  const labs: CourseLab[] = [];
  for (const d of dirs) {
    for (const rel of walk(d.content)) {
      const name = rel.split('/').pop()!;
      if (name.startsWith('_') || !/\.mdx?$/.test(name)) continue;
      const id = rel.replace(/\/index\.mdx?$/, '').replace(/\.mdx?$/, '');
      chapters.push({ id, file: shownPath(join(d.content, rel), cwd), text: readFileSync(join(d.content, rel), 'utf8') });
    }
    for (const dir of labFolders(d.labs)) {
      const file = join(dir, 'lab.yaml');
      if (!existsSync(file)) continue;
      labs.push({ id: basename(dir), file: shownPath(file, cwd), text: readFileSync(file, 'utf8'), readSibling: siblingReader(dir) });
    }
  }
  return { chapters, labs };
}

function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The Astro integration

export function courseDirs(root: string, env: NodeJS.ProcessEnv = process.env): CourseDirs[] {
  const course = resolve(root, env.KUBELAB_COURSE_DIR || '.');
  const dirs = [{ content: resolve(course, 'content'), labs: resolve(course, 'labs') }];
  if (env.KUBELAB_FIXTURES === '1') dirs.push({ content: resolve(root, 'tests/e2e/fixtures/content'), labs: resolve(root, 'tests/e2e/fixtures/labs') });
  return dirs;
}

/** Every problem in the course, as `file:line:col: message` lines. */
export function courseProblems(root: string): string[] {
  const { chapters, labs } = readCourse(courseDirs(root), root);
  return checkCourse(chapters, labs).map(formatProblem);
}

/** Thrown to stop the build; the problems are already printed, so it carries no stack to print. */
class CourseContentError extends Error {
  constructor(count: number) {
    super(`the course content has ${count} ${count === 1 ? 'problem' : 'problems'} (listed above); fix ${count === 1 ? 'it' : 'them'} and build again`);
    this.name = 'CourseContentError';
    this.stack = '';
  }
}

export function courseCheck(): AstroIntegration {
  let root = process.cwd();
  let last = '';
  const report = (logger: AstroIntegrationLogger, level: 'warn' | 'error') => {
    const problems = courseProblems(root);
    last = problems.join('\n');
    for (const p of problems) logger[level](p);
    return problems;
  };
  return {
    name: 'kubelab-course-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        if (command === 'build') {
          const problems = report(logger, 'error');
          if (problems.length) throw new CourseContentError(problems.length);
        } else if (command === 'dev' || command === 'sync') report(logger, 'warn');
      },
      'astro:server:setup': ({ server, logger }) => {
        const dirs = courseDirs(root).flatMap((d) => [d.content, d.labs]);
        let timer: ReturnType<typeof setTimeout> | undefined;
        server.watcher.on('all', (_event, file) => {
          if (!dirs.some((d) => file.startsWith(d)) || !/\.(mdx?|ya?ml)$/.test(file)) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            const before = last;
            const problems = courseProblems(root);
            last = problems.join('\n');
            if (last === before) return;
            if (!problems.length) logger.info('course content: no problems left');
            for (const p of problems) logger.warn(p);
          }, 200);
        });
      },
    },
  };
}
