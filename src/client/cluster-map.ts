/**
 * Draws the cluster summary as a structured list a screen reader can walk: a heading per section, each node a
 * list item holding its pods, each pod's STATUS written out beside its colour (colour is never the only cue), the
 * Services with the pods behind their ready endpoints, and the latest events. Updates arrive at most every 100 ms
 * (the worker coalesces them), so redrawing the small tree each time is cheap.
 */
import type { ClusterSummary, MapEventLine, MapNode, MapPod, MapPodState, MapService } from '../worker/protocol';

/** The colour key, in the order a pod goes through its life. */
export const STATE_LABELS: Record<MapPodState, string> = {
  pending: 'Pending (waiting for a node)',
  creating: 'Creating (pulling the image, starting)',
  running: 'Running, not ready',
  ready: 'Running and ready',
  error: 'Failing (CrashLoopBackOff, ErrImagePull …)',
  terminating: 'Terminating',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a pod's chip says after its name: kubectl's STATUS, plus "not ready" where the colour alone would say it. */
export function podLabel(p: MapPod): string {
  return p.state === 'running' ? `${p.status}, not ready` : p.status;
}

function podItem(p: MapPod): HTMLLIElement {
  const name = p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`;
  const li = el('li', undefined, { class: 'kl-map-pod', 'data-state': p.state, 'data-pod': `${p.namespace}/${p.name}` });
  li.append(el('span', name, { class: 'kl-map-pod-name' }), el('span', podLabel(p), { class: 'kl-map-pod-status' }));
  return li;
}

function podList(pods: MapPod[]): HTMLElement {
  if (!pods.length) return el('p', 'No pods', { class: 'kl-map-empty' });
  const ul = el('ul', undefined, { class: 'kl-map-pods' });
  for (const p of pods) ul.append(podItem(p));
  return ul;
}

function nodeItem(n: MapNode): HTMLLIElement {
  const li = el('li', undefined, { class: 'kl-map-node', 'data-ready': String(n.ready), 'data-node': n.name });
  li.append(el('h4', n.name, { class: 'kl-map-node-name' }));
  li.append(el('p', `${n.status} · ${n.roles} · ${plural(n.pods.length, 'pod')}`, { class: 'kl-map-node-status' }));
  li.append(podList(n.pods));
  return li;
}

function serviceItem(s: MapService): HTMLLIElement {
  const li = el('li', undefined, { class: 'kl-map-service', 'data-service': `${s.namespace}/${s.name}` });
  const name = s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`;
  const head = el('p', undefined, { class: 'kl-map-service-head' });
  head.append(el('strong', name), document.createTextNode(` ${s.type} ${s.ports}`));
  li.append(head);
  if (!s.endpoints.length && !s.notReady.length) {
    li.append(el('p', 'No endpoints: no ready pod matches its selector.', { class: 'kl-map-empty' }));
    return li;
  }
  const ul = el('ul', undefined, { class: 'kl-map-endpoints', 'aria-label': `Endpoints of ${name}` });
  for (const e of s.endpoints) ul.append(el('li', `→ ${e} (ready)`, { 'data-ready': 'true' }));
  for (const e of s.notReady) ul.append(el('li', `→ ${e} (not ready)`, { 'data-ready': 'false' }));
  li.append(ul);
  return li;
}

function eventItem(e: MapEventLine): HTMLLIElement {
  const li = el('li', undefined, { class: 'kl-map-event', 'data-type': e.type });
  li.append(el('span', e.type, { class: 'kl-map-event-type' }), document.createTextNode(` ${e.reason} ${e.object}: ${e.message}`));
  return li;
}

function legend(): HTMLElement {
  const d = el('details', undefined, { class: 'kl-map-legend' });
  d.append(el('summary', 'Colour key'));
  const ul = el('ul');
  for (const [state, label] of Object.entries(STATE_LABELS)) {
    const li = el('li', undefined, { 'data-state': state });
    li.append(el('span', undefined, { class: 'kl-map-swatch', 'aria-hidden': 'true' }), document.createTextNode(label));
    ul.append(li);
  }
  d.append(ul);
  return d;
}

export function renderClusterMap(root: HTMLElement, s: ClusterSummary): void {
  // Keep the colour key's open/closed state across redraws.
  const legendOpen = root.querySelector('details.kl-map-legend')?.hasAttribute('open') ?? false;
  const parts: HTMLElement[] = [];
  const pods = s.nodes.reduce((n, x) => n + x.pods.length, 0) + s.unscheduled.length;
  parts.push(el('h3', 'Nodes'));
  if (!s.nodes.length) parts.push(el('p', 'No cluster is running.', { class: 'kl-map-empty' }));
  else {
    parts.push(el('p', `${plural(s.nodes.length, 'node')}, ${plural(pods, 'pod')}`, { class: 'kl-map-count' }));
    const ul = el('ul', undefined, { class: 'kl-map-nodes' });
    for (const n of s.nodes) ul.append(nodeItem(n));
    parts.push(ul);
  }
  if (s.unscheduled.length) {
    const box = el('div', undefined, { class: 'kl-map-unscheduled' });
    box.append(el('h4', 'Not scheduled yet'), podList(s.unscheduled));
    parts.push(box);
  }
  parts.push(el('h3', 'Services'));
  if (!s.services.length) parts.push(el('p', 'No Services.', { class: 'kl-map-empty' }));
  else {
    const ul = el('ul', undefined, { class: 'kl-map-services' });
    for (const svc of s.services) ul.append(serviceItem(svc));
    parts.push(ul);
  }
  parts.push(el('h3', 'Recent events'));
  if (!s.events.length) parts.push(el('p', 'No events.', { class: 'kl-map-empty' }));
  else {
    const ol = el('ol', undefined, { class: 'kl-map-events' });
    for (const e of s.events) ol.append(eventItem(e));
    parts.push(ol);
  }
  const key = legend();
  if (legendOpen) key.setAttribute('open', '');
  parts.push(key);
  root.replaceChildren(...parts);
}
