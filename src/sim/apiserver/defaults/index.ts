/**
 * Defaulting, as the real API server applies it on create and update (pkg/apis/<group>/v1/defaults.go and the
 * admission defaults). Mutates `obj` in place. `resource` is the plural resource name, `group` its API group.
 * (Initial version: the full rules land with the api-machinery work.)
 */
import type { KubeObject } from '../types';

export interface DefaultingContext {
  /** The object before this update, for update-time defaulting; undefined on create. */
  old?: KubeObject;
}

export function applyDefaults(group: string, resource: string, obj: KubeObject, _ctx: DefaultingContext = {}): void {
  void group;
  void resource;
  void obj;
}
