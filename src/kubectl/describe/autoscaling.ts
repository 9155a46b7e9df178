/**
 * HorizontalPodAutoscaler (autoscaling/v2) describer (kubectl pkg/describe/describe.go
 * describeHorizontalPodAutoscalerV2, printDirectionBehavior): one line per metric as `current / target`,
 * `<unknown>` until the controller has measured, then replicas, behavior, conditions and events.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, L2, L3, time, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

function behavior(w: PrefixWriter, direction: string, rules: Any): void {
  if (!rules) return;
  w.write(L1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds != null) w.write(L2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(L2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(L2, 'Policies:\n');
    for (const p of rules.policies) w.write(L3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

function metricLine(w: PrefixWriter, m: Any, cur: Any): void {
  switch (m.type) {
    case 'External': {
      const avg = m.external?.target?.averageValue != null;
      const current = avg ? cur?.external?.current?.averageValue : cur?.external ? cur.external.current?.value ?? '0' : undefined;
      w.write(L1, `"${m.external?.metric?.name}" (target ${avg ? 'average value' : 'value'}):\t${current ?? '<unknown>'} / ${(avg ? m.external.target.averageValue : m.external?.target?.value) ?? '0'}\n`);
      return;
    }
    case 'Pods':
      w.write(L1, `"${m.pods?.metric?.name}" on pods:\t${cur?.pods ? cur.pods.current?.averageValue ?? '0' : '<unknown>'} / ${m.pods?.target?.averageValue ?? '0'}\n`);
      return;
    case 'Object': {
      w.write(L1, `"${m.object?.metric?.name}" on ${m.object?.describedObject?.kind}/${m.object?.describedObject?.name} `);
      const avg = m.object?.target?.type === 'AverageValue';
      const current = cur?.object ? (avg ? cur.object.current?.averageValue : cur.object.current?.value) ?? '0' : '<unknown>';
      w.write(L0, `(target ${avg ? 'average value' : 'value'}):\t${current} / ${(avg ? m.object.target.averageValue : m.object?.target?.value) ?? '0'}\n`);
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const cs = m.type === 'Resource' ? cur?.resource : cur?.containerResource;
      w.write(L1, m.type === 'Resource' ? `resource ${src?.name} on pods` : `resource ${src?.name} of container "${src?.container}" on pods`);
      if (src?.target?.averageValue != null) {
        w.write(L0, `:\t${cs ? cs.current?.averageValue ?? '0' : '<unknown>'} / ${src.target.averageValue}\n`);
        return;
      }
      const current = cs?.current?.averageUtilization != null ? `${cs.current.averageUtilization}% (${cs.current.averageValue ?? '0'})` : '<unknown>';
      const target = src?.target?.averageUtilization != null ? `${src.target.averageUtilization}%` : '<auto>';
      // The line continues at LEVEL_1 (a second indent inside the same row), as upstream writes it.
      w.write(L1, `(as a percentage of request):\t${current} / ${target}\n`);
      return;
    }
    default:
      w.write(L1, `<unknown metric type "${m.type}">\n`);
  }
}

export function describeHorizontalPodAutoscaler(hpa: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const spec: Any = hpa.spec ?? {};
  const st: Any = hpa.status ?? {};
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${hpa.metadata.name}\n`);
  w.write(L0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', hpa.metadata.labels);
  annotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(L0, `CreationTimestamp:\t${time(hpa.metadata.creationTimestamp)}\n`);
  w.write(L0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(L0, 'Metrics:\t( current / target )\n');
  ((spec.metrics ?? []) as Any[]).forEach((m, i) => metricLine(w, m, (st.currentMetrics ?? [])[i]));
  w.write(L0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(L0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(L0, 'Behavior:\n');
    behavior(w, 'Scale Up', spec.behavior.scaleUp);
    behavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(L0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(L0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n');
    w.write(L1, 'Type\tStatus\tReason\tMessage\n');
    w.write(L1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.write(L1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
