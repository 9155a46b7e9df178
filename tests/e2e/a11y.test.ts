// axe on every built page (Starlight's tag set), before and after a terminal is activated.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { e2eAvailable, launch, open, readyTerminal } from './support';

const TAGS = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];
const dist = process.env.KUBELAB_E2E_DIST ?? new URL('../../dist', import.meta.url).pathname;

function pages(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'pagefind' && name !== '_astro') out.push(...pages(p));
    } else if (name === 'index.html') out.push(relative(dist, dir).split(sep).join('/'));
  }
  return out;
}

describe.runIf(e2eAvailable())('accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const list = existsSync(dist) ? pages(dist).map((p) => (p ? p + '/' : '')) : [];

  test('the crawl covers the site', () => {
    expect(list.length).toBeGreaterThan(3);
  });

  test.each(list)('no serious or critical axe violation on /course/%s', async (path) => {
    const w = await open(browser, path);
    const r = await new AxeBuilder({ page: w.page }).withTags(TAGS).analyze();
    const found = r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(found).toEqual([]);
    await w.context.close();
  });

  test('no serious or critical violation with a live terminal, in both themes', async () => {
    const w = await open(browser, 'chapters/e2e-terminal/');
    await readyTerminal(w.page);
    const found: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await new AxeBuilder({ page: w.page }).withTags(TAGS).analyze();
      for (const v of r.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      await w.page.locator('#kl-theme-toggle').click();
    }
    expect(found).toEqual([]);
    await w.context.close();
  });
});
