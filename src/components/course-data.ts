// Build-time access to chapters and labs (real course plus, under KUBELAB_FIXTURES=1, the e2e fixtures).
import { getCollection, type CollectionEntry } from 'astro:content';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { inlineSources } from '../labs/inline-sources';
import { siblingReader } from '../labs/folders';

const fixtures = process.env.KUBELAB_FIXTURES === '1';

export type Chapter = CollectionEntry<'chapters'> | CollectionEntry<'fixtureChapters'>;
export type LabEntry = CollectionEntry<'labs'> | CollectionEntry<'fixtureLabs'>;

export async function chapters(): Promise<Chapter[]> {
  const all: Chapter[] = [...(await getCollection('chapters')), ...(fixtures ? await getCollection('fixtureChapters') : [])];
  return all
    .filter((c) => !c.data.draft)
    .sort((a, b) => (a.data.order ?? 1e9) - (b.data.order ?? 1e9) || a.id.localeCompare(b.id));
}

export async function labs(): Promise<LabEntry[]> {
  return [...(await getCollection('labs')), ...(fixtures ? await getCollection('fixtureLabs') : [])].sort((a, b) => a.id.localeCompare(b.id));
}

export async function findLab(id: string): Promise<LabEntry | undefined> {
  return (await labs()).find((l) => l.id === id);
}

/** The lab.yaml text for the worker's lab engine, with files it names by `source:` inlined (it cannot read them). */
export function labSource(lab: LabEntry): string {
  if (!lab.filePath) return '';
  return inlineSources(readFileSync(lab.filePath, 'utf8'), siblingReader(dirname(lab.filePath)));
}

export function chapterUrl(id: string): string {
  return `${import.meta.env.BASE_URL}chapters/${id}/`;
}

export function labUrl(id: string): string {
  return `${import.meta.env.BASE_URL}labs/${id}/`;
}

/** A stable seed from a name, so each terminal's cluster is the same on every visit. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
