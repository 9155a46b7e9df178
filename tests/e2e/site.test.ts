import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { e2eAvailable, launch, open, readyTerminal, typeCommand, waitForScreen, SITE } from './support';

const CHAPTER = 'chapters/e2e-terminal/';

describe.runIf(e2eAvailable())('course site', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the home page maps the course with links under the base path', async () => {
    const w = await open(browser, '');
    const links = await w.page.locator('.kl-map-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/course\//);
    await w.page.locator('.kl-map-list a', { hasText: 'Fixture: a terminal' }).click();
    await w.page.waitForURL(/\/course\/chapters\/e2e-terminal\/$/);
    expect(await w.page.locator('h1').textContent()).toBe('Fixture: a terminal');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.context.close();
  });

  test('a chapter has the sidebar with the current page, on-page contents and previous/next', async () => {
    const w = await open(browser, CHAPTER);
    expect(await w.page.locator('.kl-sidebar a[aria-current="page"]').textContent()).toContain('Fixture: a terminal');
    expect(await w.page.locator('.kl-toc a').allTextContents()).toEqual(['Run something', 'Copy only']);
    expect(await w.page.locator('.kl-pager a[rel="next"]').count()).toBe(1);
    await w.context.close();
  });

  test('search finds a chapter by a word in its text', async () => {
    const w = await open(browser, '');
    await w.page.getByRole('button', { name: 'Search' }).click();
    await w.page.locator('#kl-search-input').fill('zeppelin');
    const hit = w.page.locator('.kl-search-results a').first();
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.getAttribute('href')).toBe('/course/chapters/e2e-prose/');
    expect(await hit.textContent()).toBe('Fixture: prose only');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('the theme toggle switches the page and re-themes the terminal', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    const bg = () => w.page.locator('kl-terminal .xterm-scrollable-element').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    const before = await bg();
    const theme = await w.page.evaluate(() => document.documentElement.dataset.theme);
    await w.page.locator('#kl-theme-toggle').click();
    const after = await w.page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(theme);
    await w.page.waitForFunction((b) => getComputedStyle(document.querySelector('kl-terminal .xterm-scrollable-element')!).backgroundColor !== b, before);
    expect(await bg()).not.toBe(before);
    // The choice survives a reload without a flash: the inline bootstrap sets it before first paint.
    await w.page.reload();
    expect(await w.page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
    await w.context.close();
  });

  test('a runnable block gets a Run button that types the command into the terminal; every block gets Copy', async () => {
    const w = await open(browser, CHAPTER);
    expect(await w.page.locator('.kl-code-tools button', { hasText: 'Copy' }).count()).toBe(2);
    const run = w.page.getByRole('button', { name: 'Run in the terminal' });
    expect(await run.count()).toBe(1);
    await run.click();
    await readyTerminal(w.page).catch(() => {});
    await waitForScreen(w.page, /# kubectl get nodes/);
    await w.context.close();
  });

  test('at 360 px wide nothing scrolls sideways and the phone keys work', async () => {
    const w = await open(browser, CHAPTER, { width: 360, height: 740 });
    await readyTerminal(w.page);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await typeCommand(w.page, 'echo narrow');
    await waitForScreen(w.page, /narrow\n/);
    const keys = w.page.locator('.kl-term-keys').first();
    expect(await keys.isVisible()).toBe(true);
    await w.page.locator('.kl-term-keys [data-send="up"]').first().click();
    await waitForScreen(w.page, /# echo narrow\s*$/);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('at 360 px wide no page of the course scrolls sideways (long inline code, tables)', async () => {
    const home = await open(browser, '', { width: 360, height: 740 });
    const links = await home.page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLAnchorElement>('a[href*="/chapters/"], a[href*="/labs/"]')].map((a) => new URL(a.href).pathname))]);
    expect(links.length).toBeGreaterThan(5);
    const wide: string[] = [];
    for (const path of ['', ...links.map((l) => l.slice(new URL(SITE).pathname.length))]) {
      await home.page.goto(SITE + path);
      const width = await home.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) wide.push(`${path || '/'} ${width}px`);
    }
    expect(wide).toEqual([]);
    await home.context.close();
  }, 120_000);

  test('Escape then Tab moves focus out of the terminal', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await w.page.locator('kl-terminal .xterm').first().click();
    await w.page.keyboard.press('Escape');
    await w.page.keyboard.press('Tab');
    const inTerminal = await w.page.evaluate(() => !!document.activeElement?.closest('.xterm'));
    expect(inTerminal).toBe(false);
    await w.context.close();
  });

  test('history survives a reload (the session is saved after each command)', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'echo remember-me');
    await waitForScreen(w.page, /remember-me\n.*#\s*$/);
    await w.page.waitForTimeout(300);
    await w.page.reload();
    await readyTerminal(w.page);
    await w.page.locator('kl-terminal .xterm').first().click();
    await w.page.keyboard.press('ArrowUp');
    await waitForScreen(w.page, /# echo remember-me\s*$/);
    await w.context.close();
  });

  test('a crashed worker restarts from the last snapshot with a message', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'echo before-crash');
    await waitForScreen(w.page, /before-crash\n.*#\s*$/);
    await w.page.evaluate(async () => {
      const el = document.querySelector('kl-terminal') as HTMLElement & { ready: Promise<{ cluster: { simulateCrash(): void } }> };
      (await el.ready).cluster.simulateCrash();
    });
    // The message is printed in the terminal and in the transcript (where it is not wrapped to the width).
    await w.page.waitForFunction(() =>
      document.querySelector('kl-terminal [role="log"]')?.textContent?.includes('kubelab: the simulator stopped unexpectedly; restored the state saved after the last command.'),
    );
    await waitForScreen(w.page, /stopped unexpectedly[\s\S]*#\s*$/);
    await typeCommand(w.page, 'echo after-crash');
    await waitForScreen(w.page, /after-crash\n/);
    await w.context.close();
  });

  test('after the first visit the course works offline', async () => {
    const context = await browser.newContext();
    const w = await open(browser, '', { context });
    await w.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Let the precache finish (install completes before ready resolves) and the worker take control.
    await w.page.reload();
    await context.setOffline(true);
    await w.page.goto(SITE + 'chapters/e2e-prose/');
    expect(await w.page.locator('h1').textContent()).toBe('Fixture: prose only');
    await context.setOffline(false);
    await context.close();
  });
});
