// The course site. Served from any sub-path: BASE_PATH=/course/ npm run build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { courseCheck } from './src/labs/course-check.ts';

/**
 * ```sh run marks a block runnable: its <pre> gets data-run (and data-terminal from `terminal=<id>`), which the
 * page turns into a Run button. Shiki hands transformers the fence's meta string.
 */
function runnableBlocks() {
  return {
    name: 'kubelab-runnable-blocks',
    pre(node) {
      const meta = this.options.meta?.__raw ?? '';
      if (/(^|\s)run(\s|$)/.test(meta)) node.properties['data-run'] = '';
      const t = /(?:^|\s)terminal=([\w-]+)/.exec(meta);
      if (t) node.properties['data-terminal'] = t[1];
    },
  };
}

const raw = process.env.BASE_PATH || '/';
const base = ('/' + raw.replace(/^\/+|\/+$/g, '') + '/').replace(/^\/\/$/, '/');

// Tests and benchmarks build into their own folder, with their own intermediate and cache folders, so a build
// running at the same time for dist/ (other base path, other content) cannot leak into theirs.
const outDir = process.env.KUBELAB_OUT_DIR;

export default defineConfig({
  base,
  outDir: outDir || './dist',
  ...(outDir ? { cacheDir: `${outDir}-cache` } : {}),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Inline <style>/<script> would need CSP hashes; keep every asset a file.
    inlineStylesheets: 'never',
    ...(outDir ? { server: `${outDir}-server` } : {}),
  },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
      transformers: [runnableBlocks()],
    },
  },
  // Broken chapters and labs (a lab.yaml that does not parse, a <Lab id> or labs: naming no lab, a misspelt
  // ```sh run) stop `astro build`; `astro dev` prints them as warnings and again whenever content changes.
  integrations: [mdx(), courseCheck()],
  vite: {
    ...(outDir ? { cacheDir: `${outDir}-vite` } : {}),
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro's MDX pages carry a "use astro:head-inject" directive that the bundler reports once per chapter;
        // Astro handles it itself, and the noise buried real warnings.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
    worker: { format: 'es' },
  },
});
