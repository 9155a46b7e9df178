/** Helpers shared by the oracle suites: locating the real kubectl, a kubeconfig for a URL, running it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findKubectl as findVersionedKubectl } from '../helpers/real-kubectl';
import { words } from './harness';

const pexec = promisify(execFile);

/** The real kubectl 1.31, found by the shared locator (versioned binaries beside the real path of `kubectl`). */
export const findKubectl = (): string | undefined => findVersionedKubectl('1.31');

export function kubeconfig(url: string): string {
  return `apiVersion: v1\nclusters:\n- cluster:\n    server: ${url}\n  name: k3d-dev\ncontexts:\n- context:\n    cluster: k3d-dev\n    user: admin@k3d-dev\n  name: k3d-dev\ncurrent-context: k3d-dev\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-dev\n  user: {}\n`;
}

export async function runReal(binary: string, line: string, dir: string, cfg: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await pexec(binary, [`--cache-dir=${dir}/cache`, ...words(line)], { encoding: 'utf8', env: { HOME: dir, KUBECONFIG: cfg, TZ: 'UTC', PATH: '/nonexistent' }, cwd: dir });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}
