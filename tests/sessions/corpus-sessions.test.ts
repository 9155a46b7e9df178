/**
 * The twelve tutorial walkthroughs of ../shared/corpus/sessions, replayed through the same runner as
 * `kubelab run` on a fresh mini-cluster, then their end-state checklists asserted with kubectl probes.
 *
 * Commands are read from the session files at test time and adapted as the corpus README says:
 * `https://k8s.io/examples/<path>` becomes the corpus manifest, copied into the machine's ~/examples.
 * Placeholders the docs leave to the reader (`<pod-name>`, `<your-node-name>`, a job name, minikube's IP)
 * become shell expressions that find the real value; interactive steps (a second terminal for
 * `kubectl proxy`, `exec -ti … bash`) become their non-interactive equivalents.
 * A session whose commands hit a kubectl command this build does not have yet is skipped with that reason.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createWorld } from '../../src/sim/world';
import { Shell } from '../../src/shell/session';
import { Canceller } from '../../src/shell/io';
import { drive, settle } from '../../src/cli/driver';
import { runEntries } from '../../src/cli/run';
import { COMMANDS } from '../../src/kubectl/cmd/registry';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const SESSIONS = join(CORPUS, 'sessions');
const MANIFESTS = join(CORPUS, 'manifests');
const available = existsSync(SESSIONS) && existsSync(MANIFESTS);
if (!available) console.log(`skipping corpus sessions: ${SESSIONS} is missing`);

/** The ```shell blocks of a session, in order. */
function sessionCommands(file: string): string[] {
  const text = readFileSync(join(SESSIONS, file), 'utf8');
  const blocks: string[] = [];
  const re = /```shell\n([\s\S]*?)```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push(m[1].replace(/\n+$/, ''));
  return blocks;
}

const NODE_IP = `$(kubectl get nodes k3d-mini-cluster-agent-0 -o jsonpath='{.status.addresses[0].address}')`;

/** Placeholders and steps that need a reader or a second terminal, per session. */
const ADAPT: Record<string, [RegExp | string, string][]> = {
  '01': [['<pod-name>', `$(kubectl get pods -l app=nginx -o jsonpath='{.items[0].metadata.name}')`]],
  '04': [['<your-node-name>', 'k3d-mini-cluster-agent-0']],
  '05': [
    [/hello-4111706356/g, `$(kubectl get jobs -o jsonpath='{.items[0].metadata.name}')`],
    ['kubectl get jobs --watch', 'kubectl get jobs --watch & sleep 75; kill %1'],
  ],
  // step 6 opens an editor; saving it unchanged is the non-interactive equivalent
  '06': [['kubectl edit ds/fluentd-elasticsearch', 'EDITOR=true kubectl edit ds/fluentd-elasticsearch']],
  '08': [['curl http://<public-node-ip>:<node-port>', `curl -s http://${NODE_IP}:$(kubectl get svc example-service -o jsonpath='{.spec.ports[0].nodePort}')`]],
  '11': [
    [/lithe-cocoa-92103_kubernetes(\s+\\\n\s+--user=)lithe-cocoa-92103_kubernetes/g, 'k3d-mini-cluster$1admin@k3d-mini-cluster'],
  ],
  '13': [],
  '15': [],
  '16': [['kubectl edit secrets <secret-name>', 'EDITOR=true kubectl edit secrets db-user-pass']],
  '17': [
    [/^kubectl proxy$/gm, 'kubectl proxy & sleep 2'],
    ['kubectl exec -ti $POD_NAME -- bash', 'kubectl exec $POD_NAME -- ls'],
    [/^cat server\.js$/m, 'kubectl exec $POD_NAME -- cat server.js'],
    [/^curl http:\/\/localhost:8080$/m, 'kubectl exec $POD_NAME -- curl -s http://localhost:8080'],
  ],
  '18': [
    [/\$\(minikube ip\)/g, NODE_IP],
    [/^minikube service .*$/m, ': minikube is not this cluster'],
    [/^curl 127\.0\.0\.1:51082$/m, ': see the NodePort above'],
  ],
  '19': [
    [/\$\(minikube ip\)/g, NODE_IP],
    [/^minikube service .*$/m, ': minikube is not this cluster'],
    [/^curl 127\.0\.0\.1:51082$/m, ': see the NodePort above'],
  ],
};

