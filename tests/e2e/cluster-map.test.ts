// The live cluster map and the clock controls in the browser: pods appear in their node boxes and turn Running as
// the watches report them, go away on scale to 0; pause freezes the cluster, 10× hurries it; the map reads as a
// structured list, works at 360 px and is axe-clean in both themes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { e2eAvailable, launch, open, readyTerminal, typeCommand, waitForScreen } from './support';

const CHAPTER = 'chapters/e2e-terminal/';
const TAGS = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The map's pods whose name starts with `prefix`: [name, state, status text]. */
async function mapPods(page: Page, prefix: string): Promise<Array<{ node: string; state: string; status: string }>> {
  return page.locator('kl-terminal .kl-map .kl-map-node .kl-map-pod').evaluateAll(
    (els, pre) =>
      els
        .filter((e) => ((e as HTMLElement).dataset.pod ?? '').startsWith(pre))
        .map((e) => ({
          node: (e.closest('.kl-map-node') as HTMLElement).dataset.node ?? '',
          state: (e as HTMLElement).dataset.state ?? '',
          status: e.querySelector('.kl-map-pod-status')?.textContent ?? '',
        })),
    prefix,
  );
}

/** What the map's pods of a deployment should show: how many, and (when given) every one's state and status. */
interface PodsWanted {
  count: number;
  state?: string;
  status?: string;
}

async function waitForPods(page: Page, prefix: string, want: PodsWanted, timeout = 30_000): Promise<void> {
  try {
    // The site's CSP forbids eval, so the condition travels as data, not as code.
    await page.waitForFunction(
      ([pre, w]) => {
        const pods = [...document.querySelectorAll<HTMLElement>('kl-terminal .kl-map .kl-map-node .kl-map-pod')].filter((e) => (e.dataset.pod ?? '').startsWith(pre));
        return (
          pods.length === w.count &&
          pods.every((e) => (!w.state || e.dataset.state === w.state) && (!w.status || e.querySelector('.kl-map-pod-status')?.textContent === w.status))
        );
      },
      [prefix, want] as const,
      { timeout },
    );
  } catch (e) {
    throw new Error(`map pods ${prefix}* never became ${JSON.stringify(want)}: ${JSON.stringify(await mapPods(page, prefix))}`, { cause: e });
  }
}

async function openMap(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cluster map' }).click();
  await page.locator('kl-terminal .kl-map .kl-map-node').first().waitFor();
}

