/**
 * `npm run bench`: runs every bench/*.ts module (each in its own Node process, one after another) and prints
 * their lines, then one summary line per module. `npm run bench -- shell scale` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .filter((m) => !only.length || only.includes(m))
  .sort();

const summary: string[] = [];
let failed = 0;
for (const m of modules) {
  console.log(`== bench/${m}.ts`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${m}.ts`)], { stdio: 'inherit', cwd: join(here, '..') });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const status = r.status ?? 1;
  if (status !== 0) failed++;
  summary.push(`${m.padEnd(12)} ${status === 0 ? 'ok  ' : `exit ${status}`} ${secs.padStart(7)} s`);
}
console.log('\n== summary');
for (const l of summary) console.log(l);
process.exit(failed ? 1 : 0);
