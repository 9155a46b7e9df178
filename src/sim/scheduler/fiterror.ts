/**
 * The FailedScheduling message (pkg/scheduler/framework/types.go FitError.Error): "0/N nodes are available: "
 * then the histogram of reasons, each "<count> <reason>", sorted as strings and joined by ", ", closed by "."; then
 * the preemption post-filter's own FitError (framework/preemption/preemption.go): nodes where only an
 * unresolvable plugin failed count as "Preemption is not helpful for scheduling", the rest as "No preemption
 * victims found for incoming pod" (no lower-priority pods to evict in a teaching cluster).
 */
import type { FilterResult } from './filters';

export function fitErrorMessage(numNodes: number, results: FilterResult[], preemptionPolicy?: string): string {
  const hist = new Map<string, number>();
  for (const r of results) for (const reason of r.reasons) hist.set(reason, (hist.get(reason) ?? 0) + 1);
  const parts = [...hist].map(([reason, n]) => `${n} ${reason}`).sort();
  let msg = `0/${numNodes} nodes are available`;
  msg += parts.length ? `: ${parts.join(', ')}.` : ':';
  if (preemptionPolicy === 'Never') return `${msg} preemption: not eligible due to preemptionPolicy=Never.`;
  const pre = new Map<string, number>();
  for (const r of results) {
    const k = r.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod';
    pre.set(k, (pre.get(k) ?? 0) + 1);
  }
  const preParts = [...pre].map(([reason, n]) => `${n} ${reason}`).sort();
  return `${msg} preemption: 0/${numNodes} nodes are available: ${preParts.join(', ')}.`;
}
