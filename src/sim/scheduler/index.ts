export { Scheduler, DEFAULT_SCHEDULER_NAME, type SchedulerOptions } from './scheduler';
export { filterNode, tolerates, firstUntolerated, podMatchesNodeAffinity, matchesNodeSelectorTerms, type NodeInfo, type FilterResult, type Taint, type Toleration } from './filters';
export { fitErrorMessage } from './fiterror';
export { scoreNodes } from './scoring';
export { parseQuantity, podRequests, podNonZeroRequests, nodeAllocatable, toScalar } from './resources';
