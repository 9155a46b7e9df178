/** A small scripted LabHost: a real API server (no controllers) and a fake shell knowing a few commands. */
import { ApiServer } from '../../src/sim/apiserver/server';
import { VirtualClock } from '../../src/sim/clock';
import { Random } from '../../src/sim/random';
import { ApiClient } from '../../src/sim/client/client';
import { R } from '../../src/sim/client/resources';
import type { LabHost } from '../../src/labs/host';
import { apiObjectSource } from '../../src/labs/source';

export function scriptedHost(): LabHost & { lines: string[]; clock: VirtualClock } {
  const clock = new VirtualClock();
  const server = new ApiServer({ clock, random: new Random(3) });
  const client = new ApiClient(server);
  client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const files = new Map<string, string>();
  const lines: string[] = [];
  return {
    home: '/root',
    lines,
    clock,
    async run(line) {
      lines.push(line);
      let m: RegExpMatchArray | null;
      if ((m = line.match(/^echo (\S+) > (\S+)$/))) {
        files.set(m[2].replace(/^~/, '/root'), m[1] + '\n');
        return { code: 0, stdout: '', stderr: '' };
      }
      if ((m = line.match(/^kubectl create configmap (\S+) --from-literal=(\w+)=(\S+)$/))) {
        client.create(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: m[1] }, data: { [m[2]]: m[3] } });
        return { code: 0, stdout: `configmap/${m[1]} created\n`, stderr: '' };
      }
      return { code: 127, stdout: '', stderr: `bash: ${line.split(' ')[0]}: command not found\n` };
    },
    async advance(seconds) {
      clock.advance(seconds * 1000);
    },
    writeFile(path, content) {
      files.set(path, content);
    },
    api: () => server,
    evalContext: () => ({ objects: apiObjectSource(server), home: '/root', files: { read: (p) => files.get(p) } }),
  };
}

/** A lab this host can play: seed, solution and a wrong variant. */
export const LAB = `
id: settings
title: Settings
chapter: pods
summary: Store a setting.
seed:
  files:
    - { path: notes.txt, content: "colour?\\n" }
  steps:
    - apply: |
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: old }
        data: { colour: red }
    - { wait: 5 }
    - echo seeded > ~/seed.txt
tasks:
  - title: Make a ConfigMap settings with colour blue
    description: d
    checks:
      - { object: { resource: configmaps, name: settings, field: data.colour, equals: blue } }
  - title: Write blue in answer.txt
    description: d
    checks:
      - { file: ~/answer.txt, equals: blue }
solution:
  - kubectl create configmap settings --from-literal=colour=blue
  - echo blue > ~/answer.txt
variants:
  - name: wrong colour
    steps:
      - kubectl create configmap settings --from-literal=colour=green
      - echo blue > ~/answer.txt
    expect: "expected data.colour = blue, found data.colour = green"
`;
