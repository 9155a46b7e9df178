/**
 * Enough of apimachinery resource.Quantity for describe and top: parse `100m`, `2`, `128Mi`, `1G`, `1e3`,
 * add, and print in the canonical form (binary suffixes stay binary, decimal stay decimal).
 */
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export interface Quantity {
  value: number;
  binary: boolean;
}

export function parseQuantity(s: string | number | undefined): Quantity {
  if (s === undefined || s === null) return { value: 0, binary: false };
  if (typeof s === 'number') return { value: s, binary: false };
  const m = /^([+-]?[0-9.]+)(e[+-]?\d+|E[+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(s.trim());
  if (!m) return { value: 0, binary: false };
  let v = Number(m[1]);
  if (m[2]) v *= 10 ** Number(m[2].slice(1));
  const suf = m[3] ?? '';
  if (suf in BIN) return { value: v * BIN[suf], binary: true };
  return { value: v * (DEC[suf] ?? 1), binary: false };
}

export function formatQuantity(q: Quantity): string {
  const v = q.value;
  if (v === 0) return '0';
  if (q.binary) {
    for (const suf of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const u = BIN[suf];
      if (v >= u && Number.isInteger(v / u)) return `${v / u}${suf}`;
    }
    return String(Math.round(v));
  }
  const milli = Math.round(v * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const whole = milli / 1000;
  for (const [suf, u] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (whole >= u && whole % u === 0) return `${whole / u}${suf}`;
  }
  return String(whole);
}

export function addQuantities(list: (string | undefined)[]): Quantity {
  let value = 0;
  let binary: boolean | undefined;
  for (const s of list) {
    if (s === undefined) continue;
    const q = parseQuantity(s);
    value += q.value;
    if (binary === undefined) binary = q.binary;
  }
  return { value, binary: !!binary };
}
