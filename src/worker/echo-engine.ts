/**
 * The smallest engine: a world with only a clock and a shell that prints each line back. The site, terminal and
 * worker run end to end on it before the real simulator is wired in, and the Session's tests use it to exercise
 * the RPC contract (streaming, cancel, snapshots) without depending on cluster behaviour.
 */
import { VirtualClock } from '../sim/clock';
import type { CancelSignal } from '../shell/types';
import type { Engine, EngineShell, EngineWorld, ShellIO } from './engine';

class EchoWorld implements EngineWorld {
  clock = new VirtualClock();
  lines = 0;
  api() {
    return undefined;
  }
  revision() {
    return this.lines;
  }
  snapshot() {
    return { clock: this.clock.snapshot(), lines: this.lines };
  }
  restore(s: unknown) {
    const v = s as { clock: ReturnType<VirtualClock['snapshot']>; lines: number };
    if (!v || typeof v.lines !== 'number' || !v.clock) throw new Error('bad echo world snapshot');
    this.clock.restore(v.clock);
    this.lines = v.lines;
  }
}

class EchoShell implements EngineShell {
  constructor(private world: EchoWorld) {}
  async exec(line: string, io: ShellIO, signal: CancelSignal): Promise<number> {
    this.world.lines++;
    const words = line.trim().split(/\s+/);
    // `ticks N`: prints a line per virtual second until cancelled, so cancel can be tested.
    if (words[0] === 'ticks') {
      const n = Number(words[1] ?? 1e9);
      for (let i = 0; i < n; i++) {
        if (signal.aborted) return 130;
        io.stdout(`tick ${i}\n`);
        const stop = await new Promise<boolean>((resolve) => {
          const id = this.world.clock.setTimeout(() => resolve(false), 1000);
          signal.onAbort(() => {
            this.world.clock.clearTimeout(id);
            resolve(true);
          });
        });
        if (stop) return 130;
      }
      return 0;
    }
    if (words[0] === 'fail') {
      io.stderr(`fail: ${words.slice(1).join(' ')}\n`);
      return 1;
    }
    if (line.trim()) io.stdout(line + '\n');
    return 0;
  }
  complete(line: string, cursor: number) {
    const words = ['echo', 'ticks', 'fail'];
    const from = line.lastIndexOf(' ', cursor - 1) + 1;
    const word = line.slice(from, cursor);
    return { from, to: cursor, candidates: words.filter((w) => w.startsWith(word)) };
  }
  prompt() {
    return '$ ';
  }
  snapshot() {
    return {};
  }
  restore() {}
}

export const echoEngine: Engine = {
  name: 'echo/1',
  createWorld: () => new EchoWorld(),
  createShell: (world) => new EchoShell(world as EchoWorld),
};
