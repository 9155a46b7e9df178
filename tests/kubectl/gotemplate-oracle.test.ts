/**
 * `-o go-template` byte for byte against the real kubectl (v1.31): templates run on objects kubectl builds
 * client-side (`create … --dry-run=client`: typed objects, field-order JSON in the error dump) and on
 * objects read from the simulated API server over `kubelab serve`'s HTTP adapter (unstructured, lists as
 * `kind: List` with `.items`). Parse errors, execution errors (partial output, the debugging dump on stdout,
 * the error on stderr) and the printer flags are compared too. Skips when no kubectl exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/sim/apiserver/server';
import { Random } from '../../src/sim/random';
import { VirtualClock } from '../../src/sim/clock';
import { startHttpServer, type RunningServer } from '../../src/cli/serve/server';
import { makeEnv, run, type Env } from './harness';
import { seedCluster } from './seed';
import { findKubectl, kubeconfig } from './oracle-util';

const pexec = promisify(execFile);
const bin = findKubectl();
if (!bin) console.log('go-template oracle tests skipped: no kubectl.1.31 next to kubectl on PATH');

type Result = { stdout: string; stderr: string; code: number };

async function real(argv: string[], dir: string, cfg: string): Promise<Result> {
  try {
    const r = await pexec(bin!, [`--cache-dir=${dir}/cache`, ...argv], { encoding: 'utf8', env: { HOME: dir, KUBECONFIG: cfg, TZ: 'UTC', PATH: '/nonexistent' }, cwd: dir });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const x = e as Result;
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

/** Files both sides can read with -o go-template-file / templatefile. */
const FILES: Record<string, string> = {
  'names.tmpl': '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}',
  'kind.tmpl': '{{.kind}} {{.metadata.name}}\n',
  'bad.tmpl': '{{.kind',
};

