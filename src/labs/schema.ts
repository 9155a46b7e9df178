/**
 * The lab.yaml format and its validation.
 *
 * A lab is data: how to seed the learner's world, the tasks with their checks (assertions over cluster state,
 * never over typed commands), tiered hints, a solution (shell commands) and wrong variants that must fail.
 * Validation collects every problem with its path, so an author fixes a file in one pass.
 */
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { CHECK_KINDS, validateCheck, type Check } from './checks/registry';
import { suggest } from './suggest';

/** The cluster a lab starts from. */
export type ClusterShape =
  | { kind: 'none' }
  /** `k3d cluster create mini-cluster --servers 1 --agents 3`, the course's standing cluster. */
  | { kind: 'default' }
  | { kind: 'custom'; name: string; servers: number; agents: number };

export interface SeedFile {
  /** Relative to the learner's home directory, or absolute. */
  path: string;
  content: string;
}

/** One seeding step: a manifest created through the API, a shell command, or a pause in virtual time. */
export type SeedStep = { apply: string } | { run: string } | { wait: number };

export interface LabSeed {
  cluster: ClusterShape;
  files: SeedFile[];
  /** In order, after the cluster is up and the files are in place. */
  steps: SeedStep[];
  /** Virtual seconds to let the cluster settle after the last step. */
  settleSeconds: number;
}

export interface LabHints {
  /** Points at what to look at, without the answer. */
  nudge?: string;
  /** The idea the task rests on. */
  concept?: string;
  /** A command that does it. */
  command?: string;
}

export interface LabTask {
  title: string;
  description: string;
  checks: Check[];
  hints: LabHints;
}

/** A step of a solution or variant: a shell command, or a pause in virtual time (`wait: 30`). */
export type LabStep = { run: string } | { wait: number };

export interface LabVariant {
  name: string;
  steps: LabStep[];
  /** Text the explanation of at least one failing check must contain. */
  expect: string;
}

export interface Lab {
  id: string;
  title: string;
  /** The chapter slug (file name of content/<slug>.mdx without extension). */
  chapter: string;
  summary: string;
  seed: LabSeed;
  tasks: LabTask[];
  solution: LabStep[];
  variants: LabVariant[];
}

export type ParseResult = { ok: true; lab: Lab } | { ok: false; errors: string[] };

export interface ParseOptions {
  /** Reads a file next to lab.yaml (`source:` fields). Without it, `source:` is an error. */
  readSibling?: (relPath: string) => string | undefined;
}

const LAB_ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const TOP_KEYS = ['id', 'title', 'chapter', 'summary', 'seed', 'tasks', 'solution', 'variants'];
const DEFAULT_SETTLE_SECONDS = 60;

/** Parses and validates one lab.yaml text. */
export function parseLab(text: string, opts: ParseOptions = {}): ParseResult {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { ok: false, errors: [`not valid YAML: ${yamlMessage(e as Error)}`] };
  }
  const v = new Validator(opts);
  const lab = v.lab(doc);
  return v.errors.length || !lab ? { ok: false, errors: v.errors } : { ok: true, lab };
}

class Validator {
  errors: string[] = [];
  constructor(private opts: ParseOptions) {}

  private err(path: string, msg: string) {
    this.errors.push(path ? `${path}: ${msg}` : msg);
  }

  private obj(x: unknown, path: string): Record<string, unknown> | undefined {
    if (x && typeof x === 'object' && !Array.isArray(x)) return x as Record<string, unknown>;
    this.err(path, `must be a mapping, found ${describe(x)}`);
    return undefined;
  }

  private str(x: unknown, path: string, required = true): string | undefined {
    if (x === undefined || x === null) {
      if (required) this.err(path, 'is required');
      return undefined;
    }
    if (typeof x === 'string' && x.trim() !== '') return x;
    if (typeof x === 'number' || typeof x === 'boolean') return String(x);
    this.err(path, `must be a non-empty string, found ${describe(x)}`);
    return undefined;
  }

  private keys(o: Record<string, unknown>, allowed: string[], path: string) {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(path, `unknown field "${k}"${suggest(k, allowed)}`);
  }

  lab(doc: unknown): Lab | undefined {
    const o = this.obj(doc, '');
    if (!o) return undefined;
    this.keys(o, TOP_KEYS, '');
    const id = this.str(o.id, 'id');
    if (id && !LAB_ID.test(id)) this.err('id', `"${id}" must be lowercase letters, digits and '-'`);
    const title = this.str(o.title, 'title');
    const chapter = this.str(o.chapter, 'chapter');
    const summary = this.str(o.summary, 'summary');
    const seed = this.seed(o.seed);
    const tasks = this.tasks(o.tasks);
    const solution = this.steps(o.solution, 'solution', true);
    const variants = this.variants(o.variants);
    if (!id || !title || !chapter || !summary || !seed || !tasks) return undefined;
    return { id, title, chapter, summary, seed, tasks, solution, variants };
  }

