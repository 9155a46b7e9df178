/** StorageClass describer (kubectl pkg/describe/describe.go describeStorageClass, pkg/util/storage). */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, L1, describeEvents, formatLabels, type CoreEvent } from './writer';

const boolPtr = (v: unknown) => (v === undefined || v === null ? '<unset>' : v ? 'True' : 'False');

export function describeStorageClass(sc: KubeObject, events: CoreEvent[] | undefined, now: number): string {
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${sc.metadata.name}\n`);
  w.write(L0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(L0, `Annotations:\t${formatLabels(ann)}\n`);
  w.write(L0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(L0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(L0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const opts: string[] = sc.mountOptions ?? [];
  if (!opts.length) w.write(L0, 'MountOptions:\t<none>\n');
  else {
    w.write(L0, 'MountOptions:\n');
    for (const o of opts) w.write(L1, `${o}\n`);
  }
  if (sc.reclaimPolicy != null) w.write(L0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode != null) w.write(L0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies != null) {
    // printAllowedTopologies
    const terms: { matchLabelExpressions?: { key: string; values?: string[] }[] }[] = sc.allowedTopologies;
    w.write(L0, 'AllowedTopologies:\t');
    if (!terms.length) w.write(L0, '<none>\n');
    else {
      w.write(L0, '\n');
      terms.forEach((t, i) => {
        w.write(L1, `Term ${i}:\t`);
        const exprs = t.matchLabelExpressions ?? [];
        if (!exprs.length) w.write(L0, '<none>\n');
        exprs.forEach((e, j) => {
          if (j) w.write(L1, '\t');
          w.write(L0, `${e.key} in${e.values?.length ? ` [${e.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}
