/**
 * Every code block gets a Copy button; a block marked runnable (```sh run) also gets a Run button that types the
 * command into the chapter's terminal and runs it, line by line.
 */
interface RunnableTerminal extends HTMLElement {
  run(line: string): Promise<number>;
}

function codeText(pre: HTMLElement): string {
  return (pre.querySelector('code') ?? pre).textContent ?? '';
}

export function enhanceCodeBlocks(): void {
  const blocks = document.querySelectorAll<HTMLElement>('.kl-article pre');
  for (const pre of blocks) {
    if (pre.closest('kl-terminal, kl-lab')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'kl-code';
    pre.replaceWith(wrap);
    wrap.append(pre);
    const tools = document.createElement('div');
    tools.className = 'kl-code-tools';
    const runnable = pre.dataset.run !== undefined || pre.closest('[data-run]') !== null;
    const terminal = runnable ? findTerminal(pre) : null;
    if (terminal) {
      const run = document.createElement('button');
      run.type = 'button';
      run.className = 'kl-btn';
      run.textContent = 'Run';
      run.setAttribute('aria-label', 'Run in the terminal');
      run.addEventListener('click', async () => {
        terminal.scrollIntoView({ block: 'nearest' });
        for (const line of codeText(pre).split('\n').filter((l) => l.trim())) await terminal.run(line);
      });
      tools.append(run);
    }
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'kl-btn';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', 'Copy code');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(codeText(pre).replace(/\n$/, ''));
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = 'Copy failed';
      }
      setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    tools.append(copy);
    wrap.append(tools);
  }
}

/** The terminal named by data-terminal on the block, else the nearest one before it, else the first on the page. */
function findTerminal(pre: HTMLElement): RunnableTerminal | null {
  const named = pre.dataset.terminal;
  if (named) return document.querySelector<RunnableTerminal>(`kl-terminal[data-terminal-id="${CSS.escape(named)}"]`);
  const all = [...document.querySelectorAll<RunnableTerminal>('kl-terminal')];
  let best: RunnableTerminal | null = null;
  for (const t of all) if (t.compareDocumentPosition(pre) & Node.DOCUMENT_POSITION_FOLLOWING) best = t;
  return best ?? all[0] ?? null;
}
