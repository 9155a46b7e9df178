/**
 * What runs inside a container: the image's default process, or the `command`/`args` the pod spec gives,
 * interpreted against the catalog entry (docker semantics: `command` replaces ENTRYPOINT and drops CMD, `args`
 * replaces CMD). A process is a generator of actions the kubelet paces on the virtual clock; it holds no timers
 * itself, so the kubelet can snapshot it as (argv, steps done) and replay it.
 */
import { piDigits } from './pi';
import type { ResolvedImage } from './registry';
import { versionOf } from './registry';
import { containerShell, loadContainerShell } from './container-shell';
import { formatDate } from './strftime';
import type { HttpBehaviour } from './types';

export type ProcessAction =
  | { type: 'out'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'sleep'; ms: number }
  /** Listening and idle until a signal arrives. */
  | { type: 'serve' }
  /** Code the process needs is still loading (see ./container-shell): the runtime resumes it when it is in. */
  | { type: 'load'; done: Promise<unknown> };

export interface HttpResult {
  status: number;
  statusText: string;
  body: string;
  /** `10.43.12.7:80`, as wget prints it when connecting. */
  address: string;
}

export interface ProcessContext {
  now(): number;
  hostname: string;
  podIP: string;
  kernel: string;
  env: Record<string, string>;
  /** The container's files (hostname, resolv.conf, mounted ConfigMaps …) and whatever the process writes. */
  fs: Map<string, string>;
  /** HTTP from inside the pod (wget, curl), answered by the network module when one is wired. */
  http?(url: string): HttpResult | { error: string; waitMs?: number };
  dns?(name: string): { server: string; answers: { name: string; address: string }[] };
  /** The process identity from the securityContext (runAsUser/runAsGroup, fsGroup and supplementalGroups); root when absent. */
  identity?: { uid: number; gid: number; groups: number[] };
  /** readOnlyRootFilesystem: only paths under these (writable volume mounts) can be written. */
  readOnlyRoot?: { writable: string[] };
  /** Whether a path is on a read-only mount (configMap, secret, projected volumes, `readOnly: true` mounts). */
  readOnlyAt?(path: string): boolean;
}

export type ProcessRun = (ctx: ProcessContext) => Generator<ProcessAction, number, void>;

export interface Program {
  argv: string[];
  run: ProcessRun;
  /** Ports the process listens on once it serves. */
  ports: number[];
  http?: HttpBehaviour;
  /** PID 1 without a SIGTERM handler (a shell, sleep) ignores it and is SIGKILLed at the end of the grace period. */
  sigterm: 'exit' | 'ignore';
  /** Runs through the container shell, whose code loads on first use (the kubelet asks for it at create). */
  needsShell?: boolean;
}

export type PlanResult = { program: Program } | { startError: string };

export interface ContainerSpecLike {
  command?: string[];
  args?: string[];
}

/** containerd's wording when the entrypoint does not exist in the image (runc create, exec lookup). */
export function notFoundStartError(bin: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${bin}": executable file not found in $PATH: unknown`;
}

