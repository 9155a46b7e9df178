/**
 * Steps shared by the verb handlers: decoding and checking the body, selectors, output shaping, validation.
 * Upstream: apiserver pkg/endpoints/handlers/rest.go (checkName, body limits), create.go/update.go (API version
 * check), get.go (ListResource: selector conversion), pkg/registry/rest/create.go and update.go (BeforeCreate /
 * BeforeUpdate: generateName, namespace, immutable metadata).
 */
import { deepClone } from '../../store';
import type { ResourceRequest, ServerContext } from '../context';
import { badRequest, fail, invalid, quote, requestEntityTooLarge, unsupportedMediaType } from '../errors';
import { matchFields, unsupportedField } from '../selectors/field-labels';
import { FieldSelectorError, parseFieldSelector } from '../selectors/fields';
import { matchLabels, parseLabelSelector, SelectorParseError } from '../selectors/labels';
import { apiVersionOf, type ResourceInfo } from '../registry';
import type { KubeObject } from '../types';
import { validate, type FieldError } from '../validation';
import { findUnknownFields } from '../unknown-fields';
import { findDecodeError } from '../schema';
import { K8S_NAME_ALPHABET } from '../../random';
import { fromStorage, storageGroupResource } from '../conversion';

/** MaxRequestBodyBytes of the generic API server (apiserver pkg/server/config.go: 3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** The JSON-ish request media types a write accepts (patches have their own list). */
const WRITE_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** Returns the request body as an object, or fails with the server's text. */
export function decodeBody(req: ResourceRequest): KubeObject {
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (ct && !WRITE_MEDIA_TYPES.includes(ct) && !ct.endsWith('+json') && ct !== 'application/apply-patch+yaml') {
    fail(unsupportedMediaType(ct, WRITE_MEDIA_TYPES));
  }
  let body = req.body;
  if (typeof body === 'string') {
    if (body.length > MAX_REQUEST_BODY_BYTES) fail(requestTooLarge());
    try {
      body = JSON.parse(body);
    } catch (e) {
      fail(badRequest(`the object provided is unrecognized (must be of type ${req.ri.kind}): couldn't get version/kind; json parse error: ${goJsonError(body as string, e)} (${summarizeData(body as string)})`));
    }
  } else if (body !== undefined && body !== null) {
    // Measure what the wire would have carried; serialise only when a cheap upper bound says it may be too large.
    if (jsonLengthBound(body, MAX_REQUEST_BODY_BYTES) > MAX_REQUEST_BODY_BYTES && JSON.stringify(body).length > MAX_REQUEST_BODY_BYTES) fail(requestTooLarge());
  }
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail(badRequest(`Object 'Kind' is missing in '${body === undefined || body === null ? '' : JSON.stringify(body)}'`));
  }
  // In process the body is the caller's own object: copy it, so the store never shares structure with a client.
  const obj = (typeof req.body === 'string' ? body : deepClone(body)) as KubeObject;
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) fail(badRequest(`${obj.kind ?? 'Object'} in version "${req.ri.version}" cannot be handled as a ${req.ri.kind}: json: cannot unmarshal ${Array.isArray(obj.metadata) ? 'array' : typeof obj.metadata} into Go struct field ${obj.kind ?? req.ri.kind}.metadata of type v1.ObjectMeta`));
  return obj;
}

/**
 * An upper bound of JSON.stringify(v).length (each string counted as if every character were escaped), cut short
 * once it passes `limit`. Walking is much cheaper than serialising every in-process write.
 */
export function jsonLengthBound(v: unknown, limit: number): number {
  let n = 0;
  const walk = (x: unknown): void => {
    if (n > limit) return;
    if (typeof x === 'string') n += 6 * x.length + 2;
    else if (x === null || typeof x !== 'object') n += 24;
    else if (typeof (x as { toJSON?: unknown }).toJSON === 'function') n = limit + 1; // not plain data: measure for real
    else if (Array.isArray(x)) {
      n += 2;
      for (let i = 0; i < x.length; i++) {
        n += 1;
        walk(x[i]);
      }
    } else {
      n += 2;
      for (const k in x as Record<string, unknown>) {
        n += 6 * k.length + 4;
        walk((x as Record<string, unknown>)[k]);
      }
    }
  };
  walk(v);
  return n;
}

