/**
 * jq, awk and GNU text tools compared with the real ones where this machine has them (CI installs jq):
 * same stdin, same arguments, same stdout and exit status. Skips (with a printed reason) when a tool is missing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { TestShell } from './harness';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'secret-handler', namespace: 'moon', labels: { app: 'web', tier: 'fe' } },
  spec: {
    containers: [
      {
        name: 'c',
        image: 'nginx:1.27',
        env: [
          { name: 'SECRET1_USER', valueFrom: { secretKeyRef: { name: 'secret1', key: 'user' } } },
          { name: 'PLAIN', value: 'x' },
        ],
        volumeMounts: [{ name: 'v2', mountPath: '/tmp/secret2' }],
        resources: { requests: { cpu: '200m' } },
      },
    ],
    volumes: [{ name: 'v2', secret: { secretName: 'secret2' } }],
  },
  data: { 'index.html': 'PGgxPmhpPC9oMT4=', API_KEY: 'YWJj' },
  items: [{ n: 1 }, { n: 2 }, { n: 3 }],
});

const JQ_CASES: string[][] = [
  ['-r', '.metadata.name'],
  ['.metadata'],
  ['-c', '.metadata.labels'],
  ['-r', '.spec.containers[0].env[]? | select(.name=="SECRET1_USER") | select(.valueFrom.secretKeyRef.name=="secret1" and .valueFrom.secretKeyRef.key=="user") | "yes"'],
  ['-r', '.spec.containers[0].volumeMounts[]? | select(.mountPath=="/tmp/secret2") | .name'],
  ['-r', '--arg', 'n', 'v2', '.spec.volumes[]? | select(.name==$n) | .secret.secretName // empty'],
  ['-r', '.data["index.html"] // empty'],
  ['-r', '.data["missing"] // empty'],
  ['-r', '.data.API_KEY | @base64d'],
  ['-r', '.spec.containers[0].resources.limits.cpu // empty'],
  ['-r', 'keys[]'],
  ['-r', 'keys[0]'],
  ['.items | length'],
  ['[.items[] | .n * 2]'],
  ['-c', '.items | map(select(.n > 1))'],
  ['-r', '.items[] | .n'],
  ['-e', '.nothing'],
  ['-e', '.metadata.name'],
  ['-r', 'if (.items|type)=="array" then (.items|map(.n|tostring)|join(" ")) else "no" end'],
  ['-r', '.metadata.labels | to_entries[] | "\\(.key)=\\(.value)"'],
  ['.metadata.name | test("handler$")'],
  ['-r', '.spec.containers[0].env | map(.name) | join(",")'],
  ['.items | add'],
  ['-c', '[.items[].n] | sort | reverse'],
  ['.spec.containers[0].image | split(":") | .[1]'],
  ['.metadata.labels | has("app")'],
  ['-c', '.metadata | del(.labels)'],
  ['.items[1:]'],
  ['.metadata.name | ascii_upcase | length'],
  ['.metadata.name.first'],
  ['.spec.containers[0].env[].value // "none"'],
  ['-r', '.metadata.labels | keys | @csv'],
  ['.items | any(.n == 2)'],
  ['.["metadata"]["labels"].tier'],
  ['.metadata.labels.app == "web" and (.items|length) > 2'],
];

describe.skipIf(!has('jq'))('jq agrees with the real jq', () => {
  if (!has('jq')) console.log('skipping: jq is not installed on this machine');
  for (const args of JQ_CASES) {
    it(args.join(' ').slice(0, 80), async () => {
      const real = spawnSync('jq', args, { input: POD, encoding: 'utf8' });
      const t = new TestShell();
      t.shell.fs.writeFile('/root/pod.json', POD);
      const quoted = args.map((a) => "'" + a.replace(/'/g, "'\\''") + "'").join(' ');
      const sim = await t.run(`jq ${quoted} < pod.json`);
      expect(sim.out).toBe(real.stdout);
      expect(sim.code).toBe(real.status);
    });
  }
});

const INPUT = 'NAME      READY   STATUS    RESTARTS   AGE\nweb-1     1/1     Running   0          5m\nweb-2     0/1     Pending   0          1m\ndb-0      1/1     Running   2          9m\n';
const TEXT_CASES: [string, string[]][] = [
  ['awk', ['{print $1}']],
  ['awk', ['NR>1 {print $3}']],
  ['awk', ['$3=="Running" {n++} END {print n}']],
  ['awk', ['-F', '/', '{print $2}']],
  ['awk', ['{print NF, $NF}']],
  ['awk', ['/web/ {print toupper($1)}']],
  ['awk', ['{s += $4} END {print s}']],
  ['awk', ['NR==1{next} {printf "%-6s|%s\\n", $1, $2}']],
  ['awk', ['{a[$3]++} END {for (k in a) if (k=="Running") print k, a[k]}']],
  ['awk', ['length($1) > 4']],
  ['sed', ['-n', '2,3p']],
  ['sed', ['s/ \\+/ /g']],
  ['sed', ['-E', 's/([a-z]+)-([0-9])/\\2:\\1/']],
  ['sed', ['1d;$d']],
  ['sed', ['/Pending/!d']],
  ['grep', ['-E', 'Running|Pending']],
  ['grep', ['-v', 'NAME']],
  ['grep', ['-o', '[0-9]/[0-9]']],
  ['grep', ['-w', 'web']],
  ['grep', ['-c', 'Running']],
  ['grep', ['-A', '1', 'web-1']],
  ['cut', ['-c', '1-5']],
  ['sort', ['-k', '4', '-n', '-r']],
  ['sort', ['-u']],
  ['tr', ['-s', ' ']],
  ['wc', ['-l']],
  ['wc', []],
  ['head', ['-n', '-2']],
  ['tail', ['-n', '+3']],
];

describe('text tools agree with the real ones', () => {
  for (const [tool, args] of TEXT_CASES) {
    const available = has(tool);
    it.skipIf(!available)(`${tool} ${args.join(' ')}`, async () => {
      const real = spawnSync(tool, args, { input: INPUT, encoding: 'utf8' });
      const t = new TestShell();
      t.shell.fs.writeFile('/root/in.txt', INPUT);
      const quoted = args.map((a) => "'" + a.replace(/'/g, "'\\''") + "'").join(' ');
      const sim = await t.run(`${tool} ${quoted} < in.txt`);
      expect(sim.out).toBe(real.stdout);
      expect(sim.code).toBe(real.status);
    });
  }
});
