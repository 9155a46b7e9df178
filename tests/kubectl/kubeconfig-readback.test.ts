// The kubeconfig is read on every kubectl command without the YAML parser when it holds what the printer wrote
// (src/kubectl/printers/yamlreadback.ts); anything else goes to the `yaml` package, loaded on demand. The
// read-back must decode exactly as the parser does, or answer undefined.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { toYaml } from '../../src/kubectl/printers/yaml';
import { readBackYaml } from '../../src/kubectl/printers/yamlreadback';
import { KubeconfigNotPrepared, loadKubeconfig, prepareKubeconfig, saveKubeconfig, type KubeConfig } from '../../src/kubectl/kubeconfig';
import { yamlParser } from '../../src/kubectl/resource/yamlparser';
import { MemoryFS } from '../../src/shell/vfs';

const K3D: KubeConfig = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [{ name: 'k3d-dev', cluster: { 'certificate-authority-data': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTTNNdGMyVnkK', server: 'https://0.0.0.0:41235' } }],
  contexts: [{ name: 'k3d-dev', context: { cluster: 'k3d-dev', user: 'admin@k3d-dev', namespace: 'team-a' } }],
  users: [{ name: 'admin@k3d-dev', user: { 'client-certificate-data': 'LS0tLS1CRUdJTg==', 'client-key-data': 'LS0tLS1CRUdJTiBFQw==' } }],
  'current-context': 'k3d-dev',
  preferences: {},
};

describe('reading back the printer\'s YAML', () => {
  test('a kubeconfig as k3d writes it decodes as the parser decodes it', () => {
    const text = toYaml(K3D);
    expect(readBackYaml(text)).toEqual(parse(text));
    expect(readBackYaml(toYaml({ ...K3D, clusters: null, contexts: null, users: null }))).toEqual({ ...K3D, clusters: null, contexts: null, users: null });
    expect(readBackYaml(toYaml({ a: [], b: {}, c: '', d: 'it\'s: here', e: 'yes', f: '0x1F', g: 7, h: true, i: [1, 'x'] }))).toEqual({ a: [], b: {}, c: '', d: 'it\'s: here', e: 'yes', f: '0x1F', g: 7, h: true, i: [1, 'x'] });
  });

  test('text the printer would not write is left to the parser', () => {
    for (const t of ['# only a comment\n', 'a: b # mine\n', 'a:\n  - x\n', 'a: 1.5\n', 'a: 010\n', 'a: &x b\n', 'a: |\n  x\n', 'a: b\n  c\n', 'a: True\n', 'a: {b: 1}\n', 'a: b', 'a:    b\n', 'a: "\\x41"\n', 'a: 1\na: 2\n'])
      expect(readBackYaml(t), t).toBeUndefined();
  });

  test('whole-line comments and blank lines, as a hand edit leaves them, are read past', () => {
    for (const t of ['# mine\napiVersion: v1\n', 'apiVersion: v1\n\nkind: Config\n', 'a:\n  # note\n  b: c\n\n# end\n']) expect(readBackYaml(t), t).toEqual(parse(t));
  });

  test('whatever it accepts is what the YAML parser reads (generated maps, sequences and scalars)', () => {
    const key = fc.oneof(fc.constantFrom('name', 'server', 'user', 'a-b', 'kubernetes.io/name', 'x_y', 'token'), fc.string({ maxLength: 6 }));
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('true', 'null', '1', '~', 'on', 'a: b', "it's", ' x', 'https://0.0.0.0:6443', '-x', '#x'), fc.integer(), fc.boolean(), fc.constant(null), fc.double());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (doc) => {
        const text = toYaml(doc);
        const back = readBackYaml(text);
        if (back === undefined) return;
        accepted++;
        expect(back).toEqual(parse(text));
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('loading the kubeconfig', () => {
  const env = { HOME: '/root' };
  test('what kubectl or k3d wrote reads back without the parser; a hand-edited file needs it prepared', async () => {
    const fs = new MemoryFS();
    saveKubeconfig(fs, '/root/.kube/config', structuredClone(K3D));
    const loaded = loadKubeconfig(fs, env, '/root');
    expect(loaded.config['current-context']).toBe('k3d-dev');
    expect(loaded.config.contexts![0].context.namespace).toBe('team-a');
    // callers get their own copy to change
    loaded.config.contexts![0].context.namespace = 'changed';
    expect(loadKubeconfig(fs, env, '/root').config.contexts![0].context.namespace).toBe('team-a');
    expect(yamlParser()).toBeUndefined();

    const written = fs.readFile('/root/.kube/config');
    fs.writeFile('/root/.kube/config', `# edited by hand\n\n${written.replace('team-a', 'team-b')}`);
    expect(loadKubeconfig(fs, env, '/root').config.contexts![0].context.namespace).toBe('team-b');
    expect(yamlParser()).toBeUndefined();

    fs.writeFile('/root/.kube/config', written.replace('namespace: team-a', 'namespace: team-b # by hand'));
    expect(() => loadKubeconfig(fs, env, '/root')).toThrow(KubeconfigNotPrepared);
    await prepareKubeconfig(fs, env, '/root');
    expect(yamlParser()).toBeDefined();
    expect(loadKubeconfig(fs, env, '/root').config.contexts![0].context.namespace).toBe('team-b');

    fs.writeFile('/root/.kube/config', 'clusters: [\n');
    await prepareKubeconfig(fs, env, '/root');
    expect(() => loadKubeconfig(fs, env, '/root')).toThrow(/^error loading config file "\/root\/.kube\/config": /);
  });
});
