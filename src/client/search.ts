/**
 * Search with Pagefind: the index is built over dist/ after the build; its script loads only when the dialog first
 * opens, from a path derived from the site's base, so search works under any sub-path.
 */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
}

export function defineSearch(): void {
  if (customElements.get('kl-search')) return;
  customElements.define(
    'kl-search',
    class extends HTMLElement {
      private pagefind?: Promise<Pagefind>;
      private seq = 0;
      connectedCallback() {
        const dialog = this.querySelector('dialog')!;
        const input = this.querySelector('input')!;
        this.querySelector('[data-open]')!.addEventListener('click', () => {
          dialog.showModal();
          input.focus();
          this.load();
        });
        document.addEventListener('keydown', (e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'k' && !(e.target as HTMLElement)?.closest?.('kl-terminal')) {
            e.preventDefault();
            dialog.showModal();
            input.focus();
            this.load();
          }
        });
        input.addEventListener('input', () => void this.run(input.value));
      }
      private load(): Promise<Pagefind> {
        if (!this.pagefind) {
          const base = this.dataset.base ?? '/';
          const url = `${base}pagefind/pagefind.js`;
          this.pagefind = import(/* @vite-ignore */ url).then(async (pf: Pagefind) => {
            await pf.options({ baseUrl: base });
            return pf;
          });
        }
        return this.pagefind;
      }
      private async run(q: string) {
        const my = ++this.seq;
        const list = this.querySelector('.kl-search-results')!;
        const state = this.querySelector('.kl-search-state')!;
        if (!q.trim()) {
          list.replaceChildren();
          state.textContent = '';
          return;
        }
        try {
          const pf = await this.load();
          const res = await pf.search(q);
          const data = await Promise.all(res.results.slice(0, 8).map((r) => r.data()));
          if (my !== this.seq) return;
          list.replaceChildren(
            ...data.map((d) => {
              const li = document.createElement('li');
              const a = document.createElement('a');
              a.href = d.url;
              a.textContent = d.meta.title ?? d.url;
              const p = document.createElement('p');
              // Pagefind marks hits with <mark>; keep only the text.
              p.textContent = d.excerpt.replace(/<[^>]+>/g, '');
              li.append(a, p);
              return li;
            }),
          );
          state.textContent = data.length ? `${data.length} result${data.length === 1 ? '' : 's'}` : 'No results';
        } catch {
          state.textContent = 'Search is not available (the index is built with npm run build).';
        }
      }
    },
  );
}
