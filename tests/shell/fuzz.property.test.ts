/**
 * Property: nothing a learner types can throw out of the shell or hang it. 10,000 random and mutated command
 * lines and 2,000 mutated manifests (fixed fast-check seed) each end with an integer exit status within a
 * wall-clock guard. Long waits are cut by the same Ctrl-C budget `kubelab run` uses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VirtualClock } from '../../src/sim/clock';
import { createWorld } from '../../src/sim/world';
import { Shell, type ShellWorld } from '../../src/shell/session';
import { Canceller } from '../../src/shell/io';
import { drive } from '../../src/cli/driver';

const SEED = 20261125;

const SEED_LINES = [
  'echo hello world',
  'x=5; echo $((x*2)) ${x:-1} "$x" \'$x\'',
  'for i in 1 2 3; do echo $i; done | sort -r | head -n 2',
  'if [ -f /etc/hostname ]; then cat /etc/hostname; else echo no; fi',
  'cat <<EOF | grep b\na\nb\nEOF',
  'kubectl get pods -o jsonpath=\'{.items[*].metadata.name}\' | xargs -n1 echo',
  'f() { local a=$1; echo "$a"; return 3; }; f x; echo $?',
  'case $HOME in /root) echo root;; *) echo other;; esac',
  'echo \'{"a":[1,2,{"b":"c"}]}\' | jq -r \'.a[2].b // empty\'',
  'printf "%s\\n" b a c | sort | uniq -c | awk \'{print $2}\'',
  'ls -la /root > /tmp/out.txt 2>&1 && wc -l < /tmp/out.txt',
  'mkdir -p /tmp/a/b && cd /tmp/a && touch b/c && ls -R . ; cd -',
  'echo aGVsbG8= | base64 -d | tr a-z A-Z | sed "s/L/_/g"',
  '[[ abc =~ ^a(b)c$ ]] && echo ${BASH_REMATCH}',
  'k3d cluster list; k3d node list --no-headers',
  'sleep 1; date +%s',
  'while [ ${n:=0} -lt 3 ]; do n=$((n+1)); done; echo $n',
  'curl -s http://10.43.0.1 || echo $?',
  'alias ll="ls -l"; ll /etc | head -1',
  'set -euo pipefail; false | true; echo unreachable',
  'echo {a,b}{1,2} ${#PATH} ${PATH%%:*}',
  'grep -E "^(root|nope)" /etc/passwd 2>/dev/null; echo $?',
  'kubectl get nodes --no-headers | wc -l',
];

const TOKENS = [
  'echo', 'cat', 'ls', 'cd', 'kubectl', 'k', 'k3d', 'grep', 'sed', 'awk', 'jq', 'curl', 'sleep', 'for', 'in', 'do', 'done',
  'if', 'then', 'else', 'fi', 'while', 'case', 'esac', '{', '}', '(', ')', '((', '))', '[[', ']]', '[', ']', '|', '||', '&&', ';', ';;', '&',
  '>', '>>', '<', '2>&1', '&>', '<<EOF', "<<'X'", '<<<', '$x', '${x:-y}', '${#x}', '${x/a/b}', '$(', '`', '$((', '"', "'", '\\', '*', '?',
  '~', '-n', '-f', 'get', 'pods', 'create', 'cluster', 'x=1', 'export', 'unset', 'alias', 'function', 'return', 'exit 3', 'break',
  'vi', 'nano', 'watch', 'xargs', 'timeout', '1', '0', '-1', '99999999999999999999', 'EOF', '\n', '%s', '$@', '$?', '!', '#', 'true', 'false',
];

function mutate(line: string, ops: [number, number, string][]): string {
  let s = line;
  for (const [kind, at, text] of ops) {
    const i = s.length ? at % (s.length + 1) : 0;
    if (kind === 0) s = s.slice(0, i) + text + s.slice(i);
    else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1 + (text.length % 4));
    else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + 8) + s.slice(i);
    else s = s.slice(i) + s.slice(0, i);
  }
  return s;
}

const lineArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join(' ')) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...SEED_LINES), fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(200), fc.constantFrom(...TOKENS, 'a', '"', "'", '$', '(', ')', '\n', '\\')), { maxLength: 4 })).map(([l, ops]) => mutate(l, ops)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
);

/** Guards against a hang: the run must settle within this many wall milliseconds. */
async function guarded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung: ${JSON.stringify(what)}`)), ms)));
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function runLine(shell: Shell, clock: VirtualClock, line: string): Promise<number> {
  const sig = new Canceller();
  return drive(clock, shell.exec(line, { stdout: () => {}, stderr: () => {} }, sig), { budgetMs: 2_000, interrupt: () => sig.abort() });
}

describe('no input throws out of the shell or hangs it', () => {
  it('10,000 random and mutated command lines', async () => {
    const world: ShellWorld = { clock: new VirtualClock(), resolveServer: () => undefined };
    let shell = new Shell({ world });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(lineArb, async (line) => {
        // a fresh shell every 200 lines (and after `exit`) keeps one bad line from shaping the rest
        if (shell.exited || ++n % 200 === 0) shell = new Shell({ world });
        const code = await guarded(runLine(shell, world.clock, line), 30_000, line);
        expect(Number.isInteger(code)).toBe(true);
        expect(code).toBeGreaterThanOrEqual(0);
        expect(code).toBeLessThan(256);
      }),
      { seed: SEED, numRuns: 10_000, endOnFailure: true },
    );
  }, 900_000);

  const MANIFESTS = resolve(__dirname, '../../../shared/corpus/manifests');
  const haveCorpus = existsSync(MANIFESTS);
  if (!haveCorpus) console.log(`mutated manifests: using built-in manifests, ${MANIFESTS} is missing`);

  it('2,000 mutated manifests through kubectl create -f', async () => {
    const docs: string[] = [];
    if (haveCorpus) {
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name));
          else if (/\.ya?ml$/.test(e.name)) docs.push(readFileSync(join(d, e.name), 'utf8'));
        }
      };
      walk(MANIFESTS);
    }
    docs.push('apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n');
    const world = createWorld({ seed: 7 });
    const shell = new Shell({ world });
    const mutation = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(4000), fc.constantFrom(':', '-', ' ', '\n', '  ', 'x', '"', '{', '[', '0', 'apiVersion: v2', 'kind: ', '---\n')), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.nat(docs.length - 1), mutation, fc.boolean(), async (i, ops, viaStdin) => {
        const text = mutate(docs[i], ops);
        shell.fs.writeFile('/root/m.yaml', text);
        const line = viaStdin ? 'cat m.yaml | kubectl create -f - -o name' : 'kubectl create -f m.yaml --dry-run=client -o yaml | head -3';
        const code = await guarded(runLine(shell, world.clock, line), 30_000, line);
        expect(Number.isInteger(code)).toBe(true);
      }),
      { seed: SEED, numRuns: 2_000, endOnFailure: true },
    );
  }, 900_000);
});
