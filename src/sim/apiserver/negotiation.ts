/**
 * Accept and Content-Type handling (apimachinery pkg/runtime/serializer, apiserver endpoints/handlers/negotiation).
 * Media types carry parameters that select a representation: `as=Table;v=v1;g=meta.k8s.io` for server-side
 * printing, `as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io` for aggregated discovery.
 */

export interface MediaType {
  type: string;
  params: Record<string, string>;
  /** The media range exactly as sent, echoed back in Content-Type where the real server does so. */
  raw: string;
}

export function parseAccept(accept: string | undefined): MediaType[] {
  if (!accept) return [];
  return accept
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => {
      const [type, ...ps] = raw.split(';').map((x) => x.trim());
      const params: Record<string, string> = {};
      for (const p of ps) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params, raw };
    });
}

const JSONISH = new Set(['application/json', '*/*', 'application/*', 'application/yaml', 'application/vnd.kubernetes.protobuf']);

/** The representation a read asks for. */
export type Representation = { as: 'object' } | { as: 'Table'; version: string } | { as: 'PartialObjectMetadata'; version: string };

/**
 * Picks the first media range we can serve, in the client's order. Protobuf is answered with JSON: clients that
 * ask for it (kubectl's typed clients) always list JSON as well, and accept it.
 */
export function negotiateObject(accept: string | undefined): Representation | undefined {
  const types = parseAccept(accept);
  if (types.length === 0) return { as: 'object' };
  for (const m of types) {
    if (!JSONISH.has(m.type)) continue;
    const as = m.params.as;
    if (!as) return { as: 'object' };
    if (m.params.g !== 'meta.k8s.io') continue;
    if (as === 'Table' && (m.params.v === 'v1' || m.params.v === 'v1beta1')) return { as: 'Table', version: m.params.v };
    if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && (m.params.v === 'v1' || m.params.v === 'v1beta1'))
      return { as: 'PartialObjectMetadata', version: m.params.v };
  }
  return undefined;
}

export const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The aggregated discovery version asked for, with the media range to echo; undefined = legacy document. */
export function negotiateDiscovery(accept: string | undefined): { version: 'v2' | 'v2beta1'; contentType: string } | undefined {
  for (const m of parseAccept(accept)) {
    if (m.type !== 'application/json' || m.params.as !== 'APIGroupDiscoveryList' || m.params.g !== 'apidiscovery.k8s.io') continue;
    if (m.params.v === 'v2' || m.params.v === 'v2beta1') {
      // The real server answers with the canonical parameter order, whatever order the client used.
      return { version: m.params.v, contentType: `application/json;g=apidiscovery.k8s.io;v=${m.params.v};as=APIGroupDiscoveryList` };
    }
  }
  return undefined;
}

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
