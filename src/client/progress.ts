/**
 * Course progress in localStorage: which labs are complete and how many tasks are done. Small, synchronous, and
 * exportable to a file (the IndexedDB sessions hold the clusters; this holds the ticks).
 */
export interface LabProgress {
  done: number;
  total: number;
  complete: boolean;
}

export interface Progress {
  version: 1;
  labs: Record<string, LabProgress>;
  chapters: Record<string, { visited: boolean }>;
}

const KEY = 'kl-progress';

export function readProgress(): Progress {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (v && v.version === 1 && typeof v.labs === 'object') return { version: 1, labs: v.labs ?? {}, chapters: v.chapters ?? {} };
  } catch {
    // Unreadable progress starts fresh.
  }
  return { version: 1, labs: {}, chapters: {} };
}

export function writeProgress(p: Progress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage full or disabled.
  }
}

export function recordLab(id: string, lp: LabProgress): void {
  const p = readProgress();
  const prev = p.labs[id];
  // A lab once completed stays completed on the course map, even after a reset.
  p.labs[id] = { ...lp, complete: lp.complete || !!prev?.complete };
  writeProgress(p);
}

export function recordVisit(chapter: string): void {
  const p = readProgress();
  if (p.chapters[chapter]?.visited) return;
  p.chapters[chapter] = { visited: true };
  writeProgress(p);
}

/** Validates an imported file; returns an error text or the progress. */
export function parseProgress(text: string): Progress | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'The file is not JSON.';
  }
  const o = v as Partial<Progress>;
  if (!o || o.version !== 1 || typeof o.labs !== 'object' || o.labs === null) return 'The file is not a Kubelab progress export.';
  for (const [k, l] of Object.entries(o.labs)) {
    if (typeof l !== 'object' || l === null || typeof (l as LabProgress).complete !== 'boolean') return `Lab ${k}: unreadable entry.`;
  }
  return { version: 1, labs: o.labs, chapters: o.chapters ?? {} };
}
