/**
 * Browser benchmark (prints numbers; not a test): in Debian's Chromium against the built site under /course/,
 *  - navigation start → first prompt drawn (cold: a fresh context each time), N runs; then, on that page, the
 *    learner's first reach → the first command's output: click the terminal (which starts loading the cluster),
 *    type the command at once and press Enter (the worst case: the command waits for the cluster to load and settle);
 *  - reload of a page whose world was left open for two virtual hours: navigation → prompt, and → the first
 *    command's output (it waits for the saved world's replay);
 *  - Enter → output rendered (the prompt back after the output, plus one animation frame), over 200 commands.
 * Run: node --import tsx bench/browser.ts [--runs 5] [--commands 200] [--command "kubectl get pods -A"]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, serveDist } from '../tests/e2e/static-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const BASE = '/course/';
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg('runs', '5'));
const COMMANDS = Number(arg('commands', '200'));
const COMMAND = arg('command', 'kubectl get nodes');
const PAGE = arg('page', 'chapters/e2e-terminal/');

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const fmt = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const exe = findChromium();
  if (!exe) {
    console.log('bench/browser: skipped: no Chromium (set CHROMIUM_PATH or install chromium)');
    return;
  }
  const out = join(root, '.cache', 'bench-dist');
  if (!process.argv.includes('--no-build') || !existsSync(out)) {
    const r = spawnSync('npx', ['astro', 'build'], { cwd: root, env: { ...process.env, BASE_PATH: BASE, KUBELAB_FIXTURES: '1', KUBELAB_OUT_DIR: out }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error('astro build failed:\n' + r.stderr);
  }
  const server = (await serveDist(out, BASE)) as import('node:http').Server;
  const site = `http://127.0.0.1:${(server.address() as { port: number }).port}${BASE}`;
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
  try {
    // 1. Navigation to prompt, cold each time (new context: empty caches and IndexedDB).
    const nav: number[] = [];
    const reach: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(site + PAGE);
      await page.waitForFunction(() => performance.getEntriesByName('kl-prompt-ready').length > 0, undefined, { timeout: 60_000 });
      nav.push(await page.evaluate(() => performance.getEntriesByName('kl-prompt-ready')[0].startTime));
      const t0 = await page.evaluate(() => performance.now());
      await page.locator('kl-terminal .xterm').first().click();
      await page.keyboard.type(COMMAND);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => performance.getEntriesByName('kl-cmd-done').length > 0, undefined, { timeout: 60_000 });
      reach.push((await page.evaluate(() => performance.getEntriesByName('kl-cmd-done')[0].startTime)) - t0);
      await ctx.close();
    }

    // 2. Reload of a world left open for two virtual hours: navigation → prompt, and → first command's output
    // (the saved world replays in the background; the command waits for the replay).
    const reload: { prompt: number; firstOutput: number }[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(site + PAGE);
      await page.waitForFunction(() => performance.getEntriesByName('kl-prompt-ready').length > 0, undefined, { timeout: 60_000 });
      await page.evaluate(async () => {
        const el = document.querySelector('kl-terminal') as unknown as { whenReady(): Promise<{ cluster: { advance(ms: number): Promise<void>; save(): Promise<void> }; run(l: string): Promise<number> }> };
        const c = await el.whenReady();
        await c.run('kubectl get nodes');
        await c.cluster.advance(2 * 3600_000);
        await c.cluster.save();
      });
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('kl-prompt-ready').length > 0, undefined, { timeout: 60_000 });
      const r = await page.evaluate(async () => {
        const prompt = performance.getEntriesByName('kl-prompt-ready')[0].startTime;
        const el = document.querySelector('kl-terminal') as unknown as { whenReady(): Promise<{ run(l: string): Promise<number> }> };
        const c = await el.whenReady();
        await c.run('kubectl get nodes');
        return { prompt, firstOutput: performance.now() };
      });
      reload.push(r);
      await ctx.close();
    }

    // 3. Enter to output rendered.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(site + PAGE);
    await page.waitForFunction(() => performance.getEntriesByName('kl-prompt-ready').length > 0, undefined, { timeout: 60_000 });
    await page.locator('kl-terminal .xterm').first().click();
    await page.evaluate(() => {
      const w = window as unknown as { klBench: { start: number; samples: number[]; done?: () => void } };
      w.klBench = { start: 0, samples: [] };
      document.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') w.klBench.start = performance.now();
      }, true);
      document.addEventListener('kl-prompt', () => {
        if (!w.klBench.start) return;
        requestAnimationFrame(() => {
          w.klBench.samples.push(performance.now() - w.klBench.start);
          w.klBench.start = 0;
          w.klBench.done?.();
        });
      });
    });
    const lat: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      await page.keyboard.type(COMMAND);
      const wait = page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const w = window as unknown as { klBench: { samples: number[]; done?: () => void } };
            w.klBench.done = () => resolve(w.klBench.samples[w.klBench.samples.length - 1]);
          }),
      );
      await page.keyboard.press('Enter');
      lat.push(await wait);
      if (i % 50 === 49) await page.keyboard.press('Control+L');
    }
    await ctx.close();

    const result = {
      chromium: browser.version(),
      page: PAGE,
      navigationToPrompt: { runs: RUNS, p50: pct(nav, 50), p95: pct(nav, 95), all: nav.map((n) => Math.round(n)) },
      reachToFirstOutput: { command: COMMAND, runs: RUNS, p50: pct(reach, 50), p95: pct(reach, 95), all: reach.map((n) => Math.round(n)) },
      reloadAfterTwoHours: {
        runs: reload.length,
        promptP50: pct(reload.map((r) => r.prompt), 50),
        firstOutputP50: pct(reload.map((r) => r.firstOutput), 50),
        all: reload.map((r) => [Math.round(r.prompt), Math.round(r.firstOutput)]),
      },
      enterToOutput: { command: COMMAND, n: lat.length, p50: pct(lat, 50), p95: pct(lat, 95), max: Math.max(...lat) },
    };
    console.log(`Chromium ${result.chromium}, ${site}${PAGE}`);
    console.log(`navigation → prompt (cold, ${RUNS} runs): p50 ${fmt(result.navigationToPrompt.p50)}, p95 ${fmt(result.navigationToPrompt.p95)}`);
    console.log(`first reach → first output (click, type "${COMMAND}" at once, Enter; the cluster loads meanwhile): p50 ${fmt(result.reachToFirstOutput.p50)}, p95 ${fmt(result.reachToFirstOutput.p95)}`);
    console.log(`reload after 2 virtual hours (${reload.length} runs): prompt p50 ${fmt(result.reloadAfterTwoHours.promptP50)}, first command's output p50 ${fmt(result.reloadAfterTwoHours.firstOutputP50)}`);
    console.log(`Enter → output rendered ("${COMMAND}", ${lat.length} commands): p50 ${fmt(result.enterToOutput.p50)}, p95 ${fmt(result.enterToOutput.p95)}, max ${fmt(result.enterToOutput.max)}`);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'browser.json'), JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
