/**
 * What a running container consumes, deterministically: the CPU and memory the kubelet reports in its resource
 * metrics (cAdvisor's usageCoreNanoSeconds and working set, exposed on /metrics/resource).
 *
 * A container's demand is the image's idle use (catalog `usage`), plus what its command does: a shell loop that
 * never sleeps burns a whole core, `yes`/`dd`/`md5sum /dev/zero` too, `stress --cpu N` N cores, a loop that fetches
 * a URL and sleeps a little costs a few milliseconds per round; plus the work of each HTTP request it serves
 * (counted by the kubelet). CFS quota caps the result at the cpu limit (and at the node's cores); work beyond it is
 * dropped, like requests timing out on a throttled server.
 *
 * CPU is a cumulative counter integrated lazily on the virtual clock, with a small deterministic wobble (±8 %,
 * a sine per container) so `kubectl top` does not print the same number twice in a row.
 */
import type { ImageEntry, ImageUsage } from '../images/types';

export const MI = 1024 * 1024;

/** Idle use of an image without a `usage` entry: a tiny process. */
const DEFAULT_USAGE: ImageUsage = { cpuMilli: 0.2, memoryMi: 0.4 };

export interface ContainerDemand {
  /** Idle CPU in cores (wobbles a little). */
  cores: number;
  /** Cores the command keeps busy (spinning threads: exactly this much, no wobble). */
  busyCores?: number;
  /** Working set of the image's own process in bytes (wobbles a little). */
  memoryBytes: number;
  /** Memory the command allocates and holds (stress --vm-bytes): exact. */
  heldBytes?: number;
  /** CPU seconds each served HTTP request costs. */
  requestCpuSeconds: number;
}

/** Parses "500m" / "2" / "0.5" (cores). Undefined when absent or unreadable. */
export function coresOf(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(m|u|n)?$/.exec(q.trim());
  if (!m) return undefined;
  return Number(m[1]) * ({ m: 1e-3, u: 1e-6, n: 1e-9 }[m[2] ?? ''] ?? 1);
}

/** Parses a memory quantity ("150M", "64Mi", "1G") in bytes. */
export function bytesOf(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)\s*(Ki|Mi|Gi|Ti|k|K|M|G|T|B)?$/.exec(q.trim());
  if (!m) return undefined;
  const f: Record<string, number> = { Ki: 1024, Mi: MI, Gi: 1024 * MI, Ti: 1024 * 1024 * MI, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, B: 1 };
  return Number(m[1]) * (f[m[2] ?? ''] ?? 1);
}

