/**
 * Loads every labs/<id>/lab.yaml from disk (Node: the CLI and the tests). The browser gets the same texts from
 * the bundler and calls parseLab itself.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatProblem, locateLabErrors } from './course-check';
import { parseLab, type Lab } from './schema';

export interface LoadedLab {
  dir: string;
  lab?: Lab;
  /** `file:line:col: message` for each problem (the line where the YAML shows it). */
  errors: string[];
}

/** The file as an author would type it: relative to the working directory when it lies inside it. */
function shown(file: string): string {
  const r = relative(process.cwd(), file);
  return (r && !r.startsWith('..') && !isAbsolute(r) ? r : file).split(sep).join('/');
}

/** Parses one lab folder; errors name the file and line, so an author sees where to look. */
export function loadLabDir(dir: string): LoadedLab {
  const path = join(dir, 'lab.yaml');
  const file = shown(path);
  if (!existsSync(path)) return { dir, errors: [`${file}: missing`] };
  const text = readFileSync(path, 'utf8');
  const r = parseLab(text, {
    readSibling: (rel) => {
      const p = join(dir, rel);
      return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    },
  });
  if (!r.ok) return { dir, errors: locateLabErrors(text, r.errors).map((e) => formatProblem({ file, ...e })) };
  const folder = dir.split(/[\\/]/).filter(Boolean).pop();
  if (r.lab.id !== folder) {
    const [at] = locateLabErrors(text, [`id: must match its folder name`]);
    return { dir, lab: r.lab, errors: [formatProblem({ ...at, file, message: `id "${r.lab.id}" must match its folder name "${folder}"` })] };
  }
  return { dir, lab: r.lab, errors: [] };
}

/** All labs under a root (default ./labs from the working directory), sorted by id. */
export function loadLabs(root = resolve('labs')): LoadedLab[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => loadLabDir(join(root, d.name)))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}
