/**
 * PodLogOptions validation (pkg/apis/core/validation/validation.go ValidatePodLogOptions; the pods/log REST
 * handler, pkg/registry/core/pod/rest/log.go, runs it before it looks the pod up and answers
 * `PodLogOptions "<pod>" is invalid: ...`, 422). tailLines may be 0, limitBytes and sinceSeconds must be >= 1.
 */
import { forbidden, invalid } from './field';
import type { FieldError } from './types';

export interface PodLogOptionValues {
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
}

export function validatePodLogOptions(o: PodLogOptionValues): FieldError[] {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid('tailLines', o.tailLines, 'must be greater than or equal to 0'));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid('limitBytes', o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errs.push(invalid('sinceSeconds', o.sinceSeconds, 'must be greater than 0'));
  return errs;
}
