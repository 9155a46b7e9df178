import { describe, expect, it } from 'vitest';
import { normalizeOutput } from './normalize';

describe('conformance normalisation', () => {
  it('replaces only server URLs and the wall-clock ages of describe events', () => {
    const a = [
      'Kubernetes control plane is running at https://0.0.0.0:41235',
      'Events:',
      '  Type    Reason     Age   From               Message',
      '  ----    ------     ----  ----               -------',
      '  Normal  Scheduled  5s    default-scheduler  Successfully assigned default/web to n1',
      '  Normal  Pulled     3s (x2 over 9s)  kubelet  Container image "nginx" already present on machine',
      '',
      'Replicas:  3 desired',
    ].join('\n');
    const b = a.replace('https://0.0.0.0:41235', 'http://127.0.0.1:6443').replace(' 5s  ', ' 10h ').replace('3s (x2 over 9s)', '9h (x2 over 10h)');
    expect(normalizeOutput(a)).toBe(normalizeOutput(b));
    expect(normalizeOutput(a)).toContain('Replicas:  3 desired');
    expect(normalizeOutput(a.replace('3 desired', '2 desired'))).not.toBe(normalizeOutput(b));
    expect(normalizeOutput(a.replace('Scheduled', 'Pulled'))).not.toBe(normalizeOutput(b));
  });

  it("replaces the machine's --cache-dir default in `kubectl options`, and nothing else of that help", () => {
    const real = "    --as-uid='':\n\tUID to impersonate\n\n    --cache-dir='/tmp/run-x1/cache':\n\tDefault cache directory\n";
    const ours = real.replace('/tmp/run-x1/cache', '/home/learner/.kube/cache');
    expect(normalizeOutput(real)).toBe(normalizeOutput(ours));
    expect(normalizeOutput(real)).toContain("--cache-dir='<cache-dir>':");
    expect(normalizeOutput(real.replace("--as-uid=''", "--as-uid='x'"))).not.toBe(normalizeOutput(ours));
    // a --cache-dir typed on a command line is not a help default and stays as it is
    expect(normalizeOutput("kubectl get pods --cache-dir='/tmp/a'")).toContain('/tmp/a');
  });

  it("puts describe's ConfigMap and Secret Data entries in key order (Go map order is random), and nothing else", () => {
    const cm = (entries: string[]) => `Name:         app\n\nData\n====\n${entries.join('\n')}\n\nBinaryData\n====\n\nEvents:  <none>\n`;
    const props = 'app.properties:\n----\nmode=prod\nlevel=info\n';
    const greet = 'greeting:\n----\nhello\n';
    expect(normalizeOutput(cm([greet, props]))).toBe(normalizeOutput(cm([props, greet])));
    expect(normalizeOutput(cm([greet, props]))).toContain(`Data\n====\n${props}\n${greet}\n\nBinaryData`);
    // a changed value still differs
    expect(normalizeOutput(cm([greet.replace('hello', 'hi'), props]))).not.toBe(normalizeOutput(cm([props, greet])));
    const secret = (lines: string[]) => `Type:  Opaque\n\nData\n====\n${lines.join('\n')}\n`;
    expect(normalizeOutput(secret(['user:      5 bytes', 'password:  7 bytes']))).toBe(normalizeOutput(secret(['password:  7 bytes', 'user:      5 bytes'])));
    expect(normalizeOutput(secret(['user:      5 bytes', 'password:  7 bytes']))).not.toBe(normalizeOutput(secret(['password:  8 bytes', 'user:      5 bytes'])));
    // lines outside a Data section keep their order
    expect(normalizeOutput('b:  1 bytes\na:  2 bytes\n')).toBe('b:  1 bytes\na:  2 bytes\n');
  });
});
