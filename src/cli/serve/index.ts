/**
 * `kubelab serve`: the simulated cluster's API on 127.0.0.1 for the real kubectl, k9s or client libraries.
 *
 *   kubelab serve [--port 6443] [--seed N] [--kubeconfig FILE] [--speed X] [--log-requests]
 *
 * Virtual time follows real time (times --speed). After every request the clock fires what is due now, so a watch
 * sees the consequences of a write at once instead of on the next tick.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { RealTimeDriver } from '../../sim/clock';
import { createWorld } from '../../sim/world';
import { loadSchemaDocs } from '../../sim/apiserver/schema';
import { serveKubeconfig } from './kubeconfig';
import { PortInUseError, startHttpServer } from './server';

export const SERVE_HELP = `Serve the simulated cluster's Kubernetes API on 127.0.0.1, for the real kubectl and other clients.

Usage:
  kubelab serve [options]

Options:
  --port PORT         Port to listen on (default 6443; 0 picks a free one)
  --seed N            Seed of the simulated world (default 1)
  --kubeconfig FILE   Where to write the kubeconfig (default ~/.kube/kubelab.yaml)
  --speed X           Virtual seconds per real second (default 1)
  --log-requests      Print one line per API request
  -h, --help          Show this help
`;

export interface ServeArgs {
  port: number;
  seed: number;
  kubeconfig: string;
  speed: number;
  logRequests: boolean;
}

export function parseServeArgs(argv: string[]): ServeArgs | { error: string } | 'help' {
  const a: ServeArgs = { port: 6443, seed: 1, kubeconfig: join(homedir(), '.kube', 'kubelab.yaml'), speed: 1, logRequests: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--port': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0 || v > 65535) return { error: `invalid port "${argv[i]}"` };
        a.port = v;
        break;
      }
      case '--seed': {
        const v = Number(value());
        if (!Number.isInteger(v)) return { error: `invalid seed "${argv[i]}"` };
        a.seed = v;
        break;
      }
      case '--speed': {
        const v = Number(value());
        if (!(v >= 0)) return { error: `invalid speed "${argv[i]}"` };
        a.speed = v;
        break;
      }
      case '--kubeconfig': {
        const v = value();
        if (!v) return { error: '--kubeconfig needs a file name' };
        a.kubeconfig = resolve(v);
        break;
      }
      case '--log-requests':
        a.logRequests = true;
        break;
      default:
        return { error: `unknown flag: ${arg}` };
    }
  }
  return a;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`kubelab serve: ${parsed.error}\nRun 'kubelab serve --help' for usage.\n`);
    return 1;
  }
  // Field descriptions in /openapi/v3 (what the real kubectl explain prints) are loaded lazily; serve needs them.
  await loadSchemaDocs();
  const world = createWorld({ seed: parsed.seed });
  const handler = world.api('mini-cluster');
  if (!handler) {
    process.stderr.write('kubelab serve: the simulated cluster did not start\n');
    return 1;
  }
  let server;
  try {
    server = await startHttpServer(handler, {
      port: parsed.port,
      onRequest: (r, code) => {
        world.clock.runDue();
        if (parsed.logRequests) process.stdout.write(`${r.method} ${r.path}${r.query && Object.keys(r.query).length ? '?' + new URLSearchParams(r.query as Record<string, string>).toString() : ''} ${code}\n`);
      },
    });
  } catch (e) {
    if (e instanceof PortInUseError) {
      process.stderr.write(`kubelab serve: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const driver = new RealTimeDriver(world.clock, {
    now: () => Date.now(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  });
  driver.speed = parsed.speed;
  driver.start();

  mkdirSync(dirname(parsed.kubeconfig), { recursive: true });
  writeFileSync(parsed.kubeconfig, serveKubeconfig({ server: server.url, name: 'k3d-mini-cluster' }));
  process.stdout.write(
    `Serving the simulated cluster "mini-cluster" at ${server.url}\n` +
      `kubeconfig written to ${parsed.kubeconfig} (context k3d-mini-cluster)\n` +
      `Try: KUBECONFIG=${parsed.kubeconfig} kubectl get nodes\n` +
      `Press Ctrl-C to stop.\n`,
  );

  return await new Promise<number>((done) => {
    const stop = () => {
      driver.stop();
      void server!.close().then(() => {
        process.stdout.write('Stopped.\n');
        done(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