/** Templates run on `kubectl create deployment x --image=nginx --dry-run=client`. */
const TEMPLATES: string[] = [
  "{{.spec.replicas}} {{printf \"%d\" .spec.replicas}} {{.metadata.creationTimestamp}} {{.status}} {{.nope}} {{.spec.template.metadata.labels}}{{\"\\n\"}}",
  "{{.metadata.name.foo}}",
  "{{.spec.foo.bar}}",
  "{{.metadata.creationTimestamp.x}}",
  "{{eq .spec.replicas 1.0}}",
  "{{ .spec.replicas | printf \"%05.2f\" }}",
  "{{",
  "{{.a}",
  "{{foo}}",
  "{{range .}}",
  "{{end}}",
  "{{1000000}} {{1.5e6}} {{1e21}} {{0.00001}} {{1234567.0}} {{123456.0}}",
  "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}",
  "{{range .spec.template.spec.containers}}{{.name}}:{{.image}}{{\"\\n\"}}{{end}}",
  "{{- /* comment */ -}} a {{- \" b \" -}} c",
  "{{if eq .kind \"Deployment\"}}yes{{else}}no{{end}}",
  "{{if eq .kind \"Pod\"}}pod{{else if eq .kind \"Deployment\"}}deploy{{end}}",
  "{{with .metadata}}{{.name}}{{end}}",
  "{{with .nope}}x{{else}}none{{end}}",
  "{{len .spec.template.spec.containers}} {{len .metadata.labels}} {{len .kind}}",
  "{{index .metadata.labels \"app\"}} {{index .spec.template.spec.containers 0 \"image\"}}",
  "{{index .spec.template.spec.containers 1}}",
  "{{printf \"%-10s|%5d|%q|%v|%x\" .kind .spec.replicas .metadata.name .metadata.labels .kind}}",
  "{{printf \"%s\" .spec.replicas}} {{printf \"%d\" .kind}} {{printf \"%d %d\" 1}} {{printf \"%d\" 1 2}}",
  "{{.kind | printf \"%s!\"}} {{.kind | len}}",
  "{{$n := .metadata.name}}{{$n}} {{$n = \"y\"}}{{$n}}",
  "{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .kind}}{{block \"b\" .metadata.name}}<{{.}}>{{end}}",
  "{{and 1 0}} {{or 0 \"x\"}} {{not .spec.paused}} {{and .kind .apiVersion}}",
  "{{html \"<a&b>\"}} {{js \"a'b\\\"<\"}} {{urlquery \"a b&c\"}}",
  "{{print 1 2 \"a\" \"b\" 3}} {{println 1 \"a\"}}",
  "{{slice .kind 1 3}} {{slice .spec.template.spec.containers 0 1}}",
  "{{lt 1 2}} {{gt .spec.replicas 0}} {{le \"a\" \"b\"}} {{ge 1.5 2.5}} {{ne .kind \"x\"}}",
  "{{lt 1 \"a\"}}",
  "{{exists . \"metadata\" \"labels\" \"app\"}} {{exists . \"nope\"}} {{exists .spec.template.spec.containers 0}}",
  "{{base64decode \"aGVsbG8=\"}} {{base64decode .kind}}",
  "{{base64decode \"!!!\"}}",
  "{{range .spec.template.spec.containers}}{{break}}{{end}}x",
  "{{$}}",
  "{{.spec.template.spec.containers}}",
  "{{range $i, $c := .spec.template.spec.containers}}{{$i}}:{{$c.name}} {{end}}",
  "{{range .metadata.labels}}{{.}}{{end}}",
  "{{range .kind}}{{.}}{{end}}",
  "{{template \"nope\"}}",
  "{{.metadata.name \"x\"}}",
  "{{\"a\" \"b\"}}",
  "{{nil}}",
  "{{$x}}",
  "{{printf}}",
  "{{len}}",
  "{{index .spec.template.spec.containers \"a\"}}",
  "{{index .metadata.labels 1}}",
  "{{len .nope}}",
  "{{len .metadata.creationTimestamp}}",
  "{{printf \"%5.1f|%e|%g|%08.3f|%+d|%x|%X|%o|%c|%U\" 3.14159 1234.5678 0.000012345 -3.14159 5 255 255 8 65 65}}",
  "{{printf \"%t %v %s\" true nil nil}}",
  "{{printf \"%6s|%-6s|%06d|%.2s\" \"ab\" \"ab\" 42 \"abcdef\"}}",
  "{{base64decode \"YQ\"}}|{{base64decode \"YQ==\"}}|{{base64decode \"YWJj\"}}",
  "{{if}}",
  "{{if .kind}}",
  "{{else}}",
  "{{range $i, $e, $f := .x}}{{end}}",
  "{{range $i, 3 := .x}}{{end}}",
  "{{$x := 1}}{{$x := 2}}{{$x}}",
  "{{$y = 1}}",
  "{{.kind | 3}}",
  "{{(.kind)}} {{(.metadata).name}} {{(index .spec.template.spec.containers 0).name}}",
  "{{\"a\".b}}",
  "{{.kind)}}",
  "{{(.kind}}",
  "{{\"unterminated}}",
  "{{`raw`}} {{'a'}} {{0x1F}} {{1_000}} {{-5}} {{+5}} {{.5}} {{1e3}}",
  "{{/* c */}}",
  "{{/* c }}",
  "{{/* c */ }}",
  "{{- .kind -}}",
  "   {{- .kind }}   {{ .kind -}}   x",
  "{{break}}",
  "{{range .x}}{{continue}}{{end}}ok",
  "{{with $x := .metadata}}{{$x.name}}{{end}}",
  "{{with .nope}}a{{else with .kind}}{{.}}{{end}}",
  "{{template \"x\" .}}{{define \"x\"}}X{{.kind}}{{end}}",
  "{{define \"x\"}}a{{end}}{{define \"x\"}}b{{end}}",
  "{{printf \"%v|%+v|%#v\" .metadata.labels .metadata.labels .kind}}",
  "{{printf \"%q %q\" 65 \"\u00e9\"}}",
  "{{printf \"%x % x %#x\" \"hi\" \"hi\" 255}}",
  "{{printf \"%5t|%-5t|\" true false}}",
  "{{printf \"%.3f %.0f %10.2e %g %g %g\" 2.0005 2.5 12345.678 100000.0 1000000.0 0.0001}}",
  "{{printf \"%d%%\" 50}} {{printf \"%\"}} {{printf \"%!\"}} {{printf \"%z\" 1}}",
  "{{printf \"%*d|%-*d|%.*f\" 5 1 5 1 2 3.14159}}",
  "{{printf \"%s\" .metadata}}",
  "{{printf \"%d\" .spec.template.spec.containers}}",
  "{{printf \"%v\" .spec.template.spec.containers}}",
  "{{printf \"%T %T %T %T\" 1 1.5 \"a\" .spec.replicas}}",
  "{{print nil}}",
  "{{print .nope}} {{print .metadata.creationTimestamp}} {{printf \"%v\" .nope}}",
  "{{eq .nope nil}} {{eq .kind \"a\" \"b\" \"Deployment\"}} {{ne 1 2}}",
  "{{eq .metadata.labels .metadata.labels}}",
  "{{lt true false}}",
  "{{lt .nope 1}}",
  "{{eq}}",
  "{{not}}",
  "{{not 1 2}}",
  "{{index .kind 0}} {{index . \"kind\"}} {{index .nope \"a\"}}",
  "{{slice .kind 5 2}}",
  "{{slice .kind 1 2 3}}",
  "{{slice .spec.replicas}}",
  "{{len 3}}",
  "{{.spec.replicas.foo}}",
  "{{(.spec.replicas).foo}}",
  "{{and}}",
  "{{or .nope .metadata.creationTimestamp}}",
  "{{and .kind .nope}}x",
  "{{.kind | printf \"%s %s\" \"a\"}}",
  "{{.kind | not}} {{.kind | eq \"Deployment\"}}",
  "{{3 | printf \"%d\"}}",
  "{{printf \"%s\" | len}}",
  "{{call .kind}}",
  "{{urlquery .metadata.labels}} {{html 1 2}} {{js \"\u00e9\\u2028\"}}",
  "{{range $k, $v := .}}{{$k}} {{end}}",
  "{{range .spec.template.spec.containers}}{{$.kind}}/{{.name}}{{end}}",
  "{{range 3}}{{.}}{{end}}",
  "{{range .nope}}x{{else}}empty{{end}} {{range .status}}x{{else}}empty{{end}}",
  "{{if and .kind (eq .spec.replicas 1)}}one{{end}}",
  "{{index .metadata.labels}}",
  "{{index .spec.template.spec.containers -1}}",
  "{{index .spec.template.spec.containers 1.5}}",
  "{{index .spec.template.spec.containers nil}}",
  "{{printf \"%s\" nil}} {{printf \"%d\" .nope}}",
  "{{printf \"%v %s\" true 1.5}}",
  "{{.kind.foo.bar}}",
  "{{with .spec}}{{.replicas.x}}{{end}}",
  "{{range .spec.template.spec.containers}}{{.name.x}}{{end}}",
  "{{$c := index .spec.template.spec.containers 0}}{{$c.name.x}}",
  "{{9223372036854775807}} {{99999999999999999999}}",
  "{{1.5 | printf \"%v\"}}",
  "{{0.1}} {{1e-7}} {{123456789.0}} {{-0.5}} {{2.5e-3}}",
  "{{.kind\n}}",
  "{{.kind}}{{\n.kind}}",
  "line1\n{{.kind}}\n{{.metadata.name.x}}",
  "a\n{{if .kind}}\n{{.nope.x}}{{end}}\n{{range",
  "{{/* a\nb */}}x\n{{.y",
  // multi-line templates (line numbers), trim markers, unicode, recursion, scoping, number forms
  "a\n  {{- .kind -}}\n  b\n{{.nope.x.y}}\n{{ .metadata.name.q }}",
  "{{-3}} {{- 3}} {{3 -}} {{ -3 }}",
  "x\n\n{{- /* c\nd */ -}}\n\ny{{.a.b.c}}\n{{",
  "{{range $k, $v := .metadata.labels -}}\n  {{$k}}\n{{- else -}}\nnone\n{{- end}}",
  "{{if false}}a{{- else if true -}} b {{- end}}",
  "{{len \"\u00e9\"}} {{printf \"%5s|%-5s|%.1s\" \"\u00e9\" \"\u00e9\" \"\u00e9a\"}} {{printf \"%q %+q %x\" \"\u00e9\" \"\u00e9\" \"\u00e9\"}}",
  "{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" (slice . 1)}}{{end}}{{end}}{{template \"r\" .spec.template.spec.containers}}",
  "{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}",
  "{{$x := 1}}{{if true}}{{$y := 3}}{{end}}{{$y}}",
  "{{with $n := .metadata.name}}{{$n}}{{$}}{{end}}",
  "{{template \"t\"}}{{define \"t\"}}{{$}}|{{.}}{{end}}",
  "{{range .spec.template.spec.containers}}{{continue}}{{end}}{{range $i, $e := .spec.template.spec.containers}}{{if eq $i 0}}{{break}}{{end}}x{{end}}ok",
  "{{printf \"%6.2f%%\" 12.3456}} {{printf \"%03d|%-4d|%+.2e\" 7 7 12345.0}} {{printf \"%x %X %o %b\" -255 255 -8 5}}",
  "{{printf \"%v %v %v\" 1e20 1e21 123456789.0}} {{1e20}} {{100000.0}} {{-0.0}}",
  "{{index .metadata.labels \"app\" | printf \"%s-%s\" \"pre\"}}",
  "{{ .metadata.labels | len }}{{ . | len }}",
  "{{(1)}} {{(\"a\")}} {{(.kind | len)}}",
  "{{.kind | printf \"%s\" | printf \"%q\"}}",
  "{{\"\\x41\\u00e9\\101\\t\"}}|{{'\\n'}}|{{'x'}}|{{0x10}}|{{0o17}}|{{0b101}}|{{017}}",
  "{{ 1.5 | printf \"%T\" }} {{ len . | printf \"%T\" }}",
  "{{with .spec}}{{with .template}}{{.metadata.labels.app}}{{end}}{{end}}",
  "{{or .nope .alsonope}}|{{and .kind .nope}}|{{or .nope 0}}",
  "{{not .nope}} {{not .kind}} {{not 0}} {{not \"\"}}",
  "{{eq .nope .alsonope}} {{eq .kind .kind \"x\"}} {{ne .nope 1}}",
  "{{ge 2 1}} {{gt 1.5 1.5}} {{le \"b\" \"a\"}} {{lt 0 .spec.replicas}}",
  "{{if .spec.template.spec.containers}}has{{end}} {{if .status}}st{{else}}empty{{end}}",
  "{{/* a\nb */}}x\n{{.y",
  "a\n{{- /* b\n\nc */ -}}\n\n{{.x\n}}{{- /*\n*/}}\n{{"
];

/** Other client-side commands and the printer flags. */
const CLIENT_CASES: string[][] = [
  ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two', '--dry-run=client', '-o', 'go-template={{range $k, $v := .data}}{{$k}}:{{$v}} {{end}}{{len .data}}'],
  ['create', 'secret', 'generic', 's', '--from-literal=user=admin', '--from-literal=pass=s3cr3t', '--dry-run=client', '-o', 'go-template={{range $k, $v := .data}}{{$k}}={{$v | base64decode}} {{end}}'],
  ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '--dry-run=client', '-o', 'go-template={{(index .spec.ports 0).port}}->{{(index .spec.ports 0).targetPort}} {{.spec.type}}'],
  ['create', 'job', 'j', '--image=busybox', '--dry-run=client', '-o', 'go-template={{.spec.template.spec.restartPolicy}} {{.spec.backoffLimit}}'],
  ['create', 'namespace', 'ns1', '--dry-run=client', '-o', 'go-template={{.metadata}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--replicas=3', '--dry-run=client', '-o', 'go-template', '--template', '{{.spec.replicas}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '--template', '{{.kind}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'template={{.kind}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'template', '--template={{.metadata.name}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template-file=kind.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'templatefile=kind.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template-file', '--template=kind.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template-file=bad.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template-file=missing.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'go-template='],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'gotemplate={{.kind}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath', '--template={.kind}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '--allow-missing-template-keys=false', '-o', 'go-template={{.kind}} {{.nope}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '--allow-missing-template-keys=false', '-o', 'go-template={{.spec.nope.x}}'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '--allow-missing-template-keys=false', '-o', 'go-template={{index .metadata.labels "nope"}}|{{.metadata.creationTimestamp}}'],
];

CLIENT_CASES.push(
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'templatefile', '--template=kind.tmpl'],
  ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'yaml', '--template={{.kind}}'],
  ['config', 'view', '-o', 'go-template={{.nope.x}} {{range .clusters}}x{{end}}{{index . "current-context"}}|{{.preferences}}|{{.contexts}}'],
  ['config', 'view', '-o', 'go-template={{.x.y}}', '--allow-missing-template-keys=false'],
  ['config', 'view', '--template={{.kind}} {{.apiVersion}}'],
  ['config', 'view', '-o', 'yaml', '--template={{.kind}}'],
  ['config', 'view', '-o', 'foo'],
);

/** Against the seeded API server: lists are one `kind: List` object, single names the object itself. */
const SERVER_CASES: string[][] = [
  ['run', 'web', '--image=nginx', '--port=80', '--labels=app=web,tier=front', '--dry-run=client', '-o', 'go-template={{.metadata.name}} {{.spec.containers}} {{range $k, $v := .metadata.labels}}{{$k}}={{$v}},{{end}}'],
  ['get', 'pods', '-o', 'go-template', '--template', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'],
  ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name}}{{"\\t"}}{{.status.podIP}}{{"\\t"}}{{.spec.nodeName}}{{"\\n"}}{{end}}'],
  ['get', 'pods', '-o', 'go-template={{.kind}} {{.apiVersion}} {{.metadata}} {{len .items}}'],
  ['get', 'pod', 'web-7d4b9c8f6d-2xkqz', '-o', 'go-template={{.metadata.name}} {{.status.phase}} {{range .status.containerStatuses}}{{.name}}:{{.ready}}:{{.restartCount}}{{end}}'],
  ['get', 'pods', '--template={{range .items}}{{if eq .status.phase "Running"}}{{.metadata.name}} {{end}}{{end}}'],
  ['get', 'deploy', 'web', '-o', 'go-template={{.spec.replicas}}/{{.status.readyReplicas}} {{.metadata.generation}} {{printf "%d%%" .spec.replicas}}'],
  ['get', 'svc', 'web', '-o', 'go-template={{(index .spec.ports 0).port}} {{.spec.clusterIP}} {{.spec.selector}}'],
  ['get', 'secret', 'db', '-o', 'go-template={{.data.password | base64decode}} {{base64decode .data.user}}'],
  ['get', 'cm', 'app-config', '-o', 'go-template={{index .data "app.properties"}}{{"\\n"}}{{.data.greeting}}'],
  ['get', 'nodes', '-o', 'go-template={{range .items}}{{.metadata.name}} {{range .status.addresses}}{{.type}}={{.address}} {{end}}{{"\\n"}}{{end}}'],
  ['get', 'nodes', '-o', 'go-template={{range .items}}{{.metadata.name}}{{with .spec.taints}} tainted{{end}}{{"\\n"}}{{end}}'],
  ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name}}{{.spec.nope.x}}{{end}}'],
  ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name.x}}{{end}}'],
  ['get', 'pod', 'web-7d4b9c8f6d-2xkqz', '-o', 'go-template={{.metadata.labels.app}} {{.metadata.name.x}}'],
  ['get', 'pods', '--allow-missing-template-keys=false', '-o', 'go-template={{range .items}}{{.status.nope}}{{end}}'],
  ['get', 'pod', 'nope', '-o', 'go-template={{.kind}}'],
  ['get', 'pods', '-l', 'app=none', '-o', 'go-template={{.kind}} {{.items}} {{range .items}}x{{else}}none{{end}}'],
  ['get', 'deploy,svc', '-o', 'go-template={{range .items}}{{.kind}}/{{.metadata.name}} {{end}}'],
  ['get', 'pods', '-o', 'go-template={{range $i, $p := .items}}{{if $i}},{{end}}{{$p.metadata.name}}{{end}}'],
];

