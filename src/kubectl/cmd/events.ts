/**
 * kubectl events (pkg/cmd/events/events.go): LAST SEEN, TYPE, REASON, OBJECT (`Kind/name`), MESSAGE,
 * oldest first; --for narrows to one object, --types to Normal/Warning; -A adds NAMESPACE.
 */
import type { KubeList } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { sortEvents, type CoreEvent } from '../describe/writer';
import { ageSince } from '../printers/duration';
import { tabify, TABLE_TABS } from '../printers/tabwriter';

export async function runEvents(k: Kctx): Promise<number> {
  const allNs = k.allNamespaces;
  const ns = k.namespace;
  const query: Record<string, string> = { limit: '500' };
  const forArg = k.f.str('for');
  let forKind = '';
  let forName = '';
  if (forArg) {
    const [type, name] = forArg.split('/');
    if (!name) throw new KubectlError(`--for must be in resource/name form`);
    const r = k.discovery().require(type);
    forKind = r.kind;
    forName = name;
    query.fieldSelector = `involvedObject.kind=${forKind},involvedObject.name=${forName}`;
  }
  const path = allNs ? '/api/v1/events' : `/api/v1/namespaces/${encodeURIComponent(ns)}/events`;
  let items = (k.rest().call<KubeList>({ method: 'GET', path, query }).items ?? []) as unknown as (CoreEvent & { metadata: { namespace?: string } })[];
  if (forArg) items = items.filter((e) => e.involvedObject?.kind === forKind && e.involvedObject?.name === forName);
  const types = k.f.list('types');
  if (types.length) {
    for (const t of types) if (!['Normal', 'Warning'].includes(t)) throw new KubectlError(`valid --types are Normal or Warning`);
    items = items.filter((e) => types.includes(e.type ?? ''));
  }
  if (!items.length) {
    k.err(allNs ? 'No events found.\n' : `No events found in ${ns} namespace.\n`);
    return 0;
  }
  const now = k.now();
  let text = k.f.bool('no-headers') ? '' : `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  for (const e of sortEvents(items) as (CoreEvent & { metadata: { namespace?: string } })[]) {
    const last = e.series ? ageSince(e.series.lastObservedTime, now) : ageSince(e.lastTimestamp || e.eventTime || e.firstTimestamp, now);
    const first = ageSince(e.firstTimestamp || e.eventTime, now);
    const count = e.series?.count ?? e.count ?? 1;
    const seen = count > 1 ? `${last} (x${count} over ${first})` : last;
    text += `${allNs ? `${e.metadata.namespace ?? ''}\t` : ''}${seen}\t${e.type ?? ''}\t${e.reason ?? ''}\t${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}\t${(e.message ?? '').trim()}\n`;
  }
  k.out(tabify(text, TABLE_TABS));
  return 0;
}
