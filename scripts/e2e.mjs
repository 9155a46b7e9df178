#!/usr/bin/env node
// The browser suite: build the site under /course/ (with the e2e fixture chapter and lab), serve dist/ there on
// 127.0.0.1, find a Chromium, and run tests/e2e/*.test.ts with vitest (its own config) driving playwright-core.
// Writes {"passed","failed","skipped"} to $KUBELAB_E2E_JSON; skips with a printed reason when there is no Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findChromium, serveDist } from '../tests/e2e/static-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const BASE = '/course/';
// Its own build folder: a `npm run build` elsewhere in the tree (dist/) must not pull pages from under the suite.
// KUBELAB_E2E_NO_BUILD=<folder> serves an existing build instead (debugging).
const REUSE = process.env.KUBELAB_E2E_NO_BUILD;
const DIST = REUSE ? join(root, REUSE) : join(root, '.cache', `e2e-dist-${process.pid}`);
const resultPath = process.env.KUBELAB_E2E_JSON;
const dash = process.argv.indexOf('--');
const extraArgs = dash >= 0 ? process.argv.slice(dash + 1) : [];

function report(r) {
  if (resultPath) {
    mkdirSync(dirname(resultPath), { recursive: true });
    writeFileSync(resultPath, JSON.stringify(r));
  }
}

function countTests() {
  let n = 0;
  const dir = join(root, 'tests', 'e2e');
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.test.ts')) continue;
    n += (readFileSync(join(dir, f), 'utf8').match(/^\s*(test|it)\(/gm) ?? []).length;
  }
  return n;
}

const chromium = findChromium();
if (!chromium) {
  const skipped = countTests();
  console.log(`e2e: skipped ${skipped} browser tests: no Chromium found (set CHROMIUM_PATH or install Debian's chromium)`);
  report({ passed: 0, failed: 0, skipped });
  process.exit(0);
}

// 1. Build under the sub-path.
if (!process.env.KUBELAB_E2E_NO_BUILD) {
  const env = { ...process.env, BASE_PATH: BASE, KUBELAB_FIXTURES: '1', KUBELAB_OUT_DIR: DIST };
  for (const [cmd, args] of [
    ['npx', ['astro', 'build']],
    ['node', ['scripts/postbuild.mjs']],
  ]) {
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`e2e: ${cmd} ${args.join(' ')} failed`);
      report({ passed: 0, failed: 1, skipped: 0 });
      process.exit(1);
    }
  }
}

// 2. Serve dist/ under /course/.
const server = await serveDist(DIST, BASE);
const origin = `http://127.0.0.1:${server.address().port}`;
console.log(`e2e: serving ${DIST} at ${origin}${BASE}; Chromium at ${chromium}`);

// 3. Run the suite.
const out = join(root, '.cache', `e2e-vitest-${process.pid}.json`);
mkdirSync(dirname(out), { recursive: true });
// Async spawn: the static server lives in this process and must keep answering while the tests run.
const run = await new Promise((resolve) => {
  const child = spawn(
  'npx',
  // Arguments after `--` go to vitest (a file, -t "name"): node scripts/e2e.mjs -- tests/e2e/cluster.test.ts
  ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium, KUBELAB_E2E_URL: `${origin}${BASE}`, KUBELAB_E2E_DIST: DIST } },
  );
  child.on('exit', (code) => resolve({ status: code ?? 1 }));
});
server.close();
// Per-run folders (several runs may share a tree); remove this run's build and its caches.
if (!REUSE && !process.env.KUBELAB_E2E_KEEP) for (const suffix of ['', '-cache', '-vite', '-server']) rmSync(DIST + suffix, { recursive: true, force: true });
let result = { passed: 0, failed: 1, skipped: 0 };
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  result = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
  rmSync(out, { force: true });
  if (run.status !== 0 && result.failed === 0) result.failed = 1;
}
report(result);
console.log(`e2e: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
process.exit(result.failed > 0 ? 1 : 0);
