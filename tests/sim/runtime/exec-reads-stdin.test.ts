import { expect, test } from 'vitest';
import { readsStdin } from '../../../src/sim/kubelet/connector';
// An exec's command waits for the whole of stdin only when it reads it (src/sim/kubelet/connector.ts).
test('filters without files, tar from -, and scripts that read wait for stdin; other commands start at once', () => {
  const yes = [['cat'], ['tar', '-xmf', '-', '-C', '/tmp'], ['tar', 'xf', '-'], ['wc', '-l'], ['grep', 'x'], ['sh', '-c', 'cat > /tmp/f'], ['sh'], ['sh', '-c', 'tar -xmf - -C /x'], ['base64', '-d'], ['tr', 'a', 'b'], ['sh', '-c', 'while read l; do echo $l; done']];
  const no = [['printenv'], ['ls', '/'], ['cat', '/etc/hosts'], ['tar', 'cf', '-', '/tmp'], ['test', '-d', '/tmp'], ['nslookup', 'x'], ['sh', '-c', 'echo hi'], ['sh', '-c', 'tar cf - /tmp | tail -c+1'], ['grep', 'x', '/etc/hosts'], ['env']];
  for (const a of yes) expect(readsStdin(a), a.join(' ')).toBe(true);
  for (const a of no) expect(readsStdin(a), a.join(' ')).toBe(false);
});
