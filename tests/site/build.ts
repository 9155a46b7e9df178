// Builds the site once per test run into .cache/site-test/<base> (with the e2e fixtures) and reads it back.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

const built = new Map<string, { dir: string; error?: string }>();

/** `name` keeps test files (separate processes) from building into the same folder at once. */
export function buildSite(base = '/course/', name = 'site'): { dir: string; error?: string } {
  const key = `${name}:${base}`;
  const cached = built.get(key);
  if (cached) return cached;
  const dir = join(root, '.cache', 'site-test', `${name}${base.replace(/\W+/g, '_')}`);
  // vitest exports Vite's import.meta.env (BASE_URL=/, MODE, PROD …) into process.env; a child build would take
  // them for its own and render links without the base.
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|VITEST.*|TEST|NODE_ENV)$/.test(k)) delete env[k];
  const r = spawnSync('npx', ['astro', 'build'], {
    cwd: root,
    env: { ...env, BASE_PATH: base, KUBELAB_FIXTURES: '1', KUBELAB_OUT_DIR: dir },
    encoding: 'utf8',
  });
  const result = r.status === 0 && existsSync(dir) ? { dir } : { dir, error: `astro build failed:\n${r.stdout}\n${r.stderr}`.slice(-4000) };
  built.set(key, result);
  return result;
}

export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function htmlPages(dir: string): Array<{ path: string; html: string }> {
  return walk(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ path: relative(dir, f).split(sep).join('/'), html: readFileSync(f, 'utf8') }));
}