describe.runIf(e2eAvailable())('the live cluster map', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a deployment\'s pods appear in node boxes, turn Running, and go on scale to 0', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await openMap(w.page);
    const map = w.page.locator('kl-terminal .kl-map');
    expect(await map.getAttribute('hidden')).toBeNull();
    expect(await w.page.getByRole('button', { name: 'Cluster map' }).getAttribute('aria-pressed')).toBe('true');
    // A structured list: headings, then one list item per node named by its heading.
    expect(await map.locator('h3').allTextContents()).toEqual(['Nodes', 'Services', 'Recent events']);
    expect(await map.locator('.kl-map-node h4').allTextContents()).toEqual([
      'k3d-mini-cluster-agent-0',
      'k3d-mini-cluster-agent-1',
      'k3d-mini-cluster-agent-2',
      'k3d-mini-cluster-server-0',
    ]);
    expect(await map.locator('.kl-map-node-status').first().textContent()).toMatch(/^Ready · <none> · \d+ pods?$/);

    await typeCommand(w.page, 'kubectl create deployment map-web --image=nginx:1.27 --replicas=3');
    await waitForScreen(w.page, /deployment.apps\/map-web created/);
    await typeCommand(w.page, 'kubectl expose deployment map-web --port=80');
    await waitForScreen(w.page, /service\/map-web exposed/);
    await waitForPods(w.page, 'default/map-web-', { count: 3 });
    await waitForPods(w.page, 'default/map-web-', { count: 3, state: 'ready', status: 'Running' });
    const pods = await mapPods(w.page, 'default/map-web-');
    expect(pods.every((p) => p.node.startsWith('k3d-mini-cluster-'))).toBe(true);
    // The Service lists the pods behind its ready endpoints.
    const svc = map.locator('.kl-map-service[data-service="default/map-web"]');
    await w.page.waitForFunction(() => document.querySelectorAll('.kl-map-service[data-service="default/map-web"] .kl-map-endpoints li[data-ready="true"]').length === 3);
    expect(await svc.locator('.kl-map-service-head').textContent()).toBe('map-web ClusterIP 80/TCP');
    expect(await svc.locator('.kl-map-endpoints li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^→ map-web-\S+ \(ready\)$/)]));

    await typeCommand(w.page, 'kubectl scale deployment map-web --replicas=0');
    await waitForScreen(w.page, /deployment.apps\/map-web scaled/);
    // The scale-down shows among the recent events (the last 8; k3s's own start-up events may push it out again
    // a moment later, so it is looked for as soon as it can arrive).
    const scaled = /ScalingReplicaSet deployment\/map-web: Scaled down replica set map-web-\S+ from 3 to 0/;
    const seen = await w.page
      .waitForFunction((src) => [...document.querySelectorAll('kl-terminal .kl-map-event')].some((e) => new RegExp(src).test(e.textContent ?? '')), scaled.source, { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (!seen) expect(await map.locator('.kl-map-event').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(scaled)]));
    // Each as `kubectl events` names it: TYPE REASON kind/name: message.
    const events = await map.locator('.kl-map-event').allTextContents();
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(8);
    for (const e of events) expect(e).toMatch(/^(Normal|Warning) [A-Za-z]+ [a-z]+\/\S+: /);
    await waitForPods(w.page, 'default/map-web-', { count: 0 });
    await w.page.waitForFunction(() => document.querySelector('.kl-map-service[data-service="default/map-web"] .kl-map-empty') !== null);

    // Closing the map stops the updates; reopening shows the current picture.
    await w.page.getByRole('button', { name: 'Cluster map' }).click();
    expect(await map.getAttribute('hidden')).not.toBeNull();
    await typeCommand(w.page, 'kubectl scale deployment map-web --replicas=1');
    await waitForScreen(w.page, /deployment.apps\/map-web scaled\n[\s\S]*deployment.apps\/map-web scaled/);
    await openMap(w.page);
    await waitForPods(w.page, 'default/map-web-', { count: 1 });
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('Pause freezes the cluster (announced), 10× hurries it', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await openMap(w.page);
    const status = w.page.locator('kl-terminal [data-clock-status]');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.textContent()).toBe('Time runs at 1×');
    await w.page.getByRole('button', { name: 'Pause' }).click();
    expect(await w.page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    expect(await w.page.getByRole('button', { name: '1×' }).getAttribute('aria-pressed')).toBe('false');
    expect(await status.textContent()).toBe('Time paused: the cluster stands still');

    await typeCommand(w.page, 'kubectl create deployment frozen --image=nginx:1.27 --replicas=2');
    await waitForScreen(w.page, /deployment.apps\/frozen created/);
    await w.page.waitForTimeout(3000);
    // No controller ran: no ReplicaSet, no pods, nothing on the map.
    expect(await mapPods(w.page, 'default/frozen-')).toEqual([]);
    await typeCommand(w.page, 'kubectl get pods');
    await waitForScreen(w.page, /No resources found in default namespace\./);

    await w.page.getByRole('button', { name: '10×' }).click();
    expect(await status.textContent()).toBe('Time runs at 10×');
    expect(await w.page.getByRole('button', { name: '10×' }).getAttribute('aria-pressed')).toBe('true');
    // At 10× the pods pull and start in well under the seconds 1× would take.
    await waitForPods(w.page, 'default/frozen-', { count: 2, state: 'ready' }, 10_000);
    await w.page.getByRole('button', { name: '1×' }).click();
    expect(await status.textContent()).toBe('Time runs at 1×');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('on a 360 px phone the map opens below the terminal without sideways scrolling', async () => {
    const w = await open(browser, CHAPTER, { width: 360, height: 740 });
    await readyTerminal(w.page);
    await openMap(w.page);
    const map = w.page.locator('kl-terminal .kl-map');
    const term = w.page.locator('kl-terminal .kl-term-screen');
    const [m, t] = [await map.boundingBox(), await term.boundingBox()];
    expect(m && t).toBeTruthy();
    expect(m!.y).toBeGreaterThanOrEqual(t!.y + t!.height - 1);
    expect(m!.width).toBeLessThanOrEqual(360);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Keyboard: the map can be reached and scrolled with Tab and the arrow keys.
    expect(await map.getAttribute('tabindex')).toBe('0');
    await w.context.close();
  });

  test('the open map is axe-clean in both themes', async () => {
    const w = await open(browser, CHAPTER);
    await readyTerminal(w.page);
    await openMap(w.page);
    await typeCommand(w.page, 'kubectl create deployment axe-web --image=nginx:1.27 --replicas=2');
    await typeCommand(w.page, 'kubectl create deployment axe-bad --image=nginx:no-such-tag');
    await typeCommand(w.page, 'kubectl expose deployment axe-web --port=80');
    await waitForPods(w.page, 'default/axe-web-', { count: 2, state: 'ready' });
    await waitForPods(w.page, 'default/axe-bad-', { count: 1, state: 'error' });
    await w.page.locator('kl-terminal .kl-map-legend summary').click();
    const found: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await new AxeBuilder({ page: w.page }).include('kl-terminal .kl-map').include('kl-terminal .kl-term-bar').withTags(TAGS).analyze();
      for (const v of r.violations) found.push(`${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      await w.page.locator('#kl-theme-toggle').click();
    }
    expect(found).toEqual([]);
    await w.context.close();
  });
});
