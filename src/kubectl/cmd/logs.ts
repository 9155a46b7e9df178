/**
 * kubectl logs (pkg/cmd/logs/logs.go): one pod's container log (GET pods/{name}/log) as raw text,
 * streamed with -f until the container stops or Ctrl-C; TYPE/NAME picks a pod of the controller.
 */
import type { ApiStream, KubeList, KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, RawError } from '../cli/errors';
import { StatusError } from '../client/rest';
import { byLogging, pickContainer, resolvePod } from './podutil';

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";

export async function runLogs(k: Kctx): Promise<number> {
  const selector = k.f.str('selector');
  if (!k.args.length && !selector) throw new RawError(USAGE);
  if (k.args.length && selector) throw new KubectlError('only a selector (-l) or a POD name is allowed');
  const ns = k.namespace;
  let pods: KubeObject[] = [];
  if (selector) {
    pods = k.rest().call<KubeList>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, query: { labelSelector: selector } }).items ?? [];
    if (!pods.length) {
      k.err(`No resources found in ${ns} namespace.\n`);
      return 0;
    }
    const max = k.f.int('max-log-requests') || 5;
    if (k.f.bool('follow') && pods.length > max) throw new KubectlError(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  } else {
    const arg = k.args.length > 1 && !k.args[0].includes('/') ? k.args[0] : k.args[0];
    let target;
    try {
      target = resolvePod(k, arg, ns, byLogging);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404 && !arg.includes('/')) throw new KubectlError(`error from server (NotFound): ${e.message} in namespace "${ns}"`);
      throw e;
    }
    if (target.found > 1) k.err(`Found ${target.found} pods, using pod/${target.pod.metadata.name}\n`);
    pods = [target.pod];
  }
  const requested = k.f.str('container') || (k.args.length > 1 ? k.args[1] : '');
  const prefix = k.f.bool('prefix');
  const streams: Promise<void>[] = [];
  for (const pod of pods) {
    const containers: string[] = k.f.bool('all-containers')
      ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name)
      : [pickContainer(k, pod, requested, !!selector)];
    for (const c of containers) {
      const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
      if (!all.some((x: { name: string }) => x.name === c)) throw new KubectlError(`container ${c} is not valid for pod ${pod.metadata.name}`);
      streams.push(streamLog(k, pod, c, prefix ? `[pod/${pod.metadata.name}/${c}] ` : ''));
      if (!k.f.bool('follow')) await streams[streams.length - 1];
    }
  }
  await Promise.all(streams);
  return k.ctx.signal.aborted ? 130 : 0;
}

function withPrefix(text: string, prefix: string): string {
  if (!prefix || !text) return text;
  return text
    .split(/(?<=\n)/)
    .map((l) => prefix + l)
    .join('');
}

async function streamLog(k: Kctx, pod: KubeObject, container: string, prefix: string): Promise<void> {
  const ns = pod.metadata.namespace ?? k.namespace;
  const query: Record<string, string | undefined> = { container };
  if (k.f.bool('follow')) query.follow = 'true';
  if (k.f.bool('previous')) query.previous = 'true';
  if (k.f.bool('timestamps')) query.timestamps = 'true';
  const tail = k.f.int('tail');
  if (tail >= 0 && k.f.changed('tail')) query.tailLines = String(tail);
  else if (k.f.str('selector') && !k.f.changed('tail')) query.tailLines = '10';
  // kubectl sends sinceSeconds only for a non-zero --since (its default is 0s): staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go
  const sinceMs = k.f.str('since') ? k.f.durationMs('since') : 0;
  if (sinceMs > 0) query.sinceSeconds = String(Math.ceil(sinceMs / 1000));
  if (k.f.int('limit-bytes') > 0) query.limitBytes = String(k.f.int('limit-bytes'));
  const res = k.rest().request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod.metadata.name!)}/log`, query });
  if (res.status >= 400) throw new StatusError(res.body as never, res.status, 'GET', '');
  if (!res.stream) {
    k.out(withPrefix(typeof res.body === 'string' ? res.body : '', prefix));
    return;
  }
  const stream = res.stream as ApiStream<string>;
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stream.close();
      resolve();
    };
    k.ctx.signal.onAbort(finish);
    if (k.ctx.signal.aborted) return finish();
    stream.subscribe((chunk) => !done && k.out(withPrefix(chunk, prefix)), finish);
  });
}
