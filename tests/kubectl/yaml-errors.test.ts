/**
 * Manifest decoding errors read as kubectl 1.31's (go-yaml v2 through sigs.k8s.io/yaml, encoding/json, and the
 * client-side apiVersion/kind checks). The expected texts were taken from the real kubectl; when it is on this
 * machine the same inputs also go through it (`apply --dry-run=client` fails while parsing, before any request).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifestText, splitYamlDocuments } from '../../src/kubectl/resource/manifests';
import { findKubectl, KUBECTL_SKIP_REASON } from '../helpers/real-kubectl';

const Y = 'error converting YAML to JSON: yaml: ';
const POD = 'apiVersion: v1\nkind: Pod\n';
const CASES: [string, string, string][] = [
  ['unclosed flow sequence', `${POD}metadata:\n  name: [x\n`, `error parsing f.yaml: ${Y}line 4: did not find expected ',' or ']'`],
  ['unclosed flow sequence, more lines', `${POD}spec:\n  containers:\n  - name: a\n    args: ["a", "b"\n    image: nginx\n`, `error parsing f.yaml: ${Y}line 6: did not find expected ',' or ']'`],
  ['unclosed flow sequence, no newline', `${POD}metadata:\n  name: [x`, `error parsing f.yaml: ${Y}line 4: did not find expected ',' or ']'`],
  ['unclosed flow mapping', `${POD}metadata: {name: x\nspec: {}\n`, `error parsing f.yaml: ${Y}line 3: did not find expected ',' or '}'`],
  ['more indented key', `${POD}metadata:\n  name: x\n   labels: y\n`, `error parsing f.yaml: ${Y}line 5: mapping values are not allowed in this context`],
  ['two colons', `${POD}metadata:\n  name: x: y\n`, `error parsing f.yaml: ${Y}line 4: mapping values are not allowed in this context`],
  ['less indented key', `${POD}metadata:\n    name: x\n  labels: {}\n`, `error parsing f.yaml: ${Y}line 4: did not find expected key`],
  ['sequence item misaligned', `${POD}spec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n`, `error parsing f.yaml: ${Y}line 6: did not find expected key`],
  ['list after mapping', `${POD}metadata:\n  name: x\n- foo\n`, `error parsing f.yaml: ${Y}line 4: did not find expected key`],
  ['tab indentation', `${POD}metadata:\n\tname: x\n`, `error parsing f.yaml: ${Y}line 4: found character that cannot start any token`],
  ['tab inside a scalar', `${POD}spec:\n  containers:\n  - name: a\n\t  image: b\n`, `error parsing f.yaml: ${Y}line 6: found a tab character that violates indentation`],
  ['missing space after colon', 'apiVersion: v1\nkind:Pod\nmetadata:\n  name: x\n', `error parsing f.yaml: ${Y}line 3: could not find expected ':'`],
  ['unclosed quote', `${POD}metadata:\n  name: "x\nspec:\n  containers: []\n`, `error parsing f.yaml: ${Y}line 7: found unexpected end of stream`],
  ['reserved character', `${POD}metadata:\n  name: @x\n`, `error parsing f.yaml: ${Y}line 4: found character that cannot start any token`],
  ['stray closing bracket', `${POD}metadata: ]\n`, `error parsing f.yaml: ${Y}line 2: did not find expected node content`],
  ['unknown escape', `${POD}metadata:\n  name: "a\\qb"\n`, `error parsing f.yaml: ${Y}line 4: found unknown escape character`],
  ['unknown anchor', `${POD}metadata:\n  name: *x\n`, `error parsing f.yaml: ${Y}unknown anchor 'x' referenced`],
  ['second document, lines count from it', `# c\n---\n${POD}metadata:\n  name: [x\n`, `error parsing f.yaml: ${Y}line 4: did not find expected ',' or ']'`],
  ['truncated JSON', '{"apiVersion": "v1", "kind": "Pod",\n', 'error parsing f.yaml: unexpected EOF'],
  ['JSON missing comma', '{"apiVersion": "v1" "kind": "Pod"}\n', `error parsing f.yaml: json: offset 21: invalid character '"' after object key:value pair`],
  ['JSON trailing comma', '{"apiVersion": "v1", "kind": "Pod",}\n', `error parsing f.yaml: json: offset 36: invalid character '}' looking for beginning of object key string`],
  ['kind missing', 'apiVersion: v1\nmetadata:\n  name: x\n', 'error validating "f.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false'],
  ['both missing', 'metadata:\n  name: x\n', 'error validating "f.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false'],
  ['not an object', 'hello\n', 'error validating "f.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false'],
];

async function ours(text: string): Promise<string> {
  try {
    await parseManifestText(text, 'f.yaml', true);
    return '(no error)';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('manifest decoding errors', () => {
  for (const [name, text, want] of CASES) it(name, async () => expect(await ours(text)).toBe(want));

  it('accepts repeated keys, the last one winning (go-yaml v2)', async () => {
    const [m] = await parseManifestText(`${POD}kind: Service\nmetadata:\n  name: x\n`, 'f.yaml', true);
    expect(m.obj.kind).toBe('Service');
  });

  it('splits documents on --- lines only and refuses content after the dashes', () => {
    expect(splitYamlDocuments('a: 1\n---\nb: 2\n--- # note\nc: 3')).toEqual(['a: 1\n', 'b: 2\n', 'c: 3']);
    expect(() => splitYamlDocuments('a: 1\n--- b\n')).toThrow('invalid Yaml document separator: b');
  });

  it('without validation a missing kind is a decode error', async () => {
    await expect(parseManifestText('apiVersion: v1\nmetadata:\n  name: x\n', 'f.yaml', false)).rejects.toThrow(`unable to decode "f.yaml": Object 'Kind' is missing`);
  });
});

describe('manifest decoding errors against the real kubectl', () => {
  const bin = findKubectl('1.31');
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-yaml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  if (!bin) {
    it.skip(KUBECTL_SKIP_REASON('1.31'), () => {});
    return;
  }
  it('prints the same text for every case', async () => {
    const mismatches: string[] = [];
    for (const [name, text] of CASES) {
      writeFileSync(join(dir, 'f.yaml'), text);
      let real = '';
      try {
        execFileSync(bin, ['apply', '-f', 'f.yaml', '--dry-run=client', '-s', 'http://127.0.0.1:1'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 20_000 });
      } catch (e) {
        real = String((e as { stderr?: string }).stderr ?? '');
      }
      const mine = `error: ${await ours(text)}\n`;
      if (real !== mine) mismatches.push(`${name}\n  real: ${real}  ours: ${mine}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
