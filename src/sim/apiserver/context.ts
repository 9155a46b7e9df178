/**
 * What every handler works with: the injected clock and random source, the store, the registry, the watch
 * fan-out and the kubelets' connectors. One per ApiServer.
 */
import type { VirtualClock } from '../clock';
import type { Random } from '../random';
import type { Store } from '../store';
import type { RequestInfo } from './path';
import type { Registry, ResourceInfo } from './registry';
import type { ApiResponse, KubeObject, NodeConnector } from './types';
import type { WatchHub } from './watch';
import type { UserInfo } from './authorization/user';

export interface ServerContext {
  clock: VirtualClock;
  random: Random;
  store: Store;
  registry: Registry;
  hub: WatchHub;
  nodes: Map<string, NodeConnector>;
  /** The APIService objects reads of apiregistration.k8s.io/v1 apiservices answer with (./apiservices.ts). */
  apiServices?: () => KubeObject[];
}

/** A resource request after routing. */
export interface ResourceRequest {
  method: string;
  info: RequestInfo;
  ri: ResourceInfo;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** The authenticated (or impersonated) user; absent for requests built outside the server's filters. */
  user?: UserInfo;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}
