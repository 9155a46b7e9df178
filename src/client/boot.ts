/**
 * The one script every page loads (small): theme toggle, lazy search, copy/run buttons on code blocks, and the
 * service worker for offline use. Heavy code (xterm, the worker) loads only from <kl-terminal>.
 */
import { enhanceCodeBlocks } from './code-blocks';
import { defineSearch } from './search';
import { recordVisit } from './progress';

const root = document.documentElement;
const base = root.dataset.base ?? '/';

function setTheme(theme: 'light' | 'dark'): void {
  root.dataset.theme = theme;
  try {
    localStorage.setItem('kl-theme', theme);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  syncToggle();
  document.dispatchEvent(new CustomEvent('kl-theme', { detail: theme }));
}

function syncToggle(): void {
  const btn = document.getElementById('kl-theme-toggle');
  if (!btn) return;
  const next = root.dataset.theme === 'light' ? 'dark' : 'light';
  btn.setAttribute('aria-label', `Switch to ${next} theme`);
  btn.textContent = next === 'light' ? 'Light' : 'Dark';
}

document.getElementById('kl-theme-toggle')?.addEventListener('click', () => setTheme(root.dataset.theme === 'light' ? 'dark' : 'light'));
syncToggle();
defineSearch();
enhanceCodeBlocks();
const chapter = document.querySelector<HTMLElement>('article[data-chapter]')?.dataset.chapter;
if (chapter) recordVisit(chapter);

if ('serviceWorker' in navigator && location.protocol !== 'file:' && import.meta.env.PROD) {
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // Offline support is an extra; the course works without it.
  });
}
