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
});
