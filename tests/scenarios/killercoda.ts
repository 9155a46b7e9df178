/**
 * Killercoda scenarios run for real: for each scenario under ../shared/corpus/scenarios, the real bash, jq and
 * kubectl run its setup.sh against `kubelab serve`, then its own verify.sh (which must fail), then our solution
 * for its task (solutions/<scenario>.sh, written for this suite), then verify.sh again (which must pass).
 * Virtual time runs fast (50×) while the scripts run, so their `rollout status` and `sleep` waits pass quickly.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '../../src/sim/world';
import { settle } from '../../src/cli/driver';
import { startHttpServer } from '../../src/cli/serve/server';
import { serveKubeconfig } from '../../src/cli/serve/kubeconfig';
import { httpRequest } from '../../src/sim/network';
import type { World } from '../../src/sim/world';

export const SCENARIOS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'scenarios');
export const SOLUTIONS_DIR = join(import.meta.dirname, 'solutions');

export interface Scenario {
  name: string;
  dir: string;
}

/**
 * The solution commands of a scenario, taken from its step texts at test time: the fenced blocks inside the
 * <details> whose summary mentions a solution. Shell blocks run line by line (interactive editors and watches are
 * left out); YAML blocks are applied with `kubectl apply -f -`. Returns undefined when a step has no solution.
 */
export function extractSolution(dir: string): string | undefined {
  const texts: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (/^step\d+\.md$/.test(f)) texts.push(readFileSync(join(dir, f), 'utf8'));
    else if (/^step\d+$/.test(f) && existsSync(join(dir, f, 'text.md'))) texts.push(readFileSync(join(dir, f, 'text.md'), 'utf8'));
  }
  const lines: string[] = ['set +e'];
  let found = false;
  for (const text of texts) {
    const blocks = [...text.matchAll(/<details>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)].filter((m) => /solution/i.test(m[1]));
    for (const b of blocks) {
      for (const m of b[2].matchAll(/```([a-zA-Z]*)[^\n]*\n([\s\S]*?)```/g)) {
        const lang = m[1].toLowerCase();
        const body = m[2];
        if (lang === 'yaml' || lang === 'yml' || (!lang && /^\s*apiVersion:/m.test(body))) {
          if (!/^\s*kind:/m.test(body)) continue;
          found = true;
          lines.push("cat <<'KUBELAB_YAML' | kubectl apply -f -", body.replace(/\n?$/, '\n') + 'KUBELAB_YAML');
        } else if (['bash', 'sh', 'shell', 'console', ''].includes(lang)) {
          for (const raw of joinContinuations(body)) {
            const line = raw.replace(/^\s*\$\s+/, '');
            if (!line.trim() || line.trim().startsWith('#')) continue;
            if (/\b(vi|vim|nano)\s/.test(line) || /\bwatch\s/.test(line) || /\s(-w|--watch)(\s|$)/.test(line)) continue;
            if (/\b(kubectl|k)\b.*\bedit\b/.test(line) || /\bexec\b.*\s-it?\b(?!.*\s--\s)/.test(line)) continue;
            found = true;
            lines.push(line);
          }
        }
      }
    }
  }
  return found ? lines.join('\n') + '\n' : undefined;
}

/** Lines of a shell block with backslash continuations and multi-line quotes kept together. */
function joinContinuations(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of body.split('\n')) {
    cur = cur ? cur + '\n' + line : line;
    const quotes = (cur.match(/'/g) ?? []).length;
    if (cur.endsWith('\\') || quotes % 2 === 1 || /<<-?\s*'?(\w+)'?/.test(cur) && !new RegExp(`\n${/<<-?\s*'?(\w+)'?/.exec(cur)![1]}\s*$`).test(cur)) continue;
    out.push(cur);
    cur = '';
  }
  if (cur) out.push(cur);
  return out;
}

export function listScenarios(): Scenario[] {
  if (!existsSync(SCENARIOS_DIR)) return [];
  const out: Scenario[] = [];
  for (const collection of readdirSync(SCENARIOS_DIR)) {
    const base = join(SCENARIOS_DIR, collection);
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      if (existsSync(join(dir, 'verify.sh')) || existsSync(join(dir, 'step1', 'verify.sh'))) out.push({ name, dir });
    }
  }
  return out;
}