const requestTooLarge = () => requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`);

/**
 * encoding/json's wording for the common syntax errors (V8 words them differently): a truncated document, or
 * the first character that cannot start or continue a value.
 */
export function goJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/end of (JSON )?input/i.test(msg) || text.trim() === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(msg);
  const ch = m ? text[Number(m[1])] : text.trim()[0];
  return `invalid character '${ch ?? ''}' looking for beginning of value`;
}

/** handlers/rest.go summarizeData: the first 30 bytes, as text for JSON objects and in hex otherwise. */
export function summarizeData(text: string, max = 30): string {
  if (text.length === 0) return '<empty>';
  const bytes = new TextEncoder().encode(text);
  const head = bytes.slice(0, max);
  const more = bytes.length > max ? ' ...' : '';
  if (text[0] === '{') return new TextDecoder().decode(head) + more;
  return [...head].map((b) => b.toString(16).padStart(2, '0')).join('') + more;
}

/** The Go type of an internal object, as conversion errors print it: core.Pod, apps.Deployment, networking.Ingress. */
const internalType = (group: string, kind: string) => `${group ? group.split('.')[0] : 'core'}.${kind}`;

/**
 * The body's apiVersion/kind must name the endpoint's type. Missing ones are filled in, as the decoder
 * defaults them from the path (create.go: decoder.Decode(body, &defaultGVK, original)).
 */
export function checkTypeMeta(ri: ResourceInfo, obj: KubeObject, expectKind = ri.kind, expectApiVersion = apiVersionOf(ri)): void {
  if (obj.apiVersion !== undefined && obj.apiVersion !== '' && obj.apiVersion !== expectApiVersion) {
    fail(badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expectApiVersion})`));
  }
  if (obj.kind !== undefined && obj.kind !== '' && obj.kind !== expectKind) {
    // The decoder builds the body's own kind and cannot convert it into the endpoint's type
    // (handlers/rest.go transformDecodeError; apimachinery conversion: "converting (%s) to (%s): unknown conversion").
    const version = expectApiVersion.split('/').pop();
    fail(
      badRequest(
        `the object provided is unrecognized (must be of type ${expectKind}): converting (${version}.${obj.kind}) to (${internalType(ri.group, expectKind)}): unknown conversion (${summarizeData(JSON.stringify(obj))})`,
      ),
    );
  }
  obj.apiVersion = expectApiVersion;
  obj.kind = expectKind;
}

/** A private copy of a stored object with its apiVersion/kind set (stored objects always carry them). */
export function output(ri: ResourceInfo, stored: KubeObject): KubeObject {
  // apiVersion and kind lead, as the Go structs serialise them (TypeMeta first).
  const o: KubeObject = { apiVersion: undefined, kind: undefined, ...fromStorage(ri, deepClone(stored)) };
  o.apiVersion = apiVersionOf(ri);
  o.kind = ri.kind;
  return o;
}

export interface Selection {
  matches: (o: KubeObject) => boolean;
  labelSelector: string;
  fieldSelector: string;
}

export function parseSelection(req: ResourceRequest): Selection {
  const ls = req.query.labelSelector ?? '';
  const fs = req.query.fieldSelector ?? '';
  let labels;
  let fields;
  try {
    labels = parseLabelSelector(ls);
  } catch (e) {
    if (e instanceof SelectorParseError) fail(badRequest(e.message));
    throw e;
  }
  try {
    fields = parseFieldSelector(fs);
  } catch (e) {
    if (e instanceof FieldSelectorError) fail(badRequest(e.message));
    throw e;
  }
  const bad = unsupportedField(req.ri.storageKey, fields);
  if (bad !== undefined) fail(badRequest(`field label not supported: ${bad}`));
  const key = req.ri.storageKey;
  const matches =
    labels.length === 0 && fields.length === 0
      ? () => true
      : (o: KubeObject) => matchLabels(labels, o.metadata.labels) && matchFields(key, fields, o);
  return { matches, labelSelector: ls, fieldSelector: fs };
}

export const isDryRun = (req: ResourceRequest) => {
  const d = req.query.dryRun;
  if (d === undefined || d === '') return false;
  if (d !== 'All') fail(badRequest(`Invalid dryRun parameter: ${quote(d)}: supported values are "All"`));
  return true;
};

