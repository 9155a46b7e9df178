/**
 * Priority admission (plugin/pkg/admission/priority/admission.go): resolves spec.priorityClassName to
 * spec.priority and spec.preemptionPolicy. No class name: the globalDefault PriorityClass if one exists,
 * otherwise priority 0. The two system classes are built in; an unknown class is refused:
 * `pods "x" is forbidden: no PriorityClass with name <n> was found`.
 */
import type { ServerContext } from '../context';
import { fail, forbidden } from '../errors';
import type { KubeObject } from '../types';

const BUILTIN: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export function admitPriority(ctx: ServerContext, pod: KubeObject): void {
  const spec = (pod.spec ??= {});
  const classes = ctx.store.list('scheduling.k8s.io/priorityclasses');
  const name: string | undefined = spec.priorityClassName || undefined;
  let value = 0;
  let policy = 'PreemptLowerPriority';
  if (name) {
    const pc = classes.find((c) => c.metadata.name === name);
    if (pc) {
      value = Number(pc.value ?? 0);
      policy = pc.preemptionPolicy ?? policy;
    } else if (name in BUILTIN) {
      value = BUILTIN[name];
    } else {
      fail(forbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', `no PriorityClass with name ${name} was found`));
    }
  } else {
    const def = classes.find((c) => c.globalDefault === true);
    if (def) {
      spec.priorityClassName = def.metadata.name;
      value = Number(def.value ?? 0);
      policy = def.preemptionPolicy ?? policy;
    }
  }
  spec.priority = value;
  spec.preemptionPolicy = spec.preemptionPolicy ?? policy;
}
