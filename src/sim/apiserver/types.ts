/**
 * The shape of one request to the API server and of its answer: the Kubernetes REST protocol, without HTTP.
 * In the browser kubectl calls ApiHandler.handle in-process; `kubelab serve` maps real HTTP onto the same call.
 */

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: Verb;
  /** e.g. '/api/v1/namespaces/default/pods', '/apis/apps/v1/deployments', '/version' */
  path: string;
  /**
   * Decoded query parameters (labelSelector, fieldSelector, watch, resourceVersion, dryRun, fieldManager, …).
   * A parameter given several times (exec's `command`) holds its values as a JSON array string: '["sh","-c","ls"]'.
   */
  query?: Record<string, string | undefined>;
  /** Lower-case header names: 'content-type', 'accept', 'user-agent'. */
  headers?: Record<string, string | undefined>;
  /** Parsed JSON body (object), or raw text when the content type is not JSON. */
  body?: unknown;
}

/** A push stream: watch events, or text chunks of `pods/log?follow=true`. */
export interface ApiStream<T> {
  /** Registers the consumer. Items already buffered are delivered first. */
  subscribe(onItem: (item: T) => void, onEnd?: (reason?: string) => void): void;
  /** Stops the stream from the client side (Ctrl-C, connection closed). */
  close(): void;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-able body: an object, a list, a Table, a Status; or text for logs. Absent for streams. */
  body?: unknown;
  /** Present for watch=true (WatchEvent) and for logs with follow=true (string chunks). */
  stream?: ApiStream<WatchEvent> | ApiStream<string>;
  /** Present for an upgraded pods/exec request (status 101). */
  exec?: ExecSession;
  /** Present for an upgraded pods/portforward request (status 101). */
  portForward?: (port: number) => PortForwardConnection | { error: Status };
}

export interface ApiHandler {
  handle(req: ApiRequest): ApiResponse;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [extra: string]: unknown;
}

/** Any API object. Kind-specific fields stay loosely typed; each module narrows what it reads. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/** metav1.Status, the body of every error response. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** Options of GET pods/{name}/log, as the query parameters name them. */
export interface LogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** Options of POST pods/{name}/exec (query: command (repeated, joined here), container, stdin, stdout, stderr, tty). */
export interface ExecOptions {
  container?: string;
  command: string[];
  stdin?: boolean;
  tty?: boolean;
}

/**
 * A running exec: the v5 channel protocol without the wire. The client writes stdin and reads
 * stdout/stderr; `onExit` reports the exit code (the Status on channel 3 of the real protocol).
 */
export interface ExecSession {
  write(data: string): void;
  /** End of stdin (Ctrl-D on a non-tty, or the client closing channel 0). */
  closeStdin(): void;
  onOutput(cb: (stream: 'stdout' | 'stderr', data: string) => void): void;
  onExit(cb: (code: number) => void): void;
  resize?(cols: number, rows: number): void;
  /** The client went away (Ctrl-C on a non-tty exec, connection closed). */
  close(): void;
}

/** A port-forward connection to one pod port: request bytes in, response bytes out (HTTP as text here). */
export interface PortForwardConnection {
  request(data: string): string | undefined;
}

/**
 * What the API server needs from a node to serve pods/log, pods/exec and pods/portforward: in Kubernetes it
 * proxies these to the kubelet's own HTTP server. Each kubelet registers one with the API server.
 */
export interface NodeConnector {
  containerLogs(namespace: string, pod: string, opts: LogOptions): { text: string } | { stream: ApiStream<string> } | { error: Status };
  exec(namespace: string, pod: string, opts: ExecOptions): ExecSession | { error: Status };
  portForward(namespace: string, pod: string, port: number): PortForwardConnection | { error: Status };
  /** The kubelet's own endpoints reached through nodes/{name}/proxy/… (GET /metrics/resource for metrics-server). */
  proxy?(path: string): { status: number; contentType: string; text: string } | { error: Status };
}
