// Shared browser fixtures: one Chromium per file, a page that records console errors and requests to other origins,
// and helpers that talk to the terminal the way a learner does (click, type, read the screen).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './static-server.mjs';

export const SITE = process.env.KUBELAB_E2E_URL ?? '';
export const ORIGIN = SITE ? new URL(SITE).origin : '';

export function e2eAvailable(): boolean {
  if (!SITE || !process.env.CHROMIUM_PATH) {
    console.log('e2e: skipped: run through `node scripts/e2e.mjs` (it builds, serves and finds Chromium)');
    return false;
  }
  return true;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  errors: string[];
  foreign: string[];
}

export async function open(browser: Browser, path: string, opts: { width?: number; height?: number; context?: BrowserContext } = {}): Promise<Watched> {
  const context = opts.context ?? (await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } }));
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.origin !== ORIGIN) foreign.push(r.url());
  });
  await page.goto(SITE + path.replace(/^\//, ''));
  return { context, page, errors, foreign };
}

/** The terminal's screen as text, one string per row (xterm's DOM renderer rows). */
export async function screenText(page: Page, selector = 'kl-terminal'): Promise<string> {
  return page.locator(`${selector} .xterm-rows`).first().innerText();
}

/** Activates the terminal and waits for its prompt. */
export async function readyTerminal(page: Page, selector = 'kl-terminal'): Promise<void> {
  const term = page.locator(selector).first();
  await term.scrollIntoViewIfNeeded();
  await term.locator('.xterm-rows').waitFor({ timeout: 60_000 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-ready') === 'true', selector, { timeout: 60_000 });
  await page.waitForFunction((sel) => /[#$] *$/m.test((document.querySelector(`${sel} .xterm-rows`) as HTMLElement)?.innerText ?? ''), selector, { timeout: 60_000 });
}

export async function typeCommand(page: Page, line: string, selector = 'kl-terminal'): Promise<void> {
  await page.locator(`${selector} .xterm`).first().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until the screen matches. */
export async function waitForScreen(page: Page, re: RegExp, selector = 'kl-terminal', timeout = 30_000): Promise<string> {
  const src = re.source;
  const flags = re.flags;
  try {
    await page.waitForFunction(
      ([sel, s, f]) => new RegExp(s, f).test((document.querySelector(`${sel} .xterm-rows`) as HTMLElement)?.innerText ?? ''),
      [selector, src, flags] as const,
      { timeout },
    );
  } catch (e) {
    // Say what was on the screen instead of only that the wait timed out.
    throw new Error(`screen never matched ${re}:\n${JSON.stringify(await screenText(page, selector).catch(() => ''))}`, { cause: e });
  }
  return screenText(page, selector);
}
