/**
 * resource.Quantity parsing (apimachinery pkg/api/resource/quantity.go): decimal SI (n u m k M G T P E),
 * binary SI (Ki Mi Gi Ti Pi Ei) and decimal exponents (e3). Values are returned in base units as numbers,
 * precise enough for the comparisons validation makes (request <= limit, >= 0).
 */

export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity's value in base units, or undefined when the text is not a quantity. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = RE.exec(q.trim() === q ? q : '');
  if (!m) return undefined;
  const num = Number(m[1]);
  if (Number.isNaN(num) || (m[1].match(/\./g) ?? []).length > 1) return undefined;
  const suffix = m[2];
  if (suffix in SUFFIX) return num * SUFFIX[suffix];
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (exp) return num * 10 ** Number(exp[1]);
  return undefined;
}
