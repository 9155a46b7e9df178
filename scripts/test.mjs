#!/usr/bin/env node
// The one test command: unit and integration suites (vitest), then the browser suite (Playwright against the
// built site) where a Chromium exists. Prints a final plain `N passed, N failed` line and exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.cache', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

// 1. vitest
const unitJson = join(out, 'vitest.json');
const unitCode = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
if (existsSync(unitJson)) {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (unitCode !== 0 && r.numFailedTests === 0) failed += 1; // a suite that failed to load
} else {
  failed += 1;
}

// 2. Playwright e2e against the built site
if (process.env.KUBELAB_SKIP_E2E) {
  console.log('e2e: skipped (KUBELAB_SKIP_E2E is set)');
} else if (existsSync(join(root, 'scripts', 'e2e.mjs'))) {
  const e2eJson = join(out, 'e2e.json');
  const code = run('node', ['scripts/e2e.mjs'], { KUBELAB_E2E_JSON: e2eJson });
  if (existsSync(e2eJson)) {
    const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped ?? 0;
    if (code !== 0 && r.failed === 0) failed += 1;
  } else if (code !== 0) {
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