/** The /opt/course/<task> folders a scenario's scripts and texts name (one per scenario in the corpus). */
function courseFolders(dir: string): string[] {
  const found = new Set<string>();
  const scan = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) scan(join(d, f.name));
      else if (/\.(sh|md)$/.test(f.name)) for (const m of readFileSync(join(d, f.name), 'utf8').matchAll(/\/opt\/course\/[\w.-]+/g)) found.add(m[0]);
    }
  };
  scan(dir);
  return [...found];
}

export interface ScenarioResult {
  name: string;
  setup: number;
  verifyBefore: number;
  solution: number;
  verifyAfter: number;
  passed: boolean;
  reason?: string;
  log: string;
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile('bash', [script], { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 124) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

/** Virtual seconds per real second while a scenario's scripts run. */
const SPEED = 50;

function kubectlShim(real: string): string {
  return `#!/bin/bash
args=()
scale() { local v=$1 n u; [[ $v =~ ^([0-9]+)(s|m|h)?$ ]] || { echo "$v"; return; }; n=\${BASH_REMATCH[1]}; u=\${BASH_REMATCH[2]:-s}
  case $u in m) n=$((n*60));; h) n=$((n*3600));; esac; n=$(( (n + ${SPEED} - 1) / ${SPEED} )); (( n < 2 )) && n=2; echo "\${n}s"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout=*) args+=("--timeout=$(scale "\${1#--timeout=}")");;
    --timeout) args+=("--timeout" "$(scale "$2")"); shift;;
    *) args+=("$1");;
  esac
  shift
done
exec -a kubectl ${JSON.stringify(real)} "\${args[@]}"
`;
}

const SLEEP_SHIM = `#!/bin/bash
t=0
for a in "$@"; do
  if [[ $a =~ ^([0-9.]+)(s|m|h)?$ ]]; then n=\${BASH_REMATCH[1]}; case \${BASH_REMATCH[2]} in m) n=$(awk "BEGIN{print $n*60}");; h) n=$(awk "BEGIN{print $n*3600}");; esac; t=$(awk "BEGIN{print $t+$n}"); fi
done
exec /bin/sleep "$(awk "BEGIN{print $t/${SPEED}}")"
`;

/**
 * A Killercoda machine is a node of its cluster: `curl localhost:<NodePort>` reaches kube-proxy there. The scripts
 * run the real curl, so a small HTTP bridge stands for the node: curl is pointed at it (--connect-to) and the
 * bridge sends the request through the simulated network from the first node to its own IP and the port the
 * script named (kept in the Host header). Nothing listening there closes the connection without an answer.
 */
function startNodeBridge(world: World): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    world.clock.runDue();
    const net = world.networks()[0];
    const node = net?.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))[0];
    const ip = node && net!.nodeInternalIP(node);
    const port = Number(/:(\d+)$/.exec(req.headers.host ?? '')?.[1] ?? 80);
    if (!net || !node || !ip) return req.socket.destroy();
    const r = httpRequest(net, { kind: 'node', name: node.metadata.name! }, `http://${ip}:${port}${req.url ?? '/'}`, { method: req.method, userAgent: req.headers['user-agent'] });
    if (!r.ok) return req.socket.destroy();
    res.writeHead(r.status, r.statusText, { 'Content-Type': r.headers['Content-Type'] ?? 'text/plain; charset=utf-8' });
    res.end(r.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server })));
}

function curlShim(real: string, bridgePort: number): string {
  return `#!/bin/sh\nexec ${JSON.stringify(real)} --connect-to localhost::127.0.0.1:${bridgePort} --connect-to 127.0.0.1::127.0.0.1:${bridgePort} "$@"\n`;
}

