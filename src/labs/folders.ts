/**
 * How the lab tools find labs on disk: one folder per lab under labs/ (names starting with '_' or '.' are skipped),
 * its lab.yaml, the files next to it (`source:`), and the file name as an author types it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** The lab folders under `root`, sorted by name. */
export function labFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((name) => join(root, name));
}

/** Reads a file next to lab.yaml (a `source:` field); undefined when it does not exist. */
export function siblingReader(dir: string): (relPath: string) => string | undefined {
  return (rel) => {
    const p = join(dir, rel);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  };
}

/** The file as an author would type it: relative to `cwd` when it lies inside it. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const r = relative(cwd, file);
  return (r && !r.startsWith('..') && !isAbsolute(r) ? r : file).split(sep).join('/');
}
