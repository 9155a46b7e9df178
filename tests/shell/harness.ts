/** Test double for the world (a clock and no clusters) and a helper that runs lines in virtual time. */
import { VirtualClock } from '../../src/sim/clock';
import { Shell, type ShellWorld } from '../../src/shell/session';
import { Canceller } from '../../src/shell/io';
import { drive } from '../../src/cli/driver';

export function bareWorld(): ShellWorld {
  return { clock: new VirtualClock(), resolveServer: () => undefined };
}

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

export class TestShell {
  readonly world: ShellWorld;
  readonly shell: Shell;
  constructor(world: ShellWorld = bareWorld()) {
    this.world = world;
    this.shell = new Shell({ world });
  }
  async run(line: string, budgetMs = 600_000): Promise<RunResult> {
    let out = '';
    let err = '';
    const signal = new Canceller();
    const code = await drive(this.world.clock, this.shell.exec(line, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, signal), { budgetMs, interrupt: () => signal.abort() });
    return { code, out, err };
  }
}

export async function sh(line: string): Promise<RunResult> {
  return new TestShell().run(line);
}
