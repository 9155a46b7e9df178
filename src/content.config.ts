// Collections: chapters (MDX under the top-level content/) and labs (labs/<id>/lab.yaml).
// The e2e suite adds a fixture chapter and lab (KUBELAB_FIXTURES=1) so browser tests do not depend on course prose.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const fixtures = process.env.KUBELAB_FIXTURES === '1';
// KUBELAB_COURSE_DIR: a folder with content/ and labs/ to build instead of the project's (the content check in
// astro.config.mjs reads the same folders).
const course = process.env.KUBELAB_COURSE_DIR || '.';

// Leading underscore hides a file (drafts, partials), as Starlight's loader does.
const chapterPattern = '**/[^_]*.{md,mdx}';

const chapterSchema = z.looseObject({
  title: z.string(),
  description: z.string().optional(),
  summary: z.string().optional(),
  order: z.number().optional(),
  part: z.string().optional(),
  minutes: z.number().optional(),
  labs: z.array(z.string()).optional(),
  draft: z.boolean().optional(),
});

// The lab engine owns the full schema (src/labs); the site needs only what it shows.
const labSchema = z.looseObject({
  id: z.string().optional(),
  title: z.string().optional(),
  chapter: z.string().optional(),
  tasks: z.array(z.looseObject({ title: z.string().optional(), description: z.string().optional() })).optional(),
});

/** `web/lab.yaml` → `web`; a chapter folder's index.mdx → the folder name. */
function folderId({ entry }: { entry: string }): string {
  return entry.replace(/\/lab\.ya?ml$/, '').replace(/\/index\.mdx?$/, '').replace(/\.mdx?$/, '');
}

const chapters = defineCollection({
  loader: glob({ base: `${course}/content`, pattern: chapterPattern, generateId: folderId }),
  schema: chapterSchema,
});

const labs = defineCollection({
  loader: glob({ base: `${course}/labs`, pattern: '*/lab.yaml', generateId: folderId }),
  schema: labSchema,
});

// With fixtures off the collections stay defined but empty (an inline loader with no entries: no glob warning).
const none = async () => [];
const fixtureChapters = defineCollection({
  loader: fixtures ? glob({ base: './tests/e2e/fixtures/content', pattern: chapterPattern, generateId: folderId }) : none,
  schema: chapterSchema,
});

const fixtureLabs = defineCollection({
  loader: fixtures ? glob({ base: './tests/e2e/fixtures/labs', pattern: '*/lab.yaml', generateId: folderId }) : none,
  schema: labSchema,
});

export const collections = { chapters, labs, fixtureChapters, fixtureLabs };
