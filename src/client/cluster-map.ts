/** Draws the cluster summary: nodes as boxes holding their pods coloured by status, Services and their endpoints. */
import type { ClusterSummary, MapPod } from '../worker/protocol';

const OK = new Set(['Running', 'Completed', 'Succeeded']);
const WAIT = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating']);

function phase(p: MapPod): 'ok' | 'wait' | 'bad' {
  if (OK.has(p.status)) return 'ok';
  if (WAIT.has(p.status) || p.status.startsWith('Init:')) return 'wait';
  return 'bad';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function podList(pods: MapPod[]): HTMLElement {
  const ul = el('ul', undefined, { class: 'kl-map-pods' });
  for (const p of pods) {
    const li = el('li', p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`, {
      class: 'kl-map-pod',
      'data-phase': phase(p),
      title: `${p.name}: ${p.status}`,
    });
    li.append(el('span', `: ${p.status}`, { class: 'sr-only' }));
    ul.append(li);
  }
  return ul;
}

export function renderClusterMap(root: HTMLElement, s: ClusterSummary): void {
  const parts: HTMLElement[] = [];
  parts.push(el('h3', 'Nodes'));
  if (!s.nodes.length) parts.push(el('p', 'No cluster is running.'));
  for (const n of s.nodes) {
    const box = el('section', undefined, { class: 'kl-map-node', 'data-ready': String(n.ready), 'aria-label': `node ${n.name}` });
    box.append(el('strong', n.name), el('span', ` ${n.ready ? 'Ready' : 'NotReady'} · ${n.roles}`));
    box.append(podList(n.pods));
    parts.push(box);
  }
  if (s.unscheduled.length) {
    const box = el('section', undefined, { class: 'kl-map-node', 'aria-label': 'pods not scheduled' });
    box.append(el('strong', 'Not scheduled'), podList(s.unscheduled));
    parts.push(box);
  }
  if (s.services.length) {
    parts.push(el('h3', 'Services'));
    const ul = el('ul');
    for (const svc of s.services) {
      ul.append(el('li', `${svc.name} (${svc.type}) → ${svc.endpoints.length ? svc.endpoints.join(', ') : 'no endpoints'}`));
    }
    parts.push(ul);
  }
  if (s.events.length) {
    parts.push(el('h3', 'Recent events'));
    const ul = el('ul', undefined, { class: 'kl-map-events' });
    for (const e of s.events) ul.append(el('li', e));
    parts.push(ul);
  }
  root.replaceChildren(...parts);
}
