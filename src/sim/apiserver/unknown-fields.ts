/**
 * The one place the server asks which fields of a body the schema does not know. The field schema is generated
 * in ./schema (its own module); until a schema for a kind exists, nothing counts as unknown, which is what the
 * real server does for types without a structural schema (x-kubernetes-preserve-unknown-fields).
 */
import type { KubeObject } from './types';
import * as schema from './schema';

type Finder = (group: string, version: string, kind: string, obj: KubeObject) => string[];

export function findUnknownFields(group: string, version: string, kind: string, obj: KubeObject): string[] {
  const fn = (schema as Record<string, unknown>).findUnknownFields as Finder | undefined;
  return typeof fn === 'function' ? fn(group, version, kind, obj) : [];
}