/** What the command line adds to the image's idle use. */
function commandDemand(argv: string[]): { cores: number; memoryBytes: number } {
  const text = argv.join(' ');
  let cores = 0;
  let memoryBytes = 0;
  // stress / stress-ng: --cpu N workers spin; --vm N workers each hold --vm-bytes (default 256M).
  if (/(^|[\s/])stress(-ng)?(\s|$)/.test(text)) {
    const cpu = /(?:-c|--cpu|-cpus)[\s=]+(\d+)/.exec(text);
    if (cpu) cores += Number(cpu[1]);
    const vm = /(?:-m|--vm)[\s=]+(\d+)/.exec(text);
    if (vm) {
      const bytes = /--vm-bytes[\s=]+([0-9.]+[a-zA-Z]*)/.exec(text);
      memoryBytes += Number(vm[1]) * (bytesOf(bytes ? bytes[1] : '256M') ?? 256e6);
      if (!/--vm-hang/.test(text)) cores += Number(vm[1]);
    }
    // vish/stress (the docs' CPU exercise): -cpus N, -mem-total Q
    const mem = /-mem-total[\s=]+([0-9.]+[a-zA-Z]*)/.exec(text);
    if (mem) memoryBytes += bytesOf(mem[1]) ?? 0;
    return { cores, memoryBytes };
  }
  // programs that spin on one core until killed
  if (/(^|[;&|\s(])(yes)(\s|$|>)|dd\s+if=\/dev\/(zero|urandom)|(md5sum|sha1sum|sha256sum|cat)\s+\/dev\/(zero|urandom)/.test(text)) cores += 1;
  // shell loops: without any sleep a loop spins; with a short sleep around a fetch it costs per round
  const loop = /\b(while|until)\b[\s\S]*\bdo\b([\s\S]*)\bdone\b/.exec(text) ?? /\bfor\s*\(\(\s*;\s*;\s*\)\)/.exec(text);
  if (loop && cores === 0) {
    const sleep = /\bsleep\s+([0-9.]+)/.exec(text);
    if (!sleep) cores += 1;
    else {
      const s = Number(sleep[1]);
      // a fetch (wget/curl) costs ~2 ms of CPU per round in busybox; the rest of a round is the sleep
      const perRound = /\b(wget|curl|nc|nslookup)\b/.test(text) ? 0.002 : 0.0002;
      cores += s > 0 ? perRound / (s + perRound) : 1;
    }
  }
  return { cores, memoryBytes };
}

/** The demand of a container running `argv` from `entry`; `isDefault` = the image's own process. */
export function containerDemand(entry: ImageEntry | undefined, argv: string[], isDefault: boolean): ContainerDemand {
  const u = entry?.usage ?? DEFAULT_USAGE;
  const cmd = isDefault ? { cores: 0, memoryBytes: 0 } : commandDemand(argv);
  return {
    cores: u.cpuMilli / 1000,
    busyCores: cmd.cores,
    memoryBytes: Math.round(u.memoryMi * MI),
    heldBytes: cmd.memoryBytes,
    requestCpuSeconds: (u.requestCpuMs ?? 0) / 1000,
  };
}

/** A small deterministic number in [0, 1) from a string (FNV-1a). */
export function hashUnit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

const WOBBLE = 0.08;
const WOBBLE_PERIOD_S = 97;

/**
 * Cumulative CPU of one container instance. `observe(now)` integrates the demand since the last observation:
 * steady use with the wobble, plus pending request work, capped at `capCores`.
 */
export class CpuMeter {
  /** Core-seconds used since the container started. */
  usedSeconds = 0;
  private lastMs: number;
  private pendingSeconds = 0;
  private readonly phase: number;

  constructor(
    readonly startMs: number,
    public demand: ContainerDemand,
    readonly capCores: number,
    seed: string,
  ) {
    this.lastMs = startMs;
    this.phase = hashUnit(seed) * 2 * Math.PI;
  }

  /** Work arrived (an HTTP request served). */
  addWork(cpuSeconds: number): void {
    this.pendingSeconds += cpuSeconds;
  }

  /** ∫ cores·(1 + WOBBLE·sin(ωt + φ)) dt over [a, b] seconds since start. */
  private steady(a: number, b: number): number {
    const w = (2 * Math.PI) / WOBBLE_PERIOD_S;
    const c = this.demand.cores;
    const busy = (this.demand.busyCores ?? 0) * (b - a);
    return busy + c * (b - a) + ((c * WOBBLE) / w) * (Math.cos(w * a + this.phase) - Math.cos(w * b + this.phase));
  }

  observe(nowMs: number): number {
    if (nowMs <= this.lastMs) return this.usedSeconds;
    const a = (this.lastMs - this.startMs) / 1000;
    const b = (nowMs - this.startMs) / 1000;
    const want = this.steady(a, b) + this.pendingSeconds;
    this.usedSeconds += Math.max(0, Math.min(want, this.capCores * (b - a)));
    this.pendingSeconds = 0;
    this.lastMs = nowMs;
    return this.usedSeconds;
  }

  /** Working set now: the demand's memory with a ±3 % wobble of its own, in 4 KiB pages. */
  memory(nowMs: number): number {
    const t = (nowMs - this.startMs) / 1000;
    const bytes = this.demand.memoryBytes * (1 + 0.03 * Math.sin((2 * Math.PI * t) / 211 + this.phase)) + (this.demand.heldBytes ?? 0);
    // the working set is counted in whole pages
    return Math.round(bytes / 4096) * 4096;
  }
}
