/**
 * Byte-for-byte comparison with the real kubectl (v1.31) for everything it formats without a server:
 * usage errors, help, `--dry-run=client` generators, kubeconfig commands. Skips when no kubectl exists.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { makeEnv, run, words } from './harness';

function findKubectl(): string | undefined {
  try {
    const which = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    if (!which) return undefined;
    const bin = join(dirname(realpathSync(which)), 'kubectl.1.31');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = findKubectl();
if (!bin) console.log('oracle tests skipped: no kubectl.1.31 next to kubectl on PATH');

const FIXTURES = join(__dirname, '..', 'fixtures', 'kubectl');

const CASES: string[] = [
  // usage errors and suggestions
  'desribe pod x',
  'gt pods',
  'foo',
  'get --foo',
  'get -z',
  'get pods -n',
  'create deploy x --image=nginx --replicas=abc',
  'create deployment x',
  'create cronjob x',
  'run',
  'scale deploy x',
  'autoscale deploy x',
  'get',
  'create',
  'apply',
  'replace',
  'delete',
  'expose',
  'edit',
  'set image',
  'logs',
  'exec',
  'exec x',
  'cordon',
  'drain',
  'port-forward',
  'label',
  'annotate',
  'patch',
  'taint',
  'rollout foo',
  'config foo',
  'create foo',
  'create ns',
  'create cm',
  'create deploy x --image=nginx a',
  'create job x',
  'create service nodeport x',
  'top pod --foo',
  'version --foo',
  'explain',
  'describe',
  // help texts
  'get -h',
  'describe --help',
  'help apply',
  'create deployment -h',
  'config',
  'rollout',
  '',
  'options',
  // generators
  'create deployment web --image=nginx:1.27 --replicas=3 --port=80 -n dev --dry-run=client -o yaml',
  'create deploy web --image=nginx --dry-run=client -o yaml -- sleep 10',
  'create deploy web --image=nginx --image=busybox --dry-run=client -o yaml',
  'create deploy web --image=docker.io/library/nginx@sha256:abc --dry-run=client -o json',
  'create deploy web --image=nginx --dry-run=client -o name',
  'create deploy web --image=nginx --dry-run=client',
  'create deploy web --image=nginx --dry-run=client -o jsonpath={.spec.template.spec.containers[0].name}',
  'create job j --image=busybox --dry-run=client -o yaml -- echo hi',
  'create job j --image=busybox --dry-run=client -o json',
  'create cronjob cj --image=busybox "--schedule=*/1 * * * *" --dry-run=client -o yaml -- date',
  'create cronjob cj --image=busybox --schedule=@hourly --restart=Never --dry-run=client -o json',
  'create svc nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml',
  'create svc clusterip web --tcp=80 --dry-run=client -o yaml',
  'create svc clusterip web --clusterip=None --dry-run=client -o yaml',
  'create svc loadbalancer web --tcp=80:80 --tcp=443:8443 --dry-run=client -o json',
  'create svc externalname web --external-name=example.com --dry-run=client -o yaml',
  'create svc clusterip web --tcp=80:http --dry-run=client -o yaml',
  'create ns qa --dry-run=client -o yaml',
  'create ns qa --dry-run=client -o json',
  'create ns qa --dry-run=client',
  'create sa bot --dry-run=client -o yaml',
  'create cm c --from-literal=a=b --from-literal=n=yes --dry-run=client -o yaml',
  'create cm c --from-literal=a=b --dry-run=client',
  'create cm c --from-literal=a=b --dry-run=client -o json',
  'create secret generic s --from-literal=password=s3cr3t --from-literal=user=admin --dry-run=client -o yaml',
  'create secret generic s --from-literal=a=b --type=kubernetes.io/basic-auth --dry-run=client -o json',
  'create secret docker-registry r --docker-username=u --docker-password=p --dry-run=client -o yaml',
  'create deploy web --image=nginx --dry-run=client -o yml',
  'create deploy web --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[*].image',
  'create deploy web --image=nginx --dry-run=client -o custom-columns=NAME',
  'create deploy web --image=nginx --dry-run=client -o jsonpath={.metadata.name',
  'create deploy web --image=nginx --dry-run=bogus',
  // kubeconfig
  'config view',
  'config view --raw',
  'config view --minify',
  'config view --minify -o json',
  'config view -o json',
  'config get-contexts',
  'config get-contexts prod',
  'config get-contexts nope',
  'config get-contexts -o name',
  'config current-context',
  'config use-context nope',
  'config get-users',
  'version --client',
  'version --client -o yaml',
  'version --client -o json',
];

describe.skipIf(!bin)('real kubectl oracle (client-side output)', () => {
  for (const line of CASES) {
    it(`kubectl ${line}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubelab-oracle-'));
      const cfg = join(dir, 'config');
      copyFileSync(join(FIXTURES, line.startsWith('config') ? 'kubeconfig.yaml' : 'kubeconfig-plain.yaml'), cfg);
      const argv = words(line);
      let stdout = '';
      let stderr = '';
      let code = 0;
      try {
        stdout = execFileSync(bin!, argv, { encoding: 'utf8', env: { PATH: '/nonexistent', HOME: dir, TZ: 'UTC', KUBECONFIG: cfg }, stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
      } catch (e) {
        const err = e as { stdout: string; stderr: string; status: number };
        stdout = err.stdout;
        stderr = err.stderr;
        code = err.status;
      }
      if (!stderr) {
        try {
          // execFileSync drops stderr on success; re-run capturing it when the command succeeded.
          const r = execFileSync('sh', ['-c', '"$0" "$@" 2>&1 >/dev/null', bin!, ...argv], { encoding: 'utf8', env: { PATH: '/nonexistent', HOME: dir, TZ: 'UTC', KUBECONFIG: cfg }, cwd: dir });
          stderr = r;
        } catch {
          /* already captured */
        }
      }
      const env = makeEnv();
      env.env = { HOME: dir, KUBECONFIG: cfg };
      env.fs.writeFile(cfg, readFileSync(cfg, 'utf8'));
      const mine = await run(env, argv);
      expect({ stdout: mine.stdout, stderr: mine.stderr, code: mine.code }).toEqual({ stdout, stderr, code });
    });
  }
});

void writeFileSync;
