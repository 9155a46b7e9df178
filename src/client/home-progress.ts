/** The home page's progress: lab badges, a summary line, export and import of the progress file. */
import { parseProgress, readProgress, writeProgress, type Progress } from './progress';

function paint(p: Progress): void {
  const badges = document.querySelectorAll<HTMLElement>('[data-lab-badge]');
  let complete = 0;
  for (const b of badges) {
    const lp = p.labs[b.dataset.labBadge!];
    const state = !lp ? 'todo' : lp.complete ? 'done' : 'started';
    b.dataset.state = state;
    b.textContent = !lp ? 'not started' : lp.complete ? 'complete' : `${lp.done} of ${lp.total} tasks`;
    if (lp?.complete) complete++;
  }
  const visited = Object.values(p.chapters).filter((c) => c.visited).length;
  const summary = document.querySelector('.kl-progress-summary');
  if (summary) summary.textContent = `${complete} of ${badges.length} labs complete, ${visited} chapters visited. Progress is saved in this browser.`;
}

paint(readProgress());

document.querySelector('[data-progress="export"]')?.addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(readProgress(), null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'kubelab-progress.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

document.getElementById('kl-progress-file')?.addEventListener('change', async (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const parsed = parseProgress(await file.text());
  const summary = document.querySelector('.kl-progress-summary');
  if (typeof parsed === 'string') {
    if (summary) summary.textContent = `Import failed: ${parsed}`;
    return;
  }
  writeProgress(parsed);
  paint(parsed);
  input.value = '';
});
