/** Path arithmetic for the virtual filesystem (POSIX rules, no symlinks). */

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Resolves `p` against `cwd`, expanding a leading `~` to `home`. */
export function resolvePath(cwd: string, p: string, home = '/root'): string {
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  return normalize(p.startsWith('/') ? p : cwd + '/' + p);
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  return i <= 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalize(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** How the prompt shows a directory: the home folder as `~`. */
export function displayPath(cwd: string, home = '/root'): string {
  if (cwd === home) return '~';
  if (cwd.startsWith(home + '/')) return '~' + cwd.slice(home.length);
  return cwd;
}
