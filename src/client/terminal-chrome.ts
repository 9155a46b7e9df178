/** The controls around a live terminal: time (pause, 1×, 10×), the cluster map, screen-reader mode, phone keys. */
import type { TerminalController } from './terminal-host';
import { renderClusterMap } from './cluster-map';

/** What the time status says (visible, and read out by screen readers when it changes). */
export function speedText(speed: number): string {
  if (speed === 0) return 'Time paused: the cluster stands still';
  if (speed === 1) return 'Time runs at 1×';
  return `Time runs at ${speed}×`;
}

export function wireTerminalChrome(root: HTMLElement, c: TerminalController, keys: Record<string, string>): void {
  const speedButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-speed]')];
  const clockStatus = root.querySelector<HTMLElement>('[data-clock-status]');
  let shown = Number(speedButtons.find((b) => b.getAttribute('aria-pressed') === 'true')?.dataset.speed ?? 1);
  const showSpeed = (speed: number) => {
    for (const b of speedButtons) b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === speed));
    root.dataset.speed = String(speed);
    // Only a change is written: a role=status region announces its new text, and repeating it would chatter.
    if (clockStatus && (speed !== shown || !clockStatus.textContent)) clockStatus.textContent = speedText(speed);
    shown = speed;
  };
  for (const b of speedButtons) {
    b.addEventListener('click', () => {
      const speed = Number(b.dataset.speed);
      showSpeed(speed);
      void c.cluster.setSpeed(speed);
    });
  }
  c.cluster.onClock((clock) => showSpeed(clock.speed));

  const mapBtn = root.querySelector<HTMLButtonElement>('[data-map-toggle]');
  const map = root.querySelector<HTMLElement>('.kl-map');
  const body = root.querySelector<HTMLElement>('.kl-term-body');
  let unsubscribe: (() => void) | undefined;
  let frame = 0;
  let pending: Parameters<typeof renderClusterMap>[1] | undefined;
  // At most one redraw per animation frame, whatever the worker sends.
  const draw = (s: Parameters<typeof renderClusterMap>[1]) => {
    pending = s;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (map && pending && !map.hidden) renderClusterMap(map, pending);
      pending = undefined;
    });
  };
  mapBtn?.addEventListener('click', () => {
    if (!map) return;
    const open = mapBtn.getAttribute('aria-pressed') !== 'true';
    mapBtn.setAttribute('aria-pressed', String(open));
    map.hidden = !open;
    if (body) body.dataset.map = open ? 'open' : 'closed';
    if (open) {
      map.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Loading the cluster map…' }));
      unsubscribe = c.cluster.onMap(draw);
      void c.cluster.watchMap(true);
    } else {
      unsubscribe?.();
      unsubscribe = undefined;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      void c.cluster.watchMap(false);
    }
  });

  const sr = root.querySelector<HTMLButtonElement>('[data-sr-toggle]');
  sr?.addEventListener('click', () => {
    const on = sr.getAttribute('aria-pressed') !== 'true';
    sr.setAttribute('aria-pressed', String(on));
    c.setScreenReader(on);
  });

  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-send]')) {
    b.addEventListener('click', () => {
      const data = keys[b.dataset.send ?? ''];
      if (data) c.input(data);
      c.focus();
    });
  }
}
