/**
 * Deep copy of plain JSON data. Stored objects never leave the store by reference: a caller that mutates what
 * it read (as controllers do before an update) must not change the stored revision behind the store's back.
 * A hand-written walk is several times faster than structuredClone for small JSON trees.
 */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepClone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = deepClone(x);
  }
  return out as T;
}
