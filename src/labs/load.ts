/**
 * Loads every labs/<id>/lab.yaml from disk (Node: the CLI and the tests). The browser gets the same texts from
 * the bundler and calls parseLab itself.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseLab, type Lab } from './schema';

export interface LoadedLab {
  dir: string;
  lab?: Lab;
  errors: string[];
}

/** Parses one lab folder; errors name the file, so an author sees where to look. */
export function loadLabDir(dir: string): LoadedLab {
  const file = join(dir, 'lab.yaml');
  if (!existsSync(file)) return { dir, errors: [`${file}: missing`] };
  const r = parseLab(readFileSync(file, 'utf8'), {
    readSibling: (rel) => {
      const p = join(dir, rel);
      return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    },
  });
  if (!r.ok) return { dir, errors: r.errors.map((e) => `${file}: ${e}`) };
  const folder = dir.split(/[\\/]/).filter(Boolean).pop();
  if (r.lab.id !== folder) return { dir, lab: r.lab, errors: [`${file}: id "${r.lab.id}" must match its folder name "${folder}"`] };
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