function realCurl(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function runScenario(s: Scenario, kubectlBin: string): Promise<ScenarioResult> {
  const world = createWorld({ seed: 1 });
  await settle(world.clock, 60_000);
  const server = await startHttpServer(world.api()!, { port: 0, onRequest: () => world.clock.runDue() });
  // Virtual time follows the wall clock SPEED times over, by elapsed time rather than by tick count: on a loaded
  // machine the interval fires late, and a fixed step per tick would slow virtual time below the rate that the
  // scaled-down timeouts of the scripts assume.
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    const step = Math.min(Math.round((now - lastTick) * SPEED), 60_000);
    lastTick = now;
    if (step > 0) world.clock.advance(step);
  }, 10);
  const bridge = await startNodeBridge(world);
  const dir = mkdtempSync(join(tmpdir(), `kubelab-kc-${s.name}-`));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, '.kube'));
  // Virtual time runs SPEED times faster than real time here, so the waits the scripts ask for in real time
  // (`kubectl wait --timeout=180s`, `rollout status --timeout=…`, `sleep 5`) are scaled down by the same factor:
  // a condition that holds is seen at once either way, and one that never holds fails in seconds, not minutes.
  writeFileSync(join(bin, 'kubectl'), kubectlShim(kubectlBin), { mode: 0o755 });
  writeFileSync(join(bin, 'sleep'), SLEEP_SHIM, { mode: 0o755 });
  const curl = realCurl();
  if (curl) writeFileSync(join(bin, 'curl'), curlShim(curl, bridge.port), { mode: 0o755 });
  writeFileSync(join(dir, '.kube', 'config'), serveKubeconfig({ server: server.url, name: 'k3d-mini-cluster' }));
  // `k` is the alias the scenarios' texts use; scripts run non-interactively, so it is a command here.
  writeFileSync(join(bin, 'k'), `#!/bin/sh\nexec kubectl "$@"\n`, { mode: 0o755 });
  // Some setup scripts use sudo (Killercoda's user is not root); the suite runs as root, so sudo only runs its command.
  writeFileSync(join(bin, 'sudo'), `#!/bin/sh\nwhile [ $# -gt 0 ] && [ "\${1#-}" != "$1" ]; do shift; done\nexec "$@"\n`, { mode: 0o755 });
  const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, KUBECONFIG: join(dir, '.kube', 'config'), TZ: 'UTC' };
  const r: ScenarioResult = { name: s.name, setup: -1, verifyBefore: -1, solution: -1, verifyAfter: -1, passed: false, log: '' };
  try {
    // Each Killercoda scenario starts on a fresh machine: clear the /opt/course folders it names, left by an earlier run.
    for (const folder of courseFolders(s.dir)) rmSync(folder, { recursive: true, force: true });
    const setup = await sh(join(s.dir, 'setup.sh'), dir, env, 180_000);
    r.setup = setup.code;
    r.log += `--- setup.sh (exit ${setup.code})\n${setup.out}`;
    const verify = existsSync(join(s.dir, 'verify.sh')) ? join(s.dir, 'verify.sh') : join(s.dir, 'step1', 'verify.sh');
    const before = await sh(verify, dir, env, 180_000);
    r.verifyBefore = before.code;
    r.log += `--- verify.sh before (exit ${before.code})\n${before.out}`;
    let solution = join(SOLUTIONS_DIR, `${s.name}.sh`);
    if (!existsSync(solution)) {
      const extracted = extractSolution(s.dir);
      if (!extracted) {
        r.reason = 'the scenario has no solution block and no solution script is written for it';
        return r;
      }
      solution = join(dir, 'solution.sh');
      writeFileSync(solution, extracted);
    }
    const sol = await sh(solution, dir, env, 180_000);
    r.solution = sol.code;
    r.log += `--- solution (exit ${sol.code})\n${sol.out}`;
    // Let the cluster act on the solution (rollouts, jobs, first log lines) for a couple of virtual minutes
    // (2.4 s at 50×), as a learner would before pressing Check: some verify scripts read logs without waiting.
    await new Promise((d) => setTimeout(d, 2400));
    const after = await sh(verify, dir, env, 180_000);
    r.verifyAfter = after.code;
    r.log += `--- verify.sh after (exit ${after.code})\n${after.out}`;
    r.passed = r.verifyBefore !== 0 && r.verifyAfter === 0;
    if (!r.passed) {
      const lastLine = (t: string) => t.trim().split('\n').pop() ?? '';
      r.reason = r.verifyBefore === 0 ? `verify.sh passed before the solution: ${lastLine(before.out)}` : `verify.sh failed after the solution: ${lastLine(after.out)}`;
    }
    return r;
  } finally {
    clearInterval(ticker);
    await server.close();
    await new Promise((d) => bridge.server.close(d));
    rmSync(dir, { recursive: true, force: true });
  }
}
