// Progress export files: what import accepts and what it refuses (with the message the learner sees).
import { describe, expect, test } from 'vitest';
import { parseProgress } from '../../src/client/progress';

describe('progress import', () => {
  test('a valid export round-trips', () => {
    const p = { version: 1, labs: { 'first-pod': { done: 2, total: 2, complete: true } }, chapters: { pods: { visited: true } } };
    expect(parseProgress(JSON.stringify(p))).toEqual(p);
  });

  test('older exports without chapters still load', () => {
    expect(parseProgress('{"version":1,"labs":{}}')).toEqual({ version: 1, labs: {}, chapters: {} });
  });

  test('refuses what is not a progress export', () => {
    expect(parseProgress('not json')).toBe('The file is not JSON.');
    expect(parseProgress('{"version":2,"labs":{}}')).toBe('The file is not a Kubelab progress export.');
    expect(parseProgress('{"version":1,"labs":{"x":{"done":1}}}')).toBe('Lab x: unreadable entry.');
  });
});
