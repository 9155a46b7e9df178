/**
 * Validation with the real field paths and messages (pkg/apis/<group>/validation, apimachinery util/validation).
 * Returns field errors; the API server turns them into a 422 Invalid Status.
 * (Initial version: the full rules land with the api-machinery work.)
 */
import type { KubeObject } from '../types';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** e.g. 'spec.template.spec.containers[0].image' */
  field: string;
  /** Rendered as in field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  message: string;
  value?: unknown;
  detail?: string;
}

export interface ValidationContext {
  /** The stored object on update; undefined on create. */
  old?: KubeObject;
  subresource?: string;
}

export function validate(group: string, resource: string, obj: KubeObject, _ctx: ValidationContext = {}): FieldError[] {
  void group;
  void resource;
  void obj;
  return [];
}
