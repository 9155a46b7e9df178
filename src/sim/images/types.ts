/** The shape of one image in the catalog: data only, interpreted by process.ts and http.ts. */

/** How a container built from the image answers HTTP on a port (see http.ts). */
export type HttpBehaviour =
  | { kind: 'static'; body: string; contentType?: string; server?: string }
  | { kind: 'nginx' }
  | { kind: 'httpd' }
  | { kind: 'bootcamp' }
  | { kind: 'hello-app' }
  | { kind: 'whoami' }
  | { kind: 'http-echo' }
  | { kind: 'echoserver' }
  | { kind: 'agnhost' }
  | { kind: 'serve-hostname' }
  | { kind: 'health'; paths: Record<string, string> };

/** What the image's default process does when it is started without an overriding command. */
export type DefaultProcess =
  /** A long-running server: prints its start-up lines, listens, runs until signalled. */
  | { kind: 'server'; logs?: string[]; ports: number[]; http?: HttpBehaviour; requiredEnv?: { anyOf: string[]; error: string[] } }
  /** A shell or interpreter with no terminal attached: reads EOF on stdin and exits at once with code 0. */
  | { kind: 'interactive' }
  /** Runs to completion: prints its lines, exits with the code after `ms`. */
  | { kind: 'batch'; logs: string[]; ms: number; exitCode: number };

/**
 * What a container of the image uses when it runs its own process: idle CPU (millicores), working set (Mi), and
 * the CPU each HTTP request it serves costs (ms). Read by the metrics usage model (src/sim/metrics/usage.ts).
 */
export interface ImageUsage {
  cpuMilli: number;
  memoryMi: number;
  requestCpuMs?: number;
}

export interface ImageEntry {
  /** Normalised repository: `docker.io/library/nginx`. */
  repository: string;
  /** Known tags → compressed size in bytes (what containerd reports as the pulled size). */
  tags: Record<string, number>;
  /** Tags that follow the registry's naming pattern (every release × variant), beyond the listed ones → size, or undefined. */
  tagRule?: (tag: string) => number | undefined;
  /** What a bare reference's `latest` tag stands for, so version strings in logs can show it. */
  latestIs?: string;
  /** Programs present in the image that `command:` may name (sh, sleep, perl …); `*` = a busybox-style userland. */
  binaries: string[];
  entrypoint?: string[];
  cmd?: string[];
  process: DefaultProcess;
  /** SIGTERM as PID 1: `exit` stops within a fraction of a second; `ignore` waits for SIGKILL at the grace period. */
  sigterm: 'exit' | 'ignore';
  /** Resource use for the metrics pipeline; a tiny process when absent. */
  usage?: ImageUsage;
}