export function planProcess(img: ResolvedImage, c: ContainerSpecLike): PlanResult {
  const e = img.entry;
  const entrypoint = c.command ?? e.entrypoint ?? [];
  const cmd = c.command ? c.args ?? [] : c.args ?? e.cmd ?? [];
  const argv = [...entrypoint, ...cmd];
  // A command naming the image's own program (`local-path-provisioner start …`, `nginx -g …`) runs the image's
  // behaviour, not a shell.
  const own = [...(e.entrypoint ?? []), ...(e.cmd ?? [])].map((a) => a.split('/').pop());
  const namesOwnProgram = !!c.command?.length && e.process.kind === 'server' && !isShellName(c.command[0]) && own.includes(c.command[0].split('/').pop());
  const isDefault = (!c.command && !c.args) || namesOwnProgram;
  if (!argv.length) return { startError: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: no command specified: unknown' };

  const version = versionOf(img);
  const fill = (line: string, ctx: ProcessContext) =>
    line
      .replace(/\{nginxTime\}|\{goTime\}/g, () => formatDate(ctx.now(), '%Y/%m/%d %H:%M:%S'))
      .replace(/\{redisTime\}/g, () => formatDate(ctx.now(), '%d %b %Y %H:%M:%S') + '.' + String(ctx.now() % 1000).padStart(3, '0'))
      .replace(/\{httpdTime\}/g, () => formatDate(ctx.now(), '%a %b %d %H:%M:%S') + '.' + String((ctx.now() % 1000) * 1000).padStart(6, '0') + ' ' + formatDate(ctx.now(), '%Y'))
      .replace(/\{iso\}/g, () => new Date(ctx.now()).toISOString())
      .replace(/\{hostname\}/g, ctx.hostname)
      .replace(/\{podIP\}/g, ctx.podIP)
      .replace(/\{kernel\}/g, ctx.kernel)
      .replace(/\{version\}/g, version);

  const p = e.process;
  // The image's own process, or an args-only override of an image whose behaviour reads its flags.
  // An entrypoint script (docker-library's docker-entrypoint.sh, curlimages' entrypoint.sh) execs its args when they
  // name another program (`-- sh -c "curl …"`, `-- sleep 3600`); flags or the image's own program keep its behaviour.
  const script = /entrypoint\.sh$/.test(e.entrypoint?.[0] ?? '') || p.kind === 'batch';
  const ownNames = [...(e.entrypoint ?? []), ...(e.cmd ?? [])].map((a) => a.split('/').pop());
  const argsNameProgram = script && !c.command && !!c.args?.length && !c.args[0].startsWith('-') && !ownNames.includes(c.args[0].split('/').pop()) && (e.binaries.includes('*') || e.binaries.includes(c.args[0]) || e.binaries.includes(c.args[0].split('/').pop()!));
  if (argsNameProgram) return planProcess(img, { command: c.args });
  if (isDefault || (!c.command && (p.kind === 'server' || (p.kind === 'batch' && !argsNameProgram)) && !isShellName(e.entrypoint?.[0] ?? cmd[0] ?? ''))) {
    if (p.kind === 'server') {
      const http = p.http?.kind === 'http-echo' ? { kind: 'static' as const, body: httpEchoText(argv) + '\n', contentType: 'text/plain; charset=utf-8' } : p.http;
      const ports = p.http?.kind === 'http-echo' ? [httpEchoPort(argv)] : p.ports;
      if (e.repository.endsWith('/agnhost')) return agnhost(argv, isDefault);
      return {
        program: {
          argv,
          ports,
          http,
          sigterm: e.sigterm,
          *run(ctx) {
            if (p.requiredEnv && !p.requiredEnv.anyOf.some((k) => ctx.env[k])) {
              yield { type: 'out', stream: 'stderr', text: p.requiredEnv.error.map((l) => fill(l, ctx) + '\n').join('') };
              return 1;
            }
            if (p.logs?.length) yield { type: 'out', stream: 'stdout', text: p.logs.map((l) => fill(l, ctx) + '\n').join('') };
            yield { type: 'serve' };
            return 0;
          },
        },
      };
    }
    if (p.kind === 'batch') {
      return {
        program: {
          argv, ports: [], sigterm: e.sigterm,
          *run(ctx) {
            yield { type: 'sleep', ms: p.ms };
            yield { type: 'out', stream: 'stdout', text: p.logs.map((l) => fill(l, ctx) + '\n').join('') };
            return p.exitCode;
          },
        },
      };
    }
    if (p.kind === 'interactive' && isDefault) {
      // No TTY and no stdin: the shell or REPL reads EOF and exits 0 at once, hence the classic CrashLoopBackOff.
      return { program: { argv, ports: [], sigterm: e.sigterm, *run() { return 0; } } };
    }
  }

  const bin = argv[0];
  const base = bin.split('/').pop()!;
  const has = (b: string) => e.binaries.includes('*') || e.binaries.includes(b.split('/').pop()!) || e.binaries.includes(b);
  if (!has(bin)) return { startError: notFoundStartError(bin) };

  // perl: the docs' pi Job, or any one-liner we cannot run (prints nothing, exits 0).
  if (base === 'perl' || base.startsWith('perl5')) {
    const m = argv.join(' ').match(/bpi\((\d+)\)/);
    return {
      program: {
        argv, ports: [], sigterm: 'exit',
        *run() {
          if (!m) return 0;
          const n = Number(m[1]);
          // bignum's bpi is slow: a few seconds for 2000 digits on a laptop.
          yield { type: 'sleep', ms: 2000 + n * 2 };
          yield { type: 'out', stream: 'stdout', text: piDigits(n) + '\n' };
          return 0;
        },
      },
    };
  }
  // stress (Amos Waterland's, in polinux/stress): forks the hogs its flags ask for and runs until killed or --timeout
  // (stress.c: "dispatching hogs" at start, "successful run completed" at the end). What the hogs use is the
  // metrics usage model's business (src/sim/metrics/usage.ts); a vm hog past the memory limit is OOM-killed.
  if (base === 'stress') {
    const n = (short: string, long: string) => {
      const i = argv.findIndex((a) => a === short || a === long);
      return i >= 0 ? Number(argv[i + 1]) || 0 : 0;
    };
    const timeout = /^(\d+)s?$/.exec(argv[argv.findIndex((a) => a === '-t' || a === '--timeout') + 1] ?? '');
    const hogs = `${n('-c', '--cpu')} cpu, ${n('-i', '--io')} io, ${n('-m', '--vm')} vm, ${n('-d', '--hdd')} hdd`;
    return {
      program: {
        argv, ports: [], sigterm: 'exit',
        *run() {
          yield { type: 'out', stream: 'stdout', text: `stress: info: [1] dispatching hogs: ${hogs}\n` };
          if (!timeout || !argv.some((a) => a === '-t' || a === '--timeout')) {
            yield { type: 'sleep', ms: Infinity };
            return 0;
          }
          yield { type: 'sleep', ms: Number(timeout[1]) * 1000 };
          yield { type: 'out', stream: 'stdout', text: `stress: info: [1] successful run completed in ${timeout[1]}s\n` };
          return 0;
        },
      },
    };
  }
  if (base === 'python' || base === 'python3') {
    const ci = argv.indexOf('-c');
    return {
      program: {
        argv, ports: [], sigterm: 'ignore',
        *run() {
          if (ci < 0) return 0;
          const prints = [...(argv[ci + 1] ?? '').matchAll(/print\(\s*(['"])(.*?)\1\s*\)/g)].map((m) => m[2] + '\n').join('');
          if (prints) yield { type: 'out', stream: 'stdout', text: prints };
          if (/time\.sleep\((\d+)\)/.test(argv[ci + 1] ?? '')) {
            yield { type: 'sleep', ms: Number(/time\.sleep\((\d+)\)/.exec(argv[ci + 1] ?? '')![1]) * 1000 };
          }
          return 0;
        },
      },
    };
  }
  if (base === 'nginx' && e.process.kind === 'server') return planProcess(img, {});
  if (base === 'agnhost') return agnhost(argv.slice(1), false);

  return {
    program: {
      argv,
      ports: [],
      sigterm: 'ignore',
      needsShell: true,
      *run(ctx) {
        let m = containerShell();
        // Only a caller that moved time past the load without waiting for it gets here without the module.
        if (!m) {
          yield { type: 'load', done: loadContainerShell() };
          m = containerShell();
        }
        // The load failed (offline, a chunk missing): the process fails as a missing binary would, and the kubelet's
        // restart back-off spaces the retries (retrying at once would hold the clock for good, see ../lazy).
        if (!m) {
          yield { type: 'out', stream: 'stderr', text: `exec ${argv[0]}: the container shell could not be loaded\n` };
          return 126;
        }
        const sh = new m.Shell(ctx, { binaries: e.binaries, argv0: isShellName(base) ? base : 'sh' });
        return yield* sh.runArgv(argv);
      },
    },
  };
}

function isShellName(b: string): boolean {
  return ['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash'].includes(b);
}

/** hashicorp/http-echo: `-text="hello"` and `-listen=:5678` (its main.go flags). */
function httpEchoText(argv: string[]): string {
  const t = argv.find((a) => a.startsWith('-text=') || a.startsWith('--text='));
  return t ? t.slice(t.indexOf('=') + 1).replace(/^"(.*)"$/, '$1') : 'hello-world';
}
function httpEchoPort(argv: string[]): number {
  const l = argv.find((a) => a.startsWith('-listen=') || a.startsWith('--listen='));
  const m = l && /:(\d+)$/.exec(l);
  return m ? Number(m[1]) : 5678;
}

/**
 * agnhost (kubernetes/kubernetes test/images/agnhost): one binary, a subcommand per behaviour. The docs use
 * `netexec` (HTTP on --http-port, default 8080), `serve-hostname` (port 9376), `pause`, `liveness`.
 */
function agnhost(args: string[], isDefault: boolean): PlanResult {
  const [sub, ...flags] = isDefault ? ['pause'] : args;
  const flag = (name: string, def: string) => {
    const f = flags.find((a) => a.startsWith(`--${name}=`) || a.startsWith(`-${name}=`));
    return f ? f.slice(f.indexOf('=') + 1) : def;
  };
  const base = { argv: ['/agnhost', ...args], sigterm: 'exit' as const };
  switch (sub) {
    case 'netexec': {
      const port = Number(flag('http-port', '8080'));
      return { program: { ...base, ports: [port, Number(flag('udp-port', '8081'))], http: { kind: 'agnhost' }, *run(ctx) { yield { type: 'out', stream: 'stderr', text: `I${formatDate(ctx.now(), '%m%d %H:%M:%S')}.000000       1 log.go:245] Started HTTP server on port ${port}\nI${formatDate(ctx.now(), '%m%d %H:%M:%S')}.000000       1 log.go:245] Started UDP server on port  ${flag('udp-port', '8081')}\n` }; yield { type: 'serve' }; return 0; } } };
    }
    case 'serve-hostname':
      return { program: { ...base, ports: [Number(flag('port', '9376'))], http: { kind: 'agnhost' }, *run(ctx) { yield { type: 'out', stream: 'stderr', text: `${formatDate(ctx.now(), '%Y/%m/%d %H:%M:%S')} Serving on port ${flag('port', '9376')}.\n` }; yield { type: 'serve' }; return 0; } } };
    case 'pause':
      return { program: { ...base, ports: [], *run() { yield { type: 'out', stream: 'stdout', text: 'Paused\n' }; yield { type: 'serve' }; return 0; } } };
    case 'liveness':
      // Serves /healthz 200 for 10 s, then 500 (test/images/agnhost/liveness/server.go).
      return { program: { ...base, ports: [8080], http: { kind: 'agnhost' }, *run() { yield { type: 'serve' }; return 0; } } };
    default:
      return {
        program: {
          ...base, ports: [],
          *run() {
            yield { type: 'out', stream: 'stderr', text: `Error: unknown command "${sub ?? ''}" for "agnhost"\nRun 'agnhost --help' for usage.\n` };
            return 1;
          },
        },
      };
  }
}
