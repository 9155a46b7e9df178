/**
 * Access to the lazily loaded descriptions, shared by explainField and the OpenAPI documents.
 */
export type FieldDoc = string | { d: string; e: string[] };
export type DocsData = Record<string, Record<string, FieldDoc>>;

import { jsonDefault, onDemand } from '../../lazy';

let DOCS: DocsData | undefined;

const importDocs = onDemand(async () => jsonDefault<DocsData>(await import('./data/docs.json')));

/** Loads the field descriptions (once). explainField and openApiV3 carry descriptions only after this. */
export async function loadSchemaDocs(): Promise<void> {
  if (DOCS) return;
  const docs = await importDocs();
  DOCS ??= docs;
}

/** Installs descriptions obtained another way (e.g. read synchronously from disk by the CLI). */
export function setSchemaDocs(docs: DocsData): void {
  DOCS = docs;
}

export function schemaDocsLoaded(): boolean {
  return DOCS !== undefined;
}

export function docsFor(definition: string): Record<string, FieldDoc> | undefined {
  return DOCS?.[definition];
}
