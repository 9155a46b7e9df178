/**
 * metav1.Status builders with the reasons, codes and message templates of apimachinery pkg/api/errors/errors.go.
 * `qr` is a qualified resource ('pods', 'deployments.apps'); details.kind carries the plural resource, as
 * upstream does (StatusDetails.Kind = qualifiedResource.Resource).
 */
import type { Status } from './types';
import type { FieldError } from './validation';

export interface GroupResource {
  group: string;
  resource: string;
}

/** Thrown inside handlers and turned into a response at the top of ApiServer.handle. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

const qualified = (gr: GroupResource) => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
/** Go's %q for the plain ASCII names Kubernetes allows (and a best effort for anything else). */
export const quote = (s: string) => JSON.stringify(s);

function failure(code: number, reason: string | undefined, message: string, details?: Status['details']): Status {
  // Key order as metav1.Status marshals: kind, apiVersion, metadata, status, message, reason, details, code.
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message } as Status;
  if (reason) s.reason = reason;
  if (details) s.details = details;
  s.code = code;
  return s;
}

const details = (gr: GroupResource, name?: string): NonNullable<Status['details']> => {
  const d: NonNullable<Status['details']> = {};
  if (name) d.name = name;
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
};

export const notFound = (gr: GroupResource, name: string) => failure(404, 'NotFound', `${qualified(gr)} ${quote(name)} not found`, details(gr, name));

export const alreadyExists = (gr: GroupResource, name: string) =>
  failure(409, 'AlreadyExists', `${qualified(gr)} ${quote(name)} already exists`, details(gr, name));

export const conflict = (gr: GroupResource, name: string, err: string) =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} ${quote(name)}: ${err}`, details(gr, name));

/** The storage layer's optimistic-concurrency text (apiserver pkg/registry/generic/registry/store.go). */
export const OPTIMISTIC_LOCK_ERROR = 'the object has been modified; please apply your changes to the latest version and try again';

export const forbidden = (gr: GroupResource | undefined, name: string, err: string) => {
  let message: string;
  if (!gr || !gr.resource) message = `forbidden: ${err}`;
  else if (!name) message = `${qualified(gr)} is forbidden: ${err}`;
  else message = `${qualified(gr)} ${quote(name)} is forbidden: ${err}`;
  return failure(403, 'Forbidden', message, gr ? details(gr, name) : undefined);
};

/** Renders a field error as field.Error.Error(): `<field>: <type>: <value>: <detail>` (the validator pre-renders it). */
function errorBody(e: FieldError): string {
  const prefix = `${e.field}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

/**
 * 422 Invalid. Message: `Pod "x" is invalid: a` for one error, `[a, b]` for several (utilerrors aggregate,
 * which also drops duplicate messages).
 */
export function invalid(gk: { group: string; kind: string }, name: string, errs: FieldError[]): Status {
  const causes = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const msgs: string[] = [];
  for (const e of errs) {
    const m = e.message.startsWith(e.field + ': ') || !e.field ? e.message : `${e.field}: ${e.message}`;
    if (!msgs.includes(m)) msgs.push(m);
  }
  const qk = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  const agg = msgs.length === 0 ? '' : msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  const d: NonNullable<Status['details']> = {};
  if (name) d.name = name;
  if (gk.group) d.group = gk.group;
  if (gk.kind) d.kind = gk.kind;
  d.causes = causes;
  return failure(422, 'Invalid', agg ? `${qk} ${quote(name)} is invalid: ${agg}` : `${qk} ${quote(name)} is invalid`, d);
}

export const badRequest = (message: string) => failure(400, 'BadRequest', message);

export const methodNotSupported = (gr: GroupResource, action: string) =>
  failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${quote(qualified(gr))}`, details(gr));

export const gone = (message: string) => failure(410, 'Gone', message);
export const resourceExpired = (message: string) => failure(410, 'Expired', message);

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  failure(429, 'TooManyRequests', message, { retryAfterSeconds });

export const serviceUnavailable = (message: string) => failure(503, 'ServiceUnavailable', message);

export const internalError = (err: string) => failure(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] });

export const timeout = (message: string, retryAfterSeconds: number) => failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });

export const requestEntityTooLarge = (message: string) => failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);

export const unauthorized = (message = 'not authorized') => failure(401, 'Unauthorized', message);

/** What the mux answers for a path nothing serves (k8s.io/apiserver endpoints/handlers/responsewriters). */
export const pathNotFound = () => failure(404, 'NotFound', 'the server could not find the requested resource', {});

/** runtime.NegotiateError (apimachinery pkg/runtime/serializer/negotiation) for an Accept the server cannot produce. */
export const notAcceptable = (accepted: string[]) => failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);

/** The body's Content-Type is not one the endpoint decodes (handlers/rest.go, negotiation.NewUnsupportedMediaTypeError). */
export const unsupportedMediaType = (_contentType: string, accepted: string[]) =>
  failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);


export const success = (d?: Status['details']): Status => {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (d) s.details = d;
  return s;
};

/** Throwing helpers for handler code. */
export const fail = (s: Status): never => {
  throw new StatusError(s);
};
