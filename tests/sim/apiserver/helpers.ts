import { VirtualClock } from '../../../src/sim/clock';
import { Random } from '../../../src/sim/random';
import { ApiServer } from '../../../src/sim/apiserver/server';
import type { ApiRequest, ApiResponse, KubeObject, Status, WatchEvent, ApiStream } from '../../../src/sim/apiserver/types';

export function setup(seed = 7, opts: { historyLimit?: number } = {}) {
  const clock = new VirtualClock();
  const random = new Random(seed);
  const server = new ApiServer({ clock, random, ...opts });
  const call = (method: ApiRequest['method'], path: string, body?: unknown, extra: Partial<ApiRequest> = {}): ApiResponse =>
    server.handle({ method, path, body, ...extra });
  const ok = (res: ApiResponse) => {
    if (res.status >= 400) throw new Error(`unexpected ${res.status}: ${(res.body as Status).message}`);
    return res.body as KubeObject;
  };
  const ns = (name: string) => ok(call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  ns('default');
  ns('kube-system');
  return { clock, random, server, call, ok, ns };
}

export function collect(stream: ApiStream<WatchEvent>) {
  const events: WatchEvent[] = [];
  let ended: string | undefined | null = null;
  stream.subscribe(
    (e) => events.push(e),
    (r) => (ended = r ?? 'ended'),
  );
  return { events, ended: () => ended };
}

export const pod = (name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  ...extra,
});

export const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});
