/**
 * The content check that stops `astro build` on broken chapters and labs (src/labs/course-check.ts): each kind of
 * problem with its file, line and message; the course as it stands (with and without the e2e fixtures) has none;
 * and one real build of a scratch course with a broken lab exits non-zero, listing the problem.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourse, courseDirs, fenceProblem, formatProblem, readCourse, type CourseChapter, type CourseLab } from '../../src/labs/course-check';

const root = resolve('.');

function lab(id: string, over: Partial<Record<'id' | 'chapter' | 'extra', string>> = {}): CourseLab {
  const text =
    `id: ${over.id ?? id}\ntitle: A lab\nchapter: ${over.chapter ?? 'pods'}\nsummary: Do a thing.\n` +
    `tasks:\n  - title: One\n    description: Make web.\n    checks:\n      - { deployment: web, availableReplicas: 3 }\n` +
    `solution:\n  - run: kubectl scale deployment web --replicas=3\n${over.extra ?? ''}`;
  return { id, file: `labs/${id}/lab.yaml`, text };
}

function chapter(body: string, front = 'title: Pods\nlabs: [first-pod]'): CourseChapter {
  return { id: 'pods', file: 'content/pods.mdx', text: `---\n${front}\n---\n\n${body}` };
}

const check = (chapters: CourseChapter[], labs: CourseLab[]) => checkCourse(chapters, labs).map(formatProblem);

describe('checkCourse', () => {
  const good = chapter('Intro.\n\n```sh run\nkubectl get pods\n```\n\n<Terminal lab="first-pod" />\n\n<Lab id="first-pod" />\n');

  it('finds nothing wrong in a consistent chapter and lab', () => {
    expect(check([good], [lab('first-pod')])).toEqual([]);
  });

  it('reports every error parseLab finds in a lab.yaml, with the file, line and column', () => {
    const bad: CourseLab = {
      id: 'bad',
      file: 'labs/bad/lab.yaml',
      text: 'id: bad\ntitle: Bad\nchapter: pods\nsummary: S\ntaks: []\ntasks:\n  - title: t\n    checks:\n      - { deployment: web, availableReplica: 3 }\nsolution: [echo]\n',
    };
    expect(check([good], [lab('first-pod'), bad])).toEqual([
      'labs/bad/lab.yaml:5:1: unknown field "taks" (did you mean "tasks"?)',
      'labs/bad/lab.yaml:9:28: tasks[0].checks[0]: deployment check: unknown field "availableReplica" (did you mean "availableReplicas"?)',
      'labs/bad/lab.yaml:7:5: tasks[0].description: is required',
    ]);
  });

  it('shows a YAML syntax error at its line with the quoted line and caret, not cut at a colon', () => {
    const broken: CourseLab = { id: 'first-pod', file: 'labs/first-pod/lab.yaml', text: 'id: first-pod\ntitle: [oops\nchapter: pods\n' };
    const [p, ...rest] = check([good], [broken]);
    expect(rest).toEqual([]);
    expect(p).toBe(
      'labs/first-pod/lab.yaml:3:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
        '    title: [oops\n' +
        '    chapter: pods\n' +
        '    ^',
    );
  });

  it('reports a lab whose id differs from its folder, and a chapter: naming no chapter', () => {
    expect(check([good], [lab('first-pod', { chapter: 'podz' })])).toEqual([
      'labs/first-pod/lab.yaml:3:10: chapter "podz" is not a chapter in content/ (did you mean "pods"?)',
    ]);
    expect(check([good], [lab('first-pod', { id: 'frist-pod' })])).toEqual(['labs/first-pod/lab.yaml:1:5: id "frist-pod" must match its folder name "first-pod"']);
  });

  it('reports <Lab id>, <Terminal lab> and frontmatter labs: naming a lab that does not exist', () => {
    const ch = chapter('Text.\n\n<Terminal lab="frist-pod" rows={8} />\n\n<Lab id="gone" />\n<Lab id={"first-pod"} />\n', 'title: Pods\nlabs: [first-pod, nodeport]');
    expect(check([ch], [lab('first-pod')])).toEqual([
      'content/pods.mdx:3:19: labs: there is no lab "nodeport" in labs/',
      'content/pods.mdx:8:1: <Terminal lab="frist-pod" />: there is no lab "frist-pod" in labs/ (did you mean "first-pod"?)',
      'content/pods.mdx:10:1: <Lab id="gone" />: there is no lab "gone" in labs/',
    ]);
  });

  it('reads components only where MDX does: not inside fenced blocks or inline code', () => {
    const ch = chapter('Write `<Lab id="x" />` to embed one.\n\n```mdx\n<Lab id="y" />\n<Terminal lab="z" />\n```\n\n<Lab id="first-pod" />\n');
    expect(check([ch], [lab('first-pod')])).toEqual([]);
  });

  it('reports misspelt run markers at the fence', () => {
    const ch = chapter('```sh rn\nls\n```\n\nText.\n\n```sh runn\nls\n```\n\n```bash run\nls\n```\n\n<Lab id="first-pod" />\n');
    expect(check([ch], [lab('first-pod')])).toEqual([
      'content/pods.mdx:6:1: ```sh rn: "rn" looks like a misspelling of the run marker "run", so the block would get no Run button; write ```sh run',
      'content/pods.mdx:12:1: ```sh runn: "runn" looks like a misspelling of the run marker "run", so the block would get no Run button; write ```sh run',
    ]);
  });
});

describe('fenceProblem: what the site accepts passes, near misses of it do not', () => {
  // astro.config.mjs makes a block runnable when a word after the language is exactly `run`, in any language.
  for (const info of ['', 'sh', 'yaml', 'sh run', 'bash run', 'console run', 'sh run terminal=left', 'sh terminal=lab-first-pod run', 'ts {1,3}', 'js fun', 'text runtime']) {
    it(`accepts \`\`\`${info}`, () => expect(fenceProblem(info)).toBeUndefined());
  }
  const refused: Array<[string, RegExp]> = [
    ['sh rn', /"rn" looks like a misspelling of the run marker "run".*write ```sh run$/],
    ['sh runn', /"runn" looks like a misspelling/],
    ['sh urn', /"urn" looks like a misspelling/],
    ['sh Run', /"Run" looks like a misspelling/],
    ['sh --run', /"--run" looks like a misspelling/],
    ['bash rnu terminal=left', /write ```bash run terminal=left$/],
    ['shrun', /need a space between them; write ```sh run$/],
    ['bash-run', /write ```bash run$/],
    ['run', /write ```sh run$/],
    ['sh run termnal=left', /"termnal=" looks like a misspelling of "terminal="; write terminal=left$/],
    ['sh run terminal="left"', /terminal="left" must be a terminal id without quotes/],
  ];
  for (const [info, message] of refused) it(`refuses \`\`\`${info}`, () => expect(fenceProblem(info)).toMatch(message));
});

describe('the course as it stands', () => {
  it('has no content problems, alone and with the e2e fixtures', () => {
    for (const fixtures of ['0', '1']) {
      const { chapters, labs } = readCourse(courseDirs(root, { KUBELAB_FIXTURES: fixtures }), root);
      expect(chapters.length).toBeGreaterThanOrEqual(9);
      expect(labs.length).toBeGreaterThanOrEqual(15);
      expect(checkCourse(chapters, labs).map(formatProblem)).toEqual([]);
    }
  });
});

describe('astro build', () => {
  it('refuses a course with a broken lab, listing the file, line and message, with no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-course-'));
    try {
      mkdirSync(join(dir, 'content'));
      mkdirSync(join(dir, 'labs', 'first-pod'), { recursive: true });
      cpSync(join(root, 'content', 'pods.mdx'), join(dir, 'content', 'pods.mdx'));
      writeFileSync(join(dir, 'labs', 'first-pod', 'lab.yaml'), lab('first-pod', { extra: 'hints: none\n' }).text);
      const env: Record<string, string | undefined> = { ...process.env };
      for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|VITEST.*|TEST|NODE_ENV)$/.test(k)) delete env[k];
      const r = spawnSync('npx', ['astro', 'build'], {
        cwd: root,
        env: { ...env, KUBELAB_COURSE_DIR: dir, KUBELAB_OUT_DIR: join(dir, 'out'), KUBELAB_FIXTURES: '0' },
        encoding: 'utf8',
      });
      const out = r.stdout + r.stderr;
      expect(r.status, out).not.toBe(0);
      expect(out).toContain(`${join(dir, 'labs/first-pod/lab.yaml')}:12:1: unknown field "hints"`);
      expect(out).toMatch(/pods\.mdx:\d+:\d+: <Lab id="two-container-pod" \/>: there is no lab "two-container-pod" in labs\//);
      expect(out).toMatch(/the course content has \d+ problems \(listed above\); fix them and build again/);
      expect(out).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
