/**
 * The part of resource.Quantity quota arithmetic needs (apimachinery pkg/api/resource/quantity.go): parse, add,
 * compare, and the canonical String(). Values are kept in milli-units (quota never sees finer ones in practice)
 * with the format of the text they came from; a sum keeps the format of its left operand unless that is zero, as
 * Quantity.Add does.
 * Canonical form: DecimalSI picks the largest of m, "", k, M, G, T, P, E that keeps the mantissa whole ("1500m",
 * "2", "64M"); BinarySI the largest of Ki … Ei that divides exactly, and falls back to DecimalSI for values below
 * 1024 or with a fractional part.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value × 1000, rounded up to a whole milli-unit as Quantity does when it cannot keep finer precision */
  milli: number;
  format: QuantityFormat;
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export function parseQuantity(text: unknown): Quantity | undefined {
  if (typeof text === 'number') return { milli: Math.round(text * 1000), format: 'DecimalSI' };
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?[0-9]+))$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return { milli: Math.ceil(n * 2 ** BINARY[m[2]] * 1000), format: 'BinarySI' };
  if (m[4] !== undefined) return { milli: Math.ceil(n * 10 ** (Number(m[4]) + 3)), format: 'DecimalExponent' };
  return { milli: Math.ceil(n * 10 ** (DECIMAL[m[3] ?? ''] + 3) - 1e-9), format: 'DecimalSI' };
}

export const zero = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ milli: 0, format });
export const count = (n: number): Quantity => ({ milli: n * 1000, format: 'DecimalSI' });
/** Quantity.Add: a zero receiver takes the other's format. */
export const add = (a: Quantity, b: Quantity): Quantity => ({ milli: a.milli + b.milli, format: a.milli === 0 ? b.format : a.format });

export function formatQuantity(q: Quantity): string {
  const v = q.milli;
  if (v === 0) return '0';
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  if (q.format === 'BinarySI' && abs % 1000 === 0 && abs / 1000 >= 1024) {
    const whole = abs / 1000;
    let best = '';
    let div = 1;
    for (const [suffix, pow] of Object.entries(BINARY)) {
      if (whole % 2 ** pow === 0) {
        best = suffix;
        div = 2 ** pow;
      }
    }
    return `${sign}${whole / div}${best}`;
  }
  // DecimalSI (DecimalExponent prints as e-notation upstream; quota values never use it in practice)
  let suffix = 'm';
  let mantissa = abs;
  for (const s of ['', 'k', 'M', 'G', 'T', 'P', 'E']) {
    const div = 10 ** (DECIMAL[s] + 3);
    if (abs % div !== 0) break;
    suffix = s;
    mantissa = abs / div;
  }
  if (q.format === 'DecimalExponent' && suffix !== 'm') {
    const exp = DECIMAL[suffix];
    return exp === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exp}`;
  }
  return `${sign}${mantissa}${suffix}`;
}

/** The canonical text of a quantity given as text ("1000m" → "1"); unparsable text is returned as is. */
export function canonical(text: unknown): string {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : String(text);
}
