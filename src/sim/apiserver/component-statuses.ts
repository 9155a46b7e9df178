/**
 * componentstatuses: not stored, computed on each read from health checks of the control-plane components
 * (pkg/registry/core/componentstatus/rest.go). k3s runs the scheduler and controller manager in its own
 * process and keeps no etcd member list when it stores in SQLite through kine, so two components report, both
 * healthy. The upstream handler gathers them concurrently, so their order is not fixed; this one is stable.
 * Every read carries the deprecation warning the API server attaches to the resource since v1.19.
 */
import type { KubeObject } from './types';

export const COMPONENT_STATUS_WARNING = 'v1 ComponentStatus is deprecated in v1.19+';

const COMPONENTS = ['scheduler', 'controller-manager'];

export function componentStatuses(): KubeObject[] {
  return COMPONENTS.map((name) => ({
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  }));
}
