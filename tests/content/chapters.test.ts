/**
 * The course's shape: nine chapters in the syllabus order, each embedding a terminal and at least one graded lab;
 * every lab referenced exists and every lab belongs to exactly one chapter; diagrams are accessible SVGs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadLabs } from '../../src/labs/load';

const root = resolve('content');
const SYLLABUS = ['what-is-kubernetes', 'first-cluster', 'control-plane', 'worker-nodes', 'cluster-dns', 'declarative-model', 'pods', 'deployments', 'services'];

interface Chapter {
  slug: string;
  front: { title?: string; description?: string; order?: number; labs?: string[] };
  body: string;
}

function chapters(): Chapter[] {
  return readdirSync(root)
    .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
    .map((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      const m = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
      if (!m) throw new Error(`${f}: no frontmatter`);
      return { slug: f.replace(/\.mdx$/, ''), front: parseYaml(m[1]), body: m[2] };
    })
    .sort((a, b) => (a.front.order ?? 0) - (b.front.order ?? 0));
}

/** Prose with fenced blocks and inline code removed: what MDX parses as markup. */
function prose(body: string): string {
  return body.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

const labs = loadLabs();
const labIds = new Set(labs.map((l) => l.lab?.id).filter(Boolean) as string[]);

describe('chapters', () => {
  const all = chapters();
  it('are the nine chapters of the syllabus, in its order', () => {
    expect(all.map((c) => c.slug)).toEqual(SYLLABUS);
    expect(all.map((c) => c.front.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  for (const c of all) {
    describe(c.slug, () => {
      it('has a title, a description and at least one lab in its frontmatter', () => {
        expect(c.front.title).toBeTruthy();
        expect(c.front.description).toBeTruthy();
        expect(c.front.labs?.length).toBeGreaterThan(0);
      });
      it('embeds a terminal and runnable steps', () => {
        expect(c.body).toMatch(/<Terminal\b[^>]*\/>/);
        expect(c.body).toMatch(/^```sh run$/m);
      });
      it('references only labs that exist, and shows the checklist of each lab it lists', () => {
        for (const id of c.front.labs ?? []) {
          expect(labIds.has(id), `lab ${id}`).toBe(true);
          expect(c.body, `<Lab id="${id}" />`).toContain(`<Lab id="${id}" />`);
        }
        for (const m of c.body.matchAll(/<(?:Terminal|Lab)\b[^>]*\b(?:lab|id)="([^"]+)"[^>]*\/>/g)) {
          if (m[0].startsWith('<Terminal') && !/\blab="/.test(m[0])) continue;
          const id = m[0].startsWith('<Terminal') ? m[0].match(/lab="([^"]+)"/)![1] : m[1];
          expect(c.front.labs, `${m[0]} names a lab of this chapter`).toContain(id);
        }
      });
      it('uses no markup MDX would misread (stray braces or tags outside code)', () => {
        const text = prose(c.body);
        const tags = [...text.matchAll(/<\/?([A-Za-z][\w.-]*)/g)].map((m) => m[1]);
        expect(tags.filter((t) => t !== 'Terminal' && t !== 'Lab')).toEqual([]);
        expect(text).not.toMatch(/[{}]/);
      });
      it('uses diagrams that exist, with alt text', () => {
        for (const m of c.body.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)) {
          expect(m[1].length, `alt text for ${m[2]}`).toBeGreaterThan(20);
          expect(existsSync(join(root, m[2])), m[2]).toBe(true);
        }
      });
    });
  }
});

describe('labs belong to chapters', () => {
  const all = chapters();
  for (const l of labs) {
    if (!l.lab) continue;
    const lab = l.lab;
    it(`${lab.id} is listed by its chapter ${lab.chapter} and no other`, () => {
      const owners = all.filter((c) => c.front.labs?.includes(lab.id)).map((c) => c.slug);
      expect(owners).toEqual([lab.chapter]);
    });
  }
});

describe('diagrams', () => {
  const dir = join(root, 'diagrams');
  const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));
  it('cover the control plane, a worker node, Deployment → ReplicaSet → Pods and Service networking', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['control-plane.svg', 'deployment.svg', 'service.svg', 'worker-node.svg']));
  });
  for (const f of files) {
    it(`${f} is an accessible image (role, title, desc)`, () => {
      const svg = readFileSync(join(dir, f), 'utf8');
      expect(svg).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/);
      const ids = svg.match(/aria-labelledby="([^"]+)"/)![1].split(' ');
      expect(svg).toContain(`<title id="${ids[0]}">`);
      expect(svg).toContain(`<desc id="${ids[1]}">`);
      expect(svg).not.toMatch(/<image|href="http/);
    });
  }
});