function adapt(id: string, block: string): string {
  let out = block.replace(/https:\/\/(?:k8s\.io|kubernetes\.io)\/examples\//g, 'examples/');
  for (const [from, to] of ADAPT[id] ?? []) out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
  // the API-through-proxy detour of the basics tutorial needs `kubectl proxy`; without it those steps are left out
  if (!COMMANDS.proxy) out = out.replace(/^kubectl proxy.*$/gm, ': the proxy step is left out').replace(/^curl http:\/\/localhost:8001.*$/gm, ': no proxy to curl through');
  return out;
}

type Check = [cmd: string, expect: RegExp | string | ((out: string) => boolean)];

/** Each session's end-state checklist as probes on the cluster the session left behind. */
const CHECKS: Record<string, Check[]> = {
  '01': [
    ['kubectl get deployment nginx-deployment 2>&1', /NotFound|not found/],
  ],
  '04': [
    ["kubectl get nodes -l disktype=ssd -o jsonpath='{.items[*].metadata.name}'", 'k3d-mini-cluster-agent-0'],
    ["kubectl get pod nginx -o jsonpath='{.status.phase} {.spec.nodeName} {.metadata.labels.env}'", 'Running k3d-mini-cluster-agent-0 test'],
  ],
  '05': [
    ['kubectl get cronjob hello 2>&1', /not found/],
  ],
  '06': [
    ['kubectl get ds fluentd-elasticsearch -n kube-system 2>&1', /not found/],
  ],
  '08': [
    ['kubectl get svc example-service 2>&1', /not found/],
    ['kubectl get deployment hello-world 2>&1', /not found/],
  ],
  '11': [
    ["kubectl get namespaces -l name=development -o jsonpath='{.items[*].metadata.name}'", 'development'],
    ["kubectl get namespaces -l name=production -o jsonpath='{.items[*].metadata.name}'", 'production'],
    ['kubectl config current-context', 'prod'],
    ["kubectl get deployment cattle -o jsonpath='{.status.readyReplicas}'", '5'],
    ['kubectl get pods -l app=cattle --no-headers | grep -c Running', '5'],
    ["kubectl get deployment snowflake -n development -o jsonpath='{.status.readyReplicas}'", '2'],
    ['kubectl get deployment snowflake 2>&1', /not found/],
    ["kubectl config view -o jsonpath='{.contexts[?(@.name==\"dev\")].context.namespace}'", 'development'],
  ],
  '13': [
    ["kubectl get pod envar-demo -o jsonpath='{.status.phase}'", 'Running'],
    ['kubectl exec envar-demo -- printenv | grep DEMO_ | sort', 'DEMO_FAREWELL=Such a sweet sorrow\nDEMO_GREETING=Hello from the environment'],
  ],
  '15': [
    ["kubectl get job pi -o jsonpath='{.status.succeeded}'", '1'],
    ['kubectl logs jobs/pi | cut -c1-22', '3.14159265358979323846'],
  ],
  '16': [
    ['kubectl get secret db-user-pass 2>&1', /not found/],
  ],
  '19': [
    ["kubectl get deployment kubernetes-bootcamp -o jsonpath='{.spec.replicas} {.status.readyReplicas}'", '2 2'],
    ['kubectl get pods -l app=kubernetes-bootcamp --no-headers | grep -c Running', '2'],
    ["kubectl get svc kubernetes-bootcamp -o jsonpath='{.spec.type}'", 'LoadBalancer'],
  ],
};

/** What the session's own output must show (its doc samples, structure not bytes). */
const TRANSCRIPT: Record<string, RegExp[]> = {
  '01': [/deployment\.apps\/nginx-deployment created/, /Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/, /deployment\.apps "nginx-deployment" deleted/],
  '05': [/cronjob\.batch\/hello created/, /Hello from the Kubernetes cluster/],
  // the doc's sample says `daemonset "…"`; kubectl prints `daemon set "…"` (kubectl polymorphichelpers/rollout_status.go)
  '06': [/RollingUpdate\n[\s\S]*RollingUpdate\n/, /daemon set "fluentd-elasticsearch" successfully rolled out/],
  '08': [/Hello, world!\nVersion: 2\.0\.0\nHostname: hello-world-[a-z0-9]+-[a-z0-9]{5}/, /service\/example-service exposed/],
  '16': [/secret\/db-user-pass created/, /S!B\\\*d\$zDsb=/],
  // module 4: the Pod labelled version=v1 is listed by the selector, and the Service goes away with -l
  '18': [/service\/kubernetes-bootcamp exposed/, /pod\/kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5} labeled/, /service "kubernetes-bootcamp" deleted/, /NODE_PORT=3\d{4}/],
  '19': [/deployment\.apps\/kubernetes-bootcamp scaled/],
};

interface Replay {
  script: string;
  transcript: string;
  probe(cmd: string): Promise<string>;
}