  seed(x: unknown): LabSeed | undefined {
    if (x === undefined) return { cluster: { kind: 'default' }, files: [], steps: [], settleSeconds: DEFAULT_SETTLE_SECONDS };
    const o = this.obj(x, 'seed');
    if (!o) return undefined;
    this.keys(o, ['cluster', 'files', 'steps', 'settle'], 'seed');
    const cluster = this.cluster(o.cluster);
    const steps: SeedStep[] = [];
    this.list(o.steps, 'seed.steps').forEach((s, i) => {
      const p = `seed.steps[${i}]`;
      if (typeof s === 'string') {
        if (s.trim()) steps.push({ run: s });
        else this.err(p, 'is an empty command');
        return;
      }
      const so = this.obj(s, p);
      if (!so) return;
      const keys = Object.keys(so);
      if (keys.length !== 1 || !['apply', 'wait', 'run'].includes(keys[0])) {
        this.err(p, `must be a command, {apply: manifest}, {run: command} or {wait: seconds}, found keys ${keys.join(', ') || 'none'}`);
        return;
      }
      if ('wait' in so) {
        if (typeof so.wait === 'number' && so.wait >= 0) steps.push({ wait: so.wait });
        else this.err(`${p}.wait`, `must be a number of seconds, found ${describe(so.wait)}`);
      } else if ('run' in so) {
        const r = this.str(so.run, `${p}.run`);
        if (r) steps.push({ run: r });
      } else {
        const text = typeof so.apply === 'string' ? so.apply : this.source(so.apply, `${p}.apply`);
        if (text === undefined) return;
        this.manifest(text, `${p}.apply`);
        steps.push({ apply: text });
      }
    });
    const files: SeedFile[] = [];
    this.list(o.files, 'seed.files').forEach((f, i) => {
      const p = `seed.files[${i}]`;
      const fo = this.obj(f, p);
      if (!fo) return;
      this.keys(fo, ['path', 'content', 'source'], p);
      const path = this.str(fo.path, `${p}.path`);
      let content: string | undefined;
      if (fo.content !== undefined && fo.source !== undefined) this.err(p, 'give either content or source, not both');
      else if (fo.source !== undefined) content = this.source({ source: fo.source }, p);
      else if (typeof fo.content === 'string') content = fo.content;
      else this.err(`${p}.content`, 'is required (or source)');
      if (path && content !== undefined) files.push({ path, content });
    });
    let settleSeconds = DEFAULT_SETTLE_SECONDS;
    if (o.settle !== undefined) {
      if (typeof o.settle === 'number' && o.settle >= 0) settleSeconds = o.settle;
      else this.err('seed.settle', `must be a number of seconds, found ${describe(o.settle)}`);
    }
    if (!cluster) return undefined;
    if (cluster.kind === 'none' && steps.some((s) => 'apply' in s)) this.err('seed.steps', 'apply needs a cluster (seed.cluster is none)');
    return { cluster, files, steps, settleSeconds };
  }

  /** Each document must parse and name its apiVersion and kind, as the API server requires. */
  private manifest(text: string, p: string) {
    try {
      for (const d of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
        if (d.errors.length) {
          this.err(p, `not valid YAML: ${yamlMessage(d.errors[0])}`);
          continue;
        }
        const js = d.toJS() as Record<string, unknown> | null;
        if (js && (typeof js.kind !== 'string' || typeof js.apiVersion !== 'string')) this.err(p, 'each document needs apiVersion and kind');
        if (js && !(js.metadata as Record<string, unknown> | undefined)?.name) this.err(p, 'each document needs metadata.name');
      }
    } catch (e) {
      this.err(p, `not valid YAML: ${(e as Error).message}`);
    }
  }

  private source(x: unknown, path: string): string | undefined {
    const o = this.obj(x, path);
    if (!o) return undefined;
    const rel = this.str(o.source, `${path}.source`);
    if (!rel) return undefined;
    if (rel.startsWith('/') || rel.split('/').includes('..')) {
      this.err(`${path}.source`, `"${rel}" must be a path inside the lab folder`);
      return undefined;
    }
    const text = this.opts.readSibling?.(rel);
    if (text === undefined) this.err(`${path}.source`, `file "${rel}" not found next to lab.yaml`);
    return text;
  }

