/**
 * The `kubelab` command: `shell`, `run`, `serve`, `lab`. bin/kubelab.mjs calls main(argv) and exits with its status.
 * `serve` and `lab` live in their own modules, loaded only when asked for.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HELP = `kubelab: a Kubernetes course on a simulated k3s cluster

Usage:
  kubelab <command> [options]

Commands:
  shell     Open the simulated machine in this terminal (bash, kubectl, k3d)
  run       Run a script in virtual time and print the transcript
  serve     Serve the simulated cluster's API so that the real kubectl can use it
  lab       List, check and solve the course labs

Options:
  -h, --help   Show this help

Run 'kubelab <command> --help' for a command's options.
`;

type Entry = (argv: string[]) => Promise<number>;

/** Loads an optional module that exports main/run/serve/default as (argv) => Promise<number>. */
async function optional(candidates: string[], names: string[]): Promise<Entry | undefined> {
  for (const rel of candidates) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(fileURLToPath(url))) continue;
    const mod = (await import(url.href)) as Record<string, unknown>;
    for (const n of names) if (typeof mod[n] === 'function') return mod[n] as Entry;
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return cmd === undefined ? 1 : 0;
      case 'shell': {
        const { shellCommand } = await import('./shell');
        return await shellCommand(rest);
      }
      case 'run': {
        const { runCommand } = await import('./run');
        return await runCommand(rest, {
          stdout: (t) => void process.stdout.write(t),
          stderr: (t) => void process.stderr.write(t),
          stdin: async () => {
            let text = '';
            process.stdin.setEncoding('utf8');
            for await (const chunk of process.stdin) text += chunk;
            return text;
          },
        });
      }
      case 'serve': {
        const entry = await optional(['./serve.ts', './serve/index.ts', './serve/cli.ts', './serve/main.ts'], ['main', 'serveCommand', 'serve', 'default']);
        if (!entry) {
          process.stderr.write('kubelab: serve is not part of this build\n');
          return 1;
        }
        return await entry(rest);
      }
      case 'lab': {
        const entry = await optional(['../labs/cli.ts', '../labs/cli/index.ts'], ['main', 'labCommand', 'lab', 'default']);
        if (!entry) {
          process.stderr.write('kubelab: lab is not part of this build\n');
          return 1;
        }
        return await entry(rest);
      }
      default:
        process.stderr.write(`kubelab: unknown command "${cmd}"\nRun 'kubelab --help' for usage.\n`);
        return 2;
    }
  } catch (e) {
    process.stderr.write(`kubelab ${cmd}: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}
