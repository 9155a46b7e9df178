/**
 * Loads every labs/<id>/lab.yaml from disk (Node: the CLI and the tests). The browser gets the same texts from
 * the bundler and calls parseLab itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatProblem, locateLabErrors } from './course-check';
import { labFolders, shownPath, siblingReader } from './folders';
import { parseLab, type Lab } from './schema';

export interface LoadedLab {
  dir: string;
  lab?: Lab;
  /** `file:line:col: message` for each problem (the line where the YAML shows it). */
  errors: string[];
}

/** Parses one lab folder; errors name the file and line, so an author sees where to look. */
export function loadLabDir(dir: string): LoadedLab {
  const path = join(dir, 'lab.yaml');
  const file = shownPath(path);
  if (!existsSync(path)) return { dir, errors: [`${file}: missing`] };
  const text = readFileSync(path, 'utf8');
  const r = parseLab(text, { readSibling: siblingReader(dir) });
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
  return labFolders(root).map(loadLabDir);
}