  cluster(x: unknown): ClusterShape | undefined {
    if (x === undefined || x === 'default') return { kind: 'default' };
    if (x === 'none') return { kind: 'none' };
    if (typeof x === 'string') {
      this.err('seed.cluster', `must be none, default or {name, servers, agents}, found "${x}"`);
      return undefined;
    }
    const o = this.obj(x, 'seed.cluster');
    if (!o) return undefined;
    this.keys(o, ['name', 'servers', 'agents'], 'seed.cluster');
    const name = o.name === undefined ? 'mini-cluster' : this.str(o.name, 'seed.cluster.name');
    const servers = o.servers === undefined ? 1 : o.servers;
    const agents = o.agents === undefined ? 0 : o.agents;
    if (!Number.isInteger(servers) || (servers as number) < 1) this.err('seed.cluster.servers', `must be an integer >= 1, found ${describe(servers)}`);
    if (!Number.isInteger(agents) || (agents as number) < 0) this.err('seed.cluster.agents', `must be an integer >= 0, found ${describe(agents)}`);
    if (!name) return undefined;
    return { kind: 'custom', name, servers: servers as number, agents: agents as number };
  }

  tasks(x: unknown): LabTask[] | undefined {
    const list = this.list(x, 'tasks');
    if (!list.length) {
      this.err('tasks', 'needs at least one task');
      return undefined;
    }
    return list.map((t, i) => {
      const p = `tasks[${i}]`;
      const o = this.obj(t, p) ?? {};
      this.keys(o, ['title', 'description', 'checks', 'hints'], p);
      const checks = this.list(o.checks, `${p}.checks`).map((c, j) => {
        const cp = `${p}.checks[${j}]`;
        const r = validateCheck(c);
        if (!r.ok) for (const e of r.errors) this.err(cp, e);
        return r.ok ? r.check : undefined;
      });
      if (!checks.length) this.err(`${p}.checks`, 'needs at least one check');
      let hints: LabHints = {};
      if (o.hints !== undefined) {
        const h = this.obj(o.hints, `${p}.hints`) ?? {};
        this.keys(h, ['nudge', 'concept', 'command'], `${p}.hints`);
        hints = {
          nudge: this.str(h.nudge, `${p}.hints.nudge`, false),
          concept: this.str(h.concept, `${p}.hints.concept`, false),
          command: this.str(h.command, `${p}.hints.command`, false),
        };
      }
      return {
        title: this.str(o.title, `${p}.title`) ?? '',
        description: this.str(o.description, `${p}.description`) ?? '',
        checks: checks.filter((c): c is Check => !!c),
        hints,
      };
    });
  }

  steps(x: unknown, path: string, required: boolean): LabStep[] {
    const list = this.list(x, path);
    if (required && !list.length) this.err(path, 'needs at least one step');
    const out: LabStep[] = [];
    list.forEach((s, i) => {
      const p = `${path}[${i}]`;
      if (typeof s === 'string') {
        if (s.trim()) out.push({ run: s });
        else this.err(p, 'is an empty command');
        return;
      }
      const o = this.obj(s, p);
      if (!o) return;
      // `- run: cmd` as in seed steps, or a plain string; `- wait: 30` lets virtual time pass.
      const keys = Object.keys(o);
      if (keys.length !== 1 || !['run', 'wait'].includes(keys[0])) {
        this.err(p, `must be a command, {run: command} or {wait: seconds}, found keys ${keys.join(', ') || 'none'}`);
        return;
      }
      if ('run' in o) {
        const r = this.str(o.run, `${p}.run`);
        if (r) out.push({ run: r });
        return;
      }
      if (typeof o.wait === 'number' && o.wait >= 0) out.push({ wait: o.wait });
      else this.err(`${p}.wait`, `must be a number of seconds, found ${describe(o.wait)}`);
    });
    return out;
  }

  variants(x: unknown): LabVariant[] {
    return this.list(x, 'variants').map((v, i) => {
      const p = `variants[${i}]`;
      const o = this.obj(v, p) ?? {};
      this.keys(o, ['name', 'steps', 'expect'], p);
      return {
        name: this.str(o.name, `${p}.name`) ?? '',
        steps: this.steps(o.steps, `${p}.steps`, false),
        expect: this.str(o.expect, `${p}.expect`) ?? '',
      };
    });
  }

  private list(x: unknown, path: string): unknown[] {
    if (x === undefined || x === null) return [];
    if (Array.isArray(x)) return x;
    this.err(path, `must be a list, found ${describe(x)}`);
    return [];
  }
}

/** The yaml library's message with its position (`at line L, column C:`) and the quoted lines, caret under the spot. */
function yamlMessage(e: { message: string }): string {
  return e.message.replace(/:\n\n/, ':\n').trimEnd();
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'a mapping';
  return `${typeof x} ${JSON.stringify(x)}`;
}

export { CHECK_KINDS };
