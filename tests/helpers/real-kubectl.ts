/**
 * Finds the real kubectl binaries for oracle tests. The `kubectl` on PATH may be a dispatcher that picks a versioned
 * binary (kubectl.1.27 … kubectl.1.33) from the server's version; the versioned ones sit beside its real path.
 * Returns undefined when none exists, so the tests that need it skip with a printed reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** The path of `kubectl.<minor>` (e.g. '1.31'), or of a plain kubectl whose client version has that minor. */
export function findKubectl(minor: string): string | undefined {
  const direct = onPath(`kubectl.${minor}`);
  if (direct) return direct;
  const plain = onPath('kubectl');
  if (!plain) return undefined;
  const beside = join(dirname(realpathSync(plain)), `kubectl.${minor}`);
  if (existsSync(beside)) return beside;
  try {
    const v = execFileSync(plain, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 10_000 });
    const info = JSON.parse(v).clientVersion;
    if (`${info.major}.${info.minor}` === minor) return plain;
  } catch {
    // not a usable kubectl
  }
  return undefined;
}

export const KUBECTL_SKIP_REASON = (minor: string) => `no real kubectl ${minor} on this machine (looked for kubectl.${minor} on PATH and beside kubectl)`;
