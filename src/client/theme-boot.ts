/**
 * The inline theme bootstrap (runs before first paint, so no flash), kept as a string so the layout can hash it
 * for the Content-Security-Policy. Starlight does the same with an is:inline script.
 */
export const THEME_BOOT =
  "(function(){var t;try{t=localStorage.getItem('kl-theme')}catch(e){}" +
  "if(t!=='light'&&t!=='dark')t=matchMedia('(prefers-color-scheme: light)').matches?'light':'dark';" +
  'document.documentElement.dataset.theme=t})()';
