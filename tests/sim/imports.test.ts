/**
 * Architecture rules, checked on the source text:
 * - only src/sim/apiserver/** imports the store;
 * - nothing in src/sim imports from outside src/sim (no DOM, no kubectl, no node-only helpers);
 * - the deterministic core (src/sim, src/kubectl, src/shell, src/labs) never reads ambient time or randomness.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.(ts|mts|js|mjs)$/.test(e) && !/\.test\.ts$/.test(e)) out.push(p);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(src: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m; (m = re.exec(src)); ) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Strips comments and string literals so that prose about Date.now() does not count. */
function code(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

const rel = (p: string) => relative(ROOT, p).split('\\').join('/');

describe('import rules', () => {
  const sim = files(join(ROOT, 'src/sim'));

  it('finds the simulator sources', () => {
    expect(sim.length).toBeGreaterThan(10);
  });

  it('only the API server imports the store', () => {
    const offenders: string[] = [];
    for (const f of sim) {
      const r = rel(f);
      if (r.startsWith('src/sim/apiserver/') || r.startsWith('src/sim/store/')) continue;
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = rel(resolve(dirname(f), spec));
        if (target === 'src/sim/store' || target.startsWith('src/sim/store/')) offenders.push(`${r} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('nothing in src/sim imports from outside src/sim', () => {
    const offenders: string[] = [];
    for (const f of sim) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = rel(resolve(dirname(f), spec));
          if (!target.startsWith('src/sim/') && target !== 'src/sim') offenders.push(`${rel(f)} → ${spec}`);
        } else if (/^(node:|fs$|path$|os$|child_process$|http$|@xterm|astro|comlink|ws$)/.test(spec)) {
          offenders.push(`${rel(f)} → ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the deterministic core uses no ambient time or randomness', () => {
    const offenders: string[] = [];
    const dirs = ['src/sim', 'src/kubectl', 'src/shell', 'src/labs'];
    const banned: [RegExp, string][] = [
      [/\bDate\.now\s*\(/, 'Date.now()'],
      [/\bMath\.random\s*\(/, 'Math.random()'],
      [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
      [/\bperformance\.now\s*\(/, 'performance.now()'],
    ];
    for (const d of dirs) {
      for (const f of files(join(ROOT, d))) {
        const c = code(readFileSync(f, 'utf8'));
        for (const [re, what] of banned) if (re.test(c)) offenders.push(`${rel(f)}: ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the scanner itself sees imports and banned calls', () => {
    expect(importsOf(`import { a } from '../store';\nexport * from "./x";\nconst m = import('./y');`)).toEqual(['../store', './x', './y']);
    expect(code('// Date.now()\nconst s = "Math.random()";')).not.toMatch(/Date\.now|Math\.random/);
    expect(/\bnew\s+Date\s*\(\s*\)/.test(code('const d = new Date();'))).toBe(true);
  });
});
