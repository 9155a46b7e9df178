/**
 * Resources served in more than one shape over one storage. events.k8s.io/v1 Events are core v1 Events in
 * storage, renamed field by field (pkg/apis/events/v1/conversion.go):
 * regarding↔involvedObject, note↔message, reportingController↔reportingComponent, deprecatedSource↔source,
 * deprecatedFirstTimestamp↔firstTimestamp, deprecatedLastTimestamp↔lastTimestamp, deprecatedCount↔count.
 */
import type { ResourceInfo } from './registry';
import type { KubeObject } from './types';

const EVENT_RENAMES: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

const isEventsV1 = (ri: ResourceInfo) => ri.group === 'events.k8s.io' && ri.resource === 'events';

/** True when the request shape differs from the storage shape. */
export const needsConversion = (ri: ResourceInfo) => isEventsV1(ri);

function rename(o: KubeObject, pairs: [string, string][]): KubeObject {
  const out: KubeObject = { ...o };
  for (const [from, to] of pairs) {
    if (from in out) {
      if (out[from] !== undefined) out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}

/** Request/response shape → storage shape. */
export function toStorage(ri: ResourceInfo, o: KubeObject): KubeObject {
  if (!isEventsV1(ri)) return o;
  const out = rename(o, EVENT_RENAMES);
  out.apiVersion = 'v1';
  out.kind = 'Event';
  return out;
}

/** Storage shape → the shape of `ri`. */
export function fromStorage(ri: ResourceInfo, o: KubeObject): KubeObject {
  if (!isEventsV1(ri)) return o;
  const out = rename(o, EVENT_RENAMES.map(([a, b]) => [b, a] as [string, string]));
  out.apiVersion = 'events.k8s.io/v1';
  out.kind = 'Event';
  return out;
}

/** The group/resource whose defaulting and validation apply to the stored shape. */
export function storageGroupResource(ri: ResourceInfo): { readonly group: string; readonly resource: string } {
  // Asked several times per write: split each storage key once.
  let gr = storageGR.get(ri.storageKey);
  if (!gr) {
    const [group, resource] = ri.storageKey.split('/');
    gr = Object.freeze({ group, resource });
    storageGR.set(ri.storageKey, gr);
  }
  return gr;
}

const storageGR = new Map<string, { readonly group: string; readonly resource: string }>();
