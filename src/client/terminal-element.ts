/**
 * <kl-terminal>: the lazy loader. It costs almost nothing until the box nears the viewport or gets focus; then it
 * imports the terminal host (xterm, the line editor, comlink) and starts the worker. Other parts of the page (Run
 * buttons, the Lab panel) call `whenReady()` or `run(line)`.
 */
import type { TerminalController } from './terminal-host';

const KEYS: Record<string, string> = { tab: '\t', 'ctrl-c': '\x03', up: '\x1b[A', down: '\x1b[B', esc: '\x1b' };

export class KlTerminal extends HTMLElement {
  private controller?: Promise<TerminalController>;
  private readyResolve!: (c: TerminalController) => void;
  readonly ready: Promise<TerminalController> = new Promise((r) => (this.readyResolve = r));
  private observer?: IntersectionObserver;
  /** The learner reached for this terminal's screen (focus, pointer) rather than scrolled past it. */
  private reached = false;

  connectedCallback(): void {
    const start = () => void this.activate();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) start();
      },
      { rootMargin: '200px' },
    );
    this.observer.observe(this);
    this.addEventListener('focusin', start, { once: true });
    // Scrolling near (or tabbing through the controls) loads the terminal and its prompt; reaching for the screen
    // itself (focus, a press, the Start button) also loads the cluster.
    const reach = () => {
      this.reached = true;
      start();
    };
    const screen = this.querySelector('.kl-term-screen');
    screen?.addEventListener('focusin', reach, { once: true });
    screen?.addEventListener('pointerdown', reach, { once: true });
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }

  /** Loads everything (idempotent) and resolves with the controller. */
  activate(): Promise<TerminalController> {
    if (!this.controller) {
      this.observer?.disconnect();
      this.controller = this.load();
      this.controller.then((c) => this.readyResolve(c));
    }
    return this.controller;
  }

  whenReady(): Promise<TerminalController> {
    return this.activate();
  }

  async run(line: string): Promise<number> {
    const c = await this.activate();
    return c.run(line);
  }

  private async load(): Promise<TerminalController> {
    const status = this.querySelector('.kl-term-status');
    if (status) status.textContent = 'Loading the terminal…';
    const sourceEl = this.querySelector('script.kl-lab-source');
    const labSource = sourceEl?.textContent ? (JSON.parse(sourceEl.textContent) as string) : undefined;
    const cluster = { key: this.dataset.key ?? location.pathname, seed: Number(this.dataset.seed ?? 1), labId: this.dataset.lab, labSource };
    // Start the worker (a small chunk) while xterm downloads: the two are the slow parts of activation.
    const session = import('./cluster-session').then((m) => m.ClusterSession.get(cluster));
    const [{ mountTerminal }, { wireTerminalChrome }] = await Promise.all([import('./terminal-host'), import('./terminal-chrome'), session]);
    const screen = this.querySelector<HTMLElement>('.kl-term-screen')!;
    const hadFocus = this.contains(document.activeElement);
    this.querySelector('.kl-term-start')?.remove();
    status?.remove();
    const controller = await mountTerminal({
      terminalId: this.dataset.terminalId ?? 'main',
      cluster,
      screen,
      transcript: this.querySelector<HTMLElement>('.kl-transcript')!,
      label: `${this.querySelector('.kl-term-title')?.textContent ?? 'Terminal'}: type shell commands`,
    });
    wireTerminalChrome(this, controller, KEYS);
    // The cluster itself loads when the learner reaches for the terminal, so it is ready by the time a command is
    // typed; a terminal only scrolled past costs the prompt, not the simulator.
    const warm = () => controller.cluster.warm();
    if (this.reached || screen.contains(document.activeElement)) warm();
    else {
      screen.addEventListener('focusin', warm, { once: true });
      screen.addEventListener('pointerdown', warm, { once: true });
    }
    this.dataset.ready = 'true';
    if (hadFocus) controller.focus();
    this.dispatchEvent(new CustomEvent('kl-ready', { bubbles: true }));
    return controller;
  }
}

if (!customElements.get('kl-terminal')) customElements.define('kl-terminal', KlTerminal);