function clientEnv(dir: string, cfg: string): Env {
  const env = makeEnv();
  env.env = { HOME: dir, KUBECONFIG: cfg };
  env.fs.writeFile(cfg, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  for (const [name, text] of Object.entries(FILES)) env.fs.writeFile(`/root/${name}`, text);
  return env;
}

describe.skipIf(!bin)('go-template against the real kubectl: client-side objects', () => {
  let dir: string;
  let cfg: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-gotemplate-'));
    cfg = join(dir, 'config');
    writeFileSync(cfg, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  });
  const cases = [...TEMPLATES.map((t) => ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', `go-template=${t}`]), ...CLIENT_CASES];
  for (const argv of cases) {
    it(`kubectl ${argv.slice(0, 3).join(' ')} … ${JSON.stringify(argv.slice(5).join(' '))}`, async () => {
      const expected = await real(argv, dir, cfg);
      const mine = await run(clientEnv(dir, cfg), argv);
      expect(mine).toEqual(expected);
    });
  }
});

const TEN_DAYS = 10 * 24 * 3600_000;

describe.skipIf(!bin)('go-template against the real kubectl: objects from the API server', () => {
  let srv: RunningServer;
  let api: ApiServer;
  let dir: string;
  let cfg: string;
  beforeAll(async () => {
    // the seeded objects are ten days old on both sides; the wall clock only anchors them
    const wall = Date.now();
    const clock = new VirtualClock(wall - TEN_DAYS);
    api = new ApiServer({ clock, random: new Random(7) });
    seedCluster(api, wall);
    clock.advanceTo(wall);
    srv = await startHttpServer(api, { port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'kubelab-gotemplate-srv-'));
    cfg = join(dir, 'config');
    writeFileSync(cfg, kubeconfig(srv.url));
  });
  afterAll(async () => {
    await srv?.close();
  });
  for (const argv of SERVER_CASES) {
    it(`kubectl ${argv.join(' ')}`, async () => {
      const expected = await real(argv, dir, cfg);
      const env = makeEnv();
      env.clock = (api as unknown as { ctx: { clock: VirtualClock } }).ctx.clock;
      env.servers.set(srv.url, api);
      env.env = { HOME: dir, KUBECONFIG: cfg };
      env.fs.writeFile(cfg, kubeconfig(srv.url));
      const mine = await run(env, argv);
      expect(mine).toEqual(expected);
    });
  }
});