/** Runs validation and fails with 422 Invalid when it reports anything. */
export function validateOrFail(ri: ResourceInfo, obj: KubeObject, ctx: { old?: KubeObject; subresource?: string }, extra: FieldError[] = []): void {
  const gr = storageGroupResource(ri);
  const errs = [...extra, ...validate(gr.group, gr.resource, obj, ctx)];
  if (errs.length) fail(invalid({ group: ri.group, kind: ri.kind }, obj.metadata.name ?? '', dedupe(errs)));
}

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = `${e.field}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The typed decoder's errors: a value of the wrong JSON type for its Go field, a quantity that does not parse
 * (`Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field
 * DeploymentSpec.spec.replicas of type int32`). The serializer reports them before any unknown field (strict
 * errors only count once decoding succeeded). The simulator's components write typed objects by construction, so
 * only what a client sent is walked (a body off the wire, or kubectl's writes, which carry fieldValidation).
 */
export function checkDecodes(req: ResourceRequest, ri: ResourceInfo, obj: KubeObject, kind = ri.kind): void {
  if (typeof req.body !== 'string' && req.query.fieldValidation === undefined) return;
  const err = findDecodeError(ri.group, ri.version, kind, obj);
  if (err) fail(badRequest(`${kind} in version ${quote(ri.version)} cannot be handled as a ${kind}: ${err}`));
}

/**
 * Unknown-field handling (fieldValidation=Strict|Warn|Ignore; the server's default is Warn).
 * Strict fails like the strict decoder: `Deployment in version "v1" cannot be handled as a Deployment: strict
 * decoding error: unknown field "spec.foo"` (several: `…: unknown field "a", unknown field "b"`).
 * Warn returns warnings for the `Warning` header: `unknown field "spec.foo"`.
 */
export function checkUnknownFields(req: ResourceRequest, ri: ResourceInfo, obj: KubeObject, kind = ri.kind): string[] {
  const mode = req.query.fieldValidation ?? 'Warn';
  if (mode !== 'Strict' && mode !== 'Warn' && mode !== 'Ignore') {
    fail(badRequest(`fieldValidation parameter unsupported: ${quote(mode)}`));
  }
  const unknown = findUnknownFields(ri.group, ri.version, kind, obj);
  if (unknown.length === 0) return [];
  const texts = unknown.map((f) => `unknown field ${quote(f)}`);
  if (mode === 'Strict') {
    fail(badRequest(`${kind} in version ${quote(ri.version)} cannot be handled as a ${kind}: strict decoding error: ${texts.join(', ')}`));
  }
  // Decoding into the typed object drops what the type does not have: unknown fields are never stored.
  pruneFields(obj, unknown);
  return mode === 'Ignore' ? [] : texts;
}

/** Deletes the fields at paths like 'spec.foo' and 'spec.containers[0].bar' from `obj`. */
export function pruneFields(obj: unknown, paths: string[]): void {
  for (const p of paths) {
    const parts = p.match(/[^.[\]]+|\[\d+\]/g) ?? [];
    let cur: unknown = obj;
    for (let i = 0; i < parts.length - 1 && cur && typeof cur === 'object'; i++) {
      const part = parts[i];
      cur = part.startsWith('[') ? (cur as unknown[])[Number(part.slice(1, -1))] : (cur as Record<string, unknown>)[part];
    }
    const last = parts[parts.length - 1];
    if (cur && typeof cur === 'object' && last && !last.startsWith('[')) delete (cur as Record<string, unknown>)[last];
  }
}

/** The `Warning` response header: one `299 - "<text>"` entry per warning, comma separated (RFC 7234 §5.5). */
export function warningHeader(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') };
}

/**
 * Name and namespace on create (pkg/registry/rest/create.go BeforeCreate, handlers/rest.go checkName):
 * the namespace comes from the path; a different one in the body is refused; cluster-scoped objects lose it;
 * generateName gets 5 characters from apimachinery's rand alphabet (names.SimpleNameGenerator, base cut to 58).
 */
export function assignNameAndNamespace(ctx: ServerContext, req: ResourceRequest, obj: KubeObject): FieldError[] {
  const ri = req.ri;
  const m = obj.metadata;
  if (ri.namespaced) {
    const pathNs = req.info.namespace ?? '';
    if (m.namespace && pathNs && m.namespace !== pathNs) {
      fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    }
    m.namespace = pathNs || m.namespace;
  } else {
    delete m.namespace;
  }
  if (!m.name && m.generateName) {
    const base = m.generateName.length > 58 ? m.generateName.slice(0, 58) : m.generateName;
    m.name = base + ctx.random.string(5, K8S_NAME_ALPHABET);
  }
  if (!m.name) {
    return [{ type: 'FieldValueRequired', field: 'metadata.name', message: 'metadata.name: Required value: name or generateName is required' }];
  }
  return [];
}

/** Server-owned metadata on create. */
export function stampCreateMetadata(ctx: ServerContext, obj: KubeObject, tracksGeneration: boolean): void {
  const m = obj.metadata;
  m.uid = ctx.random.uuid();
  m.creationTimestamp = ctx.clock.nowRFC3339();
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (tracksGeneration) m.generation = 1;
  else delete m.generation;
}

export function requireNamespaceInPath(req: ResourceRequest): string {
  return req.info.namespace ?? '';
}
