/** `kubelab shell` on a pipe instead of a terminal: prompt, line editing through the course line editor, exit. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

describe('kubelab shell', () => {
  it('shows the root prompt, runs lines, keeps state and leaves on exit with its status', async () => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../bin/kubelab.mjs'), 'shell', '--empty'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 300 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain(text);
    };
    await waitFor('root@kubelab:~# ');
    child.stdin.write('cd /tmp && X=$((6*7))\r');
    await waitFor('root@kubelab:/tmp# ');
    child.stdin.write('echo "answer $X" | tr a-z A-Z\r');
    await waitFor('ANSWER 42');
    child.stdin.write('exit 4\r');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(4);
    expect(out).toContain('exit');
  }, 60_000);
});
