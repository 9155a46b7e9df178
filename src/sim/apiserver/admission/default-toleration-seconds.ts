/**
 * DefaultTolerationSeconds admission (plugin/pkg/admission/defaulttolerationseconds/admission.go): every pod
 * tolerates node.kubernetes.io/not-ready and node.kubernetes.io/unreachable (NoExecute) for 300 s, unless it
 * already has a toleration for that taint.
 */
import type { KubeObject } from '../types';

export const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function tolerates(ts: Toleration[], key: string): boolean {
  return ts.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
}

export function admitDefaultTolerationSeconds(pod: KubeObject): void {
  const spec = (pod.spec ??= {});
  const ts: Toleration[] = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(ts, key)) ts.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
}
