// The built site under a sub-path: every internal link resolves to a built file under the base, no page reaches
// another origin, every inline script is allowed by the page's CSP hash (and nothing else runs inline), and
// chapters carry what the layout promises (skip link, search body, labelled landmarks).
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, htmlPages } from './build';

const BASE = '/course/';
const site = buildSite(BASE, 'pages');
const pages = site.error ? [] : htmlPages(site.dir);

function target(dir: string, url: string): string {
  const path = decodeURIComponent(url.split('#')[0].split('?')[0]).slice(BASE.length);
  const file = join(dir, path);
  return path === '' || path.endsWith('/') ? join(file, 'index.html') : file;
}

describe('built pages', () => {
  test('the site builds under /course/', () => {
    expect(site.error).toBeUndefined();
    expect(pages.length).toBeGreaterThan(3);
  });

  test.runIf(!site.error)('every internal link and asset resolves under the base path', () => {
    const broken: string[] = [];
    for (const p of pages) {
      for (const m of p.html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const url = m[1];
        if (url.startsWith('#') || url.startsWith('data:')) continue;
        if (/^[a-z]+:/i.test(url) || url.startsWith('//')) {
          broken.push(`${p.path}: another origin: ${url}`);
          continue;
        }
        if (!url.startsWith(BASE)) {
          broken.push(`${p.path}: outside the base: ${url}`);
          continue;
        }
        // Pagefind and the service worker are written after the build (scripts/postbuild.mjs).
        if (url.startsWith(`${BASE}pagefind/`) || url === `${BASE}sw.js`) continue;
        if (!existsSync(target(site.dir, url))) broken.push(`${p.path}: missing ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test.runIf(!site.error)('the CSP allows exactly the inline theme bootstrap, never unsafe scripts', () => {
    for (const p of pages) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(p.html)?.[1] ?? '';
      expect(csp, p.path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("default-src 'self'");
      const inline = [...p.html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*application\/json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(inline.length, p.path).toBe(1);
      const hash = createHash('sha256').update(inline[0]).digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
      // The bootstrap runs before the first paint: it sits in <head>, before any stylesheet-dependent content.
      expect(p.html.indexOf(inline[0])).toBeLessThan(p.html.indexOf('</head>'));
    }
  });

  test.runIf(!site.error)('chapters have a skip link, a labelled sidebar and an indexed article', () => {
    const chapters = pages.filter((p) => p.path.startsWith('chapters/'));
    expect(chapters.length).toBeGreaterThan(0);
    for (const p of chapters) {
      expect(p.html, p.path).toContain('<a class="kl-skip" href="#main">Skip to content</a>');
      expect(p.html).toMatch(/<main id="main"/);
      expect(p.html).toMatch(/<nav aria-label="Chapters">/);
      expect(p.html).toMatch(/<article class="kl-article" data-pagefind-body/);
      expect(p.html).toMatch(/aria-current="page"/);
    }
  });

  test.runIf(!site.error)('a terminal reserves its box and says how to leave it with the keyboard', () => {
    const p = pages.find((x) => x.path === 'chapters/e2e-terminal/index.html')!;
    expect(p.html).toMatch(/<kl-terminal[^>]*style="--kl-term-height:\d+(\.\d+)?rem"/);
    expect(p.html).toContain('press <kbd>Esc</kbd> then <kbd>Tab</kbd>');
    expect(p.html).toMatch(/role="log"/);
    // The runnable block was marked by the Shiki transformer.
    expect(p.html).toMatch(/<pre[^>]*data-language="sh"[^>]*data-run/);
  });

  test.runIf(!site.error)('a chapter that places a lab terminal itself gets no second one from <Lab>', () => {
    for (const p of pages.filter((x) => x.path.startsWith('chapters/'))) {
      const labs = [...p.html.matchAll(/<kl-terminal[^>]*data-lab="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(labs).size, p.path).toBe(labs.length);
      const ids = [...p.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, `${p.path}: duplicate ids`).toBe(ids.length);
    }
  });
});
