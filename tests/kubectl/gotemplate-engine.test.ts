/**
 * The go-template engine on its own, without a kubectl binary: each template runs on the object that
 * `kubectl create deployment x --image=nginx --dry-run=client` prints, and must give what kubectl 1.31.9
 * printed for it (recorded from that binary: stdout up to the debugging dump, and the error line). The
 * oracle suite (gotemplate-oracle.test.ts) compares the same and more against the live binary.
 */
import { describe, expect, it } from 'vitest';
import { GoTemplate, TemplateParseError } from '../../src/kubectl/printers/gotemplate';
import { goQuote } from '../../src/kubectl/printers/gotemplate/nodes';

/** The typed Deployment as kubectl marshals it (field order kept; creationTimestamp is null). */
const DEPLOYMENT = JSON.parse(
  '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"x","creationTimestamp":null,"labels":{"app":"x"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"x"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}',
);

/** [template, stdout before any dump, stderr] as kubectl 1.31.9 printed them. */
const RECORDED: [string, string, string][] = [
  ["{{.spec.replicas}} {{printf \"%d\" .spec.replicas}} {{.metadata.creationTimestamp}} {{.status}} {{.nope}} {{.spec.template.metadata.labels}}", "1 1 <no value> map[] <no value> map[app:x]", ""],
  ["{{1000000}} {{1.5e6}} {{1e21}} {{0.00001}} {{1234567.0}} {{123456.0}}", "1000000 1.5e+06 1e+21 1e-05 1.234567e+06 123456", ""],
  ["{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "app=x;", ""],
  ["{{- /* comment */ -}} a {{- \" b \" -}} c", "a b c", ""],
  ["{{if eq .kind \"Pod\"}}pod{{else if eq .kind \"Deployment\"}}deploy{{end}}", "deploy", ""],
  ["{{with .nope}}x{{else}}none{{end}}", "none", ""],
  ["{{len .spec.template.spec.containers}} {{len .metadata.labels}} {{len .kind}}", "1 1 10", ""],
  ["{{printf \"%-10s|%5d|%q|%v|%x\" .kind .spec.replicas .metadata.name .metadata.labels .kind}}", "Deployment|    1|\"x\"|map[app:x]|4465706c6f796d656e74", ""],
  ["{{printf \"%s\" .spec.replicas}} {{printf \"%d\" .kind}} {{printf \"%d %d\" 1}} {{printf \"%d\" 1 2}}", "%!s(int64=1) %!d(string=Deployment) 1 %!d(MISSING) 1%!(EXTRA int=2)", ""],
  ["{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .kind}}{{block \"b\" .metadata.name}}<{{.}}>{{end}}", "[Deployment]<x>", ""],
  ["{{and 1 0}} {{or 0 \"x\"}} {{not .spec.paused}} {{and .kind .apiVersion}}", "0 x true apps/v1", ""],
  ["{{html \"<a&b>\"}} {{js \"a'b\\\"<\"}} {{urlquery \"a b&c\"}}", "&lt;a&amp;b&gt; a\\'b\\\"\\u003C a+b%26c", ""],
  ["{{print 1 2 \"a\" \"b\" 3}} {{println 1 \"a\"}}", "1 2ab3 1 a\n", ""],
  ["{{exists . \"metadata\" \"labels\" \"app\"}} {{exists . \"nope\"}} {{exists .spec.template.spec.containers 0}}", "true false true", ""],
  ["{{base64decode \"aGVsbG8=\"}}", "hello", ""],
  ["{{printf \"%5.1f|%e|%g|%08.3f|%+d|%x|%X|%o|%c|%U\" 3.14159 1234.5678 0.000012345 -3.14159 5 255 255 8 65 65}}", "  3.1|1.234568e+03|1.2345e-05|-003.142|+5|ff|FF|10|A|U+0041", ""],
  ["{{printf \"%.3f %.0f %10.2e %g %g %g\" 2.0005 2.5 12345.678 100000.0 1000000.0 0.0001}}", "2.001 2   1.23e+04 100000 1e+06 0.0001", ""],
  ["{{printf \"%v|%+v|%#v\" .metadata.labels .metadata.labels .kind}}", "map[app:x]|map[app:x]|\"Deployment\"", ""],
  ["{{range $i, $c := .spec.template.spec.containers}}{{$i}}:{{$c.name}} {{end}}", "0:nginx ", ""],
  ["{{.spec.template.spec.containers}}", "[map[image:nginx name:nginx resources:map[]]]", ""],
  ["{{.kind}}", "Deployment", ""],
  ["{{.metadata.name.foo}}", "", "error: error executing template \"{{.metadata.name.foo}}\": template: output:1:11: executing \"output\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}"],
  ["{{.metadata.creationTimestamp.x}}", "", "error: error executing template \"{{.metadata.creationTimestamp.x}}\": template: output:1:11: executing \"output\" at <.metadata.creationTimestamp.x>: nil pointer evaluating interface {}.x"],
  ["{{eq .spec.replicas 1.0}}", "", "error: error executing template \"{{eq .spec.replicas 1.0}}\": template: output:1:2: executing \"output\" at <eq .spec.replicas 1.0>: error calling eq: incompatible types for comparison"],
  ["{{index .spec.template.spec.containers 1}}", "", "error: error executing template \"{{index .spec.template.spec.containers 1}}\": template: output:1:2: executing \"output\" at <index .spec.template.spec.containers 1>: error calling index: reflect: slice index out of range"],
  ["{{base64decode .kind}}", "", "error: error executing template \"{{base64decode .kind}}\": template: output:1:2: executing \"output\" at <base64decode .kind>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 8"],
  ["{{lt 1 \"a\"}}", "", "error: error executing template \"{{lt 1 \\\"a\\\"}}\": template: output:1:2: executing \"output\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison"],
  ["{{len .metadata.creationTimestamp}}", "", "error: error executing template \"{{len .metadata.creationTimestamp}}\": template: output:1:2: executing \"output\" at <len .metadata.creationTimestamp>: error calling len: len of nil pointer"],
  ["{{range .kind}}{{.}}{{end}}", "", "error: error executing template \"{{range .kind}}{{.}}{{end}}\": template: output:1:8: executing \"output\" at <.kind>: range can't iterate over Deployment"],
  ["{{template \"nope\"}}", "", "error: error executing template \"{{template \\\"nope\\\"}}\": template: output:1:11: executing \"output\" at <{{template \"nope\"}}>: template \"nope\" not defined"],
  ["{{", "", "error: error parsing template {{, template: output:1: unclosed action"],
  ["{{.a}", "", "error: error parsing template {{.a}, template: output:1: bad character U+007D '}'"],
  ["{{foo}}", "", "error: error parsing template {{foo}}, template: output:1: function \"foo\" not defined"],
  ["{{range .}}", "", "error: error parsing template {{range .}}, template: output:1: unexpected EOF"],
  ["{{end}}", "", "error: error parsing template {{end}}, template: output:1: unexpected {{end}}"],
  ["{{.kind)}}", "", "error: error parsing template {{.kind)}}, template: output:1: unexpected right paren"],
  ["{{$x}}", "", "error: error parsing template {{$x}}, template: output:1: undefined variable \"$x\""],
  ["{{break}}", "", "error: error parsing template {{break}}, template: output:1: {{break}} outside {{range}}"]
];

function runTemplate(t: string): { stdout: string; stderr: string } {
  let tmpl: GoTemplate;
  try {
    tmpl = GoTemplate.parse(t);
  } catch (e) {
    if (e instanceof TemplateParseError) return { stdout: '', stderr: `error: error parsing template ${t}, ${e.message}` };
    throw e;
  }
  const r = tmpl.execute(DEPLOYMENT);
  return { stdout: r.out, stderr: r.error === undefined ? '' : `error: error executing template ${goQuote(t)}: ${r.error}` };
}

describe('go-template engine (recorded kubectl 1.31 results)', () => {
  for (const [t, stdout, stderr] of RECORDED) {
    it(t, () => {
      expect(runTemplate(t)).toEqual({ stdout, stderr });
    });
  }

  it('missingkey=error names the key', () => {
    const r = GoTemplate.parse('{{.kind}}{{.nope}}').execute(DEPLOYMENT, true);
    expect(r.out).toBe('Deployment');
    expect(r.error).toBe('template: output:1:11: executing "output" at <.nope>: map has no entry for key "nope"');
  });

  it('print gives the kubectl dump after the partial output', () => {
    const p = GoTemplate.parse('{{.kind}} {{.metadata.name.x}}').print(DEPLOYMENT, '{}', false);
    expect(p.stdout.startsWith('Deployment Error executing template: template: output:1:21: executing "output" at <.metadata.name.x>: ')).toBe(true);
    expect(p.stdout.endsWith('\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] name:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:map[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resources:map[]]]]]] status:map[]]\n\n')).toBe(true);
  });
});
