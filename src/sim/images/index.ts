/** The image catalog and the processes containers run: the kubelet's container runtime reads only this. */
export { CATALOG, K3S_SYSTEM_IMAGES } from './catalog';
export { parseImageRef, defaultPullPolicy, type ImageRef } from './reference';
export { resolveImage, isPullFailure, catalogEntry, digestOf, versionOf, pullDurationMs, type ResolvedImage, type PullFailure } from './registry';
export { planProcess, notFoundStartError, type Program, type ProcessAction, type ProcessContext, type ProcessRun, type HttpResult, type PlanResult } from './process';
export { answerHttp, NGINX_WELCOME, type HttpAnswer, type HttpRequestLike, type HttpAnswerContext } from './http';
export { containerShell, loadContainerShell, provideContainerShell, type ShellModule } from './container-shell';
export { piDigits } from './pi';
export { formatDate } from './strftime';
export type { ImageEntry, HttpBehaviour, DefaultProcess } from './types';
