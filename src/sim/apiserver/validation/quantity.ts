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

export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;
const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/**
 * Why resource.ParseQuantity refuses `s`, or undefined when it parses. Follows its scanner
 * (apimachinery pkg/api/resource/quantity.go parseQuantityString): sign, digits, an optional fraction, suffix
 * letters, an optional signed exponent; anything after that is ErrFormatWrong, an unknown suffix ErrSuffix.
 */
export function quantityParseError(s: string): string | undefined {
  if (s.length === 0) return QUANTITY_FORMAT_ERROR;
  let pos = s[0] === '-' || s[0] === '+' ? 1 : 0;
  const digits = () => {
    while (pos < s.length && s[pos] >= '0' && s[pos] <= '9') pos++;
  };
  digits();
  if (pos < s.length && s[pos] === '.') {
    pos++;
    digits();
  }
  const suffixStart = pos;
  while (pos < s.length && 'eEinumkKMGTP'.includes(s[pos])) pos++;
  if (pos < s.length && (s[pos] === '-' || s[pos] === '+')) pos++;
  digits();
  if (pos < s.length) return QUANTITY_FORMAT_ERROR;
  const suffix = s.slice(suffixStart);
  if (SUFFIXES.has(suffix)) return undefined;
  // A decimal exponent: e3, E-6 (strconv.ParseInt of what follows the letter).
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) return undefined;
  return "unable to parse quantity's suffix";
}
