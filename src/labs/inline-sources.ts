/**
 * A lab.yaml may keep long files and manifests next to it (`source:` in seed.files and in seed.steps' apply). The
 * browser's lab engine gets the lab as one text and cannot read the folder, so the site inlines them at build time:
 * `{path, source}` becomes `{path, content}` and `{apply: {source}}` becomes `{apply: text}`. Paths outside the lab
 * folder and missing files are left as written (the build's course check reports them).
 */
import { parse, stringify } from 'yaml';

type Reader = (relativePath: string) => string | undefined;

const inside = (rel: unknown): rel is string => typeof rel === 'string' && !rel.startsWith('/') && !rel.split('/').includes('..');

export function inlineSources(text: string, read: Reader): string {
  if (!/\bsource\s*:/.test(text)) return text;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return text;
  }
  const seed = (doc as { seed?: { files?: unknown; steps?: unknown } } | null)?.seed;
  if (!seed || typeof seed !== 'object') return text;
  let changed = false;
  const load = (rel: unknown) => (inside(rel) ? read(rel) : undefined);
  if (Array.isArray(seed.files)) {
    for (const f of seed.files as Record<string, unknown>[]) {
      if (!f || typeof f !== 'object' || f.source === undefined || f.content !== undefined) continue;
      const content = load(f.source);
      if (content === undefined) continue;
      delete f.source;
      f.content = content;
      changed = true;
    }
  }
  if (Array.isArray(seed.steps)) {
    for (const s of seed.steps as Record<string, unknown>[]) {
      const apply = s && typeof s === 'object' ? (s.apply as Record<string, unknown> | undefined) : undefined;
      if (!apply || typeof apply !== 'object') continue;
      const content = load(apply.source);
      if (content === undefined) continue;
      s.apply = content;
      changed = true;
    }
  }
  return changed ? stringify(doc, { lineWidth: 0 }) : text;
}
