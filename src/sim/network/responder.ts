/**
 * Who answers a TCP connection that reached a pod port. The node runtime knows which processes listen (it runs
 * them); when it registers nothing, the catalog decides from the pod spec: a running container whose image's
 * process serves on that port answers with the image's HTTP behaviour.
 */
import type { KubeObject } from '../apiserver/types';
import { answerHttp, planProcess, resolveImage, versionOf, type HttpAnswer, type HttpRequestLike } from '../images';
import { parseTimeMs } from './time';

/** undefined = nothing listens on the port (connection refused). */
export type PodHttpResponder = (pod: KubeObject, port: number, req: HttpRequestLike, now: number) => HttpAnswer | undefined;

export const catalogResponder: PodHttpResponder = (pod, port, req, now) => {
  const statuses: { name: string; state?: { running?: { startedAt?: string } } }[] = pod.status?.containerStatuses ?? [];
  for (const c of pod.spec?.containers ?? []) {
    const st = statuses.find((s) => s.name === c.name);
    if (!st?.state?.running) continue;
    const img = resolveImage(c.image ?? '');
    if (!('entry' in img)) continue;
    const plan = planProcess(img, { command: c.command, args: c.args });
    if (!('program' in plan)) continue;
    const prog = plan.program;
    if (!prog.ports.includes(port) || !prog.http) continue;
    return answerHttp(prog.http, req, {
      hostname: pod.spec?.hostname ?? pod.metadata.name!,
      podIP: pod.status?.podIP ?? '',
      now,
      startedAt: parseTimeMs(st.state.running.startedAt) ?? now,
      version: versionOf(img),
    });
  }
  return undefined;
};
