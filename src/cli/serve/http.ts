/**
 * The HTTP face of an in-process ApiHandler, for `kubelab serve`: it translates requests and responses and holds no
 * Kubernetes logic of its own (paths, verbs, errors, discovery, Tables all come from the API server).
 *
 * Traps learnt from driving the real kubectl against it:
 * - watch and follow responses must flush their headers at once, or kubectl waits for them forever;
 * - a client going away is seen on `res.on('close')`; `req.on('close')` fires as soon as the body is read;
 * - discovery's Content-Type carries parameters that the API server chose; pass them through untouched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ApiHandler, ApiRequest, ApiResponse, ApiStream, Status, Verb, WatchEvent } from '../../sim/apiserver/types';

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The largest request body the real API server reads before refusing it (3 MiB, apiserver's MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function status(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** Decodes the query string; a parameter given more than once becomes a JSON array string (see ApiRequest.query). */
export function decodeQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    out[key] = all.length > 1 || key === 'command' ? JSON.stringify(all) : all[0];
  }
  return out;
}

export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return h;
}

export type BodyDecoder = (contentType: string, raw: Buffer) => { body: unknown } | { error: Status };

/** JSON and YAML bodies. Protobuf bodies are handed to `decodeProtobuf` when one is given. */
export function decodeBody(contentType: string, raw: Buffer, decodeProtobuf?: BodyDecoder): { body: unknown } | { error: Status } {
  if (raw.length === 0) return { body: undefined };
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (decodeProtobuf) return decodeProtobuf(contentType, raw);
    return {
      // kubectl 1.32 and 1.33 send their `create <generator>` objects as protobuf; 1.31 and older send JSON.
      error: status(
        415,
        'UnsupportedMediaType',
        'kubelab serve accepts JSON and YAML request bodies only; the create generators of kubectl 1.32 and newer send protobuf: use kubectl 1.31 or older for `kubectl create <generator>`, or `kubectl create -f`',
      ),
    };
  }
  const text = raw.toString('utf8');
  if (type === 'application/apply-patch+yaml' || type === 'application/yaml') {
    try {
      return { body: parseYaml(text) };
    } catch (e) {
      return { error: status(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`) };
    }
  }
  if (type === 'application/json' || type.endsWith('+json') || type === '') {
    try {
      return { body: JSON.parse(text) };
    } catch {
      // The API server itself reports malformed JSON with its own decoder message; hand it the raw text.
      return { body: text };
    }
  }
  return { body: text };
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Builds the ApiRequest for an incoming HTTP request, or the Status to answer with. */
export async function toApiRequest(req: IncomingMessage, decodeProtobuf?: BodyDecoder): Promise<ApiRequest | Status> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!VERBS.has(method)) return status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  const raw = await readBody(req);
  if (raw === undefined) return status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
  const headers = lowerHeaders(req);
  const decoded = decodeBody(headers['content-type'] ?? '', raw, decodeProtobuf);
  if ('error' in decoded) return decoded.error;
  return { method: method as Verb, path: decodeURIComponent(url.pathname), query: decodeQuery(url.searchParams), headers, body: decoded.body };
}

/** Streams (watches, followed logs) currently open, across all listeners: a client is waiting on the cluster. */
let openStreams = 0;
export const activeStreams = () => openStreams;
/** Counts a long-lived connection (exec, port-forward) as open until the returned function is called. */
export function trackStream(): () => void {
  openStreams++;
  let done = false;
  return () => {
    if (!done) openStreams--;
    done = true;
  };
}

/** Writes an ApiResponse to Node's ServerResponse, streaming watches and followed logs. */
export function writeResponse(res: ServerResponse, out: ApiResponse): void {
  const headers: Record<string, string> = { ...out.headers };
  if (out.stream) {
    const isLog = !String(headers['content-type'] ?? '').includes('json');
    if (!headers['content-type']) headers['content-type'] = 'application/json';
    res.writeHead(out.status, { ...headers, 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
    res.flushHeaders();
    const stream = out.stream as ApiStream<WatchEvent | string>;
    openStreams++;
    res.on('close', () => {
      openStreams--;
      stream.close();
    });
    stream.subscribe(
      (item) => {
        res.write(isLog || typeof item === 'string' ? String(item) : JSON.stringify(item) + '\n');
      },
      () => res.end(),
    );
    return;
  }
  let payload: string;
  if (typeof out.body === 'string') {
    payload = out.body;
    headers['content-type'] ??= 'text/plain';
  } else if (out.body === undefined) {
    payload = '';
  } else {
    // encoding/json's Encoder, which the API server writes objects with, ends each with a newline.
    payload = JSON.stringify(out.body) + '\n';
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(out.status, headers);
  res.end(payload);
}

/** The request listener: one call of the API server per HTTP request. */
export function httpListener(handler: ApiHandler, opts: { decodeProtobuf?: BodyDecoder; onRequest?: (r: ApiRequest, code: number) => void } = {}) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let apiReq: ApiRequest | Status;
    try {
      apiReq = await toApiRequest(req, opts.decodeProtobuf);
    } catch {
      apiReq = status(400, 'BadRequest', 'the request body could not be read');
    }
    if ('kind' in apiReq && apiReq.kind === 'Status') {
      writeResponse(res, { status: apiReq.code, headers: {}, body: apiReq });
      return;
    }
    const r = apiReq as ApiRequest;
    let out: ApiResponse;
    try {
      out = handler.handle(r);
    } catch (e) {
      out = { status: 500, headers: {}, body: status(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`) };
    }
    opts.onRequest?.(r, out.status);
    writeResponse(res, out);
  };
}
