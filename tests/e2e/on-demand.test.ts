// Code the simulator loads on first use, in the browser: a terminal scrolled into view fetches the worker's small
// front and draws its prompt; reaching for it fetches the cluster; `kubectl get nodes` fetches nothing more;
// `kubectl get -h` fetches the help pages and `kubectl explain` the field descriptions, and both print them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { e2eAvailable, launch, open, readyTerminal, screenText, typeCommand, waitForScreen } from './support';

const CHAPTER = 'chapters/e2e-terminal/';
/** Chunk names of the worker's on-demand modules (src/kubectl/help/texts.json, schema/data/docs.json, jq.ts ...). */
/** The worker's cluster chunk (src/worker/world-session.ts), loaded when the learner reaches for the terminal. */
const CLUSTER = /\/world-session-[\w-]+\.js$/;
const ON_DEMAND = /\/(texts|docs|jq|awk|sed|vi|nano|rollout|explain)-[\w-]+\.js$/;

describe.runIf(e2eAvailable())('on-demand chunks of the simulator worker', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The chapter, with every script the page and its worker request (the context sees the dedicated worker's). */
  async function openWatchingScripts() {
    // The offline service worker precaches every file in the background; block it to see what the terminal asks for.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const scripts: string[] = [];
    context.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    return { w: await open(browser, CHAPTER, { context }), scripts };
  }

  test('the prompt and kubectl get nodes load none; help and explain load theirs and print real text', async () => {
    const { w, scripts } = await openWatchingScripts();
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl get nodes');
    await waitForScreen(w.page, /k3d-mini-cluster-server-0\s+Ready\s+control-plane,master/, 'kl-terminal', 60_000);
    expect(scripts.some((s) => /session\.worker/.test(s)), scripts.join(' ')).toBe(true);
    expect(scripts.filter((s) => ON_DEMAND.test(s))).toEqual([]);

    await typeCommand(w.page, 'kubectl get -h | head -1');
    await waitForScreen(w.page, /\nDisplay one or many resources\.\n/);
    expect(scripts.some((s) => /\/texts-[\w-]+\.js$/.test(s)), scripts.join(' ')).toBe(true);

    await typeCommand(w.page, 'kubectl explain pods | head -6');
    await waitForScreen(w.page, /KIND:\s+Pod\nVERSION:\s+v1\n+DESCRIPTION:\n\s+Pod is a collection of containers that can run on a host\./, 'kl-terminal', 60_000);
    expect(scripts.some((s) => /\/docs-[\w-]+\.js$/.test(s)), scripts.join(' ')).toBe(true);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 180_000);

  test('a terminal scrolled into view draws its prompt without the cluster; reaching for it loads the cluster', async () => {
    const { w, scripts } = await openWatchingScripts();
    await readyTerminal(w.page);
    expect(await screenText(w.page)).toMatch(/root@kubelab:~#\s*$/m);
    await w.page.waitForTimeout(1000);
    expect(scripts.some((s) => /session\.worker/.test(s)), scripts.join(' ')).toBe(true);
    expect(scripts.filter((s) => CLUSTER.test(s))).toEqual([]);
    // Focus alone (no command yet) starts the load, so the cluster is there by the time a command is typed.
    await w.page.locator('kl-terminal .xterm').first().click();
    await expect.poll(() => scripts.filter((s) => CLUSTER.test(s)).length, { timeout: 30_000 }).toBe(1);
    await typeCommand(w.page, 'kubectl get nodes');
    await waitForScreen(w.page, /k3d-mini-cluster-server-0\s+Ready\s+control-plane,master/, 'kl-terminal', 60_000);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 120_000);
  test('Ctrl-C while the cluster loads drops the command: it never runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    // A slow network: the cluster chunk takes two seconds.
    await context.route(CLUSTER, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
    const w = await open(browser, CHAPTER, { context });
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl create namespace should-not-exist');
    await w.page.waitForTimeout(300);
    await w.page.keyboard.press('Control+C');
    await waitForScreen(w.page, /should-not-exist\n\^C\n.*#\s*$/);
    await typeCommand(w.page, 'kubectl get ns should-not-exist');
    await waitForScreen(w.page, /Error from server \(NotFound\): namespaces "should-not-exist" not found/, 'kl-terminal', 60_000);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 120_000);
});
