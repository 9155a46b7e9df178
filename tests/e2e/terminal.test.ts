import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { e2eAvailable, launch, open, readyTerminal, screenText, typeCommand, waitForScreen } from './support';

const CHAPTER = 'chapters/e2e-terminal/';

describe.runIf(e2eAvailable())('terminal in a chapter', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a command typed at the prompt prints its output and the prompt comes back', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'echo hello-from-e2e');
    const screen = await waitForScreen(w.page, /hello-from-e2e\n.*#\s*$/);
    expect(screen).toMatch(/# echo hello-from-e2e/);
    // The transcript (role="log") carries the same command and output for screen readers.
    const log = await w.page.locator('kl-terminal [role="log"]').first().textContent();
    expect(log).toContain('echo hello-from-e2e');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.context.close();
  });

  test('the terminal loads lazily: no xterm before the box nears the viewport', async () => {
    const w = await open(browser, CHAPTER, { height: 300 });
    await w.page.waitForTimeout(500);
    const box = await w.page.locator('kl-terminal').first().boundingBox();
    // The fixture puts the terminal well below the first screen (300 px + the 200 px look-ahead).
    expect(box!.y).toBeGreaterThan(600);
    expect(await w.page.locator('kl-terminal .xterm').count()).toBe(0);
    expect(await w.page.evaluate(() => performance.getEntriesByType('resource').some((r) => /(terminal-host|session\.worker)[^/]*\.js$/.test(r.name)))).toBe(false);
    await readyTerminal(w.page);
    const after = await w.page.locator('kl-terminal').first().boundingBox();
    // The reserved box keeps its height when xterm arrives (no layout shift).
    expect(after?.height).toBeCloseTo(box?.height ?? 0, 0);
    await w.context.close();
  });

  test('two terminals naming one cluster are two shells on one machine: one world, one filesystem, own working directories', async () => {
    const w = await open(browser, 'chapters/e2e-shared/');
    const left = 'kl-terminal[data-terminal-id="left"]';
    const right = 'kl-terminal[data-terminal-id="right"]';
    await readyTerminal(w.page, left);
    await readyTerminal(w.page, right);
    await typeCommand(w.page, 'kubectl create namespace from-left && echo note > /tmp/shared.txt && cd /tmp', left);
    await waitForScreen(w.page, /namespace\/from-left created\n.*:\/tmp# *$/, left);
    await typeCommand(w.page, 'kubectl get ns from-left -o name; cat /tmp/shared.txt; pwd', right);
    await waitForScreen(w.page, /namespace\/from-left\nnote\n\/root\n.*:~# *$/, right);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('screen text helper reads rows', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    expect(await screenText(w.page)).toMatch(/root@kubelab:~# /);
    await w.context.close();
  });
});
