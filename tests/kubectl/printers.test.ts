/** Unit tests for the pieces kubectl prints with: tabwriter, HumanDuration, YAML/JSON, jsonpath, flags. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tabify, TABLE_TABS, DESCRIBE_TABS, TabWriter } from '../../src/kubectl/printers/tabwriter';
import { humanDuration } from '../../src/kubectl/printers/duration';
import { toYaml, yamlKeyLess } from '../../src/kubectl/printers/yaml';
import { toJson, toCompactJson } from '../../src/kubectl/printers/json';
import { executeJsonPath, JsonPathError } from '../../src/kubectl/printers/jsonpath';
import { parseFlags, FlagError } from '../../src/kubectl/cli/flags';
import { suggestionsFor } from '../../src/kubectl/cli/tree';

describe('tabwriter', () => {
  it('pads columns to the widest cell plus 3, at least 6, and never pads the last column', () => {
    expect(tabify('X\tN\tNAME\nlonger\t1\tz\n', TABLE_TABS)).toBe('X        N     NAME\nlonger   1     z\n');
  });
  it('keeps an empty last cell padded (trailing spaces), as -L with no value shows', () => {
    expect(tabify('NAME\tAPP\nweb\t\n', TABLE_TABS)).toBe('NAME   APP\nweb    \n');
  });
  it('aligns describe key/value runs only within consecutive tabbed lines', () => {
    expect(tabify('Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\n', DESCRIBE_TABS)).toBe('Name:       web\nNamespace:  default\nIPs:\n  IP:  10.0.0.1\n');
  });
  it('remembers widths across flushes for watch rows', () => {
    const w = new TabWriter({ ...TABLE_TABS, rememberWidths: true });
    w.write('NAME\tSTATUS\nlong-pod-name\tRunning\n');
    const first = w.flush();
    w.write('x\tPending\n');
    expect(first).toBe('NAME            STATUS\nlong-pod-name   Running\n');
    expect(w.flush()).toBe('x               Pending\n');
  });
});

describe('HumanDuration', () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-0.5 * s, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [194 * s, '3m14s'],
    [300 * s, '5m'],
    [179 * 60 * s, '179m'],
    [(3 * 3600 + 9 * 60) * s, '3h9m'],
    [5 * 3600 * s, '5h'],
    [47 * 3600 * s, '47h'],
    [(4 * 24 + 23) * 3600 * s, '4d23h'],
    [364 * 24 * 3600 * s, '364d'],
    [(2 * 365 + 15) * 24 * 3600 * s, '2y15d'],
    [9 * 365 * 24 * 3600 * s, '9y'],
  ];
  for (const [ms, want] of cases) it(`${ms}ms → ${want}`, () => expect(humanDuration(ms)).toBe(want));
});

describe('YAML and JSON as kubectl prints them', () => {
  it('sorts keys like go-yaml (digit runs numerically, non-letters first)', () => {
    expect(['a10', 'a9', 'a-b', 'ab'].sort((x, y) => (yamlKeyLess(x, y) ? -1 : 1))).toEqual(['a-b', 'a9', 'a10', 'ab']);
  });
  it('puts list dashes at the parent key column and quotes ambiguous strings', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', args: ['sleep', '10'] }] }, on: 'yes' })).toBe('"on": "yes"\nspec:\n  containers:\n  - args:\n    - sleep\n    - "10"\n    name: a\n');
  });
  it('prints JSON with 4 spaces, sorted keys and HTML-safe escapes', () => {
    expect(toJson({ b: 1, a: '<x>' })).toBe('{\n    "a": "\\u003cx\\u003e",\n    "b": 1\n}');
    expect(toCompactJson({ b: [1], a: {} })).toBe('{"a":{},"b":[1]}');
  });
});

describe('jsonpath', () => {
  const data = { items: [{ metadata: { name: 'a', labels: { run: 'a' } }, status: { phase: 'Running' } }, { metadata: { name: 'b' }, status: { phase: 'Pending' } }] };
  it('joins results with spaces and prints maps as JSON', () => {
    expect(executeJsonPath('{.items[*].metadata.name}', data)).toBe('a b');
    expect(executeJsonPath('{.items[0].metadata.labels}', data)).toBe('{"run":"a"}');
  });
  it('filters, ranges and literals', () => {
    expect(executeJsonPath('{.items[?(@.status.phase=="Running")].metadata.name}', data)).toBe('a');
    expect(executeJsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}', data)).toBe('a\nb\n');
  });
  it('prints nothing for a missing field and fails on an unclosed action', () => {
    expect(executeJsonPath('{.nope}', data)).toBe('');
    expect(() => executeJsonPath('{.items', data)).toThrow(JsonPathError);
  });
});

describe('flags (pflag rules)', () => {
  const specs = [
    { name: 'namespace', short: 'n', type: 'string' as const, def: '' },
    { name: 'stdin', short: 'i', type: 'bool' as const, def: 'false' },
    { name: 'tty', short: 't', type: 'bool' as const, def: 'false' },
    { name: 'replicas', short: 'r', type: 'int' as const, def: '1' },
  ];
  it('parses stacked shorthands, = forms and stops at --', () => {
    const p = parseFlags(['-it', 'pod', '-n=dev', '--replicas', '3', '--', 'sh', '-c', 'ls'], specs);
    expect(p.values.get('stdin')).toBe(true);
    expect(p.values.get('tty')).toBe(true);
    expect(p.values.get('namespace')).toBe('dev');
    expect(p.values.get('replicas')).toBe(3);
    expect(p.args).toEqual(['pod', 'sh', '-c', 'ls']);
    expect(p.dashAt).toBe(1);
  });
  it('reports pflag errors', () => {
    expect(() => parseFlags(['--foo'], specs)).toThrow(new FlagError('unknown flag: --foo'));
    expect(() => parseFlags(['-z'], specs)).toThrow(new FlagError("unknown shorthand flag: 'z' in -z"));
    expect(() => parseFlags(['-n'], specs)).toThrow(new FlagError("flag needs an argument: 'n' in -n"));
    expect(() => parseFlags(['-r', 'x'], specs)).toThrow(new FlagError('invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'));
  });
  it('suggests commands in help-group order', () => {
    expect(suggestionsFor('gt')).toEqual(['set', 'get', 'cp']);
    expect(suggestionsFor('desribe')).toEqual(['describe']);
  });
});

describe('determinism', () => {
  it('src/kubectl never reads the wall clock or Math.random', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(__dirname, '..', '..', 'src', 'kubectl'));
    const bad = files.filter((f) => /Date\.now\(|new Date\(\)|Math\.random|performance\.now|setTimeout\(/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
