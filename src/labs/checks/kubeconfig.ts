/**
 * `kubeconfig:` — the learner's kubeconfig file (default ~/.kube/config, where k3d writes its entries named
 * k3d-<cluster>, per k3d-io/k3d pkg/client/kubeconfig.go): which contexts exist and which one is current.
 */
import { parse as parseYaml } from 'yaml';
import { missing, result, type Part } from './common';
import { readLearnerFile } from './files';
import type { CheckKind } from './types';

type Kubeconfig = { contexts?: { name: string }[]; 'current-context'?: string } | null;

// A kubeconfig with certificates takes milliseconds to parse and grading runs on every cluster change.
let last: { text: string; cfg: Kubeconfig | 'invalid' } | undefined;

function parseCached(text: string): Kubeconfig | 'invalid' {
  if (last?.text === text) return last.cfg;
  let cfg: Kubeconfig | 'invalid';
  try {
    cfg = parseYaml(text);
  } catch {
    cfg = 'invalid';
  }
  last = { text, cfg };
  return cfg;
}

export const kubeconfigCheck: CheckKind = {
  key: 'kubeconfig',
  subject: 'mapping',
  fields: { path: 'string', contexts: 'strings', currentContext: 'string', noContexts: 'strings' },
  async evaluate(spec, ctx) {
    const path = typeof spec.path === 'string' ? spec.path : '~/.kube/config';
    const subject = `kubeconfig ${path}`;
    const text = readLearnerFile(path, ctx);
    if (text === undefined) return missing(subject, 'the file to exist', 'no such file');
    const cfg = parseCached(text);
    if (cfg === 'invalid') return missing(subject, 'valid YAML', 'a file that does not parse as YAML');
    const names = (cfg?.contexts ?? []).map((c) => c?.name).filter(Boolean) as string[];
    const current = cfg?.['current-context'] || '';
    const parts: Part[] = [];
    const listed = names.length ? names.join(', ') : 'none';
    if (Array.isArray(spec.contexts)) {
      for (const want of spec.contexts as string[]) parts.push({ pass: names.includes(want), expected: `a context named ${want}`, actual: `contexts ${listed}` });
    }
    if (Array.isArray(spec.noContexts)) {
      for (const gone of spec.noContexts as string[]) parts.push({ pass: !names.includes(gone), expected: `no context named ${gone}`, actual: `context ${gone} still present` });
    }
    if (typeof spec.currentContext === 'string') parts.push({ pass: current === spec.currentContext, expected: `current context ${spec.currentContext}`, actual: current ? `current context ${current}` : 'no current context' });
    return result(subject, parts.length ? parts : [{ pass: true, expected: 'exists', actual: '' }]);
  },
};
