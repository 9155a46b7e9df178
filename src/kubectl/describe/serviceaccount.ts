/**
 * ServiceAccount describer (kubectl pkg/describe/describe.go describeServiceAccount): the three secret lists in
 * the sorted order of their padded headers, a name the namespace lacks marked `(not found)`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { PrefixWriter, L0, labelsMultiline, annotationsMultiline, describeEvents, type CoreEvent } from './writer';

/** `secrets` is the namespace's Secret list, or undefined when it could not be listed (nothing is marked then). */
export function describeServiceAccount(sa: KubeObject, secrets: KubeObject[] | undefined, events: CoreEvent[] | undefined, now: number): string {
  const existing = new Set((secrets ?? []).map((s) => s.metadata.name));
  const tokens = (secrets ?? []).filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const refs = (l: unknown) => ((l ?? []) as { name?: string }[]).map((r) => r.name ?? '');
  const pull = refs(sa.imagePullSecrets);
  const mount = refs(sa.secrets);
  const missing = new Set(secrets ? [...mount, ...pull].filter((n) => !existing.has(n)) : []);
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${sa.metadata.name}\n`);
  w.write(L0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', sa.metadata.labels);
  annotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const empty = '                   ';
  const lists: [string, string[]][] = [
    ['Image pull secrets:', pull],
    ['Mountable secrets: ', mount],
    ['Tokens:            ', tokens.map((s) => s.metadata.name!)],
  ];
  for (const [header, names] of lists) {
    if (!names.length) {
      w.write(L0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(L0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
      prefix = empty;
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}
