/**
 * A container's view of files: its own writable layer plus the pod's volumes bind-mounted at their mountPaths,
 * as runc assembles the rootfs from the OCI spec's mounts (kuberuntime_container.go makeMounts). Two containers
 * mounting the same volume share its store, so what one writes the other reads at once (a bind mount, no copy).
 *
 * It is a Map<string, string> (absolute path → content) so the container shell, probes and HTTP answers keep
 * reading and writing files as before; keys under a mount point are routed to the volume's store.
 * Directories are implicit (any key below them) or explicit: a key ending in `/` marks an empty directory.
 */

/** One volume's files: keys are absolute paths within the volume's own root (`/index.html`). */
export class VolumeStore extends Map<string, string> {
  /** Contents made on first read (the projected service-account token is requested only when read). */
  readonly lazy = new Map<string, () => string>();
  override get(key: string): string | undefined {
    const make = this.lazy.get(key);
    if (make) {
      this.lazy.delete(key);
      super.set(key, make());
    }
    return super.get(key);
  }
}

export interface Mount {
  mountPath: string;
  store: Map<string, string>;
  /** Where in the store the mount starts: '' for the volume's root, `/sub` for a subPath, a host path for hostPath. */
  root: string;
  readOnly: boolean;
  /** A subPath naming a single file: mountPath is that file. */
  file?: boolean;
}

/** `a//b/./c/../d/` → `/a/b/d/` (a trailing slash is kept: it marks a directory). */
export function normalizePath(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const p of abs.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const out = '/' + parts.join('/');
  return abs.endsWith('/') && out !== '/' ? out + '/' : out;
}

type Where = { map: Map<string, string>; key: string; mount?: Mount };

export class MountedFS extends Map<string, string> {
  private mounts: Mount[] = [];
  private own = new Map<string, string>();

  constructor(files: Iterable<[string, string]> = [], mounts: Mount[] = []) {
    super();
    // Longest mount path first, so a mount inside another mount wins for its subtree.
    this.mounts = [...mounts].map((m) => ({ ...m, mountPath: normalizePath(m.mountPath).replace(/\/$/, '') })).sort((a, b) => b.mountPath.length - a.mountPath.length);
    for (const [k, v] of files) this.set(k, v);
  }

  /** The mount a container path is under, if any. */
  mountAt(path: string): Mount | undefined {
    const p = normalizePath(path).replace(/\/$/, '');
    return this.mounts.find((m) => (m.file ? p === m.mountPath : p === m.mountPath || p.startsWith(m.mountPath + '/') || m.mountPath === ''));
  }

  /** Whether writing this path would hit a read-only mount (EROFS). */
  readOnlyAt(path: string): boolean {
    return !!this.mountAt(path)?.readOnly;
  }

  /** Mount points: what `ls` of their parent shows and what makes them directories. */
  mountPaths(): string[] {
    return this.mounts.map((m) => m.mountPath);
  }

  private where(path: string): Where {
    const norm = normalizePath(path);
    const m = this.mountAt(norm);
    if (!m) return { map: this.own, key: norm };
    const rest = m.file ? '' : norm.slice(m.mountPath.length);
    // The mount point itself as a directory marker is the root of the store.
    return { map: m.store, key: (m.root + rest) || '/', mount: m };
  }

  override get(path: string): string | undefined {
    const w = this.where(path);
    return w.map.get(w.key);
  }
  override has(path: string): boolean {
    const w = this.where(path);
    return w.map.has(w.key) || (w.map instanceof VolumeStore && w.map.lazy.has(w.key));
  }
  override set(path: string, value: string): this {
    const w = this.where(path);
    if (w.key !== '/') w.map.set(w.key, value);
    return this;
  }
  override delete(path: string): boolean {
    const w = this.where(path);
    return w.map.delete(w.key);
  }
  override clear(): void {
    this.own.clear();
  }

  /** Every visible path: own files not hidden by a mount, then each mount's files under its mount path. */
  private *paths(): Generator<string> {
    const seen = new Set<string>();
    const visible = (p: string, map: Map<string, string>) => !seen.has(p) && this.where(p).map === map;
    for (const k of this.own.keys()) {
      if (visible(k, this.own)) {
        seen.add(k);
        yield k;
      }
    }
    for (const m of this.mounts) {
      const keys = m.store instanceof VolumeStore ? [...m.store.keys(), ...m.store.lazy.keys()] : [...m.store.keys()];
      if (m.file) {
        if (keys.includes(m.root) && visible(m.mountPath, m.store)) {
          seen.add(m.mountPath);
          yield m.mountPath;
        }
        continue;
      }
      const root = m.root.replace(/\/$/, '');
      for (const k of keys) {
        if (root && k !== root && !k.startsWith(root + '/')) continue;
        const p = m.mountPath + k.slice(root.length);
        if (p && visible(p, m.store)) {
          seen.add(p);
          yield p;
        }
      }
    }
  }

  override keys(): MapIterator<string> {
    return this.paths() as MapIterator<string>;
  }
  override *entries(): MapIterator<[string, string]> {
    for (const k of this.paths()) {
      const v = this.get(k);
      if (v !== undefined) yield [k, v];
    }
  }
  override *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
  override forEach(fn: (value: string, key: string, map: Map<string, string>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  override get size(): number {
    let n = 0;
    for (const _ of this.paths()) n++;
    return n;
  }
}
