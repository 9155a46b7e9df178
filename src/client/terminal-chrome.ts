/** The controls around a live terminal: time (pause, 1×, 10×), the cluster map, screen-reader mode, phone keys. */
import type { TerminalController } from './terminal-host';
import { renderClusterMap } from './cluster-map';

export function wireTerminalChrome(root: HTMLElement, c: TerminalController, keys: Record<string, string>): void {
  const speedButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-speed]')];
  const showSpeed = (speed: number) => {
    for (const b of speedButtons) b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === speed));
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
  mapBtn?.addEventListener('click', () => {
    if (!map) return;
    const open = mapBtn.getAttribute('aria-pressed') !== 'true';
    mapBtn.setAttribute('aria-pressed', String(open));
    map.hidden = !open;
    if (body) body.dataset.map = open ? 'open' : 'closed';
    if (open) {
      map.textContent = 'Loading the cluster map…';
      unsubscribe = c.cluster.onMap((s) => renderClusterMap(map, s));
      void c.cluster.watchMap(true);
    } else {
      unsubscribe?.();
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
