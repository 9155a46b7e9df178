// The learner's path through the real simulator in the browser: kubectl output, completion, Ctrl-C of a watch,
// a lab ticking to completion, reload restoring the cluster, Solve and its undo (the map is in cluster-map.test.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eAvailable, launch, open, readyTerminal, screenText, typeCommand, waitForScreen } from './support';

const CHAPTER = 'chapters/e2e-terminal/';
const LAB = 'chapters/e2e-lab/';

async function taskStates(page: Page): Promise<string[]> {
  return page.locator('kl-lab .kl-task').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.done ?? ''));
}

describe.runIf(e2eAvailable())('the simulated cluster in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('kubectl get nodes shows the 4 nodes of mini-cluster', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl get nodes');
    const screen = await waitForScreen(w.page, /k3d-mini-cluster-server-0[^\n]*\n[\s\S]*#\s*$/);
    const rows = screen.split('\n').filter((l) => /^k3d-mini-cluster-/.test(l));
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual([
      'k3d-mini-cluster-agent-0',
      'k3d-mini-cluster-agent-1',
      'k3d-mini-cluster-agent-2',
      'k3d-mini-cluster-server-0',
    ]);
    for (const r of rows) expect(r).toMatch(/\sReady\s/);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.context.close();
  });

  test('Tab completes resource types as the real kubectl does: `get dep` becomes `get deployments.apps `', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await w.page.locator('kl-terminal .xterm').first().click();
    await w.page.keyboard.type('kubectl get dep');
    await w.page.keyboard.press('Tab');
    // The real __complete offers one candidate (api-resources -o name), so bash inserts it and a space.
    await waitForScreen(w.page, /# kubectl get deployments\.apps\s*$/m);
    await w.page.keyboard.press('Control+C');
    await w.page.keyboard.type('kubectl get po');
    await w.page.keyboard.press('Tab');
    await waitForScreen(w.page, /# kubectl get pod\s*$/m);
    await w.page.keyboard.press('Tab');
    // The common prefix `pod` goes in first; the second Tab lists the candidates and redraws the line.
    const screen = await waitForScreen(w.page, /\bpoddisruptionbudgets\.policy\b[\s\S]*# kubectl get pod\s*$/);
    expect(screen).toMatch(/\bpodtemplates\b/);
    await w.context.close();
  });

  test('Ctrl-C stops `kubectl get pods -w` and the prompt comes back', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl get pods -A -w');
    await waitForScreen(w.page, /NAMESPACE\s+NAME\s+READY\s+STATUS/);
    await w.page.waitForTimeout(500);
    await w.page.keyboard.press('Control+C');
    await waitForScreen(w.page, /\^C\n[^\n]*#\s*$/);
    await typeCommand(w.page, 'echo after-watch');
    await waitForScreen(w.page, /\nafter-watch\n/);
    await w.context.close();
  });

  test('a reload shows the same pods (the cluster is saved after each command)', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl create deployment keep --image=nginx:1.27 --replicas=2');
    await waitForScreen(w.page, /deployment.apps\/keep created/);
    await typeCommand(w.page, 'kubectl get pods -o name');
    const before = await waitForScreen(w.page, /(pod\/keep-[^\n]+\n){2}[^\n]*#\s*$/);
    const names = before.match(/pod\/keep-\S+/g);
    expect(names).toHaveLength(2);
    await w.page.reload();
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl get pods -o name');
    const after = await waitForScreen(w.page, /(pod\/keep-[^\n]+\n){2}[^\n]*#\s*$/);
    expect(after.match(/pod\/keep-\S+/g)).toEqual(names);
    await w.context.close();
  });

  test('a lab completes end to end: every task ticks as the cluster changes', async () => {
    const w = await open(browser, LAB);
    await readyTerminal(w.page);
    await w.page.waitForFunction(() => document.querySelector('kl-lab .kl-lab-summary')?.textContent?.includes('0 of 2'));
    expect(await taskStates(w.page)).toEqual(['false', 'false']);
    // A failing task explains itself and offers tiered hints.
    expect(await w.page.locator('kl-lab .kl-task').first().locator('dt').allTextContents()).toEqual(['Expected', 'Actual']);
    await w.page.locator('kl-lab .kl-task').first().getByRole('button', { name: 'Show a hint' }).click();
    expect(await w.page.locator('kl-lab .kl-task').first().locator('.kl-hints p').first().textContent()).toMatch(/^Hint: /);
    await typeCommand(w.page, 'kubectl create deployment e2e-web --image=nginx:1.27 --replicas=2');
    await w.page.waitForFunction(() => document.querySelector('kl-lab')?.getAttribute('data-complete') === 'true', undefined, { timeout: 60_000 });
    expect(await taskStates(w.page)).toEqual(['true', 'true']);
    expect(await w.page.locator('kl-lab .kl-lab-summary').textContent()).toBe('Lab complete: every task is done.');
    // Progress shows on the home page.
    await w.page.goto(w.page.url().replace(/chapters\/e2e-lab\/$/, ''));
    expect(await w.page.locator('[data-lab-badge="e2e-lab"]').textContent()).toBe('complete');
    await w.context.close();
  });

  test('Solve replays the solution visibly; undo puts the cluster back', async () => {
    const w = await open(browser, LAB);
    await readyTerminal(w.page);
    await typeCommand(w.page, 'kubectl create deployment mine --image=nginx:1.27');
    await waitForScreen(w.page, /deployment.apps\/mine created/);
    await w.page.getByRole('button', { name: 'Solve', exact: true }).click();
    await waitForScreen(w.page, /# kubectl create deployment e2e-web --image=nginx:1.27 --replicas=2\n/);
    await w.page.waitForFunction(() => document.querySelector('kl-lab')?.getAttribute('data-complete') === 'true', undefined, { timeout: 60_000 });
    const undo = w.page.getByRole('button', { name: 'Undo solve' });
    await undo.waitFor();
    await undo.click();
    await waitForScreen(w.page, /Undid Solve/);
    await w.page.waitForFunction(() => document.querySelector('kl-lab')?.getAttribute('data-complete') === 'false', undefined, { timeout: 30_000 });
    await typeCommand(w.page, 'kubectl get deployments -o name');
    const screen = await waitForScreen(w.page, /deployment.apps\/mine\n[^\n]*#\s*$/);
    expect(screen.split('Undid Solve')[1]).not.toContain('deployment.apps/e2e-web');
    await w.context.close();
  });
});
