/**
 * The lab's view of the machine: seed commands run in a shell on it (virtual time driven to the end), checks read
 * the cluster the kubeconfig points at and the learner's files.
 */
import { Canceller } from '../shell/io';
import type { Shell } from '../shell/session';
import type { LabHost } from '../labs/host';
import { currentServer, machineContext, type Machine } from '../labs/machine';
import type { EngineWorld } from './engine';
import type { WorldAdapter } from './world-engine';

const HOME = '/root';

export function worldLabHost(world: EngineWorld): LabHost {
  const w = world as WorldAdapter;
  let seedShell: Shell | undefined;
  const machine = (): Machine => ({
    fs: w.machineFs(),
    home: HOME,
    resolveServer: (url) => w.inner.resolveServer(url),
    clusters: {
      clusters: () =>
        w.inner.k3d.listClusters().map((c) => ({
          name: c.name,
          servers: { running: c.serversRunning, total: c.serversCount },
          agents: { running: c.agentsRunning, total: c.agentsCount },
        })),
    },
  });
  return {
    home: HOME,
    async run(line) {
      seedShell ??= w.newShell();
      let stdout = '';
      let stderr = '';
      const signal = new Canceller();
      const code = await w.drive(
        seedShell.exec(line, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, signal),
        () => signal.abort(),
      );
      await w.letTimePass(1000);
      return { code, stdout, stderr };
    },
    advance: (seconds) => w.letTimePass(seconds * 1000),
    writeFile(path, content) {
      const fs = w.machineFs();
      fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      fs.writeFile(path, content);
    },
    api() {
      const s = currentServer(machine());
      return 'error' in s ? undefined : s.handler;
    },
    evalContext: () => machineContext(machine()),
  };
}
