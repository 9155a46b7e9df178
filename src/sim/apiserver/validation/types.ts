/** The field error shape the API server turns into a 422 Invalid Status (causes[].reason is the type). */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound';

export interface FieldError {
  type: FieldErrorType;
  /** e.g. 'spec.template.spec.containers[0].image' */
  field: string;
  /** Rendered as in field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  message: string;
  value?: unknown;
  detail?: string;
}
