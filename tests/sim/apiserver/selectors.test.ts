import { describe, expect, it } from 'vitest';
import { matchLabels, parseLabelSelector } from '../../../src/sim/apiserver/selectors/labels';
import { parseFieldSelector } from '../../../src/sim/apiserver/selectors/fields';

describe('label selector parser', () => {
  it('parses equality, set-based, existence and comparison requirements', () => {
    expect(parseLabelSelector('a=b,c==d,e!=f')).toEqual([
      { key: 'a', op: '=', values: ['b'] },
      { key: 'c', op: '=', values: ['d'] },
      { key: 'e', op: '!=', values: ['f'] },
    ]);
    expect(parseLabelSelector('x in (foo,,baz),y,!z, w notin ()')).toEqual([
      { key: 'x', op: 'in', values: ['foo', '', 'baz'] },
      { key: 'y', op: 'exists', values: [] },
      { key: 'z', op: '!', values: [] },
      { key: 'w', op: 'notin', values: [''] },
    ]);
    expect(parseLabelSelector('app.kubernetes.io/name=web, n>3')).toEqual([
      { key: 'app.kubernetes.io/name', op: '=', values: ['web'] },
      { key: 'n', op: 'gt', values: ['3'] },
    ]);
    expect(parseLabelSelector('a=')).toEqual([{ key: 'a', op: '=', values: [''] }]);
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('reports errors with the upstream texts', () => {
    expect(() => parseLabelSelector('=b')).toThrow("found '=', expected: !, identifier, or 'end of string'");
    expect(() => parseLabelSelector('a=b,')).toThrow("found '', expected: identifier after ','");
    expect(() => parseLabelSelector('a in b')).toThrow("unable to parse requirement: found 'b' expected: '('");
    expect(() => parseLabelSelector('a b')).toThrow("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(() => parseLabelSelector('a=b c')).toThrow("found 'c', expected: ',' or 'end of string'");
  });

  it('matches as upstream: != and notin also select objects without the key', () => {
    const sel = parseLabelSelector('env!=prod,tier notin (db)');
    expect(matchLabels(sel, { app: 'x' })).toBe(true);
    expect(matchLabels(sel, { env: 'prod' })).toBe(false);
    expect(matchLabels(parseLabelSelector('n<5'), { n: '3' })).toBe(true);
    expect(matchLabels(parseLabelSelector('n<5'), { n: 'x' })).toBe(false);
  });
});

describe('field selector parser', () => {
  it('parses =, == and != with escapes', () => {
    expect(parseFieldSelector('metadata.name=a\\,b,status.phase!=Running,spec.nodeName==')).toEqual([
      { field: 'metadata.name', op: '=', value: 'a,b' },
      { field: 'status.phase', op: '!=', value: 'Running' },
      { field: 'spec.nodeName', op: '=', value: '' },
    ]);
    expect(() => parseFieldSelector('metadata.name')).toThrow("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  });
});
