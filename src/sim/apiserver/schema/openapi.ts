/**
 * OpenAPI v3 documents built from the generated schema, for `kubelab serve` so that the real kubectl can run
 * `explain` and server-side field validation (it reads /openapi/v3, then /openapi/v3/<path>?hash=…).
 * Shapes as the real API server publishes them: components.schemas keyed by definition name, nested types as
 * `allOf: [{$ref}]`, lists with x-kubernetes-list-type/-map-keys and x-kubernetes-patch-strategy/-merge-key,
 * kinds tagged with x-kubernetes-group-version-kind; and, per resource, a `patch` operation that lists the
 * fieldValidation parameter (what kubectl checks before sending fieldValidation=Strict).
 * Call loadSchemaDocs() first for descriptions.
 */
import { allKinds, definition, type FieldSchema } from './index';
import { docsFor } from './field-docs';

type Json = Record<string, unknown>;

const REF = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The scalar wrappers keep their own definitions, so kubectl explain prints <Quantity>, <IntOrString>. */
const SCALAR_DEFS: Record<string, { name: string; schema: Json }> = {
  Time: { name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', schema: { type: 'string', format: 'date-time' } },
  MicroTime: { name: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', schema: { type: 'string', format: 'date-time' } },
  // No top-level type: kubectl explain then names the reference (<Quantity>, <IntOrString>), as upstream.
  Quantity: { name: 'io.k8s.apimachinery.pkg.api.resource.Quantity', schema: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
  IntOrString: { name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', schema: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] } },
};

function typeSchema(t: string, used: Set<string>): Json {
  if (t.startsWith('[]')) return { type: 'array', items: typeSchema(t.slice(2), used) };
  if (t.startsWith('{}')) return { type: 'object', additionalProperties: typeSchema(t.slice(2), used) };
  if (SCALAR_DEFS[t]) {
    used.add(t);
    return { allOf: [REF(SCALAR_DEFS[t].name)] };
  }
  if (t === 'string' || t === 'boolean' || t === 'number') return { type: t };
  if (t === 'integer') return { type: 'integer', format: 'int32' };
  if (t === 'object') return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  used.add(t);
  return { allOf: [REF(t)], default: {} };
}

function fieldSchema(f: FieldSchema, description: string, enumValues: string[] | undefined, used: Set<string>): Json {
  const s = typeSchema(f.t, used);
  if (description) s.description = description;
  if (enumValues) s.enum = enumValues;
  if (f.lt) s['x-kubernetes-list-type'] = f.lt;
  if (f.lk) s['x-kubernetes-list-map-keys'] = f.lk;
  if (f.pk) s['x-kubernetes-patch-merge-key'] = f.pk;
  if (f.ps) s['x-kubernetes-patch-strategy'] = f.ps;
  return s;
}

function definitionSchema(name: string, used: Set<string>): Json | undefined {
  const def = definition(name);
  if (!def) return undefined;
  const docs = docsFor(name);
  const properties: Json = {};
  const required: string[] = [];
  for (const fname of Object.keys(def.f).sort()) {
    const f = def.f[fname];
    const d = docs?.[fname];
    const text = typeof d === 'string' ? d : (d?.d ?? '');
    properties[fname] = fieldSchema(f, text, typeof d === 'object' ? d.e : undefined, used);
    if (f.r && fname !== 'apiVersion' && fname !== 'kind') required.push(fname);
  }
  const own = docs?.[''];
  const s: Json = { type: 'object', properties };
  if (typeof own === 'string' && own) s.description = own;
  if (required.length) s.required = required;
  if (def.k) s['x-kubernetes-group-version-kind'] = [{ group: def.k[0], kind: def.k[2], version: def.k[1] }];
  return s;
}

/** A resource of the group/version, for the paths section. */
export interface OpenApiResource {
  resource: string;
  kind: string;
  namespaced: boolean;
}

function gvPath(groupVersion: string): string {
  return groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

/** The /openapi/v3 discovery document for the given group/versions. */
export function openApiV3Index(groupVersions: string[], hash: (gv: string) => string = () => 'kubelab'): Json {
  const paths: Json = {};
  for (const gv of groupVersions) paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${hash(gv)}` };
  return { paths };
}

/** The OpenAPI v3 document of one group/version ('v1', 'apps/v1'); undefined when nothing is served there. */
export function openApiV3(groupVersion: string, resources: OpenApiResource[] = []): Json | undefined {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  const kinds = allKinds().filter(([g, v]) => g === group && v === version);
  if (kinds.length === 0) return undefined;
  const used = new Set<string>(kinds.map(([, , , def]) => def));
  const schemas: Json = {};
  const done = new Set<string>();
  // Reachable definitions, breadth first; `used` grows while fields are turned into schemas.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of [...used]) {
      if (done.has(name)) continue;
      done.add(name);
      changed = true;
      if (SCALAR_DEFS[name]) {
        const sd = SCALAR_DEFS[name];
        const d = docsFor(sd.name)?.[''];
        schemas[sd.name] = { ...sd.schema, ...(typeof d === 'string' && d ? { description: d } : {}) };
        continue;
      }
      const s = definitionSchema(name, used);
      if (s) schemas[name] = s;
    }
  }
  const paths: Json = {};
  const base = `/${gvPath(groupVersion)}`;
  for (const r of resources) {
    const gvk = { group, version, kind: r.kind };
    const item = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}/{name}` : `${base}/${r.resource}/{name}`;
    const params = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string' }, uniqueItems: true }));
    paths[item] = {
      get: { 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
      put: { 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk, parameters: params.slice(0, 3) },
      patch: { 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk, parameters: params },
      parameters: [
        { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
        ...(r.namespaced ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }] : []),
      ],
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.31.5+k3s1' }, paths, components: { schemas } };
}
