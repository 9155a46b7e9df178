/**
 * <kl-lab>: ticks tasks as the worker reports the lab's status (it re-grades on every cluster change), shows
 * expected vs actual for a failing task and tiered hints (nudge, concept, command), replays the solution visibly in
 * the terminal (after a snapshot, so it can be undone), and resets after a confirmation.
 */
import type { LabStatus, SessionSnapshot } from '../worker/protocol';
import type { KlTerminal } from './terminal-element';
import type { TerminalController } from './terminal-host';
import { recordLab } from './progress';

class KlLab extends HTMLElement {
  private controller?: TerminalController;
  private beforeSolve?: SessionSnapshot;
  private hintLevel = new Map<number, number>();
  private last?: LabStatus;
  private busy = false;

  connectedCallback(): void {
    const id = this.dataset.lab!;
    const term = document.querySelector<KlTerminal>(`kl-terminal[data-lab="${CSS.escape(id)}"]`);
    if (!term) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void term.activate();
      }
    });
    observer.observe(this);
    void term.ready.then((c) => this.attach(c));
    this.button('solve').addEventListener('click', () => void this.withTerminal(term, () => this.solve()));
    this.button('undo').addEventListener('click', () => void this.withTerminal(term, () => this.undo()));
    this.button('reset').addEventListener('click', () => void this.withTerminal(term, () => this.reset()));
  }

  private button(action: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  private async withTerminal(term: KlTerminal, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await term.activate();
      await fn();
    } finally {
      this.busy = false;
    }
  }

  private attach(c: TerminalController): void {
    this.controller = c;
    c.cluster.onLab((s) => this.render(s));
    void c.cluster.labStatus().then((s) => s && this.render(s));
  }

  private render(s: LabStatus): void {
    const prevDone = this.last?.tasks.filter((t) => t.done).length ?? -1;
    this.last = s;
    const items = [...this.querySelectorAll<HTMLElement>('.kl-task')];
    s.tasks.forEach((t, i) => {
      const li = items[i];
      if (!li) return;
      li.dataset.done = String(t.done);
      li.querySelector('.kl-tick')!.textContent = t.done ? '✓' : '○';
      li.querySelector('.kl-task-state')!.textContent = t.done ? 'done' : 'not done';
      const detail = li.querySelector<HTMLElement>('.kl-task-detail')!;
      detail.replaceChildren(...(t.done ? [] : this.failure(i, t)));
    });
    const done = s.tasks.filter((t) => t.done).length;
    const summary = this.querySelector('.kl-lab-summary')!;
    if (s.error) summary.textContent = `The lab could not be graded: ${s.error}`;
    else if (s.complete) summary.innerHTML = '<span class="kl-lab-done">Lab complete: every task is done.</span>';
    else if (done !== prevDone) summary.textContent = `${done} of ${s.tasks.length} tasks done.`;
    this.dataset.complete = String(s.complete);
    recordLab(s.labId || this.dataset.lab!, { done, total: s.tasks.length, complete: s.complete });
  }

  private failure(i: number, t: LabStatus['tasks'][number]): HTMLElement[] {
    const out: HTMLElement[] = [];
    if (t.expected !== undefined || t.actual !== undefined) {
      const dl = document.createElement('dl');
      dl.className = 'kl-task-why';
      for (const [k, v] of [
        ['Expected', t.expected],
        ['Actual', t.actual],
      ] as const) {
        if (v === undefined) continue;
        const dt = document.createElement('dt');
        dt.textContent = k;
        const dd = document.createElement('dd');
        dd.textContent = v;
        dl.append(dt, dd);
      }
      out.push(dl);
    }
    const tiers = (['nudge', 'concept', 'command'] as const).filter((k) => t.hints[k]);
    if (tiers.length) {
      const box = document.createElement('div');
      box.className = 'kl-hints';
      const shown = this.hintLevel.get(i) ?? 0;
      for (const k of tiers.slice(0, shown)) {
        const p = document.createElement('p');
        p.textContent = `${k === 'nudge' ? 'Hint' : k === 'concept' ? 'Concept' : 'Command'}: ${t.hints[k]}`;
        box.append(p);
      }
      if (shown < tiers.length) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'kl-btn';
        b.textContent = shown === 0 ? 'Show a hint' : 'Show the next hint';
        b.addEventListener('click', () => {
          this.hintLevel.set(i, shown + 1);
          if (this.last) this.render(this.last);
          (this.querySelectorAll('.kl-task')[i]?.querySelector('.kl-hints p:last-of-type') as HTMLElement | null)?.setAttribute('tabindex', '-1');
        });
        box.append(b);
      }
      out.push(box);
    }
    return out;
  }

  /** Snapshot first, then type every solution command into the terminal so the learner sees it work. */
  private async solve(): Promise<void> {
    const c = this.controller;
    if (!c) return;
    this.beforeSolve = await c.cluster.snapshot();
    const steps = await c.cluster.solution();
    for (const step of steps) {
      if ('run' in step) await c.run(step.run);
      else await c.cluster.advance(step.wait * 1000);
    }
    this.button('undo').hidden = false;
  }

  private async undo(): Promise<void> {
    const c = this.controller;
    if (!c || !this.beforeSolve) return;
    const r = await c.cluster.restore(this.beforeSolve);
    this.beforeSolve = undefined;
    this.button('undo').hidden = true;
    await c.refresh(r.restored ? 'Undid Solve: your cluster is back as it was.' : r.message);
    const s = await c.cluster.labStatus();
    if (s) this.render(s);
  }

  private async reset(): Promise<void> {
    const c = this.controller;
    if (!c) return;
    if (!window.confirm('Reset this lab? Your cluster and files go back to the start.')) return;
    await c.cluster.reset();
    this.beforeSolve = undefined;
    this.button('undo').hidden = true;
    await c.refresh('The lab was reset.');
    const s = await c.cluster.labStatus();
    if (s) this.render(s);
  }
}

if (!customElements.get('kl-lab')) customElements.define('kl-lab', KlLab);
