/**
 * Resources served in more than one shape over one storage. events.k8s.io/v1 Events are core v1 Events in
 * storage, renamed field by field (pkg/apis/events/v1/conversion.go):
 * regarding↔involvedObject, note↔message, reportingController↔reportingComponent, deprecatedSource↔source,
 * deprecatedFirstTimestamp↔firstTimestamp, deprecatedLastTimestamp↔lastTimestamp, deprecatedCount↔count.
 * autoscaling/v1 HorizontalPodAutoscalers are autoscaling/v2 ones in storage (./hpa-v1-conversion.ts).
 */
import type { ResourceInfo } from './registry';
import type { KubeObject } from './types';
import { hpaFromV1, hpaToV1 } from './hpa-v1-conversion';

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

const isHpaV1 = (ri: ResourceInfo) => ri.version === 'v1' && ri.group === 'autoscaling' && ri.resource === 'horizontalpodautoscalers';

/** True when the request shape differs from the storage shape. */
export const needsConversion = (ri: ResourceInfo) => isEventsV1(ri) || isHpaV1(ri);

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
  if (isHpaV1(ri)) return hpaFromV1(o);
  if (!isEventsV1(ri)) return o;
  const out = rename(o, EVENT_RENAMES);
  out.apiVersion = 'v1';
  out.kind = 'Event';
  return out;
}

/** Storage shape → the shape of `ri`. */
export function fromStorage(ri: ResourceInfo, o: KubeObject): KubeObject {
  if (isHpaV1(ri)) return hpaToV1(o);
  if (!isEventsV1(ri)) return o;
  const out = rename(o, EVENT_RENAMES.map(([a, b]) => [b, a] as [string, string]));
  out.apiVersion = 'events.k8s.io/v1';
  out.kind = 'Event';
  return out;
}

/**
 * The shape server-side printing reads: the real printers work on the internal object, so a v1 HPA's row is
 * built from its v2 (storage) form.
 */
export function printedShape(ri: ResourceInfo, o: KubeObject): KubeObject {
  return isHpaV1(ri) ? { ...hpaFromV1(o), apiVersion: o.apiVersion, kind: o.kind } : o;
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