async function replay(ids: string[]): Promise<Replay> {
  const world = createWorld({ seed: 1 });
  const shell = new Shell({ world });
  for (const f of walk(MANIFESTS)) shell.fs.mkdir(`/root/examples/${f.slice(0, f.lastIndexOf('/'))}`, { recursive: true });
  for (const f of walk(MANIFESTS)) shell.fs.writeFile(`/root/examples/${f}`, readFileSync(join(MANIFESTS, f), 'utf8'));
  let transcript = '';
  let all = '';
  for (const id of ids) {
    const file = readdirSync(SESSIONS).find((n) => n.startsWith(id + '-'))!;
    const script = sessionCommands(file).map((b) => adapt(id, b)).join('\n');
    all += script + '\n';
    // a reader takes a moment between the page's steps: ten virtual seconds per block
    for (const block of sessionCommands(file).map((b) => adapt(id, b))) {
      await runEntries(shell, world.clock, block, 120_000, (t) => (transcript += t));
      await settle(world.clock, 10_000);
    }
  }
  return {
    script: all,
    transcript,
    probe: async (cmd) => {
      let out = '';
      const sig = new Canceller();
      await drive(world.clock, shell.exec(cmd, { stdout: (t) => (out += t), stderr: (t) => (out += t) }, sig), { budgetMs: 60_000, interrupt: () => sig.abort() });
      return out.replace(/\n$/, '');
    },
  };
}

function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, rel));
    else if (/\.ya?ml$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** kubectl commands a session uses that this build does not implement yet: the session cannot be judged. */
function missingKubectl(script: string): string[] {
  const missing = new Set<string>();
  for (const m of script.matchAll(/\bkubectl\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?/g)) {
    const [, a, b] = m;
    if (b && COMMANDS[`${a} ${b}`]) continue;
    if (!COMMANDS[a]) missing.add(b && CHILDREN.has(a) ? `${a} ${b}` : a);
  }
  return [...missing];
}
const CHILDREN = new Set(['rollout', 'set', 'config', 'create', 'top', 'auth', 'certificate', 'apply']);

/**
 * Checks that fail today because of a gap outside the shell, found by this replay. Such a session still runs
 * all its checks; a failure is printed with the reason and the test is skipped, a pass says the gap is closed.
 */
const KNOWN_GAPS: Record<string, string> = {};

const GROUPS: string[][] = [['01'], ['04'], ['05'], ['06'], ['08'], ['11'], ['13'], ['15'], ['16'], ['17', '18', '19']];

describe.skipIf(!available)('corpus sessions replayed through kubelab run', () => {
  for (const ids of GROUPS) {
    it(`session ${ids.join(' → ')}`, async (t) => {
      const r = await replay(ids);
      expect(r.transcript).toMatch(/^\$ /);
      // no shell-level failure: every adapted line parses and every program exists
      expect(r.transcript).not.toMatch(/^bash: .*(command not found|syntax error)/m);
      if (process.env.KUBELAB_SESSION_TRANSCRIPTS) console.log(r.transcript);
      const missing = missingKubectl(r.script);
      if (missing.length) {
        console.log(`session ${ids.join(',')}: skipped, kubectl lacks: ${missing.join(', ')}`);
        t.skip();
        return;
      }
      const gap = ids.map((id) => KNOWN_GAPS[id]).find(Boolean);
      for (const id of ids)
        for (const re of TRANSCRIPT[id] ?? []) {
          if (gap && !re.test(r.transcript)) {
            console.log(`session ${ids.join(',')}: known gap (${gap}); transcript lacks ${re}`);
            t.skip();
            return;
          }
          expect(r.transcript, `transcript of ${id}`).toMatch(re);
        }
      const ok = (out: string, expected: Check[1]) => (typeof expected === 'string' ? out === expected : expected instanceof RegExp ? expected.test(out) : expected(out));
      for (const id of ids) {
        for (const [cmd, expected] of CHECKS[id] ?? []) {
          // a verifier waits for the cluster to converge (image pulls, rollouts), as verify scripts do with
          // `kubectl wait`: up to two virtual minutes, probing every ten seconds
          let out = await r.probe(cmd);
          for (let i = 0; i < 12 && !ok(out, expected); i++) {
            await r.probe('sleep 10');
            out = await r.probe(cmd);
          }
          if (gap && !ok(out, expected)) {
            console.log(`session ${ids.join(',')}: known gap (${gap}); failing check: ${cmd} → ${JSON.stringify(out.slice(0, 200))}`);
            t.skip();
            return;
          }
          if (typeof expected === 'string') expect(out, cmd).toBe(expected);
          else if (expected instanceof RegExp) expect(out, cmd).toMatch(expected);
          else expect(expected(out), `${cmd} → ${out}`).toBe(true);
        }
      }
      if (gap) console.log(`session ${ids.join(',')}: the known gap "${gap}" is closed; remove it from KNOWN_GAPS`);
    }, 600_000);
  }
});
