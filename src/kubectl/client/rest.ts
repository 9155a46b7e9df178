/**
 * kubectl's HTTP layer over an in-process ApiHandler. It adds what client-go's round trippers add (Accept,
 * User-Agent, Content-Type) and, at -v=6 and above, logs each request the way round_trippers.go does:
 * `I1125 09:00:00.000000   12345 round_trippers.go:553] GET https://host/path?query 200 OK in 3 milliseconds`.
 */
import type { ApiHandler, ApiRequest, ApiResponse, Status } from '../../sim/apiserver/types';
import type { VirtualClock } from '../../sim/clock';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
export const USER_AGENT = 'kubectl/v1.31.9 (linux/amd64) kubernetes/kubelab';

/** A Status error from the server, kept whole so errors.ts can render it as kubectl does. */
export class StatusError extends Error {
  constructor(readonly status: Status, readonly code: number, readonly verb: string, readonly path: string) {
    super(status?.message ?? `the server responded with status ${code}`);
    this.name = 'StatusError';
  }
  get reason(): string | undefined {
    return this.status?.reason;
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 101: 'Switching Protocols', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface RestClientOptions {
  handler: ApiHandler;
  server: string;
  clock: VirtualClock;
  verbosity: number;
  log: (line: string) => void;
  pid?: number;
  /** Sent with every request: credentials and impersonation (Authorization, Impersonate-User, Impersonate-Group). */
  headers?: Record<string, string>;
}

/** klog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] */
export function klogHeader(level: 'I' | 'W' | 'E', nowMs: number, pid: number, where: string): string {
  const d = new Date(nowMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)} ${String(pid).padStart(7)} ${where}] `;
}

export function encodeQuery(q: Record<string, string | undefined> | undefined): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!).replace(/%2C/g, '%2C')}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export class RestClient {
  constructor(readonly opts: RestClientOptions) {}

  get server(): string {
    return this.opts.server;
  }

  request(req: ApiRequest): ApiResponse {
    const headers: Record<string, string | undefined> = { 'user-agent': USER_AGENT, accept: 'application/json', ...(this.opts.headers ?? {}), ...(req.headers ?? {}) };
    if (req.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const started = this.opts.clock.now();
    let res: ApiResponse;
    try {
      res = this.opts.handler.handle({ ...req, headers });
    } catch (e) {
      // A simulator bug must not escape as a stack trace: kubectl would see a 500.
      res = {
        status: 500,
        headers: {},
        body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String((e as Error)?.message ?? e), reason: 'InternalError', code: 500 },
      };
    }
    if (this.opts.verbosity >= 6) {
      const ms = Math.max(0, this.opts.clock.now() - started) + 1;
      this.opts.log(
        `${klogHeader('I', this.opts.clock.now(), this.opts.pid ?? 12345, 'round_trippers.go:553')}${req.method} ${this.opts.server}${req.path}${encodeQuery(req.query)} ${res.status} ${STATUS_TEXT[res.status] ?? ''} in ${ms} milliseconds\n`,
      );
    }
    return res;
  }

  /** Performs a request and throws StatusError on >= 400. */
  call<T = unknown>(req: ApiRequest): T {
    const res = this.request(req);
    if (res.status >= 400) throw new StatusError(toStatus(res), res.status, req.method, req.path);
    return res.body as T;
  }
}

function toStatus(res: ApiResponse): Status {
  const b = res.body as Status | undefined;
  if (b && typeof b === 'object' && (b as { kind?: string }).kind === 'Status') return b;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: res.status, message: typeof b === 'string' ? b : undefined };
}
